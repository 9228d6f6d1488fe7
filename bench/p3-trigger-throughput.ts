import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { BOLNA_STATUSES } from '../nodes/Bolna/shaping';
import type { BenchN8n, N8nInstance } from './real-n8n';
import { startBenchN8n, unusedBolnaCredential } from './real-n8n';
import type { Figure } from './report';
import { ratioSpread } from './report';

const EVENTS = 600;
const WARM_UP = 50;
const CONCURRENCY = 8;
const ROUNDS = 4;
const TOKEN = 'bench-token-3f9c2a7e5b1d4c8a9e6f0b2d';

/** A Bolna execution as Bolna POSTs it to the agent's webhook on a status change. */
export function payload(i: number): string {
	const status = BOLNA_STATUSES[i % BOLNA_STATUSES.length];
	const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
	return JSON.stringify({
		id: randomUUID(),
		agent_id: '5a1e5000-0000-4000-8000-000000000001',
		batch_id: null,
		status,
		error_message: null,
		answered_by_voice_mail: false,
		conversation_duration: status === 'completed' ? 94 : null,
		total_cost: status === 'completed' ? 9.4 : null,
		transcript: status === 'completed' ? 'assistant: Hello!\nuser: Hi, yes.\nassistant: Goodbye!' : null,
		created_at: at,
		updated_at: at,
		extracted_data: status === 'completed' ? { interested: true, callback_time: 'tomorrow 10:00' } : null,
		telephony_data: {
			to_number: `+1415${String(5_000_000 + i).padStart(7, '0')}`,
			from_number: '+14155550100',
			call_type: 'outbound',
			provider: 'twilio',
			duration: status === 'completed' ? '94' : null,
		},
		context_details: { recipient_data: { name: `Contact ${i}` } },
	});
}

interface Phase {
	/** Client-side time until the last response. */
	ms: number;
	/** Time until n8n recorded every execution of the phase as successful. */
	doneMs: number;
	latencies: number[];
	failures: number;
}

/** Sends every body once, `CONCURRENCY` at a time, over keep-alive loopback connections. */
async function load(url: string, bodies: string[]): Promise<Omit<Phase, 'doneMs'>> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const latencies: number[] = [];
	let failures = 0;
	let next = 0;
	const send = (body: string) =>
		new Promise<number>((resolve, reject) => {
			const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			});
			req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
			req.on('error', reject);
			req.end(body);
		});
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < bodies.length) {
				const body = bodies[next++];
				const t = performance.now();
				const status = await send(body).catch(() => 0);
				latencies.push(performance.now() - t);
				if (status !== 200) failures++;
			}
		}),
	);
	const ms = performance.now() - started;
	agent.destroy();
	return { ms, latencies, failures };
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Waits until n8n has recorded `count` finished executions of the workflow. */
async function executionsDone(n8n: N8nInstance, workflowId: string, count: number, timeoutMs = 120_000): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId), status: ['success'] }));
	const deadline = Date.now() + timeoutMs;
	let seen = 0;
	while (Date.now() < deadline) {
		const data = await n8n.request('GET', `/rest/executions?filter=${filter}&limit=1`);
		seen = Number(data?.count ?? 0);
		if (seen >= count) return seen;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return seen;
}

export function webhookNode(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, webhookId: string, credentials?: Record<string, unknown>) {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, webhookId, ...(credentials ? { credentials } : {}) };
}

/**
 * A community trigger that does nothing (it answers and starts a run with one empty item), packed
 * like any community package: the same n8n code path as the Bolna Trigger, none of its work.
 * `noopCredentialTrigger` is the same with a credential of its own (`noopApi`) that it shows and
 * never reads.
 */
export function packNoopTrigger(): string {
	const dir = mkdtempSync(join(tmpdir(), 'bench-noop-'));
	mkdirSync(join(dir, 'dist'));
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-bench-noop',
			version: '0.0.1',
			license: 'MIT',
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				nodes: ['dist/NoopTrigger.node.js', 'dist/NoopCredentialTrigger.node.js'],
				credentials: ['dist/NoopApi.credentials.js'],
			},
		}),
	);
	const trigger = (className: string, name: string, credentials: string) => `class ${className} {
	constructor() {
		this.description = {
			displayName: '${className}', name: '${name}', group: ['trigger'], version: [1, 2], defaultVersion: 2,
			description: 'Does nothing', defaults: { name: '${className}' }, inputs: [], outputs: ['main'],
			credentials: ${credentials},
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [],
		};
	}
	async webhook() { return { workflowData: [[{ json: {} }]] }; }
}
module.exports = { ${className} };
`;
	writeFileSync(join(dir, 'dist', 'NoopTrigger.node.js'), trigger('NoopTrigger', 'noopTrigger', '[]'));
	writeFileSync(
		join(dir, 'dist', 'NoopCredentialTrigger.node.js'),
		trigger('NoopCredentialTrigger', 'noopCredentialTrigger', "[{ name: 'noopApi', required: true }]"),
	);
	writeFileSync(
		join(dir, 'dist', 'NoopApi.credentials.js'),
		`class NoopApi {
	constructor() {
		this.name = 'noopApi';
		this.displayName = 'Noop API';
		this.properties = [{ displayName: 'Key', name: 'key', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
module.exports = { NoopApi };
`,
	);
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: dir, encoding: 'utf8' });
	const [info] = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return join(dir, info.filename);
}

/** Webhook → IF (token and status) → Set: what a user builds by hand instead of the trigger. */
function handMadeFlow(path: string) {
	const webhook = webhookNode('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, randomUUID());
	const condition = (leftValue: string, rightValue: string) => ({ id: randomUUID(), leftValue, rightValue, operator: { type: 'string', operation: 'equals' } });
	return {
		name: 'Bench: Webhook + IF + Set',
		nodes: [
			webhook,
			{
				id: randomUUID(),
				name: 'IF',
				type: 'n8n-nodes-base.if',
				typeVersion: 2.2,
				position: [200, 0],
				parameters: {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [condition('={{ $json.query.token }}', TOKEN), condition('={{ $json.body.status }}', 'completed')],
						combinator: 'and',
					},
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: randomUUID(), name: 'executionId', value: '={{ $json.body.id }}', type: 'string' },
							{ id: randomUUID(), name: 'status', value: '={{ $json.body.status }}', type: 'string' },
							{ id: randomUUID(), name: 'extractedData', value: '={{ $json.body.extracted_data }}', type: 'object' },
						],
					},
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'IF', type: 'main', index: 0 }]] },
			IF: { main: [[{ node: 'Set', type: 'main', index: 0 }]] },
		},
	};
}

function skipped(reason: string): Figure[] {
	return [
		{
			id: 'P3',
			what: 'Bolna Trigger webhook path vs bare n8n Webhook node in a real n8n: events/s',
			ours: 'skipped',
			baseline: 'skipped',
			ratio: 'n/a',
			note: `not measured: ${reason.replace(/\s+/g, ' ').slice(0, 300)}`,
		},
	];
}

/**
 * P3: the Bolna Trigger's webhook path (token check, payload validation, status filter, dedupe,
 * Raw output) in a real n8n vs n8n's own Webhook node, on the same payloads, same n8n, same run.
 */
/**
 * P3 under n8n's default expression settings and with `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true`
 * (see docs/performance.md): the trigger is declared at version 2, for which n8n skips the
 * version-1 leftover expression that takes the isolate for every event.
 */
export async function triggerThroughput(root: string): Promise<Figure[]> {
	const byDefault = await triggerThroughputWith(root, {}, 'default settings');
	const lazy = await triggerThroughputWith(root, { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true');
	return [...byDefault, ...lazy.map((f) => ({ ...f, id: `${f.id}-lazy` }))];
}

async function triggerThroughputWith(root: string, env: Record<string, string>, setting: string): Promise<Figure[]> {
	let bench: BenchN8n | undefined;
	try {
		bench = await startBenchN8n(root, { env, extra: () => [packNoopTrigger()] });
		const { n8n, version } = bench;
		const credential = await unusedBolnaCredential(n8n);

		const triggerId = randomUUID();
		const ours = await n8n.deploy({
			name: 'Bench: Bolna Trigger',
			nodes: [
				webhookNode(
					'Bolna Trigger',
					'n8n-nodes-voice-agents-bolna.bolnaTrigger',
					2,
					{ registerAutomatically: false, token: TOKEN, statuses: [...BOLNA_STATUSES], outputMode: 'raw', options: {} },
					triggerId,
					{ bolnaApi: { id: credential.id, name: credential.name } },
				),
			],
			connections: {},
		});
		const barePath = `bench-bare-${randomUUID().slice(0, 8)}`;
		const bare = await n8n.deploy({
			name: 'Bench: bare Webhook',
			nodes: [
				webhookNode('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path: barePath, responseMode: 'onReceived', options: {} }, randomUUID()),
			],
			connections: {},
		});
		const flowPath = `bench-flow-${randomUUID().slice(0, 8)}`;
		const flow = await n8n.deploy(handMadeFlow(flowPath));
		const noopId = randomUUID();
		const noopWorkflow = await n8n.deploy({
			name: 'Bench: do-nothing community trigger',
			nodes: [webhookNode('Noop Trigger', 'n8n-nodes-bench-noop.noopTrigger', 2, {}, noopId)],
			connections: {},
		});
		const oursUrl = `${n8n.baseUrl}/webhook/${triggerId}/webhook?token=${TOKEN}`;
		const bareUrl = `${n8n.baseUrl}/webhook/${barePath}?token=${TOKEN}`;
		const flowUrl = `${n8n.baseUrl}/webhook/${flowPath}?token=${TOKEN}`;
		const noopUrl = `${n8n.baseUrl}/webhook/${noopId}/webhook?token=${TOKEN}`;

		// Both paths get the same bodies; the execution ids are distinct, so dedupe drops nothing.
		const bodies = Array.from({ length: EVENTS + WARM_UP }, (_, i) => payload(i));
		type SideName = 'ours' | 'bare' | 'flow' | 'noop';
		const sides: Record<SideName, { url: string; workflowId: string; expected: number; next: number }> = {
			ours: { url: oursUrl, workflowId: ours.id, expected: 0, next: 0 },
			bare: { url: bareUrl, workflowId: bare.id, expected: 0, next: 0 },
			flow: { url: flowUrl, workflowId: flow.id, expected: 0, next: 0 },
			noop: { url: noopUrl, workflowId: noopWorkflow.id, expected: 0, next: 0 },
		};
		const order: SideName[] = ['ours', 'bare', 'flow', 'noop'];
		// Each call sends the side's next slice of distinct events (a repeated event id would be a duplicate).
		const phase = async (name: SideName, count: number): Promise<Phase> => {
			const side = sides[name];
			const slice = bodies.slice(side.next, side.next + count);
			side.next += count;
			const started = performance.now();
			const result = await load(side.url, slice);
			side.expected += slice.length;
			const recorded = await executionsDone(n8n, side.workflowId, side.expected);
			if (result.failures || recorded < side.expected) {
				throw new Error(`${name}: ${result.failures} non-200 answers, ${recorded}/${side.expected} executions recorded`);
			}
			return { ...result, doneMs: performance.now() - started };
		};
		for (const name of order) await phase(name, WARM_UP);
		// ROUNDS rounds of EVENTS / ROUNDS events per side, the order rotating each round (A B C D,
		// B C D A, …): no side always runs first or against the largest execution table.
		const perRound = EVENTS / ROUNDS;
		const rounds: Array<Record<SideName, Phase>> = [];
		for (let r = 0; r < ROUNDS; r++) {
			const got = {} as Record<SideName, Phase>;
			for (let k = 0; k < order.length; k++) {
				const name = order[(r + k) % order.length];
				got[name] = await phase(name, perRound);
			}
			rounds.push(got);
		}
		const eventsPerSecond = (p: Phase) => (p.latencies.length / p.ms) * 1000;
		const completedPerSecond = (p: Phase) => (p.latencies.length / p.doneMs) * 1000;
		const p50 = (p: Phase) => percentile([...p.latencies].sort((a, b) => a - b), 0.5);
		const versus = (measure: (p: Phase) => number, baseline: SideName, side: SideName = 'ours') =>
			ratioSpread(rounds.map((round) => measure(round[side]) / measure(round[baseline])), 2);

		const summary = (phases: Phase[]) => {
			const latencies = phases.flatMap((p) => p.latencies).sort((a, b) => a - b);
			const ms = phases.reduce((sum, p) => sum + p.ms, 0);
			const doneMs = phases.reduce((sum, p) => sum + p.doneMs, 0);
			return {
				eventsPerSecond: (latencies.length / ms) * 1000,
				completedPerSecond: (latencies.length / doneMs) * 1000,
				p50: percentile(latencies, 0.5),
				p95: percentile(latencies, 0.95),
			};
		};
		const loadOf = (name: SideName) => summary(rounds.map((round) => round[name]));
		const oursLoad = loadOf('ours');
		const bareLoad = loadOf('bare');
		const flowLoad = loadOf('flow');
		const noopLoad = loadOf('noop');
		const runs = `every event answered 200 and recorded as a successful execution (${EVENTS.toLocaleString('en')} per side in ${ROUNDS} rounds of ${perRound}, order rotating, after ${WARM_UP} warm-up each; ratio per round, min / median / max)`;
		return [
			{
				id: 'P3a',
				what: `Real n8n ${version}, ${setting}: Bolna Trigger (v2) vs bare Webhook node, ${EVENTS.toLocaleString('en')} Bolna status events, ${CONCURRENCY} concurrent — events/s`,
				ours: `${oursLoad.eventsPerSecond.toFixed(0)} events/s`,
				baseline: `${bareLoad.eventsPerSecond.toFixed(0)} events/s`,
				ratio: versus(eventsPerSecond, 'bare'),
				note: `ratio = trigger / webhook; trigger: token, all ${BOLNA_STATUSES.length} statuses selected, Raw output, dedupe on (distinct ids); both respond on receipt; loopback, keep-alive; ${runs}`,
			},
			{
				id: 'P3b',
				what: `Same run (${setting}): events/s until n8n has recorded every execution as successful`,
				ours: `${oursLoad.completedPerSecond.toFixed(0)} events/s`,
				baseline: `${bareLoad.completedPerSecond.toFixed(0)} events/s`,
				ratio: versus(completedPerSecond, 'bare'),
				note: 'includes running and saving each execution (SQLite); checked by polling the executions list every 0.5 s. Each trigger run also checks n8n\'s processed-data store for an event it already ran (the trigger\'s execute() step, with its re-check a moment later); the bare Webhook node has no such step',
			},
			{
				id: 'P3c',
				what: `Same run (${setting}): latency per event (p50 / p95)`,
				ours: `${oursLoad.p50.toFixed(1)} / ${oursLoad.p95.toFixed(1)} ms`,
				baseline: `${bareLoad.p50.toFixed(1)} / ${bareLoad.p95.toFixed(1)} ms`,
				ratio: versus(p50, 'bare'),
				note: 'ratio of p50 latencies (trigger / webhook), measured at the client from request to end of response',
			},
			{
				id: 'P3d',
				what: `Same run (${setting}): Bolna Trigger vs a do-nothing community trigger (answers and starts a run with one empty item) — events/s answered / completed`,
				ours: `${oursLoad.eventsPerSecond.toFixed(0)} / ${oursLoad.completedPerSecond.toFixed(0)} events/s`,
				baseline: `${noopLoad.eventsPerSecond.toFixed(0)} / ${noopLoad.completedPerSecond.toFixed(0)} events/s`,
				ratio: `${versus(eventsPerSecond, 'noop')} answered; ${versus(completedPerSecond, 'noop')} completed`,
				note: 'the do-nothing trigger takes n8n\'s path for community triggers with none of the work: what is left of the gap to the bare Webhook node is n8n\'s, not this package\'s',
			},
			{
				id: 'P3e',
				what: `Same run (${setting}): Bolna Trigger vs a hand-made Webhook + IF (token, status) + Set flow — events/s answered / completed`,
				ours: `${oursLoad.eventsPerSecond.toFixed(0)} / ${oursLoad.completedPerSecond.toFixed(0)} events/s`,
				baseline: `${flowLoad.eventsPerSecond.toFixed(0)} / ${flowLoad.completedPerSecond.toFixed(0)} events/s`,
				ratio: `${versus(eventsPerSecond, 'flow')} answered; ${versus(completedPerSecond, 'flow')} completed`,
				note: 'the flow checks the token and one status with IF and shapes three fields with Set; it has no duplicate check, no payload validation and answers 200 to a wrong token',
			},
		];
	} catch (error) {
		return skipped((error as Error).message);
	} finally {
		// The instance, its SQLite database and the packed tarballs are temporary.
		await bench?.stop();
	}
}

import { randomUUID } from 'node:crypto';

import { BOLNA_STATUSES } from '../nodes/Bolna/shaping';
import type { Figure } from './report';
import { packNoopTrigger, payload, webhookNode } from './p3-trigger-throughput';
import type { BenchN8n, N8nInstance } from './real-n8n';
import { startBenchN8n, unusedBolnaCredential } from './real-n8n';

const EVENTS = 20;
const ROUNDS = 3;
const TOKEN = 'bench-token-3f9c2a7e5b1d4c8a9e6f0b2d';

type SideName = 'oursCredential' | 'ours' | 'noopCredential' | 'noop';

/** Sends the bodies one after another and fails on any answer but 200. */
async function send(url: string, bodies: string[]): Promise<void> {
	for (const body of bodies) {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`${url}: answered ${res.status}`);
	}
}

/** Waits until n8n has recorded `count` successful executions of the workflow. */
async function executionsDone(n8n: N8nInstance, workflowId: string, count: number, timeoutMs = 60_000): Promise<void> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId), status: ['success'] }));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const data = await n8n.request('GET', `/rest/executions?filter=${filter}&limit=1`);
		if (Number(data?.count ?? 0) >= count) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`fewer than ${count} executions of workflow ${workflowId} recorded`);
}

/** A logged query that reads or writes credentials (their table or their sharing). */
const CREDENTIAL_QUERY = /\bquery: .*\b(?:credentials_entity|shared_credentials)\b/;

/**
 * P3f/P3g: database queries per trigger event in a real n8n, every query logged by n8n's database
 * layer (DB_LOGGING_ENABLED=true, DB_LOGGING_OPTIONS=query) and counted per event. n8n checks the
 * access to every credential a node shows before each execution, and looks up every attached
 * credential for resolvable (dynamic) credentials; the Bolna Trigger with a manual token shows none
 * and needs none (its credential only registers the URL).
 */
export async function credentialQueries(root: string): Promise<Figure[]> {
	let bench: BenchN8n | undefined;
	try {
		bench = await startBenchN8n(root, {
			env: { DB_LOGGING_ENABLED: 'true', DB_LOGGING_OPTIONS: 'query' },
			extra: () => [packNoopTrigger()],
		});
		const { n8n, version } = bench;
		const bolna = await unusedBolnaCredential(n8n);
		const noopCredential = await n8n.createCredential('Noop', 'noopApi', { key: 'unused' });

		const deploy = async (name: string, type: string, parameters: Record<string, unknown>, credentials?: Record<string, unknown>) => {
			const id = randomUUID();
			const workflow = await n8n.deploy({ name, nodes: [webhookNode(name, type, 2, parameters, id, credentials)], connections: {} });
			return { url: `${n8n.baseUrl}/webhook/${id}/webhook?token=${TOKEN}`, workflowId: workflow.id };
		};
		const manual = { registerAutomatically: false, token: TOKEN, statuses: [...BOLNA_STATUSES], outputMode: 'raw', options: {} };
		const sides: Record<SideName, { url: string; workflowId: string }> = {
			oursCredential: await deploy('Bolna Trigger, credential attached', 'n8n-nodes-voice-agents-bolna.bolnaTrigger', manual, {
				bolnaApi: { id: bolna.id, name: bolna.name },
			}),
			ours: await deploy('Bolna Trigger', 'n8n-nodes-voice-agents-bolna.bolnaTrigger', manual),
			noopCredential: await deploy('Noop Trigger, credential in use', 'n8n-nodes-bench-noop.noopCredentialTrigger', {}, {
				noopApi: { id: noopCredential.id, name: noopCredential.name },
			}),
			noop: await deploy('Noop Trigger', 'n8n-nodes-bench-noop.noopTrigger', {}),
		};
		const order: SideName[] = ['oursCredential', 'ours', 'noopCredential', 'noop'];
		const done: Record<SideName, number> = { oursCredential: 0, ours: 0, noopCredential: 0, noop: 0 };
		let next = 0;
		const credentialQueries = (from: number) =>
			n8n.log().slice(from).split('\n').filter((line) => CREDENTIAL_QUERY.test(line)).length;
		const measure = async (name: SideName): Promise<number> => {
			const before = n8n.log().length;
			await send(sides[name].url, Array.from({ length: EVENTS }, () => payload(next++)));
			done[name] += EVENTS;
			await executionsDone(n8n, sides[name].workflowId, done[name]);
			return credentialQueries(before) / EVENTS;
		};
		// n8n's own background work, with no event: none of it may touch credentials.
		const idleFrom = n8n.log().length;
		await new Promise((resolve) => setTimeout(resolve, 5_000));
		const idle = credentialQueries(idleFrom);
		if (idle !== 0) throw new Error(`${idle} credential queries while idle: the count would not be per event`);
		for (const name of order) await measure(name); // warm-up
		const rounds: Array<Record<SideName, number>> = [];
		for (let r = 0; r < ROUNDS; r++) {
			const got = {} as Record<SideName, number>;
			for (let k = 0; k < order.length; k++) got[order[(r + k) % order.length]] = await measure(order[(r + k) % order.length]);
			rounds.push(got);
		}
		const median = (name: SideName) => [...rounds.map((r) => r[name])].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
		const spread = (values: (round: Record<SideName, number>) => number) => {
			const sorted = rounds.map(values).sort((a, b) => a - b);
			return `${sorted[0].toFixed(2)} / ${sorted[Math.floor(ROUNDS / 2)].toFixed(2)} / ${sorted[ROUNDS - 1].toFixed(2)} per event (difference, ${ROUNDS} rounds)`;
		};
		const per = (name: SideName) => `${median(name).toFixed(2)} credential queries/event (median)`;
		const how = `n8n ${version} (SQLite), DB_LOGGING_ENABLED=true: queries naming credentials_entity or shared_credentials that n8n's database layer logs while ${EVENTS} events are answered and their executions saved, divided by ${EVENTS}; ${ROUNDS} rounds, order rotating, after one warm-up round; 0 such queries in 5 s with no event`;
		return [
			{
				id: 'P3f',
				what: 'Real n8n: database queries per event — a do-nothing community trigger with a credential it shows (and never reads) vs the same trigger without one',
				ours: per('noopCredential'),
				baseline: per('noop'),
				ratio: spread((r) => r.noopCredential - r.noop),
				note: `n8n's cost of a credential shown on a trigger node: its access check before every execution. ${how}`,
			},
			{
				id: 'P3g',
				what: 'Same run: Bolna Trigger with a manual token — without a credential (the trigger needs none in this mode) vs a Bolna credential left attached (as after switching from automatic registration)',
				ours: per('ours'),
				baseline: per('oursCredential'),
				ratio: spread((r) => r.ours - r.oursCredential),
				note: `the trigger shows its credential only with Register Automatically on, so n8n skips its access check (one of P3f's two queries) even when one is attached; the other, n8n's look-up of resolvable credentials, is made for every credential attached to a node, shown or not. ${how}`,
			},
		];
	} catch (error) {
		return [
			{
				id: 'P3f',
				what: 'Database queries per trigger event in a real n8n',
				ours: 'skipped',
				baseline: 'skipped',
				ratio: 'n/a',
				note: `not measured: ${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}`,
			},
		];
	} finally {
		await bench?.stop();
	}
}

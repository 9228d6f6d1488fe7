import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

import type { Simulator } from '../simulator';
import { MAX_PAGE_SIZE } from '../nodes/Bolna/actions/execution/getMany.operation';
import { node, runWorkflow } from '../test/helpers/engine';
import { bolnaCredentials, bolnaType, lastRequestId, seconds, SIM_AGENT_ID, startSim } from './p1-batch-vs-calls';
import type { Figure } from './report';
import { median, paired, ratioSpread } from './report';

const PAIRS = 5;

const COUNT = 10_000;

/** A finished call as the Bolna API returns it (the fields the simulator fills on `completed`). */
function execution(i: number, createdMs: number): Record<string, unknown> {
	const created = new Date(createdMs).toISOString();
	const seconds = 30 + (i % 90);
	return {
		id: randomUUID(),
		agent_id: SIM_AGENT_ID,
		batch_id: null,
		status: 'completed',
		error_message: null,
		answered_by_voice_mail: false,
		conversation_duration: seconds,
		total_cost: seconds / 10,
		transcript: 'assistant: Hello, this is your assistant.\nuser: Hi, yes, who is this?\nassistant: Thank you for your time. Goodbye!',
		summary: 'The user was interested.',
		created_at: created,
		updated_at: created,
		scheduled_at: null,
		rescheduled_at: null,
		extracted_data: { interested: i % 2 === 0, callback_time: null },
		cost_breakdown: { llm: 0.5, network: 0.2, platform: 0.4, synthesizer: 0.7, transcriber: 0.2 },
		usage_breakdown: { synthesizer_characters: seconds * 12, transcriber_duration: seconds, llm_tokens: seconds * 40 },
		telephony_data: {
			duration: String(seconds),
			to_number: `+1415${String(5_000_000 + i).padStart(7, '0')}`,
			from_number: '+14155550100',
			recording_url: null,
			hosted_telephony: true,
			provider_call_id: `CA${i}`,
			call_type: 'outbound',
			provider: 'twilio',
			hangup_by: 'Caller',
			hangup_reason: 'Normal Hangup',
			hangup_provider_code: 4000,
			ring_duration: 5,
			post_dial_delay: 1,
			to_number_carrier: 'Simulated Carrier',
		},
		transfer_call_data: null,
		batch_run_details: null,
		context_details: { recipient_data: { name: `Contact ${i}` }, recipient_phone_number: null },
		retry_config: null,
		provider: 'twilio',
	};
}

function seed(sim: Simulator, count: number): void {
	const start = Date.now() - count * 60_000;
	const executions = sim.state.bolna.executions;
	for (let i = 0; i < count; i++) {
		const e = execution(i, start + i * 60_000);
		executions[e.id as string] = e;
	}
}

function getManyNode(returnAll: boolean, limit = 50) {
	return node(
		'Get Many Executions',
		bolnaType,
		{
			resource: 'execution',
			operation: 'getMany',
			agentId: { __rl: true, mode: 'id', value: SIM_AGENT_ID },
			returnAll,
			limit,
			filters: {},
			outputMode: 'simplified',
		},
		{ credentials: { bolnaApi: { id: '1', name: 'Bolna' } } },
	);
}

async function run(sim: Simulator, returnAll: boolean, limit?: number) {
	const n = getManyNode(returnAll, limit);
	const before = lastRequestId(sim);
	const started = performance.now();
	const result = await runWorkflow({ nodes: [n], startNode: n.name, credentials: bolnaCredentials(sim) });
	const ms = performance.now() - started;
	if (result.error) throw new Error(`Get Many failed: ${result.error.message}`);
	const items = result.output(n.name);
	const requests = lastRequestId(sim) - before;
	const pageSizes = new Set(sim.requests.slice(-requests).map((r) => String(r.query.page_size)));
	return { ms, items: items.length, requests, pageSizes: [...pageSizes], ids: new Set(items.map((i) => i.json.executionId ?? i.json.id)) };
}

/** Baseline: the same pages fetched by a bare HTTP loop (no n8n engine, no node code). */
async function bareLoop(sim: Simulator): Promise<{ ms: number; items: number; requests: number }> {
	const before = lastRequestId(sim);
	const started = performance.now();
	let items = 0;
	// The live endpoint wants a from/to window of at most 7 days (the seeded executions span less).
	const now = Date.now();
	const window = `from=${new Date(now - 7 * 24 * 3600_000).toISOString()}&to=${new Date(now).toISOString()}`;
	for (let page = 1; ; page++) {
		const res = await fetch(
			`${sim.url}/v2/agent/${SIM_AGENT_ID}/executions?page_number=${page}&page_size=${MAX_PAGE_SIZE}&${window}`,
			{ headers: { authorization: `Bearer ${bolnaCredentials(sim).bolnaApi.apiKey}` } },
		);
		const body = (await res.json()) as { data: unknown[]; has_more: boolean };
		items += body.data.length;
		if (!body.has_more) break;
	}
	return { ms: performance.now() - started, items, requests: lastRequestId(sim) - before };
}

/** P5 (return-all part): Bolna execution Get Many with Return All over 10,000 executions. */
export async function returnAll(root: string): Promise<Figure[]> {
	const sim = await startSim(root);
	try {
		seed(sim, COUNT);
		await run(sim, false, 50); // warm-up, not measured
		const pairs = await paired(
			PAIRS,
			async () => {
				const side = await run(sim, true);
				if (side.items !== COUNT || side.ids.size !== COUNT) {
					throw new Error(`Return All output ${side.items} items (${side.ids.size} distinct), expected ${COUNT}`);
				}
				return side;
			},
			async () => {
				const side = await bareLoop(sim);
				if (side.items !== COUNT) throw new Error(`bare loop read ${side.items} executions`);
				return side;
			},
		);
		const all = { ...pairs[0][0], ms: median(pairs.map(([a]) => a.ms)) };
		const bare = { ...pairs[0][1], ms: median(pairs.map(([, b]) => b.ms)) };
		const minimum = Math.ceil(COUNT / MAX_PAGE_SIZE);
		return [
			{
				id: 'P5a1',
				what: `Bolna Execution → Get Many, Return All over ${COUNT.toLocaleString('en')} executions: requests made vs the minimum`,
				ours: `${all.requests} requests`,
				baseline: `${minimum} (⌈${COUNT.toLocaleString('en')} / ${MAX_PAGE_SIZE}⌉)`,
				ratio: ratioSpread(pairs.map(([a]) => a.requests / minimum), 2),
				note: `page_size sent: ${all.pageSizes.join(', ')}; ${all.items.toLocaleString('en')} distinct items out; stops on has_more=false`,
			},
			{
				id: 'P5a2',
				what: `Bolna Execution → Get Many, Return All over ${COUNT.toLocaleString('en')} executions: wall time through the n8n engine`,
				ours: `${seconds(all.ms)} (median)`,
				baseline: `${seconds(bare.ms)} (median; bare fetch loop, ${bare.requests} pages)`,
				ratio: ratioSpread(pairs.map(([a, b]) => a.ms / b.ms), 2),
				note: `ratio per pair = node / bare loop over the same pages, min / median / max; both include the simulator filtering ${COUNT.toLocaleString('en')} executions per request (loopback); Simplified output`,
			},
		];
	} finally {
		await sim.close();
	}
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { BlandAi } from '../nodes/BlandAi/BlandAi.node';
import { BOLNA_TERMINAL_STATUSES } from '../nodes/Bolna/shaping';
import { readWaitSettings } from '../nodes/shared/descriptions/wait';
import { pollAllUntil } from '../nodes/shared/transport/poll';
import { node, registerNodeType, runWorkflow } from '../test/helpers/engine';
import { lastRequestId, SIM_AGENT_ID, SIM_BLAND_KEY, SIM_BLAND_SECRET, SIM_BOLNA_KEY, startSim } from './p1-batch-vs-calls';
import type { Figure } from './report';
import { paired, ratioSpread } from './report';

const RUNS = 3;

/**
 * One realistic call, in seconds after it was placed: queued, dialled, rings, is answered, talks,
 * hangs up at 3:00, and Bolna reports `completed` (with transcript, cost, extracted data) 2.5
 * minutes later, at 5:30.
 */
const TIMELINE: Array<[number, string]> = [
	[0, 'queued'],
	[3, 'initiated'],
	[5, 'ringing'],
	[20, 'in-progress'],
	[180, 'call-disconnected'],
	[330, 'completed'],
];
const SCENARIO = 'call placed at 0:00, answered 0:20, hang-up 3:00, Bolna reports completed at 5:30';

function statusAt(seconds: number): string {
	let status = TIMELINE[0][1];
	for (const [at, s] of TIMELINE) if (seconds >= at) status = s;
	return status;
}

/** The Wait for Completion settings a Make Call node has when left at their defaults. */
const DEFAULTS = readWaitSettings.call(
	{
		getNode: () => ({ name: 'Make Call' }),
		// Wait for Completion switched on, everything else left at its default.
		getNodeParameter: (name: string, _item: number, fallback: unknown) => (name === 'waitForCompletion' ? true : fallback),
	} as unknown as IExecuteFunctions,
	0,
);
const POLL_INTERVAL_S = DEFAULTS.intervalMs / 1000;
const MAX_WAIT_MIN = DEFAULTS.maxWaitMs / 60_000;

/**
 * A virtual clock: `wait` advances it instantly. Before every GET the simulator's execution is
 * moved to the status the scenario has at that moment, so every request really goes to the
 * simulator and is counted there.
 */
async function pollScenario(
	sim: Simulator,
	strategy: 'backoff' | 'fixed5s',
): Promise<{ requests: number; detectedAt: number }> {
	const placed = await fetch(`${sim.url}/call`, {
		method: 'POST',
		headers: { authorization: `Bearer ${SIM_BOLNA_KEY}`, 'content-type': 'application/json' },
		body: JSON.stringify({ agent_id: SIM_AGENT_ID, recipient_phone_number: '+14155550124' }),
	});
	const id = String(((await placed.json()) as IDataObject).execution_id);
	const execution = sim.state.bolna.executions[id];
	let clock = 0;
	const fetchExecution = async (executionId: string): Promise<IDataObject> => {
		execution.status = statusAt(clock / 1000);
		const res = await fetch(`${sim.url}/executions/${executionId}`, { headers: { authorization: `Bearer ${SIM_BOLNA_KEY}` } });
		return (await res.json()) as IDataObject;
	};
	const isDone = (e: IDataObject) => BOLNA_TERMINAL_STATUSES.has(String(e.status));
	const before = lastRequestId(sim);
	let done = false;
	if (strategy === 'backoff') {
		// The package's Bolna wait: pollAllUntil with the settings waitForExecutions passes.
		const result = await pollAllUntil<IDataObject>(
			[id],
			fetchExecution,
			isDone,
			(executionId) => ({ id: executionId, status: 'queued' }),
			{
				intervalMs: DEFAULTS.intervalMs,
				maxIntervalMs: DEFAULTS.maxIntervalMs,
				maxWaitMs: DEFAULTS.maxWaitMs,
				now: () => clock,
				wait: async (ms) => {
					clock += ms;
				},
			},
		);
		done = result.get(id)?.done === true;
	} else {
		// A naive fixed poll: GET every 5 s until the status is terminal.
		for (; clock <= MAX_WAIT_MIN * 60_000; clock += 5000) {
			if (isDone(await fetchExecution(id))) {
				done = true;
				break;
			}
		}
	}
	if (!done) throw new Error(`${strategy} poll did not see the call complete`);
	return { requests: lastRequestId(sim) - before, detectedAt: clock / 1000 };
}

function mmss(seconds: number): string {
	const s = Math.round(seconds);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const blandType = registerNodeType('blandAi', new BlandAi());

/** Whether Bland Make Call has the Wait for Completion settings with a webhook mode yet. */
function blandWaitAvailable(): boolean {
	const properties = new BlandAi().description.properties as INodeProperties[];
	const has = (name: string) => properties.some((p) => p.name === name && (p.displayOptions?.show?.operation ?? []).includes('make'));
	return has('waitForCompletion') && has('waitMode');
}

/** Bland Make Call, Wait for Completion in webhook mode, one item, through the engine. */
async function blandWebhookWait(sim: Simulator): Promise<{ requests: number; placed: number; waiting: boolean; webhook: string }> {
	const makeCall = node(
		'Make Call',
		blandType,
		{
			resource: 'call',
			operation: 'make',
			phoneNumber: '+14155550124',
			callUsing: 'task',
			task: 'Ask whether the customer wants a call back tomorrow.',
			waitForCompletion: true,
			maxWaitMinutes: MAX_WAIT_MIN,
			waitMode: 'webhook',
			waitOptions: {},
		},
		{ credentials: { blandAiApi: { id: '1', name: 'Bland' } } },
	);
	const before = lastRequestId(sim);
	const result = await runWorkflow({
		nodes: [makeCall],
		startNode: makeCall.name,
		credentials: {
			blandAiApi: { apiKey: SIM_BLAND_KEY, baseUrl: sim.url, webhookSecret: SIM_BLAND_SECRET, encryptedKeySecret: '', allowedDestinations: '' },
		},
	});
	if (result.error) throw new Error(`Bland Make Call failed: ${result.error.message}`);
	const post = sim.requests.find((r) => r.id > before && r.method === 'POST' && r.path === '/v1/calls');
	if (!post) throw new Error('Bland Make Call sent no POST /v1/calls');
	return {
		// Everything after the placing POST up to the end of the run.
		requests: lastRequestId(sim) - post.id,
		placed: lastRequestId(sim) - before,
		waiting: result.run.status === 'waiting' || Boolean(result.run.waitTill),
		webhook: String((post.body as IDataObject)?.webhook ?? ''),
	};
}

/** P4: API requests made while waiting for one call to finish. */
export async function waitRequests(root: string): Promise<Figure[]> {
	const sim = await startSim(root);
	try {
		// Repeated with the order rotating, like the timed figures: on an injected clock every
		// repetition must give the same counts, and the spread shows that it did.
		const pairs = await paired(RUNS, () => pollScenario(sim, 'backoff'), () => pollScenario(sim, 'fixed5s'));
		const [backoff, fixed] = pairs[0];
		const figures: Figure[] = [
			{
				id: 'P4a',
				what: 'Wait for completion, one Bolna call: status requests while waiting — package backoff poll vs fixed 5 s poll',
				ours: `${backoff.requests} requests (done seen at ${mmss(backoff.detectedAt)})`,
				baseline: `${fixed.requests} requests (done seen at ${mmss(fixed.detectedAt)})`,
				ratio: ratioSpread(pairs.map(([b, f]) => f.requests / b.requests), 1),
				note: `${SCENARIO}. Backoff = pollAllUntil as Bolna Make Call uses it (default settings: first wait ${POLL_INTERVAL_S} s, ×1.5, up to ${DEFAULTS.maxIntervalMs / 1000} s, max wait ${MAX_WAIT_MIN} min) on an injected clock; every GET /executions/{id} answered and counted by the simulator. Ratio = fixed / backoff requests`,
			},
		];
		if (!blandWaitAvailable()) {
			figures.push({
				id: 'P4b',
				what: 'Wait for completion, one Bland call in webhook mode: requests while waiting',
				ours: 'skipped',
				baseline: `${fixed.requests} requests (fixed 5 s poll)`,
				ratio: 'n/a',
				note: 'not measured: Bland Make Call has no Wait for Completion / Wait Mode parameters in this build',
			});
			return figures;
		}
		const runs = [];
		for (let i = 0; i < RUNS; i++) runs.push(await blandWebhookWait(sim));
		const bland = runs[0];
		if (runs.some((run) => !run.waiting)) throw new Error('Bland Make Call in webhook mode did not put the execution to wait');
		const counts = runs.map((run) => run.requests).sort((a, b) => a - b);
		figures.push({
			id: 'P4b',
			what: 'Wait for completion, one Bland call in webhook mode (execution paused until Bland posts the result) vs fixed 5 s poll',
			ours: `${bland.requests} requests`,
			baseline: `${fixed.requests} requests (fixed 5 s poll, scenario above)`,
			ratio: `${fixed.requests} → ${counts[0]} / ${counts[Math.floor(RUNS / 2)]} / ${counts[RUNS - 1]} (${RUNS} runs)`,
			note: `Bland Make Call through the n8n engine: ${bland.placed} request (POST /v1/calls${bland.webhook.includes('/webhook-waiting/') ? ' with the resume URL as webhook' : ''}), then the execution waits; requests counted by the simulator from placement to the end of the run. Backoff poll on the same scenario: ${backoff.requests}`,
		});
		return figures;
	} finally {
		await sim.close();
	}
}

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { INodeExecutionData } from 'n8n-workflow';

import type { Simulator, SimulatorOptions } from '../simulator';
import { Bolna } from '../nodes/Bolna/Bolna.node';
import { node, registerNodeType, runWorkflow } from '../test/helpers/engine';
import type { Figure } from './report';
import { median, paired, ratioSpread } from './report';

const PAIRS = 3;

/** The simulator's seeded keys and first agent (simulator/seed.js). */
export const SIM_BOLNA_KEY = 'bn-sim-key';
export const SIM_BLAND_KEY = 'sk-sim-key';
export const SIM_BLAND_SECRET = 'whsec-sim';
export const SIM_AGENT_ID = '5a1e5000-0000-4000-8000-000000000001';

/**
 * Starts the simulator in this process. Its lifecycle clock is slowed down (10 minutes a step
 * by default), so no status change or webhook delivery runs while a figure is measured.
 */
export async function startSim(root: string, options: SimulatorOptions = {}): Promise<Simulator> {
	const { startSimulator } = require(join(root, 'simulator')) as typeof import('../simulator');
	return await startSimulator({ clockMs: 600_000, ...options });
}

/** Sequence number of the last API request the simulator received (it keeps only the newest 5,000). */
export function lastRequestId(sim: Simulator): number {
	const list = sim.requests;
	return list.length ? list[list.length - 1].id : 0;
}

export function bolnaCredentials(sim: Simulator) {
	return { bolnaApi: { apiKey: SIM_BOLNA_KEY, baseUrl: sim.url, allowedDestinations: '' } };
}

export function seconds(ms: number): string {
	return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

export const bolnaType = registerNodeType('bolna', new Bolna());

/** `count` distinct contacts, +14155000000 upwards. */
export function contacts(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({
		json: { phone: `+1415${String(5_000_000 + i).padStart(7, '0')}`, name: `Contact ${i}`, plan: i % 2 ? 'pro' : 'free' },
	}));
}

const credentialsRef = { credentials: { bolnaApi: { id: '1', name: 'Bolna' } } };

function createBatchNode() {
	return node(
		'Create Batch',
		bolnaType,
		{
			resource: 'batch',
			operation: 'create',
			agentId: { __rl: true, mode: 'id', value: SIM_AGENT_ID },
			inputMode: 'items',
			phoneNumberField: 'phone',
			invalidRows: 'fail',
			schedule: false,
			options: {},
		},
		credentialsRef,
	);
}

function makeCallNode() {
	return node(
		'Make Call',
		bolnaType,
		{
			resource: 'call',
			operation: 'make',
			agentId: { __rl: true, mode: 'id', value: SIM_AGENT_ID },
			recipientPhoneNumber: '={{ $json.phone }}',
			additionalFields: { userDataJson: '={{ JSON.stringify({ name: $json.name, plan: $json.plan }) }}' },
		},
		credentialsRef,
	);
}

interface Side {
	ms: number;
	requests: number;
	outputItems: number;
}

async function runSide(sim: Simulator, which: 'batch' | 'calls', items: INodeExecutionData[]): Promise<Side> {
	const workflowNode = which === 'batch' ? createBatchNode() : makeCallNode();
	const before = lastRequestId(sim);
	const started = performance.now();
	const result = await runWorkflow({
		nodes: [workflowNode],
		startNode: workflowNode.name,
		inputItems: items,
		credentials: bolnaCredentials(sim),
	});
	const ms = performance.now() - started;
	if (result.error) throw new Error(`${workflowNode.name} failed: ${result.error.message}`);
	const output = result.output(workflowNode.name);
	if (which === 'batch' && output[0]?.json.contactCount !== items.length) {
		throw new Error(`Create Batch uploaded ${String(output[0]?.json.contactCount)} contacts, expected ${items.length}`);
	}
	if (which === 'calls' && output.length !== items.length) {
		throw new Error(`Make Call returned ${output.length} items, expected ${items.length}`);
	}
	return { ms, requests: lastRequestId(sim) - before, outputItems: output.length };
}

/** P1: 10,000 contacts as one Create Batch upload vs 10,000 Make Call items, both through the engine. */
export async function batchVsCalls(root: string, count = 10_000): Promise<Figure[]> {
	const sim = await startSim(root);
	try {
		// Warm-up of both paths (JIT, sockets), not measured.
		await runSide(sim, 'batch', contacts(200));
		await runSide(sim, 'calls', contacts(200));
		const executionsBefore = Object.keys(sim.state.bolna.executions).length;

		const items = contacts(count);
		let uploaded: number | undefined;
		// The two sides side by side, PAIRS times, the order rotating; every pair is checked.
		const pairs = await paired(
			PAIRS,
			async () => {
				const side = await runSide(sim, 'batch', items);
				const record = sim.requests[sim.requests.length - 1];
				uploaded = record?.body?.files?.file?.[0]?.size as number | undefined;
				if (side.requests !== 1 || record?.path !== '/batches') {
					throw new Error(`expected one POST /batches, the simulator counted ${side.requests} requests`);
				}
				return side;
			},
			async () => {
				const side = await runSide(sim, 'calls', contacts(count));
				const kept = sim.requests.slice(-Math.min(count, sim.requests.length));
				if (side.requests !== count || kept.some((r) => r.method !== 'POST' || r.path !== '/call')) {
					throw new Error(`expected ${count} POST /call requests, the simulator counted ${side.requests}`);
				}
				return side;
			},
		);
		const batch = { ms: median(pairs.map(([b]) => b.ms)), requests: pairs[0][0].requests };
		const calls = { ms: median(pairs.map(([, c]) => c.ms)), requests: pairs[0][1].requests };
		const executions = (Object.keys(sim.state.bolna.executions).length - executionsBefore) / PAIRS;
		return [
			{
				id: 'P1a',
				what: `${count.toLocaleString('en')} contacts: Bolna Create Batch (one upload) vs ${count.toLocaleString('en')} Make Call items — wall time through the n8n engine`,
				ours: `${seconds(batch.ms)} (median)`,
				baseline: `${seconds(calls.ms)} (median)`,
				ratio: ratioSpread(pairs.map(([b, c]) => c.ms / b.ms), 1),
				note: `ratio per pair = Make Call time / Create Batch time, min / median / max; simulator in-process on loopback${uploaded ? `, CSV upload ${(uploaded / 1024).toFixed(0)} KiB` : ''}`,
			},
			{
				id: 'P1b',
				what: `${count.toLocaleString('en')} contacts: API requests recorded by the simulator`,
				ours: `${batch.requests} request${batch.requests === 1 ? '' : 's'}`,
				baseline: `${calls.requests.toLocaleString('en')} requests`,
				ratio: ratioSpread(pairs.map(([b, c]) => c.requests / b.requests), 0),
				note: `one POST /batches (multipart) vs one POST /call per item; ${executions.toLocaleString('en')} executions created by the Make Call side`,
			},
		];
	} finally {
		await sim.close();
	}
}

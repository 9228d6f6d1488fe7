/**
 * Bolna Make Call with Wait for Completion, run through n8n-core's engine against the project's
 * simulator (real HTTP, real lifecycle on a fast clock).
 */
import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID, startSimulator } from '../../simulator';
import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

const type = registerNodeType('bolna', new Bolna());

describe('Bolna Make Call: Wait for Completion (engine + simulator)', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startSimulator({ clockMs: 40 });
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	function run(items: Array<{ phone: string }>, wait: Record<string, unknown>, extra = {}) {
		return runWorkflow({
			nodes: [
				node(
					'Make Call',
					type,
					{
						resource: 'call',
						operation: 'make',
						agentId: { __rl: true, mode: 'id', value: BOLNA_AGENT_ID },
						recipientPhoneNumber: '={{ $json.phone }}',
						waitForCompletion: true,
						waitOptions: { pollIntervalSeconds: 1 },
						...wait,
					},
					{ credentials: { bolnaApi: { id: '1', name: 'Bolna' } }, ...extra },
				),
			],
			startNode: 'Make Call',
			inputItems: items.map((json) => ({ json })),
			credentials: { bolnaApi: { apiKey: 'bn-sim-key', baseUrl: sim.url } },
		});
	}

	const polls = (id: string) =>
		sim.requests.filter((r) => r.method === 'GET' && r.path === `/executions/${id}`).length;

	it('places every call once, waits for all of them together and outputs each final state, paired', async () => {
		const result = await run([{ phone: '+14155550100' }, { phone: '+14155551111' }], {
			outputMode: 'simplified',
			maxWaitMinutes: 1,
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Make Call');
		expect(out.map((i) => [i.json.status, i.json.toNumber, i.json.timedOut, i.pairedItem])).toEqual([
			['completed', '+14155550100', false, { item: 0 }],
			['busy', '+14155551111', false, { item: 1 }],
		]);
		const executions = sim.state.bolna.executions as Record<string, { extracted_data?: object }>;
		const completed = executions[String(out[0].json.executionId)];
		expect(out[0].json.extractedData).toEqual(completed.extracted_data);
		expect(Object.keys(out[0].json.extractedData as object).length).toBeGreaterThan(0);
		expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/call')).toHaveLength(2);
		// Fast clock: the first check sees the call in progress, the second after 1 s sees it ended.
		for (const item of out) expect(polls(String(item.json.executionId))).toBe(2);
	});

	it('Extracted Data Only: the item is the extracted data plus the ids', async () => {
		const result = await run([{ phone: '+14155550100' }], { outputMode: 'extractedDataOnly', maxWaitMinutes: 1 });
		const [item] = result.output('Make Call');
		const id = String(item.json.executionId);
		const execution = (sim.state.bolna.executions as Record<string, Record<string, unknown>>)[id];
		expect(item.json).toEqual({
			...(execution.extracted_data as object),
			executionId: id,
			status: 'completed',
			agentId: BOLNA_AGENT_ID,
			timedOut: false,
		});
	});

	it('a call that never ends: outputs the last known state with timedOut after Max Wait', async () => {
		const result = await run([{ phone: '+14155559999' }], { outputMode: 'raw', maxWaitMinutes: 0.04 });
		expect(result.error).toBeUndefined();
		const [item] = result.output('Make Call');
		expect(item.json.timedOut).toBe(true);
		expect(item.json.status).toBe('in-progress');
		// 2.4 s of waiting with 1 s, 1.5 s… pauses: never more checks than wait / interval + 1.
		expect(polls(String(item.json.id))).toBeLessThanOrEqual(3);
	});

	it('a call that never ends with On Timeout = Fail: an error naming the call, or an error item with Continue On Fail', async () => {
		const failed = await run([{ phone: '+14155559999' }], {
			maxWaitMinutes: 0.03,
			waitOptions: { pollIntervalSeconds: 1, onTimeout: 'fail' },
		});
		expect(failed.error?.message).toMatch(
			/^Call ([0-9a-f-]+) did not end within 0\.03 minutes \(last status: in-progress\) \[already placed: item 0 → \1; do not run this item again\]$/,
		);

		const continued = await run(
			[{ phone: '+14155559999' }],
			{ maxWaitMinutes: 0.03, waitOptions: { pollIntervalSeconds: 1, onTimeout: 'fail' } },
			{ onError: 'continueRegularOutput' },
		);
		const [item] = continued.output('Make Call');
		expect(item.json.error).toMatch(/did not end within 0\.03 minutes/);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('a bad number in item 2 stops the run before item 1 is called', async () => {
		const result = await run([{ phone: '+14155550100' }, { phone: 'not-a-number' }], { maxWaitMinutes: 1 });
		expect(result.error?.message).toBe(
			'"Recipient Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "not-a-number")',
		);
		expect(sim.requests.filter((r) => r.path === '/call')).toHaveLength(0);
	});
});

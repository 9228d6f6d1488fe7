/**
 * The money rule against real parts: the simulator RECEIVES the request, places the call or
 * creates the batch, then drops the connection before answering. Through n8n-core's engine, each
 * node must report the failure once and never send the request again — a retry would dial the
 * person twice. A 429 (refused before anything happened) is retried after Retry-After.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Simulator } from '../../simulator';
import { BLAND_PATHWAY_ID, BOLNA_AGENT_ID, startSimulator } from '../../simulator';
import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

const bolnaType = registerNodeType('bolna', new Bolna());
const blandType = registerNodeType('blandAi', new BlandAi());

describe('a call- or batch-placing POST is never sent twice (engine + simulator)', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startSimulator({ clockMs: 60_000 });
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	const credentials = () => ({
		bolnaApi: { apiKey: 'bn-sim-key', baseUrl: sim.url },
		blandAiApi: { apiKey: 'sk-sim-key', baseUrl: sim.url },
	});

	const bolna = (params: IDataObject): INode =>
		node('Node', bolnaType, params, { credentials: { bolnaApi: { id: '1', name: 'Bolna' } } });
	const bland = (params: IDataObject): INode =>
		node('Node', blandType, params, { credentials: { blandAiApi: { id: '2', name: 'Bland' } } });

	const cases: Array<[string, string, string, () => INode, IDataObject[], () => number]> = [
		[
			'Bolna Make Call',
			'POST',
			'/call',
			() =>
				bolna({
					resource: 'call',
					operation: 'make',
					agentId: { __rl: true, mode: 'id', value: BOLNA_AGENT_ID },
					recipientPhoneNumber: '+14155550100',
				}),
			[{}],
			() => Object.keys(sim.state.bolna.executions).length,
		],
		[
			'Bolna Create Batch',
			'POST',
			'/batches',
			() =>
				bolna({
					resource: 'batch',
					operation: 'create',
					agentId: { __rl: true, mode: 'id', value: BOLNA_AGENT_ID },
					inputMode: 'items',
					phoneNumberField: 'phone',
				}),
			[{ phone: '+14155550100' }, { phone: '+14155550102' }],
			() => Object.keys(sim.state.bolna.batches).length,
		],
		[
			'Bland AI Make Call',
			'POST',
			'/v1/calls',
			() =>
				bland({
					resource: 'call',
					operation: 'make',
					phoneNumber: '+14155550100',
					callUsing: 'pathway',
					pathwayId: { __rl: true, mode: 'id', value: BLAND_PATHWAY_ID },
				}),
			[{}],
			() => Object.keys(sim.state.bland.calls).length,
		],
		[
			'Bland AI Create Batch',
			'POST',
			'/v2/batches/create',
			() =>
				bland({
					resource: 'batch',
					operation: 'create',
					inputMode: 'items',
					phoneNumberField: 'phone',
					callUsing: 'pathway',
					pathwayId: { __rl: true, mode: 'id', value: BLAND_PATHWAY_ID },
				}),
			[{ phone: '+14155550100' }, { phone: '+14155550102' }],
			() => Object.keys(sim.state.bland.batches).length,
		],
	];

	it.each(cases)('%s: placed, then the connection drops → one request, one error, nothing resent', async (_name, method, path, make, items, created) => {
		sim.setFault({ method, path, action: 'drop', processFirst: true, times: 5 });
		const result = await runWorkflow({
			nodes: [make()],
			startNode: 'Node',
			inputItems: items.map((json) => ({ json })),
			credentials: credentials(),
		});
		const sent = sim.requests.filter((r) => r.method === method && r.path === path);
		expect(sent).toHaveLength(1);
		expect(sent[0].handledStatus).toBeGreaterThanOrEqual(200);
		expect(created()).toBe(1);
		expect(result.error?.message).toMatch(
			/did not answer \(.+\)\. The request was sent once and not retried, because it may already have been received; check before running it again\.$/,
		);
	});

	it.each(cases)('%s: a 429 with Retry-After is waited out and sent again, placing exactly one', async (_name, method, path, make, items, created) => {
		sim.setFault({ method, path, action: 'rateLimit', retryAfter: 1, times: 1 });
		const result = await runWorkflow({
			nodes: [make()],
			startNode: 'Node',
			inputItems: items.map((json) => ({ json })),
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const sent = sim.requests.filter((r) => r.method === method && r.path === path);
		expect(sent.map((r) => r.responseStatus)).toEqual([429, 200]);
		expect(created()).toBe(1);
	});
});

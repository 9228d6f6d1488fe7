/**
 * Bland Make Call with Wait for Completion through n8n-core's engine against the simulator:
 * polling several calls together, and the webhook resume (the execution pauses, Bland's signed
 * post-call POST resumes it, a timeout continues with the last known state).
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { Delivery, Simulator } from '../../simulator';
import { BLAND_PATHWAY_ID, startSimulator } from '../../simulator';
import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { callWebhook, node, registerNodeType, runWorkflow } from '../helpers/engine';

const type = registerNodeType('blandAi', new BlandAi());
const SECRET = 'whsec-sim';

describe('Bland AI Make Call: Wait for Completion (engine + simulator)', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startSimulator({ clockMs: 40, correctedTranscriptDelayMs: 50 });
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	const credentials = () => ({ blandAiApi: { apiKey: 'sk-sim-key', baseUrl: sim.url, webhookSecret: SECRET } });

	function makeCallNode(params: IDataObject, extra: Partial<INode> = {}): INode {
		return node(
			'Make Call',
			type,
			{
				resource: 'call',
				operation: 'make',
				phoneNumber: '={{ $json.phone }}',
				callUsing: 'pathway',
				pathwayId: { __rl: true, mode: 'id', value: BLAND_PATHWAY_ID },
				waitForCompletion: true,
				maxWaitMinutes: 1,
				waitOptions: { pollIntervalSeconds: 1 },
				...params,
			},
			{ credentials: { blandAiApi: { id: '1', name: 'Bland' } }, ...extra },
		);
	}

	it('Poll Bland: waits for all calls together and outputs each final call, paired', async () => {
		const result = await runWorkflow({
			nodes: [makeCallNode({ waitMode: 'polling', outputMode: 'simplified' })],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550100' } }, { json: { phone: '+14155552222' } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const out = result.output('Make Call');
		expect(out.map((i) => [i.json.to, i.json.status, i.json.timedOut, i.pairedItem])).toEqual([
			['+14155550100', 'completed', false, { item: 0 }],
			['+14155552222', 'no-answer', false, { item: 1 }],
		]);
		expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/calls')).toHaveLength(2);
	});

	it('Resume on Bland Webhook: places the call with the resume URL, pauses with no request while waiting', async () => {
		const params = {
			waitMode: 'webhook',
			outputMode: 'extractedDataOnly',
			additionalFields: { analysisSchema: '{"interested": "boolean", "callback_time": "string"}' },
		};
		const result = await runWorkflow({
			nodes: [makeCallNode(params)],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550100' } }],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('waiting');
		expect(result.run.waitTill).toBeInstanceOf(Date);
		const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/calls');
		expect(posts).toHaveLength(1);
		const webhook = String(posts[0].body.webhook);
		expect(webhook).toMatch(/^http:\/\/localhost:5678\/webhook-waiting\/test-execution\/make-call\?resumeToken=[0-9a-f]{64}/);

		// The simulator ends the call and posts the signed result to that URL (nothing listens
		// there in this test); the delivery is replayed into the node's resume webhook.
		const delivery = (await sim.waitFor(
			() => sim.deliveries.find((d: Delivery) => d.kind === 'postcall'),
			5000,
		)) as Delivery;
		expect(sim.requests.filter((r) => r.method === 'GET')).toHaveLength(0);

		const query = Object.fromEntries(new URL(delivery.url).searchParams);
		const resumed = await callWebhook({
			node: makeCallNode(params),
			body: delivery.body,
			rawBody: JSON.stringify(delivery.body),
			headers: { 'x-webhook-signature': String(delivery.signature) },
			query,
			credentials: credentials(),
		});
		const call = delivery.body as IDataObject;
		expect(resumed.response.statusCode).toBe(200);
		expect(resumed.result.workflowData).toEqual([
			[
				{
					json: {
						...(call.variables as object),
						...(call.analysis as object),
						dispositionTag: call.disposition_tag ?? null,
						callId: call.call_id,
						status: 'completed',
						timedOut: false,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
		expect(Object.keys(call.analysis as object).sort()).toEqual(['callback_time', 'interested']);
	});

	it('the resume webhook refuses a wrong token or a forged signature, and ignores a live event', async () => {
		const n = makeCallNode({ waitMode: 'webhook' });
		const body = { call_id: 'c-1', completed: true, status: 'completed', variables: {} };
		const raw = JSON.stringify(body);
		const { createHmac } = await import('node:crypto');
		const good = createHmac('sha256', SECRET).update(raw).digest('hex');
		const first = await runWorkflow({
			nodes: [n],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550100' } }],
			credentials: credentials(),
		});
		const token = new URL(String(sim.requests[0].body.webhook)).searchParams.get('resumeToken')!;
		expect(first.run.status).toBe('waiting');

		const wrongToken = await callWebhook({ node: n, body, rawBody: raw, headers: { 'x-webhook-signature': good }, query: { resumeToken: 'f'.repeat(64) }, credentials: credentials() });
		expect([wrongToken.response.statusCode, wrongToken.result.workflowData]).toEqual([401, undefined]);

		const forged = await callWebhook({ node: n, body, rawBody: raw, headers: { 'x-webhook-signature': '0'.repeat(64) }, query: { resumeToken: token }, credentials: credentials() });
		expect([forged.response.statusCode, forged.result.workflowData]).toEqual([401, undefined]);

		const live = { level: 'call', message: 'Call started', category: 'info', call_id: 'c-1' };
		const liveRaw = JSON.stringify(live);
		const liveEvent = await callWebhook({
			node: n,
			body: live,
			rawBody: liveRaw,
			headers: { 'x-webhook-signature': createHmac('sha256', SECRET).update(liveRaw).digest('hex') },
			query: { resumeToken: token },
			credentials: credentials(),
		});
		expect([liveEvent.response.statusCode, liveEvent.response.body, liveEvent.result.workflowData]).toEqual([
			200,
			{ received: true, resumed: false },
			undefined,
		]);
	});

	it('a validly signed finished call that is not the one placed does not resume; the placed one does', async () => {
		const { createHmac } = await import('node:crypto');
		const n = makeCallNode({ waitMode: 'webhook', outputMode: 'raw' });
		const first = await runWorkflow({
			nodes: [n],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550100' } }],
			credentials: credentials(),
		});
		expect(first.run.status).toBe('waiting');
		const sent = sim.requests.find((r) => r.method === 'POST' && r.path === '/v1/calls')!;
		const mark = (sent.body.metadata as IDataObject).n8n_wait_mark;
		expect(mark).toMatch(/^[0-9a-f]{32}$/);
		const query = { resumeToken: new URL(String(sent.body.webhook)).searchParams.get('resumeToken')! };
		const deliver = async (body: IDataObject) => {
			const raw = JSON.stringify(body);
			const signature = createHmac('sha256', SECRET).update(raw).digest('hex');
			return await callWebhook({ node: n, body, rawBody: raw, headers: { 'x-webhook-signature': signature }, query, credentials: credentials() });
		};
		const finished = { call_id: 'other-call', completed: true, status: 'completed', variables: {} };
		for (const other of [finished, { ...finished, metadata: { n8n_wait_mark: '0'.repeat(32) } }]) {
			const call = await deliver(other);
			expect([call.response.statusCode, call.response.body, call.result.workflowData]).toEqual([
				200,
				{ received: true, resumed: false, ignored: 'not the call this execution waits for' },
				undefined,
			]);
		}
		const own = await deliver({ ...finished, call_id: 'placed', metadata: { lead: 'L-1', n8n_wait_mark: mark } });
		expect(own.result.workflowData?.[0]?.[0]?.json).toMatchObject({ call_id: 'placed', metadata: { lead: 'L-1' }, timedOut: false });
		expect((own.result.workflowData?.[0]?.[0]?.json.metadata as IDataObject).n8n_wait_mark).toBeUndefined();
	});

	it('when the wait ends without a webhook, the execution continues with the last known state and timedOut', async () => {
		const waiting = await runWorkflow({
			nodes: [makeCallNode({ waitMode: 'webhook', outputMode: 'simplified' })],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155559999' } }],
			credentials: credentials(),
		});
		expect(waiting.run.status).toBe('waiting');
		const callId = sim.state.bland.calls ? Object.keys(sim.state.bland.calls)[0] : undefined;
		// n8n's wait tracker continues the same execution data once waitTill has passed.
		const continued = await runWorkflow({
			nodes: [makeCallNode({ waitMode: 'webhook', outputMode: 'simplified' })],
			startNode: 'Make Call',
			credentials: credentials(),
			resume: waiting.run.data,
		});
		expect(continued.error).toBeUndefined();
		const [item] = continued.output('Make Call');
		expect(item.json).toMatchObject({ callId, status: 'queued', timedOut: true });
	});

	it('refuses a Webhook of its own while resuming on the webhook, before any call', async () => {
		const result = await runWorkflow({
			nodes: [makeCallNode({ waitMode: 'webhook', additionalFields: { webhook: 'https://example.com/hook' } })],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550100' } }],
			credentials: credentials(),
		});
		expect(result.error?.message).toBe(
			'"Webhook" and "Webhook Events" cannot be set while Wait for Completion resumes on Bland\'s webhook',
		);
		expect(sim.requests).toHaveLength(0);
	});
});

import nock from 'nock';

import { node, runWorkflow } from '../helpers/engine';
import { API_KEY, BLAND, credentials, recordRequests, type } from './helpers';

const upstream = node('Leads', 'n8n-nodes-base.noOp', {});

function makeCall(extra = {}) {
	return node(
		'Call Lead',
		type,
		{
			resource: 'call',
			operation: 'make',
			phoneNumber: "={{ $('Leads').item.json.phone }}",
			callUsing: 'task',
			task: '=Call {{ $json.name }} about order {{ $json.order }}',
			voice: { __rl: true, mode: 'id', value: 'maya' },
			additionalFields: {
				requestDataJson: '={{ JSON.stringify({ order: $json.order }) }}',
				metadata: '={{ JSON.stringify({ lead: $json.id }) }}',
				webhook: 'https://n8n.example.com/webhook/bland',
			},
		},
		{ credentials: { blandAiApi: { id: '1', name: 'Bland' } }, ...extra },
	);
}

const connections = { Leads: { main: [[{ node: 'Call Lead', type: 'main', index: 0 }]] } };

describe('Bland AI through the n8n engine', () => {
	it('resolves expressions per item (also across nodes), one POST per item, outputs paired', async () => {
		const bodies: unknown[] = [];
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
			.post('/v1/calls', (body) => {
				bodies.push(body);
				return true;
			})
			.times(2)
			.reply(200, (_uri, body) => ({
				status: 'success',
				message: 'Call successfully queued.',
				call_id: `call-${(body as { metadata: { lead: number } }).metadata.lead}`,
				batch_id: null,
			}));

		const result = await runWorkflow({
			nodes: [upstream, makeCall()],
			connections,
			startNode: 'Leads',
			inputItems: [
				{ json: { id: 1, name: 'Ada', phone: '+1 415 555 0101', order: 'A-1' } },
				{ json: { id: 2, name: 'Grace', phone: '0014155550102', order: 'B-2' } },
			],
			credentials: credentials(),
		});

		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies).toEqual([
			{
				phone_number: '+14155550101',
				task: 'Call Ada about order A-1',
				voice: 'maya',
				request_data: { order: 'A-1' },
				metadata: { lead: 1 },
				webhook: 'https://n8n.example.com/webhook/bland',
			},
			{
				phone_number: '+14155550102',
				task: 'Call Grace about order B-2',
				voice: 'maya',
				request_data: { order: 'B-2' },
				metadata: { lead: 2 },
				webhook: 'https://n8n.example.com/webhook/bland',
			},
		]);
		expect(result.output('Call Lead')).toEqual([
			{ json: { callId: 'call-1', status: 'success', message: 'Call successfully queued.', batchId: null }, pairedItem: { item: 0 } },
			{ json: { callId: 'call-2', status: 'success', message: 'Call successfully queued.', batchId: null }, pairedItem: { item: 1 } },
		]);
	});

	it('with Continue On Fail: a refused number and an API error become error items; the good item is still called', async () => {
		const scope = nock(BLAND)
			.post('/v1/calls', (body) => body.phone_number === '+14155550102')
			.reply(400, { status: 'error', message: `Plan blocks this destination (${API_KEY})` })
			.post('/v1/calls', (body) => body.phone_number === '+14155550103')
			.reply(200, { status: 'success', call_id: 'call-3' });

		const result = await runWorkflow({
			nodes: [upstream, makeCall({ onError: 'continueRegularOutput' })],
			connections,
			startNode: 'Leads',
			inputItems: [
				{ json: { id: 1, name: 'Bad', phone: '12345', order: 'x' } },
				{ json: { id: 2, name: 'Blocked', phone: '+14155550102', order: 'y' } },
				{ json: { id: 3, name: 'Good', phone: '+14155550103', order: 'z' } },
			],
			credentials: credentials(),
		});

		scope.done();
		const out = result.output('Call Lead');
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out[0].json.error).toBe('"Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "12345")');
		expect(out[1].json).toMatchObject({ error: 'Bland AI API error 400: Plan blocks this destination (***)', httpCode: '400' });
		expect(out[2].json).toMatchObject({ callId: 'call-3' });
		expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
	});

	it('without Continue On Fail: a bad number in item 2 stops the run before item 1 is called (no POST at all)', async () => {
		let posts = 0;
		nock(BLAND)
			.post('/v1/calls')
			.times(2)
			.reply(() => {
				posts++;
				return [200, { status: 'success', call_id: 'must-not-happen' }];
			});
		const recorder = recordRequests();

		const result = await runWorkflow({
			nodes: [upstream, makeCall()],
			connections,
			startNode: 'Leads',
			inputItems: [
				{ json: { id: 1, name: 'Good', phone: '+14155550101', order: 'A-1' } },
				{ json: { id: 2, name: 'Bad', phone: '415-555', order: 'B-2' } },
			],
			credentials: credentials(),
		});
		recorder.stop();

		expect(result.error?.message).toBe('"Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "415-555")');
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(posts).toBe(0);
		expect(recorder.requests).toEqual([]);
		expect(result.output('Call Lead')).toEqual([]);
	});

	it('Create Batch turns every upstream item into one call object in a single request', async () => {
		const scope = nock(BLAND)
			.post('/v2/batches/create', {
				call_objects: [
					{ phone_number: '+14155550101', request_data: { id: 1, name: 'Ada' } },
					{ phone_number: '+14155550102', request_data: { id: 2, name: 'Grace' } },
				],
				global: { task: 'Hello from batch 7' },
				description: 'Batch 7',
			})
			.reply(200, { data: { batch_id: 'b-7' }, errors: null });
		const batchNode = node(
			'Batch',
			type,
			{
				resource: 'batch',
				operation: 'create',
				callUsing: 'task',
				task: '=Hello from batch {{ 3 + 4 }}',
				batchDescription: '=Batch {{ 3 + 4 }}',
			},
			{ credentials: { blandAiApi: { id: '1', name: 'Bland' } } },
		);
		const result = await runWorkflow({
			nodes: [upstream, batchNode],
			connections: { Leads: { main: [[{ node: 'Batch', type: 'main', index: 0 }]] } },
			startNode: 'Leads',
			inputItems: [
				{ json: { id: 1, name: 'Ada', phone: '+14155550101' } },
				{ json: { id: 2, name: 'Grace', phone: '+14155550102' } },
			],
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		scope.done();
		expect(result.output('Batch')).toEqual([
			{ json: { batchId: 'b-7', callCount: 2, description: 'Batch 7' }, pairedItem: [{ item: 0 }, { item: 1 }] },
		]);
	});

	it('Get per item with an expression call ID, Extracted Data Only', async () => {
		const scope = nock(BLAND)
			.get('/v1/calls/c-1')
			.reply(200, { call_id: 'c-1', status: 'completed', analysis: { interested: true }, variables: {}, disposition_tag: 'Interested' })
			.get('/v1/calls/c-2')
			.reply(200, { call_id: 'c-2', status: 'no-answer', analysis: null, variables: { tries: 2 }, disposition_tag: null });
		const getNode = node(
			'Get Call',
			type,
			{ resource: 'call', operation: 'get', callId: '={{ $json.callId }}', outputMode: 'extractedDataOnly' },
			{ credentials: { blandAiApi: { id: '1', name: 'Bland' } } },
		);
		const result = await runWorkflow({
			nodes: [getNode],
			startNode: 'Get Call',
			inputItems: [{ json: { callId: 'c-1' } }, { json: { callId: 'c-2' } }],
			credentials: credentials(),
		});
		scope.done();
		expect(result.output('Get Call')).toEqual([
			{ json: { interested: true, dispositionTag: 'Interested', callId: 'c-1', status: 'completed' }, pairedItem: { item: 0 } },
			{ json: { tries: 2, dispositionTag: null, callId: 'c-2', status: 'no-answer' }, pairedItem: { item: 1 } },
		]);
	});
});

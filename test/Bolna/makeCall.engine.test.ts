import nock from 'nock';

import { Bolna } from '../../nodes/Bolna/Bolna.node';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

const BOLNA = 'https://api.bolna.ai';
const type = registerNodeType('bolna', new Bolna());
const credentials = { bolnaApi: { apiKey: 'bn-test-key-123', baseUrl: BOLNA, allowedDestinations: '' } };
const AGENT = '3c90c3cc-0d44-4b50-8888-8dd25736052a';

function makeCallNode(parameters: Record<string, unknown> = {}, extra = {}) {
	return node(
		'Make Call',
		type,
		{
			resource: 'call',
			operation: 'make',
			agentId: { __rl: true, mode: 'id', value: AGENT },
			recipientPhoneNumber: '={{ $json.phone }}',
			additionalFields: { userDataJson: '={{ JSON.stringify({ name: $json.name }) }}' },
			...parameters,
		},
		{ credentials: { bolnaApi: { id: '1', name: 'Bolna' } }, ...extra },
	);
}

describe('Bolna Make Call through the n8n engine', () => {
	it('resolves expressions per item, sends one POST per item and pairs the outputs', async () => {
		const bodies: unknown[] = [];
		const scope = nock(BOLNA, { reqheaders: { authorization: 'Bearer bn-test-key-123' } })
			.post('/call', (body) => {
				bodies.push(body);
				return true;
			})
			.times(2)
			.reply(200, (_uri, body) => ({
				message: 'done',
				status: 'queued',
				execution_id: `exec-${(body as { recipient_phone_number: string }).recipient_phone_number.slice(-4)}`,
			}));

		const result = await runWorkflow({
			nodes: [makeCallNode()],
			startNode: 'Make Call',
			inputItems: [
				{ json: { phone: '+1 415 555 0101', name: 'Ada' } },
				{ json: { phone: '+14155550102', name: 'Grace' } },
			],
			credentials,
		});

		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies).toEqual([
			{ agent_id: AGENT, recipient_phone_number: '+14155550101', user_data: { name: 'Ada' } },
			{ agent_id: AGENT, recipient_phone_number: '+14155550102', user_data: { name: 'Grace' } },
		]);
		expect(result.output('Make Call')).toEqual([
			{
				json: {
					executionId: 'exec-0101',
					status: 'queued',
					message: 'done',
					agentId: AGENT,
					recipientPhoneNumber: '+14155550101',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					executionId: 'exec-0102',
					status: 'queued',
					message: 'done',
					agentId: AGENT,
					recipientPhoneNumber: '+14155550102',
				},
				pairedItem: { item: 1 },
			},
		]);
	});

	it('with Continue On Fail, a bad number becomes an error item and the other item is still called', async () => {
		const scope = nock(BOLNA).post('/call').once().reply(200, { message: 'done', status: 'queued', execution_id: 'e-1' });

		const result = await runWorkflow({
			nodes: [makeCallNode({}, { onError: 'continueRegularOutput' })],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '12345', name: 'Bad' } }, { json: { phone: '+14155550102', name: 'Ok' } }],
			credentials,
		});

		scope.done();
		const out = result.output('Make Call');
		expect(out).toHaveLength(2);
		expect(out[0].json.error).toBe(
			'"Recipient Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "12345")',
		);
		expect(out[0].pairedItem).toEqual({ item: 0 });
		expect(out[1].json.executionId).toBe('e-1');
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	it('without Continue On Fail, the API error stops the run with the provider message and no key', async () => {
		nock(BOLNA).post('/call').reply(403, { detail: 'Invalid API key bn-test-key-123' });

		const result = await runWorkflow({
			nodes: [makeCallNode()],
			startNode: 'Make Call',
			inputItems: [{ json: { phone: '+14155550101', name: 'Ada' } }],
			credentials,
		});

		expect(result.error?.message).toBe('Bolna API error 403: Invalid API key ***');
		expect(JSON.stringify(result.run.data)).not.toContain('bn-test-key-123');
	});
});

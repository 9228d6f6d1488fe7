/**
 * The router's guarantees, through n8n-core's engine with the Bolna node: Retry On Fail is refused
 * on call-placing operations, every item is validated before any is executed, and a failure while
 * waiting never loses the calls already placed.
 */
import nock from 'nock';

import { AGENT, API_KEY, BATCH, BOLNA, credentials, recordRequests, runBolna } from '../Bolna/helpers';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';
import { Bolna } from '../../nodes/Bolna/Bolna.node';

const type = registerNodeType('bolna', new Bolna());
const agentId = { __rl: true, mode: 'id', value: AGENT };

describe('router', () => {
	it('refuses Retry On Fail on Make Call before any request', async () => {
		const seen = recordRequests();
		const result = await runWorkflow({
			nodes: [
				node(
					'Bolna',
					type,
					{ resource: 'call', operation: 'make', agentId, recipientPhoneNumber: '+14155550101' },
					{ credentials: { bolnaApi: { id: '1', name: 'Bolna' } }, retryOnFail: true, maxTries: 3 } as never,
				),
			],
			startNode: 'Bolna',
			credentials: credentials(),
		});
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('"Retry On Fail" cannot be used on an operation that places calls or batches');
	});

	it('allows Retry On Fail on reads', async () => {
		nock(BOLNA).get(`/batches/${BATCH}`).reply(200, { batch_id: BATCH, status: 'created' });
		const result = await runWorkflow({
			nodes: [
				node('Bolna', type, { resource: 'batch', operation: 'get', batchId: BATCH }, {
					credentials: { bolnaApi: { id: '1', name: 'Bolna' } },
					retryOnFail: true,
				} as never),
			],
			startNode: 'Bolna',
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Bolna')[0].json).toEqual({ batch_id: BATCH, status: 'created' });
	});

	it('Schedule: a bad date in item 2 stops the run before item 1 is scheduled', async () => {
		const seen = recordRequests();
		const result = await runBolna(
			{ resource: 'batch', operation: 'schedule', batchId: '={{ $json.batch }}', scheduledAt: '={{ $json.at }}' },
			[{ json: { batch: BATCH, at: '2026-05-19T13:00:00Z' } }, { json: { batch: BATCH, at: 'soon' } }],
		);
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('"Scheduled At" is not an ISO 8601 date (got "soon")');
	});

	describe('Wait for Completion ends on a permanent refusal without losing the placed calls', () => {
		const waitParams = {
			resource: 'call',
			operation: 'make',
			agentId,
			recipientPhoneNumber: '+14155550101',
			waitForCompletion: true,
			maxWaitMinutes: 15,
		};

		function placeThenRefuse() {
			nock(BOLNA).post('/call').reply(200, { message: 'done', status: 'queued', execution_id: 'exec-1' });
			// The key was revoked after the call was placed: asking again will not help.
			nock(BOLNA).get('/executions/exec-1').reply(403, { detail: 'Invalid API key' });
		}

		it('without Continue On Fail: the error names what was already placed', async () => {
			placeThenRefuse();
			const result = await runBolna(waitParams);
			expect(result.error?.message).toBe('Bolna API error 403: Invalid API key');
			expect((result.error as unknown as { description: string }).description).toBe(
				`Already done for these items, do not run them again: [{"executionId":"exec-1","status":"queued","message":"done","agentId":"${AGENT}","recipientPhoneNumber":"+14155550101"}]`,
			);
			expect(JSON.stringify(result.run)).not.toContain(API_KEY);
		});

		it('with Continue On Fail: the placed call is output with the error', async () => {
			placeThenRefuse();
			const result = await runBolna(waitParams, undefined, { continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([
				{
					json: {
						executionId: 'exec-1',
						status: 'queued',
						message: 'done',
						agentId: AGENT,
						recipientPhoneNumber: '+14155550101',
						error: 'Bolna API error 403: Invalid API key',
					},
					pairedItem: { item: 0 },
				},
			]);
		});
	});
});

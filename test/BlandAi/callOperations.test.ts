import nock from 'nock';

import postCall from '../fixtures/bland/post-call.json';
import { API_KEY, BLAND, ENCRYPTED_KEY, runBland } from './helpers';

const CALL_ID = 'd9cce3f3-23cf-4fa7-b62c-8be8119b8715';

describe('Bland AI call operations', () => {
	describe('Get (the documented call object through every output mode)', () => {
		it('Simplified', async () => {
			const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
				.get(`/v1/calls/${CALL_ID}`)
				.reply(200, postCall);
			const run = await runBland({ resource: 'call', operation: 'get', callId: CALL_ID });
			scope.done();
			expect(run.json).toEqual([
				{
					callId: CALL_ID,
					batchId: null,
					pathwayId: null,
					status: 'completed',
					queueStatus: 'complete',
					completed: true,
					to: '+12223334444',
					from: '+17163511654',
					inbound: false,
					answeredBy: 'human',
					durationSeconds: 45,
					callLengthMinutes: 0.75,
					priceUsd: 0.068,
					endedBy: 'ASSISTANT',
					errorMessage: null,
					summary: 'The customer booked three hotel rooms for tomorrow.',
					transcript: "user: Hello? \n assistant: Hi there! I'm calling from the hotel booking service.",
					recordingUrl: null,
					dispositionTag: 'Booked',
					analysis: { rooms: 3, booked: true, city: 'San Francisco' },
					variables: postCall.variables,
					metadata: { crm_id: 'L-42' },
					createdAt: '2024-04-27T23:51:18.025251+00:00',
					endedAt: '2024-04-27T23:52:10.000Z',
				},
			]);
		});

		it('Extracted Data Only: analysis + variables + disposition, call id and status', async () => {
			nock(BLAND).get(`/v1/calls/${CALL_ID}`).reply(200, postCall);
			const run = await runBland({ resource: 'call', operation: 'get', callId: CALL_ID, outputMode: 'extractedDataOnly' });
			expect(run.json).toEqual([
				{
					now_utc: 'Sat, 27 Apr 2024 23:51:25 GMT',
					call_id: CALL_ID,
					phone_number: '+12223334444',
					city: 'San Francisco',
					input: { date: '2024-04-28', rooms: 3 },
					rooms: 3,
					booked: true,
					dispositionTag: 'Booked',
					callId: CALL_ID,
					status: 'completed',
				},
			]);
		});

		it('Raw, with the ID encoded in the path', async () => {
			const scope = nock(BLAND).get('/v1/calls/a%2Fb%3Fc').reply(200, postCall);
			const run = await runBland({ resource: 'call', operation: 'get', callId: 'a/b?c', outputMode: 'raw' });
			scope.done();
			expect(run.json).toEqual([postCall]);
		});

		it('a 404 in the envelope shape names the message', async () => {
			nock(BLAND).get(`/v1/calls/${CALL_ID}`).reply(404, { data: null, errors: [{ error: 'not_found', message: 'Call not found' }] });
			const run = await runBland({ resource: 'call', operation: 'get', callId: CALL_ID });
			expect(run.error?.message).toBe('Bland AI API error 404: Call not found');
			expect(run.error?.name).toBe('NodeApiError');
		});

		it('a GET is retried after a 503', async () => {
			const scope = nock(BLAND)
				.get(`/v1/calls/${CALL_ID}`)
				.reply(503, 'unavailable')
				.get(`/v1/calls/${CALL_ID}`)
				.reply(200, postCall);
			const run = await runBland({ resource: 'call', operation: 'get', callId: CALL_ID, outputMode: 'raw' });
			scope.done();
			expect(run.json).toEqual([postCall]);
		});
	});

	describe('Get Many (from/to index windows)', () => {
		const calls = (from: number, count: number) =>
			Array.from({ length: count }, (_, i) => ({ call_id: `c-${from + i}` }));

		it('Limit: one request asking for exactly the limit, with the filters', async () => {
			const scope = nock(BLAND, { reqheaders: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY } })
				.get('/v1/calls')
				.query({
					from: 0,
					to: 5,
					limit: 5,
					batch_id: 'b-1',
					completed: 'true',
					answered_by: 'human',
					start_date: '2026-01-01',
					to_number: '+14155550101',
				})
				.reply(200, { total_count: 784, count: 5, calls: calls(0, 5) });
			const run = await runBland(
				{
					resource: 'call',
					operation: 'getMany',
					limit: 5,
					filters: { batchId: 'b-1', completed: true, answeredBy: 'human', startDate: '2026-01-01', toNumber: '+14155550101' },
				},
				{ credentials: { encryptedKeySecret: ENCRYPTED_KEY } },
			);
			scope.done();
			expect(run.json.map((c) => c.call_id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
			expect(run.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		it('Return All: 2,500 calls in three windows of 1,000; total_count saves a fourth request', async () => {
			const scope = nock(BLAND)
				.get('/v1/calls')
				.query({ from: 0, to: 1000, limit: 1000 })
				.reply(200, { total_count: 2500, calls: calls(0, 1000) })
				.get('/v1/calls')
				.query({ from: 1000, to: 2000, limit: 1000 })
				.reply(200, { total_count: 2500, calls: calls(1000, 1000) })
				.get('/v1/calls')
				.query({ from: 2000, to: 3000, limit: 1000 })
				.reply(200, { total_count: 2500, calls: calls(2000, 500) });
			const run = await runBland({ resource: 'call', operation: 'getMany', returnAll: true });
			scope.done();
			expect(run.json).toHaveLength(2500);
			expect(run.json[2499]).toEqual({ call_id: 'c-2499' });
		});

		it('Return All: exactly 2,000 calls take two requests, not three', async () => {
			const scope = nock(BLAND)
				.get('/v1/calls')
				.query({ from: 0, to: 1000, limit: 1000 })
				.reply(200, { total_count: 2000, calls: calls(0, 1000) })
				.get('/v1/calls')
				.query({ from: 1000, to: 2000, limit: 1000 })
				.reply(200, { total_count: 2000, calls: calls(1000, 1000) });
			const run = await runBland({ resource: 'call', operation: 'getMany', returnAll: true });
			scope.done();
			expect(run.json).toHaveLength(2000);
		});

		it('Limit above the page size stops as soon as the limit is reached', async () => {
			const scope = nock(BLAND)
				.get('/v1/calls')
				.query({ from: 0, to: 1000, limit: 1000 })
				.reply(200, { calls: calls(0, 1000) })
				.get('/v1/calls')
				.query({ from: 1000, to: 2000, limit: 1000 })
				.reply(200, { calls: calls(1000, 1000) });
			const run = await runBland({ resource: 'call', operation: 'getMany', limit: 1500 });
			scope.done();
			expect(run.json).toHaveLength(1500);
		});
	});

	it('Stop posts to /stop', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } })
			.post(`/v1/calls/${CALL_ID}/stop`)
			.reply(200, { status: 'success', message: 'Call ended successfully.' });
		const run = await runBland({ resource: 'call', operation: 'stop', callId: CALL_ID });
		scope.done();
		expect(run.json).toEqual([{ callId: CALL_ID, status: 'success', message: 'Call ended successfully.' }]);
	});

	it('Analyze posts the goal and [question, type] pairs and pairs the answers with the questions', async () => {
		const scope = nock(BLAND)
			.post(`/v1/calls/${CALL_ID}/analyze`, {
				goal: 'Book rooms',
				questions: [
					['How many rooms?', 'number'],
					['Was a booking made?', 'boolean'],
				],
			})
			.reply(200, { status: 'success', answers: [3, true], credits_used: 0.1 });
		const run = await runBland({
			resource: 'call',
			operation: 'analyze',
			callId: CALL_ID,
			goal: 'Book rooms',
			questions: {
				values: [
					{ question: 'How many rooms?', type: 'number' },
					{ question: 'Was a booking made?', type: 'boolean' },
				],
			},
		});
		scope.done();
		expect(run.json).toEqual([
			{
				callId: CALL_ID,
				status: 'success',
				answers: [
					{ question: 'How many rooms?', answer: 3 },
					{ question: 'Was a booking made?', answer: true },
				],
				creditsUsed: 0.1,
			},
		]);
	});

	it('Analyze without questions sends nothing', async () => {
		const scope = nock(BLAND).post(`/v1/calls/${CALL_ID}/analyze`).reply(200, {});
		const run = await runBland({ resource: 'call', operation: 'analyze', callId: CALL_ID, goal: 'x', questions: {} });
		expect(run.error?.message).toBe('"Questions" needs at least one question');
		expect(scope.isDone()).toBe(false);
	});
});

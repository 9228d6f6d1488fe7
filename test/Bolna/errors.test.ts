import nock from 'nock';

import { API_KEY, BOLNA, EXECUTION, agentRl, connectionReset, recordRequests, runBolna } from './helpers';

const getExecution = { resource: 'execution', operation: 'get', executionId: EXECUTION, outputMode: 'raw' };
const makeCall = { resource: 'call', operation: 'make', agentId: agentRl, recipientPhoneNumber: '+14155550101' };

describe('Bolna API errors', () => {
	it.each([
		[401, { detail: 'Access denied' }, 'Bolna API error 401: Access denied'],
		[403, { detail: `Invalid API key ${API_KEY}` }, 'Bolna API error 403: Invalid API key ***'],
		[404, { message: 'Execution not found' }, 'Bolna API error 404: Execution not found'],
		[
			422,
			{ detail: [{ loc: ['path', 'execution_id'], msg: 'value is not a valid uuid', type: 'type_error.uuid' }] },
			'Bolna API error 422: path.execution_id: value is not a valid uuid',
		],
		[429, { detail: 'Rate limit exceeded' }, 'Bolna API error 429: Rate limit exceeded'],
		[500, { error: 500, message: 'Internal Server Error' }, 'Bolna API error 500: Internal Server Error'],
	])('%i → NodeApiError with the provider message and no API key', async (status, body, message) => {
		// 429 without Retry-After and 500 are answered every time (retries use up their attempts)
		nock(BOLNA)
			.get(`/executions/${EXECUTION}`)
			.times(status === 429 || status === 500 || status === 401 ? 4 : 1)
			.reply(status, body);
		const result = await runBolna(getExecution);
		expect(result.error?.message).toBe(message);
		expect((result.error as { httpCode?: string }).httpCode).toBe(String(status));
		expect(result.error?.name).toBe('NodeApiError');
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
		expect(JSON.stringify(result.error, Object.getOwnPropertyNames(result.error))).not.toContain(API_KEY);
	});

	it('a GET is retried on 503 and succeeds', async () => {
		let gets = 0;
		const count = () => {
			gets++;
			return true;
		};
		nock(BOLNA).get(`/executions/${EXECUTION}`).query(count).reply(503, { message: 'unavailable' });
		nock(BOLNA).get(`/executions/${EXECUTION}`).query(count).reply(200, { id: EXECUTION, status: 'queued' });
		const result = await runBolna(getExecution);
		expect(result.error).toBeUndefined();
		expect(gets).toBe(2);
		expect(result.items[0].json).toEqual({ id: EXECUTION, status: 'queued' });
	});
});

describe('reads are retried after a dropped connection', () => {
	it('GET /executions/{id}: ECONNRESET then 200 = two requests and the result', async () => {
		let gets = 0;
		const count = () => {
			gets++;
			return true;
		};
		nock(BOLNA).get(`/executions/${EXECUTION}`).query(count).replyWithError(connectionReset());
		nock(BOLNA).get(`/executions/${EXECUTION}`).query(count).reply(200, { id: EXECUTION, status: 'ringing' });
		const result = await runBolna(getExecution);
		expect(result.error).toBeUndefined();
		expect(gets).toBe(2);
		expect(result.items[0].json).toEqual({ id: EXECUTION, status: 'ringing' });
	});

	it('a POST that drops says what happened and that it was not retried', async () => {
		nock(BOLNA).post('/call').replyWithError(connectionReset());
		const result = await runBolna(makeCall);
		expect(result.error?.message).toBe(
			'Bolna did not answer (the connection was reset). The request was sent once and not retried, because it may already have been received; check before running it again.',
		);
	});
});

describe('Make Call is never sent twice', () => {
	it.each([
		['a 500', (s: nock.Interceptor) => s.reply(500, { message: 'boom' }), 'Bolna API error 500: boom'],
		[
			'a dropped connection',
			(s: nock.Interceptor) => s.replyWithError(connectionReset()),
			'The request was sent once and not retried',
		],
	])('on %s: exactly one POST /call', async (_label, reply, message) => {
		let posts = 0;
		reply(
			nock(BOLNA)
				.post('/call', () => {
					posts++;
					return true;
				})
				.times(3),
		);
		const result = await runBolna(makeCall);
		expect(posts).toBe(1);
		expect(result.error?.message).toContain(message);
		expect(JSON.stringify(result.run)).not.toContain(API_KEY);
	});

	it.each(['0', '1'])('a 429 with Retry-After: %s is retried after the wait (2 requests)', async (retryAfter) => {
		let posts = 0;
		const count = () => {
			posts++;
			return true;
		};
		nock(BOLNA).post('/call', count).reply(429, { detail: 'slow down' }, { 'Retry-After': retryAfter });
		nock(BOLNA).post('/call', count).reply(200, { message: 'done', status: 'queued', execution_id: EXECUTION });
		const result = await runBolna(makeCall);
		expect(result.error).toBeUndefined();
		expect(posts).toBe(2);
		expect(result.items[0].json.executionId).toBe(EXECUTION);
	});
});

describe('Make Call validation sends nothing', () => {
	it('the request recorder does see a request that nothing intercepts', async () => {
		const seen = recordRequests();
		await runBolna(makeCall);
		seen.stop();
		expect(seen.requests).toEqual([{ method: 'POST', path: '/call' }]);
	});

	it.each([
		[{ recipientPhoneNumber: '4155550101' }, '', '"Recipient Phone Number" must be a phone number in E.164 format'],
		[{ recipientPhoneNumber: '+442079460958' }, '+1, +91', '"Recipient Phone Number" +442079460958 is outside the allowed destination prefixes set in the credential (+1, +91)'],
		[{ additionalFields: { userDataJson: '{"a":' } }, '', '"User Data (JSON)" is not valid JSON'],
		[{ additionalFields: { scheduledAt: 'next tuesday' } }, '', '"Scheduled At" is not an ISO 8601 date (got "next tuesday")'],
		[{ additionalFields: { fromPhoneNumber: 'abc' } }, '', '"From Phone Number" must be a phone number in E.164 format'],
	])('%j refused', async (override, allowedDestinations, message) => {
		const seen = recordRequests();
		const result = await runBolna({ ...makeCall, ...override }, undefined, { allowedDestinations });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toContain(message);
		expect(result.error?.name).toBe('NodeOperationError');
	});
});

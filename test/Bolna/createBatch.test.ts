import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import {
	AGENT,
	API_KEY,
	AUTH,
	BATCH,
	BOLNA,
	agentRl,
	connectionReset,
	parseMultipart,
	recordRequests,
	runBolna,
	type FormPart,
} from './helpers';

const base = {
	resource: 'batch',
	operation: 'create',
	agentId: agentRl,
	inputMode: 'items',
	phoneNumberField: 'phone',
};

const contacts = [
	{ json: { phone: '+1 415 555 0101', name: 'Ada', plan: { tier: 'gold', seats: 3 } } },
	{ json: { phone: '+14155550102', name: 'Grace, "Amazing"', vip: true } },
	{ json: { phone: '0044 20 7946 0958', name: 'Alan' } },
];

interface Upload {
	contentType: string;
	authorization: string;
	parts: FormPart[];
}

/** Intercepts POST `path` and records each multipart upload. */
function captureUploads(path: string, reply: [number, IDataObject], uploads: Upload[], times = 1) {
	return nock(BOLNA, AUTH)
		.post(path)
		.times(times)
		.reply(function (_uri, body) {
			const contentType = String(this.req.headers['content-type']);
			uploads.push({
				contentType,
				authorization: String(this.req.headers.authorization),
				parts: parseMultipart(String(body), contentType),
			});
			return reply;
		});
}

describe('Bolna Create Batch', () => {
	it('turns 3 input items into ONE multipart upload whose CSV has the 3 contacts', async () => {
		const uploads: Upload[] = [];
		const scope = captureUploads('/batches', [200, { batch_id: BATCH, state: 'created' }], uploads);

		const result = await runBolna(
			{
				...base,
				options: { fromPhoneNumbers: '+14155550100, +1 415 555 0199', retryConfig: '{"enabled": true, "max_retries": 2}' },
			},
			contacts,
		);

		expect(result.error).toBeUndefined();
		scope.done();
		expect(uploads).toHaveLength(1);
		expect(uploads[0].contentType).toMatch(/^multipart\/form-data; boundary=\S+$/);
		expect(uploads[0].authorization).toBe(`Bearer ${API_KEY}`);
		expect(uploads[0].parts).toEqual([
			{ name: 'agent_id', value: AGENT },
			{
				name: 'file',
				filename: 'contacts.csv',
				contentType: 'text/csv',
				value:
					'contact_number,name,plan,vip\n' +
					'+14155550101,Ada,"{""tier"":""gold"",""seats"":3}",\n' +
					'+14155550102,"Grace, ""Amazing""",,true\n' +
					'+442079460958,Alan,,\n',
			},
			{ name: 'from_phone_numbers', value: '+14155550100' },
			{ name: 'from_phone_numbers', value: '+14155550199' },
			{ name: 'retry_config', value: '{"enabled":true,"max_retries":2}' },
		]);
		expect(result.items).toEqual([
			{
				json: {
					batchId: BATCH,
					state: 'created',
					agentId: AGENT,
					contactCount: 3,
					skippedRows: [],
					schedule: null,
				},
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
	});

	it('schedules in the same step with a numeric offset, after the upload', async () => {
		const uploads: Upload[] = [];
		const created = captureUploads('/batches', [200, { batch_id: BATCH, state: 'created' }], uploads);
		const scheduled = captureUploads(`/batches/${BATCH}/schedule`, [200, { message: 'success', state: 'scheduled' }], uploads);

		const result = await runBolna(
			{ ...base, schedule: true, scheduledAt: '2026-05-19T13:00:00Z', bypassCallGuardrails: true },
			contacts.slice(0, 1),
		);

		expect(result.error).toBeUndefined();
		created.done();
		scheduled.done();
		expect(uploads[1].parts).toEqual([
			{ name: 'scheduled_at', value: '2026-05-19T13:00:00+00:00' },
			{ name: 'bypass_call_guardrails', value: 'true' },
		]);
		expect(result.items[0].json).toEqual({
			batchId: BATCH,
			state: 'scheduled',
			agentId: AGENT,
			contactCount: 1,
			skippedRows: [],
			schedule: {
				scheduledAt: '2026-05-19T13:00:00+00:00',
				bypassCallGuardrails: true,
				state: 'scheduled',
				message: 'success',
			},
		});
	});

	it('reports the created batch id when scheduling fails, so nobody uploads twice', async () => {
		nock(BOLNA).post('/batches').reply(200, { batch_id: BATCH, state: 'created' });
		nock(BOLNA).post(`/batches/${BATCH}/schedule`).reply(400, { message: 'scheduled_at must be 2 minutes ahead' });

		const result = await runBolna(
			{ ...base, schedule: true, scheduledAt: '2026-05-19T18:30:00+05:30' },
			contacts.slice(0, 1),
		);

		expect(result.error?.message).toBe(
			`Batch ${BATCH} was created, but scheduling it failed: Bolna API error 400: scheduled_at must be 2 minutes ahead`,
		);
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('refuses invalid rows by default, listing item index and reason, and sends nothing', async () => {
		const seen = recordRequests();
		const result = await runBolna(
			base,
			[
				{ json: { phone: '+14155550101' } },
				{ json: { phone: '12345' } },
				{ json: { name: 'no phone' } },
				{ json: { phone: '+1 (415) 555-0101' } },
				{ json: { phone: '+442079460958' } },
			],
			{ allowedDestinations: '+1' },
		);
		seen.stop();

		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe(
			'4 contacts cannot be called, so no batch was created:\n' +
				'item 1 ("12345"): not a phone number in E.164 format, e.g. +14155550123\n' +
				'item 2: no phone number in field "phone"\n' +
				'item 3 ("+1 (415) 555-0101"): duplicate of item 0\n' +
				'item 4 ("+442079460958"): outside the allowed destination prefixes (+1)',
		);
	});

	it('with Invalid Rows = Skip, uploads the valid contacts and lists the skipped ones', async () => {
		const uploads: Upload[] = [];
		const scope = captureUploads('/batches', [200, { batch_id: BATCH, state: 'created' }], uploads);

		const result = await runBolna(
			{ ...base, invalidRows: 'skip' },
			[{ json: { phone: 'not a number', name: 'X' } }, { json: { phone: '+14155550102', name: 'Y' } }],
		);

		scope.done();
		expect(uploads[0].parts[1].value).toBe('contact_number,name\n+14155550102,Y\n');
		expect(result.items[0].json.contactCount).toBe(1);
		expect(result.items[0].json.skippedRows).toEqual([
			{ itemIndex: 0, value: 'not a number', reason: 'not a phone number in E.164 format, e.g. +14155550123' },
		]);
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses when every row is invalid, even with Skip, and sends nothing', async () => {
		const seen = recordRequests();
		const result = await runBolna({ ...base, invalidRows: 'skip' }, [{ json: { phone: 'x' } }]);
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('There are no valid contacts, so no batch was created');
	});

	it.each([
		[{ schedule: true, scheduledAt: '2026-02-30T13:00:00' }, '"Scheduled At" is not a valid date (got "2026-02-30T13:00:00")'],
		[{ options: { retryConfig: '{"enabled": true' } }, '"Retry Config (JSON)" is not valid JSON'],
		[{ options: { fromPhoneNumbers: '+14155550100, 555' } }, '"From Phone Numbers" must be a phone number in E.164 format'],
	])('refuses bad parameters before any request: %j', async (params, message) => {
		const seen = recordRequests();
		const result = await runBolna({ ...base, ...params }, contacts);
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toContain(message);
	});

	describe('from a binary CSV file', () => {
		const csvItem = (text: string) => ({
			json: {},
			binary: {
				data: {
					data: Buffer.from(text, 'utf8').toString('base64'),
					mimeType: 'text/csv',
					fileName: 'people.csv',
				},
			},
		});

		it('validates the rows and uploads contact_number first, normalised', async () => {
			const uploads: Upload[] = [];
			const scope = captureUploads('/batches', [200, { batch_id: BATCH, state: 'created' }], uploads);

			const result = await runBolna(
				{ ...base, inputMode: 'binaryCsv', binaryPropertyName: 'data', options: { fileName: 'people.csv' } },
				[csvItem('\ufeffname,contact_number,note\r\nAda,+1 415 555 0101,"line1\nline2"\r\n\r\nGrace,+14155550102,\r\n')],
			);

			expect(result.error).toBeUndefined();
			scope.done();
			expect(uploads[0].parts[1]).toEqual({
				name: 'file',
				filename: 'people.csv',
				contentType: 'text/csv',
				value: 'contact_number,name,note\n+14155550101,Ada,"line1\nline2"\n+14155550102,Grace,\n',
			});
			expect(result.items[0].json.contactCount).toBe(2);
		});

		it('refuses a file without a contact_number header and sends nothing', async () => {
			const seen = recordRequests();
			const result = await runBolna({ ...base, inputMode: 'binaryCsv', binaryPropertyName: 'data' }, [
				csvItem('phone,name\n+14155550101,Ada\n'),
			]);
			seen.stop();
			expect(seen.requests).toEqual([]);
			expect(result.error?.message).toBe(
				'The CSV file in "Input Binary Field" (data) has no "contact_number" column in its header (found: "phone", "name")',
			);
		});

		it('lists bad rows by CSV row number (header is row 1)', async () => {
			const seen = recordRequests();
			const result = await runBolna({ ...base, inputMode: 'binaryCsv', binaryPropertyName: 'data' }, [
				csvItem('contact_number,name\n+14155550101,Ada\n+91 98,Bad\n+14155550101,Again\n'),
			]);
			seen.stop();
			expect(seen.requests).toEqual([]);
			expect(result.error?.message).toBe(
				'2 contacts cannot be called, so no batch was created:\n' +
					'row 3 ("+91 98"): not a phone number in E.164 format, e.g. +14155550123\n' +
					'row 4 ("+14155550101"): duplicate of row 2',
			);
		});

		it('fails clearly when the first item has no such binary property', async () => {
			const result = await runBolna({ ...base, inputMode: 'binaryCsv', binaryPropertyName: 'file' }, [csvItem('x')]);
			expect(result.error?.message).toContain('file');
		});
	});

	describe('never sends the upload twice', () => {
		it.each([
			['a 500', (s: nock.Interceptor) => s.reply(500, { message: 'boom' }), 'Bolna API error 500: boom'],
			[
				'a dropped connection',
				(s: nock.Interceptor) => s.replyWithError(connectionReset()),
				'The request was sent once and not retried',
			],
		])('on %s: exactly one POST', async (_label, reply, message) => {
			let posts = 0;
			reply(
				nock(BOLNA)
					.post('/batches', () => {
						posts++;
						return true;
					})
					.times(3),
			);
			const result = await runBolna(base, contacts);
			expect(posts).toBe(1);
			expect(result.error?.message).toContain(message);
		});

		it.each(['0', '1'])('a 429 with Retry-After: %s is retried once after the wait', async (retryAfter) => {
			let posts = 0;
			const count = () => {
				posts++;
				return true;
			};
			nock(BOLNA).post('/batches', count).reply(429, { detail: 'Too many requests' }, { 'Retry-After': retryAfter });
			nock(BOLNA).post('/batches', count).reply(200, { batch_id: BATCH, state: 'created' });
			const result = await runBolna(base, contacts);
			expect(result.error).toBeUndefined();
			expect(posts).toBe(2);
			expect(result.items[0].json.batchId).toBe(BATCH);
		});
	});

	it('with Continue On Fail, a refused batch becomes one error item paired with every input', async () => {
		const result = await runBolna(base, [{ json: { phone: 'x' } }, { json: { phone: 'y' } }], {
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(1);
		expect(String(result.items[0].json.error)).toMatch(/^2 contacts cannot be called/);
		expect(result.items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('resolves expressions (agent, phone field) against the first item', async () => {
		const uploads: Upload[] = [];
		const scope = captureUploads('/batches', [200, { batch_id: BATCH, state: 'created' }], uploads);
		const result = await runBolna(
			{
				...base,
				agentId: { __rl: true, mode: 'id', value: '={{ $json.agent }}' },
				phoneNumberField: '={{ $json.field }}',
			},
			[
				{ json: { agent: AGENT, field: 'mobile', mobile: '+14155550101' } },
				{ json: { agent: 'other', field: 'x', mobile: '+14155550102' } },
			],
		);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(uploads[0].parts[0]).toEqual({ name: 'agent_id', value: AGENT });
		expect(uploads[0].parts[1].value).toBe(
			'contact_number,agent,field\n+14155550101,3c90c3cc-0d44-4b50-8888-8dd25736052a,mobile\n+14155550102,other,x\n',
		);
	});
});

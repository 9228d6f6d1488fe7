import nock from 'nock';

import { API_KEY, BLAND, ENCRYPTED_KEY, recordRequests, runBland } from './helpers';

const create = {
	resource: 'batch',
	operation: 'create',
	callUsing: 'task',
	task: 'Remind {{name}} of the renewal',
	voice: { __rl: true, mode: 'id', value: 'maya' },
	batchDescription: 'Spring renewals',
	statusWebhook: 'https://n8n.example.com/webhook/batch',
	globalSettings: { record: true, maxDuration: 5 },
};

const people = [
	{ json: { phone: '+1 415 555 0101', name: 'Ada', plan: 'gold' } },
	{ json: { phone: '+14155550102', name: 'Grace', plan: 'silver' } },
	{ json: { phone: '+14155550103', name: 'Linus', plan: 'gold' } },
];

function csvItem(text: string) {
	return { json: {}, binary: { data: { data: Buffer.from(text).toString('base64'), mimeType: 'text/csv', fileName: 'contacts.csv' } } };
}

describe('Bland AI Create Batch', () => {
	it('sends one request for all items: call_objects with variables, a global block without phone_number', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY } })
			.post('/v2/batches/create', {
				call_objects: [
					{ phone_number: '+14155550101', request_data: { name: 'Ada', plan: 'gold' } },
					{ phone_number: '+14155550102', request_data: { name: 'Grace', plan: 'silver' } },
					{ phone_number: '+14155550103', request_data: { name: 'Linus', plan: 'gold' } },
				],
				global: { task: 'Remind {{name}} of the renewal', voice: 'maya', record: true, max_duration: 5 },
				description: 'Spring renewals',
				status_webhook: 'https://n8n.example.com/webhook/batch',
			})
			.reply(200, { data: { batch_id: 'batch-1' }, errors: null });

		const run = await runBland(create, { items: people, credentials: { encryptedKeySecret: ENCRYPTED_KEY } });
		expect(run.error).toBeUndefined();
		scope.done();
		expect(run.items).toEqual([
			{
				json: { batchId: 'batch-1', callCount: 3, description: 'Spring renewals' },
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
	});

	it('uses a pathway in global and the configured phone field', async () => {
		const scope = nock(BLAND)
			.post('/v2/batches/create', {
				call_objects: [{ phone_number: '+14155550101', request_data: { first: 'Ada' } }],
				global: { pathway_id: 'pw-1', start_node_id: 'n-2' },
			})
			.reply(200, { data: { batch_id: 'batch-2' }, errors: null });
		const run = await runBland(
			{
				resource: 'batch',
				operation: 'create',
				callUsing: 'pathway',
				pathwayId: { __rl: true, mode: 'id', value: 'pw-1' },
				pathwayOptions: { startNodeId: 'n-2' },
				phoneNumberField: 'mobile',
			},
			{ items: [{ json: { mobile: '+14155550101', first: 'Ada' } }] },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});

	it('reads contacts from a binary CSV with a phone_number column', async () => {
		const scope = nock(BLAND)
			.post('/v2/batches/create', {
				call_objects: [
					{ phone_number: '+14155550101', request_data: { name: 'Ada, Countess', plan: 'gold' } },
					{ phone_number: '+14155550102', request_data: { name: 'Grace', plan: '' } },
				],
				global: { task: 'Hello' },
			})
			.reply(200, { data: { batch_id: 'batch-csv' }, errors: null });
		const run = await runBland(
			{ resource: 'batch', operation: 'create', inputMode: 'binaryCsv', callUsing: 'task', task: 'Hello' },
			{ items: [csvItem('phone_number,name,plan\n+14155550101,"Ada, Countess",gold\n+1 415 555 0102,Grace,\n')] },
		);
		expect(run.error).toBeUndefined();
		scope.done();
		expect(run.json).toEqual([{ batchId: 'batch-csv', callCount: 2 }]);
	});

	it('refuses a CSV without a phone_number column', async () => {
		const scope = nock(BLAND).post('/v2/batches/create').reply(200, {});
		const run = await runBland(
			{ resource: 'batch', operation: 'create', inputMode: 'binaryCsv', callUsing: 'task', task: 'Hello' },
			{ items: [csvItem('phone,name\n+14155550101,Ada\n')] },
		);
		expect(run.error?.message).toBe('The CSV in item 0 has no "phone_number" column (columns: phone, name)');
		expect(scope.isDone()).toBe(false);
	});

	it.each([
		[{ transferPhoneNumber: '+447911123456' }, '"Transfer Phone Number" +447911123456 is outside the allowed destination prefixes set in the credential (+1)'],
		[{ transferList: '{"uk": "+447911123456"}' }, '"Transfer List (JSON).uk" +447911123456 is outside the allowed destination prefixes set in the credential (+1)'],
		[{ otherParameters: '{"transfer_phone_number": "+447911123456"}' }, '"Other Parameters (JSON).transfer_phone_number" +447911123456 is outside the allowed destination prefixes set in the credential (+1)'],
	])('refuses a transfer number outside the allowed prefixes in Global Settings %j and sends nothing', async (settings, message) => {
		const scope = nock(BLAND).post('/v2/batches/create').reply(200, {});
		const recorder = recordRequests();
		const run = await runBland(
			{ ...create, globalSettings: { ...create.globalSettings, ...settings } },
			{ items: people, credentials: { allowedDestinations: '+1' } },
		);
		recorder.stop();
		expect(run.error?.message).toBe(message);
		expect(scope.isDone()).toBe(false);
		expect(recorder.requests).toEqual([]);
	});

	describe('row validation', () => {
		const bad = [
			...people,
			{ json: { phone: '555-0104', name: 'NoCountry' } },
			{ json: { phone: '+447911123456', name: 'Abroad' } },
			{ json: { phone: '+14155550102', name: 'Twice' } },
			{ json: { name: 'NoPhone' } },
		];

		it('Fail (default): lists every invalid row and sends nothing', async () => {
			const scope = nock(BLAND).post('/v2/batches/create').reply(200, {});
			const recorder = recordRequests();
			const run = await runBland(create, { items: bad, credentials: { allowedDestinations: '+1' } });
			recorder.stop();
			expect(run.error?.message).toBe(
				'4 of 7 rows are invalid: item 3 (555-0104): not an E.164 phone number; item 4 (+447911123456): outside the allowed destination prefixes (+1); item 5 (+14155550102): duplicate of item 1; item 6 (empty): no phone number',
			);
			expect(scope.isDone()).toBe(false);
			expect(recorder.requests).toEqual([]);
		});

		it('Skip: creates the batch with the valid rows and reports the skipped ones', async () => {
			const scope = nock(BLAND)
				.post('/v2/batches/create', (body) => {
					expect(body.call_objects.map((c: { phone_number: string }) => c.phone_number)).toEqual([
						'+14155550101',
						'+14155550102',
						'+14155550103',
					]);
					return true;
				})
				.reply(200, { data: { batch_id: 'batch-3' }, errors: null });
			const run = await runBland({ ...create, invalidRows: 'skip' }, { items: bad, credentials: { allowedDestinations: '+1' } });
			scope.done();
			expect(run.json).toEqual([
				{
					batchId: 'batch-3',
					callCount: 3,
					description: 'Spring renewals',
					skippedRows: [
						{ row: 'item 3', phoneNumber: '555-0104', reason: 'not an E.164 phone number' },
						{ row: 'item 4', phoneNumber: '+447911123456', reason: 'outside the allowed destination prefixes (+1)' },
						{ row: 'item 5', phoneNumber: '+14155550102', reason: 'duplicate of item 1' },
						{ row: 'item 6', phoneNumber: '', reason: 'no phone number' },
					],
				},
			]);
			expect(run.items[0].pairedItem).toHaveLength(7);
		});

		it.each([
			['a description over 60 characters', { batchDescription: 'x'.repeat(61) }, '"Batch Description" is 61 characters; Bland accepts at most 60'],
			['an http status webhook', { statusWebhook: 'http://n8n.example.com/x' }, '"Status Webhook URL" must use https:// — Bland does not deliver webhooks to http:// URLs (got "http://n8n.example.com/x")'],
			['phone_number in the global settings', { globalSettings: { otherParameters: '{"phone_number": "+14155550100"}' } }, '"Other Parameters (JSON)" may not set "phone_number": the phone number has its own field'],
			['a pathway with settings it ignores', { callUsing: 'pathway', pathwayId: { __rl: true, mode: 'id', value: 'pw' }, globalSettings: { otherParameters: '{"first_sentence": "Hi"}' } }, '"Other Parameters (JSON)" sets "first_sentence", which Bland ignores when the call uses a pathway; remove it'],
		])('refuses %s', async (_label, params, message) => {
			const scope = nock(BLAND).post('/v2/batches/create').reply(200, {});
			const run = await runBland({ ...create, ...params }, { items: people });
			expect(run.error?.message).toBe(message);
			expect(scope.isDone()).toBe(false);
		});
	});

	describe('is sent exactly once', () => {
		it('a 500 is reported, not retried', async () => {
			const scope = nock(BLAND)
				.post('/v2/batches/create')
				.reply(500, { data: null, errors: [{ message: 'boom' }] })
				.post('/v2/batches/create')
				.reply(200, { data: { batch_id: 'second' }, errors: null });
			const run = await runBland(create, { items: people });
			expect(scope.pendingMocks()).toHaveLength(1);
			expect(run.error?.message).toBe('Bland AI API error 500: boom');
		});

		it('a dropped connection is reported, not retried', async () => {
			const scope = nock(BLAND)
				.post('/v2/batches/create')
				.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
				.post('/v2/batches/create')
				.reply(200, { data: { batch_id: 'second' }, errors: null });
			const run = await runBland(create, { items: people });
			expect(scope.pendingMocks()).toHaveLength(1);
			expect(run.error?.message).toMatch(/^Bland AI did not answer \(.+\)\. The request was sent once and not retried/);
		});

		it('a 429 is retried', async () => {
			const scope = nock(BLAND)
				.post('/v2/batches/create')
				.reply(429, { data: null, errors: [{ message: 'slow down' }] }, { 'Retry-After': '0' })
				.post('/v2/batches/create')
				.reply(200, { data: { batch_id: 'after-429' }, errors: null });
			const run = await runBland(create, { items: people });
			scope.done();
			expect(run.json[0].batchId).toBe('after-429');
		});

		it('a 200 with errors and no batch id is an error carrying only the message, not the response', async () => {
			nock(BLAND)
				.post('/v2/batches/create')
				.reply(200, {
					data: null,
					errors: [{ error: 'invalid_parameter', message: `global.task is required (${API_KEY})` }],
					debug: { echo: 'raw-response-marker' },
				});
			const run = await runBland(create, { items: people });
			expect(run.error?.message).toBe('Bland AI API error: global.task is required (***)');
			expect(run.error?.name).toBe('NodeOperationError');
			expect((run.error as { description?: string }).description).toBe(
				'Bland answered without a batch ID. Check the batches in Bland before running this again.',
			);
			const stored = JSON.stringify(run.run.data);
			expect(stored).not.toContain(API_KEY);
			expect(stored).not.toContain('raw-response-marker');
			expect(stored).not.toContain('invalid_parameter');
		});

		it('a 200 without a batch id and without a message says so', async () => {
			nock(BLAND).post('/v2/batches/create').reply(200, { status: 'ok' });
			const run = await runBland(create, { items: people });
			expect(run.error?.message).toBe('Bland AI API error: no batch_id in the response');
			expect(run.error?.name).toBe('NodeOperationError');
		});
	});

	it('with Continue On Fail, a refused batch becomes one error item paired to every input', async () => {
		const run = await runBland({ ...create, batchDescription: 'x'.repeat(61) }, { items: people, continueOnFail: true });
		expect(run.items).toEqual([
			{
				json: { error: '"Batch Description" is 61 characters; Bland accepts at most 60' },
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
	});
});

describe('Bland AI batch Get / Get Many / Stop', () => {
	it('Get reads GET /v1/batches/{id} (the documented batch details)', async () => {
		const details = {
			status: 'in-progress',
			batch_params: { id: 'batch-1', label: 'Spring', base_prompt: 'Hi {{name}}' },
			call_data: [{ call_id: 'c-1', to: '+14155550101', completed: true }],
			analysis: { total_calls: 3, completed_calls: 1, in_progress_calls: 2 },
		};
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY } }).get('/v1/batches/batch-1').reply(200, details);
		const run = await runBland({ resource: 'batch', operation: 'get', batchId: 'batch-1' });
		scope.done();
		expect(run.json).toEqual([{ batchId: 'batch-1', ...details }]);
	});

	it('Get unwraps a {data, errors} envelope', async () => {
		const scope = nock(BLAND)
			.get('/v1/batches/batch-1')
			.reply(200, { data: { id: 'batch-1', status: 'in_progress', calls_total: 3 }, errors: null });
		const run = await runBland({ resource: 'batch', operation: 'get', batchId: 'batch-1' });
		scope.done();
		expect(run.json).toEqual([{ batchId: 'batch-1', id: 'batch-1', status: 'in_progress', calls_total: 3 }]);
	});

	const batches = (skip: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: `b-${skip + i}` }));

	it('Get Many with Limit: one request with take = limit', async () => {
		const scope = nock(BLAND)
			.get('/v2/batches/list')
			.query({ take: 7, skip: 0 })
			.reply(200, { data: batches(0, 7), errors: null });
		const run = await runBland({ resource: 'batch', operation: 'getMany', limit: 7 });
		scope.done();
		expect(run.json).toHaveLength(7);
	});

	it('Get Many Return All: pages of 100 until a short page (250 → 3 requests)', async () => {
		const scope = nock(BLAND)
			.get('/v2/batches/list')
			.query({ take: 100, skip: 0 })
			.reply(200, { data: batches(0, 100), errors: null })
			.get('/v2/batches/list')
			.query({ take: 100, skip: 100 })
			.reply(200, { data: batches(100, 100), errors: null })
			.get('/v2/batches/list')
			.query({ take: 100, skip: 200 })
			.reply(200, { data: batches(200, 50), errors: null });
		const run = await runBland({ resource: 'batch', operation: 'getMany', returnAll: true });
		scope.done();
		expect(run.json).toHaveLength(250);
		expect(run.json[249]).toEqual({ id: 'b-249' });
	});

	it('Get Many with a Limit of 150 stops after the second page', async () => {
		const scope = nock(BLAND)
			.get('/v2/batches/list')
			.query({ take: 100, skip: 0 })
			.reply(200, { data: batches(0, 100), errors: null })
			.get('/v2/batches/list')
			.query({ take: 100, skip: 100 })
			.reply(200, { data: batches(100, 100), errors: null });
		const run = await runBland({ resource: 'batch', operation: 'getMany', limit: 150 });
		scope.done();
		expect(run.json).toHaveLength(150);
	});

	it('Stop posts to /v1/batches/{id}/stop and reports the cancelled calls', async () => {
		const scope = nock(BLAND)
			.post('/v1/batches/batch-1/stop')
			.reply(200, { status: 'success', message: 'Successfully stopped batch', num_calls: 12, batch_id: 'batch-1' });
		const run = await runBland({ resource: 'batch', operation: 'stop', batchId: 'batch-1' });
		scope.done();
		expect(run.json).toEqual([{ batchId: 'batch-1', stopped: true, cancelledCalls: 12, message: 'Successfully stopped batch' }]);
	});
});

import nock from 'nock';

import { API_KEY, BLAND, ENCRYPTED_KEY, recordRequests, runBland } from './helpers';

const base = { resource: 'call', operation: 'make', phoneNumber: '+1 (415) 555-0101' };

describe('Bland AI Make Call', () => {
	it('sends a task call with every setting, the bare key and the BYOT header', async () => {
		const scope = nock(BLAND, {
			reqheaders: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY },
		})
			.post('/v1/calls', {
				phone_number: '+14155550101',
				task: 'Confirm the appointment of {{name}}',
				voice: 'maya',
				first_sentence: 'Hi, this is Ada.',
				language: 'en-US',
				model: 'base',
				temperature: 0.4,
				interruption_threshold: 150,
				wait_for_greeting: true,
				block_interruptions: false,
				background_track: 'office',
				keywords: ['Acme', 'n8n:2'],
				pronunciation_guide: [{ word: 'n8n', pronunciation: 'n eight n' }],
				request_data: { name: 'Ada', plan: 'gold' },
				metadata: { crm_id: 'L-1' },
				tools: ['TL-1', 'TL-2'],
				transfer_phone_number: '+14155550199',
				transfer_list: { sales: '+14155550198' },
				voicemail_action: 'leave_message',
				voicemail_message: 'Call us back',
				record: true,
				max_duration: 12,
				start_time: '2026-05-19 18:30:00 +05:30',
				timezone: 'Asia/Kolkata',
				from: '+14155550100',
				webhook: 'https://n8n.example.com/webhook/bland',
				webhook_events: ['call', 'tool'],
				summary_prompt: 'Summarise in one line',
				dispositions: ['Interested', 'Not interested'],
				analysis_schema: { confirmed: 'boolean' },
			})
			.reply(200, { status: 'success', message: 'Call successfully queued.', call_id: 'c-1', batch_id: null });

		const run = await runBland(
			{
				...base,
				callUsing: 'task',
				task: 'Confirm the appointment of {{name}}',
				voice: { __rl: true, mode: 'id', value: 'maya' },
				additionalFields: {
					firstSentence: 'Hi, this is Ada.',
					language: 'en-US',
					model: 'base',
					temperature: 0.4,
					interruptionThreshold: 150,
					waitForGreeting: true,
					blockInterruptions: false,
					backgroundTrack: 'office',
					keywords: 'Acme, n8n:2',
					pronunciationGuide: '[{"word": "n8n", "pronunciation": "n eight n"}]',
					requestDataJson: '{"name": "Bob", "plan": "gold"}',
					requestData: { values: [{ name: 'name', value: 'Ada' }] },
					metadata: '{"crm_id": "L-1"}',
					tools: ['TL-1', 'TL-2'],
					transferPhoneNumber: '+14155550199',
					transferList: '{"sales": "+14155550198"}',
					voicemailAction: 'leave_message',
					voicemailMessage: 'Call us back',
					record: true,
					maxDuration: 12,
					startTime: '2026-05-19T18:30:00+05:30',
					timezone: 'Asia/Kolkata',
					fromNumber: '+14155550100',
					webhook: 'https://n8n.example.com/webhook/bland',
					webhookEvents: ['call', 'tool'],
					summaryPrompt: 'Summarise in one line',
					dispositions: 'Interested, Not interested',
					analysisSchema: '{"confirmed": "boolean"}',
				},
			},
			{ credentials: { encryptedKeySecret: ENCRYPTED_KEY } },
		);

		expect(run.error).toBeUndefined();
		scope.done();
		expect(run.items).toEqual([
			{
				json: { callId: 'c-1', status: 'success', message: 'Call successfully queued.', batchId: null },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends a pathway call with version and start node, and no encrypted_key header without BYOT', async () => {
		const scope = nock(BLAND, { badheaders: ['encrypted_key'], reqheaders: { authorization: API_KEY } })
			.post('/v1/calls', {
				phone_number: '+14155550101',
				pathway_id: 'pw-1',
				pathway_version: 3,
				start_node_id: 'node-7',
				voice: 'v-uuid',
				record: true,
			})
			.reply(200, { status: 'success', message: 'Call successfully queued.', call_id: 'c-2' });

		const run = await runBland({
			...base,
			callUsing: 'pathway',
			pathwayId: { __rl: true, mode: 'list', value: 'pw-1' },
			pathwayOptions: { pathwayVersion: 3, startNodeId: 'node-7' },
			voice: { __rl: true, mode: 'list', value: 'v-uuid' },
			additionalFields: { record: true },
		});
		expect(run.error).toBeUndefined();
		scope.done();
		expect(run.json).toEqual([{ callId: 'c-2', status: 'success', message: 'Call successfully queued.', batchId: null }]);
	});

	it('sends a persona call', async () => {
		const scope = nock(BLAND)
			.post('/v1/calls', { phone_number: '+14155550101', persona_id: 'per-9', language: 'de' })
			.reply(200, { status: 'success', call_id: 'c-3' });
		const run = await runBland({ ...base, callUsing: 'persona', personaId: 'per-9', additionalFields: { language: 'de' } });
		expect(run.error).toBeUndefined();
		scope.done();
		expect(run.json[0]).toMatchObject({ callId: 'c-3' });
	});

	describe('refuses before sending anything', () => {
		const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
			['a number that is not E.164', { phoneNumber: '4155550101' }, {}, '"Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "4155550101")'],
			['an http webhook', {}, { webhook: 'http://n8n.example.com/webhook/bland' }, '"Webhook URL" must use https:// — Bland does not deliver webhooks to http:// URLs (got "http://n8n.example.com/webhook/bland")'],
			['a summary prompt over 2000 characters', {}, { summaryPrompt: 'x'.repeat(2001) }, '"Summary Prompt" is 2001 characters; Bland accepts at most 2000'],
			['more than 20 keywords', {}, { keywords: Array.from({ length: 21 }, (_, i) => `k${i}`).join(',') }, '"Keywords" has 21 entries; Bland accepts at most 20'],
			['broken metadata JSON', {}, { metadata: '{"a":' }, '"Metadata (JSON)" is not valid JSON'],
			['an empty task', { task: '  ' }, {}, '"Task" is required'],
			['webhook events without a webhook', {}, { webhookEvents: ['call'] }, '"Webhook Events" needs a "Webhook URL" to deliver them to'],
			['a leave-message voicemail without message', {}, { voicemailAction: 'leave_message' }, '"Voicemail Message" is required with Voicemail Action "leave_message"'],
			['a start time that is not a date', {}, { startTime: 'tomorrow' }, '"Start Time" is not an ISO 8601 date (got "tomorrow")'],
		];
		it.each(cases)('%s', async (_label, params, fields, message) => {
			const scope = nock(BLAND).post('/v1/calls').reply(200, {});
			const recorder = recordRequests();
			const run = await runBland({ ...base, callUsing: 'task', task: 'Hello', ...params, additionalFields: fields });
			recorder.stop();
			expect(run.error?.message).toContain(message);
			expect(scope.isDone()).toBe(false);
			expect(recorder.requests).toEqual([]);
		});

		it.each([
			[{ startTime: '2026-05-19T18:30:00', timezone: 'Asia/Kolkata' }, '2026-05-19 18:30:00 +05:30'],
			// Without a Timezone field, the workflow's time zone (the engine default, America/New_York).
			[{ startTime: '2026-05-19T18:30:00' }, '2026-05-19 18:30:00 -04:00'],
		])('reads a zone-less Start Time (as the date picker gives) in the right zone: %j', async (fields, startTime) => {
			let body: Record<string, unknown> = {};
			const scope = nock(BLAND)
				.post('/v1/calls', (b) => {
					body = b;
					return true;
				})
				.reply(200, { status: 'success', message: 'ok', call_id: 'c-1', batch_id: null });
			await runBland({ ...base, callUsing: 'task', task: 'Hello', additionalFields: fields });
			scope.done();
			expect(body.start_time).toBe(startTime);
		});

		it('a number outside the allowed prefixes', async () => {
			const scope = nock(BLAND).post('/v1/calls').reply(200, {});
			const run = await runBland(
				{ ...base, phoneNumber: '+447911123456', callUsing: 'task', task: 'Hello' },
				{ credentials: { allowedDestinations: '+1, +49' } },
			);
			expect(run.error?.message).toBe(
				'"Phone Number" +447911123456 is outside the allowed destination prefixes set in the credential (+1, +49)',
			);
			expect(scope.isDone()).toBe(false);
		});

		describe('transfer numbers are destinations: E.164 and inside the allowed prefixes', () => {
			const outside = '"%s" +447911123456 is outside the allowed destination prefixes set in the credential (+1, +49)';
			it.each([
				['Transfer Phone Number', { transferPhoneNumber: '+44 7911 123456' }, outside.replace('%s', 'Transfer Phone Number')],
				['Transfer Phone Number', { transferPhoneNumber: '0800 123' }, '"Transfer Phone Number" must be a phone number in E.164 format, e.g. +14155550123 (got "0800 123")'],
				['Transfer List (JSON)', { transferList: '{"default": "+14155550100", "uk": "+447911123456"}' }, outside.replace('%s', 'Transfer List (JSON).uk')],
				['Transfer List (JSON)', { transferList: '{"sales": "4155550101"}' }, '"Transfer List (JSON).sales" must be a phone number in E.164 format, e.g. +14155550123 (got "4155550101")'],
				['Transfer List (JSON)', { transferList: '["+14155550100"]' }, '"Transfer List (JSON)" must be a JSON object of name → phone number, e.g. {"sales": "+14155550101"}'],
				['Other Parameters (JSON)', { otherParameters: '{"transfer_phone_number": "+447911123456"}' }, outside.replace('%s', 'Other Parameters (JSON).transfer_phone_number')],
				['Other Parameters (JSON)', { otherParameters: '{"transfer_list": {"uk": "+447911123456"}}' }, outside.replace('%s', 'Other Parameters (JSON).transfer_list.uk')],
				['Other Parameters (JSON)', { otherParameters: '{"transfer_list": {"x": 12}}' }, '"Other Parameters (JSON).transfer_list.x" must be a phone number in E.164 format, e.g. +14155550123 (got 12)'],
			])('refuses a bad number in %s and sends nothing', async (_field, fields, message) => {
				const scope = nock(BLAND).post('/v1/calls').reply(200, {});
				const recorder = recordRequests();
				const run = await runBland(
					{ ...base, callUsing: 'task', task: 'Hello', additionalFields: fields },
					{ credentials: { allowedDestinations: '+1, +49' } },
				);
				recorder.stop();
				expect(run.error?.message).toBe(message);
				expect(scope.isDone()).toBe(false);
				expect(recorder.requests).toEqual([]);
			});

			it('sends allowed transfer numbers normalised, from the fields and from Other Parameters', async () => {
				const scope = nock(BLAND)
					.post('/v1/calls', {
						phone_number: '+14155550101',
						task: 'Hello',
						transfer_phone_number: '+4930123456',
						transfer_list: { sales: '+14155550198', berlin: '+4930123457' },
					})
					.reply(200, { status: 'success', call_id: 'c-t' })
					.post('/v1/calls', {
						phone_number: '+14155550101',
						task: 'Hello',
						transfer_phone_number: '+14155550197',
						transfer_list: { support: '+14155550196' },
					})
					.reply(200, { status: 'success', call_id: 'c-u' });
				const run = await runBland(
					{
						...base,
						callUsing: 'task',
						task: 'Hello',
						additionalFields: {
							transferPhoneNumber: '={{ $json.fields ? "+49 30 123456" : "" }}',
							transferList: '={{ $json.fields ? JSON.stringify({ sales: "+1 415-555-0198", berlin: "0049 30 123457" }) : "" }}',
							otherParameters:
								'={{ $json.fields ? "{}" : JSON.stringify({ transfer_phone_number: "+1 (415) 555-0197", transfer_list: { support: "+14155550196" } }) }}',
						},
					},
					{ credentials: { allowedDestinations: '+1, +49' }, items: [{ json: { fields: true } }, { json: { fields: false } }] },
				);
				expect(run.error).toBeUndefined();
				scope.done();
				expect(run.json.map((j) => j.callId)).toEqual(['c-t', 'c-u']);
			});
		});

		it.each([
			['{"first_sentence": "Hi"}', '"Other Parameters (JSON)" sets "first_sentence", which Bland ignores when the call uses a pathway; remove it'],
			['{"model": "turbo", "tools": ["TL-1"]}', '"Other Parameters (JSON)" sets "model", "tools", which Bland ignores when the call uses a pathway; remove them'],
			['{"task": "Hi"}', '"Other Parameters (JSON)" may not set "task": use "Call Using: Task"'],
			['{"phone_number": "+14155550199"}', '"Other Parameters (JSON)" may not set "phone_number": the phone number has its own field'],
		])('a pathway call with Other Parameters %s', async (json, message) => {
			const scope = nock(BLAND).post('/v1/calls').reply(200, {});
			const run = await runBland({
				...base,
				callUsing: 'pathway',
				pathwayId: { __rl: true, mode: 'id', value: 'pw-1' },
				additionalFields: { otherParameters: json },
			});
			expect(run.error?.message).toBe(message);
			expect(scope.isDone()).toBe(false);
		});

		it('settings a pathway ignores, set by an expression in Other Parameters', async () => {
			const scope = nock(BLAND).post('/v1/calls').reply(200, {});
			const run = await runBland(
				{
					...base,
					callUsing: 'pathway',
					pathwayId: { __rl: true, mode: 'id', value: 'pw-1' },
					additionalFields: { otherParameters: '={{ JSON.stringify({ temperature: $json.t }) }}' },
				},
				{ items: [{ json: { t: 0.3 } }] },
			);
			expect(run.error?.message).toBe(
				'"Other Parameters (JSON)" sets "temperature", which Bland ignores when the call uses a pathway; remove it',
			);
			expect(scope.isDone()).toBe(false);
		});

		it('hides settings a pathway ignores: n8n drops them from the parameters, so they never reach Bland', async () => {
			const scope = nock(BLAND)
				.post('/v1/calls', { phone_number: '+14155550101', pathway_id: 'pw-1', language: 'en' })
				.reply(200, { status: 'success', call_id: 'c-p' });
			const run = await runBland({
				...base,
				callUsing: 'pathway',
				pathwayId: { __rl: true, mode: 'id', value: 'pw-1' },
				task: 'stale task',
				additionalFields: { firstSentence: 'Hi', temperature: 0.2, language: 'en' },
			});
			expect(run.error).toBeUndefined();
			scope.done();
		});

		it('Other Parameters pass through on a task call, with the fields above winning', async () => {
			const scope = nock(BLAND)
				.post('/v1/calls', {
					phone_number: '+14155550101',
					task: 'Hello',
					citation_schema_ids: ['cs-1'],
					language: 'fr',
				})
				.reply(200, { status: 'success', call_id: 'c-o' });
			const run = await runBland({
				...base,
				callUsing: 'task',
				task: 'Hello',
				additionalFields: { otherParameters: '{"citation_schema_ids": ["cs-1"], "language": "de"}', language: 'fr' },
			});
			expect(run.error).toBeUndefined();
			scope.done();
		});
	});

	describe('is sent exactly once', () => {
		it('a 500 is reported, not retried', async () => {
			let hits = 0;
			nock(BLAND).post('/v1/calls').times(3).reply(() => {
				hits++;
				return [500, { status: 'error', message: 'internal error' }];
			});
			const run = await runBland({ ...base, callUsing: 'task', task: 'Hello' });
			expect(hits).toBe(1);
			expect(run.error?.message).toBe('Bland AI API error 500: internal error');
		});

		it('a dropped connection is reported, not retried', async () => {
			const scope = nock(BLAND)
				.post('/v1/calls')
				.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
				.post('/v1/calls')
				.reply(200, { status: 'success', call_id: 'second-dial' });
			const run = await runBland({ ...base, callUsing: 'task', task: 'Hello' });
			expect(scope.pendingMocks()).toHaveLength(1);
			expect(run.error?.message).toMatch(
				/^Bland AI did not answer \(.+\)\. The request was sent once and not retried, because it may already have been received/,
			);
		});

		it('a 429 is retried (the server refused it before doing anything)', async () => {
			const scope = nock(BLAND)
				.post('/v1/calls')
				.reply(429, { status: 'error', message: 'CALL_RL_PLAN_CONCURRENCY' }, { 'Retry-After': '0' })
				.post('/v1/calls')
				.reply(200, { status: 'success', call_id: 'c-429' });
			const run = await runBland({ ...base, callUsing: 'task', task: 'Hello' });
			scope.done();
			expect(run.json[0]).toMatchObject({ callId: 'c-429' });
		});
	});

	describe('API errors', () => {
		it.each([
			['legacy {status, message}', 400, { status: 'error', message: `Invalid phone number for key ${API_KEY}` }, 'Bland AI API error 400: Invalid phone number for key ***'],
			['envelope {data, errors}', 402, { data: null, errors: [{ error: 'insufficient_balance', message: `Balance too low (${API_KEY})` }] }, 'Bland AI API error 402: Balance too low (***)'],
		])('%s becomes a NodeApiError with the message and no key', async (_shape, code, body, message) => {
			nock(BLAND).post('/v1/calls').reply(code, body);
			const run = await runBland({ ...base, callUsing: 'task', task: 'Hello' }, { credentials: { encryptedKeySecret: ENCRYPTED_KEY } });
			expect(run.error?.message).toBe(message);
			expect(run.error?.name).toBe('NodeApiError');
			const serialised = JSON.stringify(run.run.data);
			expect(serialised).not.toContain(API_KEY);
			expect(serialised).not.toContain(ENCRYPTED_KEY);
		});
	});
});

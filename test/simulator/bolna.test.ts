import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID, BOLNA_AGENT_ID_2, BOLNA_AGENT_NAME } from '../../simulator';
import { buildMultipart } from '../../nodes/shared/transport/multipart';
import { BOLNA_KEY, bolna, call, startReceiver, startTestSimulator } from './helpers';

const LIFECYCLE = ['queued', 'initiated', 'ringing', 'in-progress', 'call-disconnected', 'completed'];

describe('simulator: Bolna API', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	describe('authentication', () => {
		it('answers 401 Not authenticated without an Authorization header', async () => {
			const res = await call(`${sim.url}/user/me`);
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ detail: 'Not authenticated' });
		});

		it('answers 403 Invalid API key for a wrong key or a key without Bearer', async () => {
			expect(await bolna(sim, 'GET', '/user/me', undefined, 'bn-wrong')).toMatchObject({ status: 403, body: { detail: 'Invalid API key' } });
			const bare = await call(`${sim.url}/user/me`, { headers: { authorization: BOLNA_KEY } });
			expect(bare.status).toBe(403);
			expect(bare.body).toEqual({ detail: 'Invalid API key' });
		});

		it('accepts the Bearer key and records the request without the key', async () => {
			const res = await bolna(sim, 'GET', '/user/me');
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				id: expect.any(String),
				name: 'Simulator User',
				email: 'sim@example.com',
				wallet: 42.42,
				concurrency: { max: 10, current: 0 },
			});
			const recorded = sim.requests.at(-1)!;
			expect(recorded).toMatchObject({ method: 'GET', path: '/user/me', hasAuth: true, authScheme: 'Bearer', responseStatus: 200, provider: 'bolna' });
			expect(recorded.headers.authorization).toBeUndefined();
			expect(JSON.stringify(sim.requests)).not.toContain(BOLNA_KEY);
		});
	});

	describe('POST /call validation', () => {
		it('queues a valid call and returns the execution id', async () => {
			const res = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000' });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ message: 'done', status: 'queued', execution_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		});

		it('refuses scheduled_at ending in Z, and without an offset, with 400', async () => {
			const z = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000', scheduled_at: '2030-01-01T10:00:00Z' });
			expect(z.status).toBe(400);
			expect(z.body.message).toMatch(/Z suffix is not accepted/);
			const naive = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000', scheduled_at: '2030-01-01T10:00:00' });
			expect(naive.status).toBe(400);
			const ok = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000', scheduled_at: '2030-01-01T10:00:00+05:30' });
			expect(ok.status).toBe(200);
			expect(sim.state.bolna.executions[ok.body.execution_id].scheduled_at).toBe('2030-01-01T04:30:00.000Z');
			expect(sim.requests.filter((r) => r.path === '/call').map((r) => r.responseStatus)).toEqual([400, 400, 200]);
		});

		it('refuses an undocumented field with 422 extra_forbidden and places no call', async () => {
			const res = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000', webhook_url: 'https://x.example.com' });
			expect(res.status).toBe(422);
			expect(res.body.detail).toEqual([{ type: 'extra_forbidden', loc: ['body', 'webhook_url'], msg: 'Extra inputs are not permitted', input: 'https://x.example.com' }]);
			expect(Object.keys(sim.state.bolna.executions)).toHaveLength(0);
		});

		it('answers 422 for a missing field, 404 for an unknown agent, 400 for a non-E.164 number', async () => {
			const missing = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID });
			expect(missing.status).toBe(422);
			expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'recipient_phone_number'], msg: 'Field required' });
			const unknown = await bolna(sim, 'POST', '/call', { agent_id: '00000000-0000-4000-8000-000000000000', recipient_phone_number: '+14155550000' });
			expect(unknown).toMatchObject({ status: 404, body: { detail: 'Agent not found' } });
			const bad = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '4155550000' });
			expect(bad.status).toBe(400);
			expect(bad.body.message).toMatch(/E\.164/);
			expect(Object.keys(sim.state.bolna.executions)).toHaveLength(0);
		});
	});

	describe('call lifecycle', () => {
		it('reaches completed and POSTs every status, in order, to the agent webhook_url', async () => {
			const receiver = await startReceiver();
			try {
				const patch = await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { webhook_url: receiver.url } });
				expect(patch).toMatchObject({ status: 200, body: { message: 'success', state: 'updated' } });
				const made = await bolna(sim, 'POST', '/call', {
					agent_id: BOLNA_AGENT_ID,
					recipient_phone_number: '+14155550000',
					user_data: { customer_name: 'Ada' },
				});
				const id = made.body.execution_id as string;
				await sim.waitFor((s) => s.deliveries.filter((d) => d.entityId === id).length === LIFECYCLE.length, 5000);

				expect(receiver.received.map((r) => r.body.status)).toEqual(LIFECYCLE);
				expect(receiver.received.every((r) => r.body.id === id && r.headers['x-webhook-signature'] === undefined)).toBe(true);
				const disconnected = receiver.received[4].body;
				expect(disconnected.extracted_data).toBeNull();
				expect(disconnected.total_cost).toBeNull();
				expect(disconnected.telephony_data.recording_url).toBeNull();
				const completed = receiver.received[5].body;
				expect(completed.extracted_data).toEqual({ user_interested: true, callback_time: expect.stringMatching(/T09:00:00\+00:00$/), customer_name: 'Ada' });
				expect(typeof completed.telephony_data.duration).toBe('string');
				expect(completed.telephony_data.duration).toBe('30');
				expect(completed.total_cost).toBe(30);
				expect(completed.telephony_data.recording_url).toBe(`${sim.url}/__sim/recordings/${id}.mp3`);
				expect(completed.transcript).toContain('user: Yes, I am interested');

				const got = await bolna(sim, 'GET', `/executions/${id}`);
				expect(got.body).toEqual(completed);
				const log = await bolna(sim, 'GET', `/executions/${id}/log`);
				expect(log.body.status).toBe('success');
				expect(log.body.data.length).toBeGreaterThan(0);
				expect(log.body.data[0]).toEqual({ created_at: expect.any(String), type: 'request', component: 'llm', provider: 'openai', data: expect.any(String) });
			} finally {
				await receiver.close();
			}
		});

		it.each([
			['+14155551111', 'busy', ['queued', 'initiated', 'ringing', 'busy']],
			['+14155552222', 'no-answer', ['queued', 'initiated', 'ringing', 'no-answer']],
			['+14155553333', 'failed', ['queued', 'initiated', 'failed']],
			['+14155554444', 'balance-low', ['queued', 'balance-low']],
		])('ends %s as %s', async (number, final, statuses) => {
			const receiver = await startReceiver();
			try {
				await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { webhook_url: receiver.url } });
				const made = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: number });
				await sim.waitFor((s) => s.deliveries.filter((d) => d.entityId === made.body.execution_id).length === statuses.length, 5000);
				expect(receiver.received.map((r) => r.body.status)).toEqual(statuses);
				const execution = (await bolna(sim, 'GET', `/executions/${made.body.execution_id}`)).body;
				expect(execution.status).toBe(final);
				expect(execution.extracted_data).toEqual({});
				expect(execution.telephony_data.recording_url).toBeNull();
				if (final === 'failed' || final === 'balance-low') expect(execution.error_message).toEqual(expect.any(String));
				else expect(execution.error_message).toBeNull();
			} finally {
				await receiver.close();
			}
		});

		it('marks a 5555 number as answered by voicemail', async () => {
			const made = await bolna(sim, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155555555' });
			const done = await sim.waitFor((s) => s.state.bolna.executions[made.body.execution_id].status === 'completed' && s.state.bolna.executions[made.body.execution_id], 5000);
			expect(done.answered_by_voice_mail).toBe(true);
		});

		it('stops a scheduled call but not a finished one', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const made = await bolna(slow, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000', scheduled_at: '2030-01-01T10:00:00+00:00' });
				expect(slow.state.bolna.executions[made.body.execution_id].status).toBe('scheduled');
				const stopped = await bolna(slow, 'POST', `/call/${made.body.execution_id}/stop`);
				expect(stopped.body).toEqual({ message: 'done', status: 'stopped', execution_id: made.body.execution_id });
				expect(slow.state.bolna.executions[made.body.execution_id].status).toBe('stopped');
				const again = await bolna(slow, 'POST', `/call/${made.body.execution_id}/stop`);
				expect(again.status).toBe(400);
				expect(again.body.message).toMatch(/only queued or scheduled/);
			} finally {
				await slow.close();
			}
		});
	});

	describe('GET /v2/agent/{id}/executions', () => {
		const DAY = 24 * 60 * 60 * 1000;
		/** A `from`/`to` window around now, as the live endpoint requires. */
		const win = (fromMs = Date.now() - DAY, toMs = Date.now() + DAY) =>
			`from=${new Date(fromMs).toISOString()}&to=${new Date(toMs).toISOString()}`;

		it.each([
			['no window', '', ['query', 'from'], 'missing'],
			['only from', `from=${new Date().toISOString()}`, ['query', 'to'], 'missing'],
			['8 days', `from=2026-01-01T00:00:00.000Z&to=2026-01-09T00:00:00.000Z`, ['query', 'to'], 'value_error'],
			['to before from', `from=2026-01-09T00:00:00.000Z&to=2026-01-01T00:00:00.000Z`, ['query', 'to'], 'value_error'],
			['an undocumented parameter', `${win()}&sort=desc`, ['query', 'sort'], 'extra_forbidden'],
		])('refuses %s with 422', async (_label, query, loc, type) => {
			const res = await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?${query}`);
			expect(res.status).toBe(422);
			expect(res.body.detail[0]).toMatchObject({ loc, type });
		});

		it('serves a window of exactly 7 days', async () => {
			const res = await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?from=2026-01-01T00:00:00.000Z&to=2026-01-08T00:00:00.000Z`);
			expect(res).toMatchObject({ status: 200, body: { total: 0, data: [] } });
		});

		it('pages with page_number/page_size, has_more and total, newest first', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const ids: string[] = [];
				for (let i = 0; i < 7; i++) {
					const res = await bolna(slow, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: `+1415555010${i}` });
					ids.push(res.body.execution_id);
				}
				await bolna(slow, 'POST', '/call', { agent_id: BOLNA_AGENT_ID_2, recipient_phone_number: '+14155550199' });
				const pages = [];
				for (const page of [1, 2, 3]) {
					pages.push((await bolna(slow, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?page_number=${page}&page_size=3&${win()}`)).body);
				}
				expect(pages.map((p) => [p.page_number, p.page_size, p.total, p.has_more, p.data.length])).toEqual([
					[1, 3, 7, true, 3],
					[2, 3, 7, true, 3],
					[3, 3, 7, false, 1],
				]);
				expect(pages.flatMap((p) => p.data.map((e: { id: string }) => e.id))).toEqual([...ids].reverse());

				const defaults = (await bolna(slow, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?${win()}`)).body;
				expect(defaults).toMatchObject({ page_number: 1, page_size: 20, total: 7, has_more: false });
				const tooBig = await bolna(slow, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?page_size=51&${win()}`);
				expect(tooBig.status).toBe(422);
				expect(tooBig.body.detail[0]).toMatchObject({ loc: ['query', 'page_size'], type: 'less_than_equal' });
				const filtered = (await bolna(slow, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?status=completed&${win()}`)).body;
				expect(filtered).toMatchObject({ total: 0, has_more: false, data: [] });
				const future = (await bolna(slow, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?${win(Date.parse('2999-01-01T00:00:00Z'), Date.parse('2999-01-02T00:00:00Z'))}`)).body;
				expect(future.total).toBe(0);
			} finally {
				await slow.close();
			}
		});
	});

	describe('agents', () => {
		it('lists agents as a bare array; GET returns the documented AgentV2 fields only', async () => {
			const all = await bolna(sim, 'GET', '/v2/agent/all');
			expect(Array.isArray(all.body)).toBe(true);
			expect(all.body.map((a: { id: string }) => a.id)).toEqual([BOLNA_AGENT_ID, BOLNA_AGENT_ID_2]);
			const before = (await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}`)).body;
			expect(Object.keys(before)).toEqual(['id', 'agent_name', 'agent_type', 'agent_status', 'created_at', 'updated_at', 'tasks', 'agent_prompts']);
			expect(before).toMatchObject({ id: BOLNA_AGENT_ID, agent_name: BOLNA_AGENT_NAME, agent_type: 'other', agent_status: 'processed' });
			expect(before.tasks[0].tools_config.api_tools).toBeNull();
		});

		it('PATCH deep-merges the documented fields and refuses tasks (they need PUT)', async () => {
			const tasksPatch = await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { tasks: [] } });
			expect(tasksPatch.status).toBe(422);
			expect(tasksPatch.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'agent_config', 'tasks'], msg: 'Extra inputs are not permitted' });
			const topLevel = await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { webhook_url: 'https://x.example.com' });
			expect(topLevel.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'webhook_url'] });

			const ok = await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, {
				agent_config: { agent_welcome_message: 'Hi {name}', webhook_url: 'https://hooks.example.com/a' },
				agent_prompts: { task_1: { system_prompt: 'New prompt' } },
			});
			expect(ok.body).toEqual({ message: 'success', state: 'updated' });
			const stored = sim.state.bolna.agents[BOLNA_AGENT_ID];
			expect(stored.agent_config).toMatchObject({ agent_name: BOLNA_AGENT_NAME, agent_welcome_message: 'Hi {name}', webhook_url: 'https://hooks.example.com/a' });
			expect(stored.agent_config.tasks[0].tools_config.synthesizer.provider).toBe('polly');
			const after = (await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}`)).body;
			expect(after.agent_prompts).toEqual({ task_1: { system_prompt: 'New prompt' } });
			expect(after.webhook_url).toBeUndefined();
			// Clearing the webhook with null is accepted for now (how Bolna treats null is unverified).
			expect((await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { webhook_url: null } })).status).toBe(200);
		});

		it('PUT replaces the whole agent: what the body leaves out is gone', async () => {
			const before = (await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}`)).body;
			await bolna(sim, 'PATCH', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { webhook_url: 'https://hooks.example.com/a' } });
			const tasks = [{ ...before.tasks[0], tools_config: { ...before.tasks[0].tools_config, api_tools: { tools: [], tools_params: {} } } }];
			const missing = await bolna(sim, 'PUT', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { agent_name: 'X', tasks } });
			expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'agent_prompts'] });
			const extra = await bolna(sim, 'PUT', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { agent_name: 'X', tasks, colour: 'red' }, agent_prompts: before.agent_prompts });
			expect(extra.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'agent_config', 'colour'] });
			const put = await bolna(sim, 'PUT', `/v2/agent/${BOLNA_AGENT_ID}`, { agent_config: { agent_name: 'Renamed', tasks }, agent_prompts: before.agent_prompts });
			expect(put.body).toEqual({ agent_id: BOLNA_AGENT_ID, status: 'updated' });
			const stored = sim.state.bolna.agents[BOLNA_AGENT_ID].agent_config;
			expect(stored).toMatchObject({ agent_name: 'Renamed', webhook_url: null });
			expect(stored.tasks[0].tools_config.api_tools).toEqual({ tools: [], tools_params: {} });
		});

		it('stops every queued call of an agent', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const a = await bolna(slow, 'POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550001' });
				await bolna(slow, 'POST', '/call', { agent_id: BOLNA_AGENT_ID_2, recipient_phone_number: '+14155550002' });
				const res = await bolna(slow, 'POST', `/v2/agent/${BOLNA_AGENT_ID}/stop`);
				expect(res.body).toEqual({ stopped_executions: [a.body.execution_id] });
			} finally {
				await slow.close();
			}
		});
	});

	describe('batches', () => {
		const csv = 'contact_number,first_name\r\n+14155550010,Ann\r\n"+14155551111","Bob, Jr."\r\nnot-a-number,Carl\r\n';

		async function createBatch(): Promise<string> {
			const { body, contentType } = buildMultipart([
				{ name: 'agent_id', value: BOLNA_AGENT_ID },
				{ name: 'file', value: csv, filename: 'contacts.csv', contentType: 'text/csv' },
				{ name: 'from_phone_numbers', value: '+19876543001' },
				{ name: 'from_phone_numbers', value: '+19876543002' },
				{ name: 'retry_config', value: '{"enabled":true,"max_retries":2,"retry_intervals_minutes":[15,30]}' },
			]);
			const res = await call(`${sim.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': contentType }, body });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ batch_id: expect.stringMatching(/^[0-9a-f]{32}$/), state: 'created' });
			return res.body.batch_id;
		}

		it('parses the multipart body: agent_id, CSV file, repeated from_phone_numbers, retry_config JSON', async () => {
			const batchId = await createBatch();
			const batch = (await bolna(sim, 'GET', `/batches/${batchId}`)).body;
			expect(batch).toMatchObject({
				batch_id: batchId,
				status: 'created',
				scheduled_at: null,
				file_name: 'contacts.csv',
				from_phone_numbers: ['+19876543001', '+19876543002'],
				valid_contacts: 2,
				total_contacts: 3,
				execution_status: {},
			});
			// Stored, used when dialling, but not part of the documented Batch.
			expect(batch.retry_config).toBeUndefined();
			expect(sim.state.bolna.batches[batchId].retry_config).toEqual({ enabled: true, max_retries: 2, retry_intervals_minutes: [15, 30] });
			const recorded = sim.requests.find((r) => r.path === '/batches')!;
			expect(recorded.body.fields.from_phone_numbers).toEqual(['+19876543001', '+19876543002']);
			expect(recorded.body.files.file[0]).toMatchObject({ filename: 'contacts.csv', contentType: 'text/csv', text: csv });
			// A created batch does not dial.
			expect(Object.keys(sim.state.bolna.executions)).toHaveLength(0);
		});

		it('also parses a body built by fetch FormData', async () => {
			const form = new FormData();
			form.append('agent_id', BOLNA_AGENT_ID_2);
			form.append('file', new Blob(['contact_number\n+14155550020\n'], { type: 'text/csv' }), 'one.csv');
			const res = await call(`${sim.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}` }, body: form });
			expect(res.status).toBe(200);
			expect(sim.state.bolna.batches[res.body.batch_id]).toMatchObject({ agent_id: BOLNA_AGENT_ID_2, valid_contacts: 1, total_contacts: 1, from_phone_numbers: [] });
		});

		it('refuses a CSV without contact_number, a JSON body, and an unknown agent', async () => {
			const noColumn = buildMultipart([
				{ name: 'agent_id', value: BOLNA_AGENT_ID },
				{ name: 'file', value: 'phone\n+14155550010\n', filename: 'x.csv', contentType: 'text/csv' },
			]);
			const r1 = await call(`${sim.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': noColumn.contentType }, body: noColumn.body });
			expect(r1.status).toBe(400);
			expect(r1.body.message).toMatch(/contact_number/);
			const r2 = await bolna(sim, 'POST', '/batches', { agent_id: BOLNA_AGENT_ID });
			expect(r2.status).toBe(422);
			const unknown = buildMultipart([
				{ name: 'agent_id', value: 'nope' },
				{ name: 'file', value: csv, filename: 'x.csv', contentType: 'text/csv' },
			]);
			const r3 = await call(`${sim.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': unknown.contentType }, body: unknown.body });
			expect(r3.status).toBe(404);
		});

		it('schedules (multipart, offset required), dials each contact with the batch id, then lists, stops and deletes', async () => {
			const batchId = await createBatch();
			const zForm = buildMultipart([{ name: 'scheduled_at', value: '2030-01-01T10:00:00Z' }]);
			const z = await call(`${sim.url}/batches/${batchId}/schedule`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': zForm.contentType }, body: zForm.body });
			expect(z.status).toBe(400);
			const form = buildMultipart([
				{ name: 'scheduled_at', value: '2030-01-01T10:00:00+05:30' },
				{ name: 'bypass_call_guardrails', value: 'false' },
			]);
			const scheduled = await call(`${sim.url}/batches/${batchId}/schedule`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': form.contentType }, body: form.body });
			expect(scheduled.body).toEqual({ message: 'success', state: 'scheduled' });
			expect(sim.state.bolna.batches[batchId].scheduled_at).toBe('2030-01-01T04:30:00.000Z');

			await sim.waitFor((s) => s.state.bolna.batches[batchId].status === 'executed', 5000);
			const executions = (await bolna(sim, 'GET', `/batches/${batchId}/executions`)).body;
			expect(Array.isArray(executions)).toBe(true);
			expect(executions.map((e: any) => [e.batch_id, e.telephony_data.to_number, e.telephony_data.from_number, e.status, e.context_details.recipient_data])).toEqual([
				[batchId, '+14155550010', '+19876543001', 'completed', { first_name: 'Ann' }],
				[batchId, '+14155551111', '+19876543002', 'busy', { first_name: 'Bob, Jr.' }],
			]);
			const batch = (await bolna(sim, 'GET', `/batches/${batchId}`)).body;
			expect(batch.execution_status).toEqual({ completed: 1, busy: 1 });
			const window = `from=${new Date(Date.now() - 60000).toISOString()}&to=${new Date(Date.now() + 60000).toISOString()}`;
			const byBatch = (await bolna(sim, 'GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?batch_id=${batchId}&${window}`)).body;
			expect(byBatch.total).toBe(2);

			const list = (await bolna(sim, 'GET', `/batches/${BOLNA_AGENT_ID}/all`)).body;
			expect(list.map((b: { batch_id: string }) => b.batch_id)).toEqual([batchId]);
			const stop = await bolna(sim, 'POST', `/batches/${batchId}/stop`);
			expect(stop).toMatchObject({ status: 404, body: { message: 'Batch is not queued or running' } });
			expect((await bolna(sim, 'DELETE', `/batches/${batchId}`)).body).toEqual({ message: 'success', state: 'deleted' });
			expect((await bolna(sim, 'GET', `/batches/${batchId}`)).status).toBe(404);
		});

		it('refuses an undocumented form field, and a JSON schedule body', async () => {
			const extra = buildMultipart([
				{ name: 'agent_id', value: BOLNA_AGENT_ID },
				{ name: 'file', value: csv, filename: 'c.csv', contentType: 'text/csv' },
				{ name: 'webhook_url', value: 'https://x.example.com' },
			]);
			const r1 = await call(`${sim.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': extra.contentType }, body: extra.body });
			expect(r1.status).toBe(422);
			expect(r1.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'webhook_url'] });
			const batchId = await createBatch();
			const json = await bolna(sim, 'POST', `/batches/${batchId}/schedule`, { scheduled_at: '2030-01-01T10:00:00+00:00' });
			expect(json.status).toBe(422);
			expect(sim.state.bolna.batches[batchId].status).toBe('created');
		});

		it('with honourSchedules, a batch dials at its scheduled_at, not at once', async () => {
			const honest = await startTestSimulator({ honourSchedules: true });
			try {
				const { body, contentType } = buildMultipart([
					{ name: 'agent_id', value: BOLNA_AGENT_ID },
					{ name: 'file', value: 'contact_number\n+14155550010\n', filename: 'c.csv', contentType: 'text/csv' },
				]);
				const created = await call(`${honest.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': contentType }, body });
				const id = created.body.batch_id;
				const at = new Date(Date.now() + 600).toISOString().replace('Z', '+00:00');
				const form = buildMultipart([{ name: 'scheduled_at', value: at }]);
				await call(`${honest.url}/batches/${id}/schedule`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': form.contentType }, body: form.body });
				await new Promise((resolve) => setTimeout(resolve, 200));
				expect(honest.state.bolna.batches[id].status).toBe('scheduled');
				expect(Object.keys(honest.state.bolna.executions)).toHaveLength(0);
				await honest.waitFor((s) => s.state.bolna.batches[id].status !== 'scheduled', 3000);
				expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(at));
				expect(Object.keys(honest.state.bolna.executions)).toHaveLength(1);
			} finally {
				await honest.close();
			}
		});

		it('stops a scheduled batch before it dials', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const { body, contentType } = buildMultipart([
					{ name: 'agent_id', value: BOLNA_AGENT_ID },
					{ name: 'file', value: csv, filename: 'c.csv', contentType: 'text/csv' },
				]);
				const created = await call(`${slow.url}/batches`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': contentType }, body });
				const id = created.body.batch_id;
				const form = buildMultipart([{ name: 'scheduled_at', value: '2030-01-01T10:00:00+00:00' }]);
				await call(`${slow.url}/batches/${id}/schedule`, { method: 'POST', headers: { authorization: `Bearer ${BOLNA_KEY}`, 'content-type': form.contentType }, body: form.body });
				expect(slow.state.bolna.batches[id].status).toBe('scheduled');
				expect((await bolna(slow, 'POST', `/batches/${id}/stop`)).body).toEqual({ message: 'success', state: 'stopped' });
				expect(slow.state.bolna.batches[id].status).toBe('stopped');
				expect(Object.keys(slow.state.bolna.executions)).toHaveLength(0);
			} finally {
				await slow.close();
			}
		});
	});
});

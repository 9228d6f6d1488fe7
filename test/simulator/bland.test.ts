import { createHmac } from 'node:crypto';

import type { Simulator } from '../../simulator';
import { BLAND_INBOUND_NUMBER, BLAND_PATHWAY_ID, BLAND_TOOL_ID, BLAND_VOICE_IDS } from '../../simulator';
import { BLAND_KEY, BLAND_SECRET, bland, startReceiver, startTestSimulator } from './helpers';

const hmac = (body: string) => createHmac('sha256', BLAND_SECRET).update(body).digest('hex');

describe('simulator: Bland AI API', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	describe('authentication', () => {
		it('accepts the bare key and the Bearer key', async () => {
			expect((await bland(sim, 'GET', '/v1/me')).status).toBe(200);
			expect((await bland(sim, 'GET', '/v1/me', undefined, `Bearer ${BLAND_KEY}`)).status).toBe(200);
			expect(sim.requests.map((r) => r.authScheme)).toEqual(['bare', 'Bearer']);
		});

		it('answers 401 in the v1 shape, and in the v2 envelope on /v2 paths', async () => {
			expect(await bland(sim, 'GET', '/v1/me', undefined, 'sk-wrong')).toMatchObject({ status: 401, body: { status: 'error', message: 'Invalid API key' } });
			expect(await bland(sim, 'GET', '/v1/me', undefined, '')).toMatchObject({ status: 401, body: { status: 'error', message: 'Invalid API key' } });
			const v2 = await bland(sim, 'GET', '/v2/batches/list', undefined, 'sk-wrong');
			expect(v2.status).toBe(401);
			expect(v2.body).toEqual({ data: null, errors: [{ error: 'unauthorized', message: 'Invalid API key' }] });
		});
	});

	describe('POST /v1/calls', () => {
		it('queues a call', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const res = await bland(slow, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'Say hi' });
				expect(res.body).toEqual({ status: 'success', message: 'Call successfully queued.', call_id: expect.any(String), batch_id: null });
				const details = (await bland(slow, 'GET', `/v1/calls/${res.body.call_id}`)).body;
				expect(details).toMatchObject({ call_id: res.body.call_id, to: '+14155550000', from: '+14155550199', completed: false, queue_status: 'new', status: null, batch_id: null });
			} finally {
				await slow.close();
			}
		});

		it('lists calls by campaign_id and refuses an undocumented list parameter', async () => {
			await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x', metadata: { campaign_id: 'camp-1' } });
			await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550001', task: 'x' });
			const byCampaign = (await bland(sim, 'GET', '/v1/calls?campaign_id=camp-1&sort_by=updated_at')).body;
			expect(byCampaign.calls.map((c: { to: string }) => c.to)).toEqual(['+14155550000']);
			const bad = await bland(sim, 'GET', '/v1/calls?order=desc');
			expect(bad).toMatchObject({ status: 400, body: { status: 'error', message: 'Unknown query parameter: order' } });
			expect((await bland(sim, 'GET', '/v1/calls?sort_by=price')).status).toBe(400);
		});

		it('accepts both voicemail forms and agent_id routing (the Make Call body is being reworked)', async () => {
			for (const body of [
				{ phone_number: '+14155550000', task: 'x', voicemail_message: 'Call me', voicemail_action: 'leave_message' },
				{ phone_number: '+14155550000', task: 'x', voicemail: { action: 'leave_message', message: 'Call me' } },
				{ phone_number: '+14155550000', agent_id: 'agent-1', amd: true },
			]) {
				expect((await bland(sim, 'POST', '/v1/calls', body)).status).toBe(200);
			}
		});

		it.each([
			[{ task: 'x' }, /phone_number/],
			[{ phone_number: '4155550000', task: 'x' }, /E\.164/],
			[{ phone_number: '+14155550000' }, /task, pathway_id, persona_id or agent_id/],
			[{ phone_number: '+14155550000', task: 'x', pathway_id: BLAND_PATHWAY_ID }, /exactly one/],
			[{ phone_number: '+14155550000', agent_id: 'agent-1', pathway_id: BLAND_PATHWAY_ID }, /exactly one/],
			[{ phone_number: '+14155550000', task: 'x', reduce_latency: true }, /^Unknown parameter: reduce_latency$/],
			[{ phone_number: '+14155550000', pathway_id: 'nope' }, /Pathway not found/],
			[{ phone_number: '+14155550000', task: 'x', webhook: 'http://example.com/hook' }, /https/],
			[{ phone_number: '+14155550000', task: 'x', webhook_events: ['bogus'] }, /webhook_events/],
		])('refuses %j with 400', async (body, message) => {
			const res = await bland(sim, 'POST', '/v1/calls', body);
			expect(res.status).toBe(400);
			expect(res.body.status).toBe('error');
			expect(res.body.message).toMatch(message);
			expect(Object.keys(sim.state.bland.calls)).toHaveLength(0);
		});

		it('refuses a 4444 number with 402 (never placed)', async () => {
			const res = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155554444', task: 'x' });
			expect(res.status).toBe(402);
			expect(res.body).toMatchObject({ status: 'error', message: expect.stringMatching(/balance/) });
		});
	});

	describe('call lifecycle and webhooks', () => {
		it('sends live events, then the signed post-call object, then the signed corrected transcript', async () => {
			const receiver = await startReceiver();
			try {
				const res = await bland(sim, 'POST', '/v1/calls', {
					phone_number: '+14155550000',
					pathway_id: BLAND_PATHWAY_ID,
					webhook: receiver.url,
					webhook_events: ['queue', 'call'],
					record: true,
					request_data: { name: 'Ada' },
					metadata: { lead: 7 },
					analysis_schema: { wants_callback: 'boolean', preferred_time: 'callback date and time', notes: 'free text' },
					dispositions: ['Interested', 'Not interested'],
				});
				const callId = res.body.call_id as string;
				await sim.waitFor((s) => s.deliveries.some((d) => d.kind === 'corrected' && d.entityId === callId), 5000);

				const kinds = sim.deliveries.filter((d) => d.entityId === callId).map((d) => (d.kind === 'event' ? `${d.body.level}:${d.body.message}` : d.kind));
				expect(kinds).toEqual(['queue:Call queued', 'queue:Call left the queue', 'call:Call connected', 'call:Call ended: completed', 'postcall', 'corrected']);
				expect(receiver.received).toHaveLength(6);
				for (const r of receiver.received) expect(r.headers['x-webhook-signature']).toBe(hmac(r.rawBody));

				const event = receiver.received[0].body;
				expect(event).toEqual({ level: 'queue', message: 'Call queued', category: 'info', call_id: callId, timestamp: expect.any(String) });
				const post = receiver.received[4].body;
				expect(post).toMatchObject({
					call_id: callId,
					c_id: callId,
					to: '+14155550000',
					completed: true,
					status: 'completed',
					queue_status: 'complete',
					answered_by: 'human',
					call_length: 0.5,
					corrected_duration: '30',
					pathway_id: BLAND_PATHWAY_ID,
					pathway_version: 1,
					disposition_tag: 'Interested',
					metadata: { lead: 7 },
					recording_url: `${sim.url}/__sim/recordings/${callId}.mp3`,
					analysis: { wants_callback: true, preferred_time: expect.stringMatching(/\+00:00$/), notes: 'Simulated notes' },
					variables: expect.objectContaining({ name: 'Ada', call_id: callId, to: '+14155550000' }),
				});
				expect(post.corrected_transcript).toBeUndefined();
				expect(post.transcripts.length).toBeGreaterThan(0);
				expect(post.concatenated_transcript).toContain('assistant:');
				const corrected = receiver.received[5].body;
				expect(corrected.call_id).toBe(callId);
				expect(corrected.corrected_transcript).toEqual(expect.arrayContaining([expect.objectContaining({ speaker: 'assistant', confidence: 0.95 })]));
				expect(corrected.citations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'wants_callback', value: true })]));

				expect((await bland(sim, 'GET', `/v1/calls/${callId}`)).body).toEqual(post);
				const delivery = sim.deliveries.find((d) => d.kind === 'postcall')!;
				expect(delivery).toMatchObject({ provider: 'bland', url: receiver.url, responseStatus: 200, status: 'completed' });
			} finally {
				await receiver.close();
			}
		});

		it.each([
			['+14155551111', { status: 'busy', queue_status: 'complete', answered_by: null, call_length: 0 }],
			['+14155552222', { status: 'no-answer', queue_status: 'complete', answered_by: 'no-answer' }],
			['+14155553333', { status: 'failed', queue_status: 'error', completed: false, error_message: expect.any(String) }],
			['+14155555555', { status: 'completed', answered_by: 'voicemail' }],
		])('ends %s with %j and sends one post-call webhook, no corrected one for unanswered calls', async (number, expected) => {
			const receiver = await startReceiver();
			try {
				const res = await bland(sim, 'POST', '/v1/calls', { phone_number: number, task: 'x', webhook: receiver.url });
				await sim.waitFor((s) => s.deliveries.some((d) => d.kind === 'postcall' && d.entityId === res.body.call_id), 5000);
				const details = (await bland(sim, 'GET', `/v1/calls/${res.body.call_id}`)).body;
				expect(details).toMatchObject(expected);
				if (expected.status !== 'completed') {
					// A later answered call's corrected transcript is scheduled after this call ended, with the
					// same delay: once it has arrived, a corrected transcript for this call would have too.
					const later = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x', webhook: receiver.url });
					await sim.waitFor((s) => s.deliveries.some((d) => d.kind === 'corrected' && d.entityId === later.body.call_id), 5000);
					expect(receiver.received.filter((r) => r.body.call_id === res.body.call_id).map((r) => r.body.status)).toEqual([expected.status]);
				}
			} finally {
				await receiver.close();
			}
		});

		it('stops a call that never ends (9999) and refuses to stop it twice', async () => {
			const res = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155559999', task: 'x' });
			await sim.waitFor((s) => s.state.bland.calls[res.body.call_id].queue_status === 'started', 5000);
			expect((await bland(sim, 'POST', `/v1/calls/${res.body.call_id}/stop`)).body).toEqual({ status: 'success', message: 'Call ended successfully.' });
			expect(sim.state.bland.calls[res.body.call_id]).toMatchObject({ status: 'canceled', completed: true });
			expect((await bland(sim, 'POST', `/v1/calls/${res.body.call_id}/stop`)).status).toBe(400);
		});

		it('analyzes a finished call', async () => {
			const unfinished = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155559999', task: 'x' });
			const early = await bland(sim, 'POST', `/v1/calls/${unfinished.body.call_id}/analyze`, { goal: 'g', questions: [['Q', 'string']] });
			expect(early).toMatchObject({ status: 400, body: { status: 'error', message: 'The call has no transcript to analyze yet' } });
			const res = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x' });
			await sim.waitFor((s) => s.state.bland.calls[res.body.call_id].status === 'completed', 5000);
			const analyzed = await bland(sim, 'POST', `/v1/calls/${res.body.call_id}/analyze`, {
				goal: 'Qualify',
				questions: [['Who answered?', 'human or voicemail'], ['Interested?', 'boolean'], ['Notes', 'string']],
			});
			expect(analyzed.body).toEqual({ status: 'success', message: 'Call analyzed successfully', answers: ['human', true, 'Simulated answer to: Notes'], credits_used: 0.0075 });
		});
	});

	describe('GET /v1/calls', () => {
		it('windows with from/to (exclusive end), newest first unless ascending, with total_count and count', async () => {
			const slow = await startTestSimulator({ clockMs: 60000 });
			try {
				const ids: string[] = [];
				for (let i = 0; i < 5; i++) ids.push((await bland(slow, 'POST', '/v1/calls', { phone_number: `+1415555010${i}`, task: 'x' })).body.call_id);
				const first = (await bland(slow, 'GET', '/v1/calls?from=0&to=2')).body;
				expect(first).toMatchObject({ total_count: 5, count: 2 });
				expect(first.calls.map((c: { call_id: string }) => c.call_id)).toEqual([ids[4], ids[3]]);
				expect(first.calls[0].transcripts).toBeUndefined();
				const last = (await bland(slow, 'GET', '/v1/calls?from=4&to=6')).body;
				expect(last.calls.map((c: { call_id: string }) => c.call_id)).toEqual([ids[0]]);
				const asc = (await bland(slow, 'GET', '/v1/calls?ascending=true&limit=2')).body;
				expect(asc.calls.map((c: { call_id: string }) => c.call_id)).toEqual([ids[0], ids[1]]);
				const filtered = (await bland(slow, 'GET', '/v1/calls?to_number=%2B14155550102')).body;
				expect(filtered).toMatchObject({ total_count: 1, count: 1 });
				expect((await bland(slow, 'GET', '/v1/calls?from=abc')).status).toBe(400);
			} finally {
				await slow.close();
			}
		});
	});

	describe('v2 batches', () => {
		it('refuses global.phone_number in the v2 error envelope', async () => {
			const res = await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x', phone_number: '+14155550000' }, call_objects: [{ phone_number: '+14155550001' }] });
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ data: null, errors: [{ error: 'invalid_parameter', message: expect.stringMatching(/phone_number/) }] });
			const bad = await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x' }, call_objects: [{ phone_number: '555' }] });
			expect(bad.body.errors[0].message).toMatch(/call_objects\[0\]\.phone_number/);
			const extra = await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x' }, call_objects: [{ phone_number: '+14155550001' }], label: 'x' });
			expect(extra.body.errors[0].message).toBe('Unknown parameter: label');
			const extraGlobal = await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x', colour: 'red' }, call_objects: [{ phone_number: '+14155550001' }] });
			expect(extraGlobal.body.errors[0].message).toBe('Unknown parameter: call_objects[0].colour');
		});

		it('runs the batch and posts validating → dispatching → in_progress → completed with counts', async () => {
			const receiver = await startReceiver();
			try {
				const res = await bland(sim, 'POST', '/v2/batches/create', {
					global: { task: 'Remind about the appointment', webhook: receiver.url },
					call_objects: [{ phone_number: '+14155550010' }, { phone_number: '+14155551111' }, { phone_number: '+14155550012', request_data: { name: 'Bo' } }],
					description: 'Reminders',
					status_webhook: `${receiver.url}/status`,
				});
				expect(res.body).toEqual({ data: { batch_id: expect.any(String) }, errors: null });
				const batchId = res.body.data.batch_id;
				await sim.waitFor((s) => s.deliveries.some((d) => d.kind === 'batch_status' && d.status === 'completed'), 5000);

				const statuses = receiver.received.filter((r) => r.path === '/hook/status');
				expect(statuses.map((r) => r.body.status)).toEqual(['validating', 'dispatching', 'in_progress', 'completed']);
				expect(statuses[3].body).toMatchObject({ batch_id: batchId, calls_total: 3, calls_successful: 2, calls_failed: 1, timestamp: expect.any(String) });
				for (const r of statuses) expect(r.headers['x-webhook-signature']).toBe(hmac(r.rawBody));

				const calls = (await bland(sim, 'GET', `/v1/calls?batch_id=${batchId}`)).body;
				expect(calls.total_count).toBe(3);
				const got = (await bland(sim, 'GET', `/v1/batches/${batchId}`)).body;
				expect(got).toMatchObject({
					status: 'completed',
					batch_params: { id: batchId, label: 'Reminders', endpoint_code: 'api' },
					analysis: { total_calls: 3, completed_calls: 3, in_progress_calls: 0, queue_statuses: { complete: 3 } },
				});
				expect(got.call_data).toHaveLength(3);
				expect(JSON.parse(got.batch_params.base_prompt)).toEqual({ task: 'Remind about the appointment', webhook: receiver.url });
				const lean = (await bland(sim, 'GET', `/v1/batches/${batchId}?include_calls=false`)).body;
				expect(lean.call_data).toBeUndefined();
				expect((await bland(sim, 'GET', `/v1/batches/${batchId}?calls=1`)).status).toBe(400);
				// Nothing left to stop: Bland says so.
				expect((await bland(sim, 'POST', `/v1/batches/${batchId}/stop`)).status).toBe(400);
				expect((await bland(sim, 'GET', '/v1/batches/nope')).status).toBe(404);
				// The v2 get/stop paths are not in the docs.
				expect((await bland(sim, 'GET', `/v2/batches/${batchId}`)).status).toBe(404);
			} finally {
				await receiver.close();
			}
		});

		it('stop cancels the calls still running and counts them', async () => {
			const res = await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x' }, call_objects: [{ phone_number: '+14155559999' }, { phone_number: '+14155550009' }] });
			const batchId = res.body.data.batch_id;
			await sim.waitFor((s) => Object.values(s.state.bland.calls).filter((c: any) => c.batch_id === batchId).length === 2, 3000);
			const stopped = await bland(sim, 'POST', `/v1/batches/${batchId}/stop`);
			expect(stopped.body).toEqual({ status: 'success', message: 'Successfully stopped batch', num_calls: expect.any(Number), batch_id: batchId });
			expect(stopped.body.num_calls).toBeGreaterThanOrEqual(1);
		});

		it('lists with take/skip, newest first', async () => {
			const ids: string[] = [];
			for (let i = 0; i < 3; i++) {
				ids.push((await bland(sim, 'POST', '/v2/batches/create', { global: { task: 'x' }, call_objects: [{ phone_number: '+14155559999' }], description: `b${i}` })).body.data.batch_id);
			}
			const page = (await bland(sim, 'GET', '/v2/batches/list?take=2&skip=1')).body;
			expect(page.errors).toBeNull();
			expect(page.data.map((b: { id: string }) => b.id)).toEqual([ids[1], ids[0]]);
			expect(page.data[0]).toEqual({ id: ids[1], user_id: expect.any(String), base_prompt: '{"task":"x"}', created_at: expect.any(String), call_objects: [{ phone_number: '+14155559999' }], description: 'b1' });
		});
	});

	describe('pathways', () => {
		const nodes = [
			{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi', isStart: true } },
			{ id: '2', type: 'End Call', data: { name: 'End', prompt: 'Bye' } },
		];
		const edges = [{ id: 'e1', source: '1', target: '2', label: 'done' }];

		it('creates, updates, versions, publishes and deletes a pathway', async () => {
			const created = await bland(sim, 'POST', '/v1/pathway/create', { name: 'Flow', description: 'd' });
			expect(created.body).toEqual({ status: 'success', pathway_id: expect.any(String) });
			const id = created.body.pathway_id;
			const updated = await bland(sim, 'POST', `/v1/pathway/${id}`, { name: 'Flow 2', nodes, edges });
			expect(updated.body).toEqual({ status: 'success', message: 'Pathway updated successfully', pathway_data: { pathway_id: id, name: 'Flow 2', description: 'd', nodes, edges } });
			expect((await bland(sim, 'GET', `/v1/pathway/${id}`)).body).toEqual({ name: 'Flow 2', description: 'd', nodes, edges });

			const version = await bland(sim, 'POST', `/v1/pathway/${id}/version`, { name: 'v1', nodes, edges });
			expect(version.body).toMatchObject({ status: 'success', message: 'Version created successfully', data: { version_number: 1, name: 'v1' } });
			expect((await bland(sim, 'GET', `/v1/pathway/${id}/version/1`)).body).toEqual({ name: 'v1', nodes, edges, version_number: 1, is_latest: true });
			expect((await bland(sim, 'GET', `/v1/pathway/${id}/versions`)).body).toEqual([{ id: version.body.data.id, version_number: 1, created_at: expect.any(String), name: 'v1', is_latest: true }]);
			expect((await bland(sim, 'POST', `/v1/pathway/${id}/publish`, { version_id: 1, environment: 'production' })).body).toEqual({ message: 'Pathway published successfully' });
			expect((await bland(sim, 'POST', `/v1/pathway/${id}/publish`, { version_id: 9 })).status).toBe(404);
			expect((await bland(sim, 'GET', '/v1/pathway')).body.map((p: { name: string }) => p.name)).toContain('Flow 2');
			expect((await bland(sim, 'DELETE', `/v1/pathway/${id}`)).body).toEqual({ status: 'success', message: 'Pathway deleted successfully' });
			expect((await bland(sim, 'GET', `/v1/pathway/${id}`)).status).toBe(404);
		});

		it('refuses an update without a name, or with an undocumented field', async () => {
			const noName = await bland(sim, 'POST', `/v1/pathway/${BLAND_PATHWAY_ID}`, { description: 'x' });
			expect(noName).toMatchObject({ status: 400, body: { status: 'error', message: 'Missing required parameter: name' } });
			const extra = await bland(sim, 'POST', `/v1/pathway/${BLAND_PATHWAY_ID}`, { name: 'N', colour: 'red' });
			expect(extra).toMatchObject({ status: 400, body: { status: 'error', message: 'Unknown parameter: colour' } });
		});

		it.each([
			['no start node', [{ ...nodes[0], data: { name: 'Start', text: 'Hi' } }, nodes[1]], edges, /exactly one start node/],
			['two start nodes', [nodes[0], { ...nodes[1], data: { ...nodes[1].data, isStart: true } }], edges, /exactly one start node/],
			['an edge to a missing node', nodes, [{ id: 'e1', source: '1', target: '9' }], /unknown target node/],
			['duplicate node ids', [nodes[0], { ...nodes[1], id: '1' }], [], /Duplicate node id/],
			['a node without type', [nodes[0], { id: '2', data: {} }], [], /has no type/],
		])('refuses a graph with %s', async (_label, badNodes, badEdges, message) => {
			const res = await bland(sim, 'POST', `/v1/pathway/${BLAND_PATHWAY_ID}`, { name: 'Lead Qualification', nodes: badNodes, edges: badEdges });
			expect(res.status).toBe(400);
			expect(res.body).toEqual({ status: 'error', message: expect.stringMatching(message) });
			expect(sim.state.bland.pathways[BLAND_PATHWAY_ID].nodes.map((n: { id: string }) => n.id)).toEqual(['1', 'end']);
		});
	});

	describe('custom tools, voices, account, inbound', () => {
		const tool = { name: 'LookupOrder', description: 'Find an order', url: 'https://example.com/orders', method: 'POST', body: { id: '{{input.id}}' }, response: { status: '$.status' } };

		it('creates, lists, gets, updates and deletes a v1 tool', async () => {
			const created = await bland(sim, 'POST', '/v1/tools', tool);
			expect(created.body).toEqual({ status: 'success', tool_id: expect.stringMatching(/^TL-/) });
			const id = created.body.tool_id;
			expect((await bland(sim, 'GET', `/v1/tools/${id}`)).body).toEqual({ status: 'success', tool: { tool_id: id, label: null, public: false, tool } });
			const list = (await bland(sim, 'GET', '/v1/tools')).body;
			expect(list.tools.map((t: { tool_id: string }) => t.tool_id)).toEqual([BLAND_TOOL_ID, id]);
			expect((await bland(sim, 'POST', `/v1/tools/${id}`, { timeout: 5000 })).body).toEqual({ status: 'success', tool_id: id });
			expect(sim.state.bland.tools[id].tool).toEqual({ ...tool, timeout: 5000 });
			expect((await bland(sim, 'DELETE', `/v1/tools/${id}`)).body).toEqual({ status: 'success', message: 'Tool has been deleted.' });
			expect((await bland(sim, 'GET', `/v1/tools/${id}`)).status).toBe(404);
		});

		it.each([
			[{ ...tool, name: 'transfer' }, /reserved/],
			[{ ...tool, url: 'not a url' }, /Invalid url/],
			[{ ...tool, response: { status: 'status' } }, /JSONPath/],
			[{ ...tool, description: undefined }, /description/],
		])('refuses tool %j', async (body, message) => {
			const res = await bland(sim, 'POST', '/v1/tools', body);
			expect(res.status).toBe(400);
			expect(res.body.message).toMatch(message);
		});

		it('serves voices, account details and inbound numbers', async () => {
			const voices = (await bland(sim, 'GET', '/v1/voices')).body;
			expect(voices.voices.map((v: { id: string }) => v.id)).toEqual([...BLAND_VOICE_IDS]);
			expect((await bland(sim, 'GET', '/v1/me')).body).toEqual({ status: 'active', billing: { current_balance: 25, refill_to: null }, total_calls: 0 });
			const number = await bland(sim, 'GET', `/v1/inbound/${encodeURIComponent(BLAND_INBOUND_NUMBER)}`);
			expect(number.body).toMatchObject({ phone_number: BLAND_INBOUND_NUMBER, max_duration: 30 });
			expect((await bland(sim, 'GET', `/v1/inbound/${BLAND_INBOUND_NUMBER.slice(2)}`)).status).toBe(200);
			const update = await bland(sim, 'POST', `/v1/inbound/${encodeURIComponent(BLAND_INBOUND_NUMBER)}`, { prompt: 'New', webhook: 'https://example.com/in', bogus: 1 });
			expect(update.body).toEqual({ status: 'success', message: 'Inbound number updated', updates: { prompt: 'New', webhook: 'https://example.com/in' }, failed_updates: { bogus: 1 } });
			expect((await bland(sim, 'GET', '/v1/inbound/%2B19999999999')).status).toBe(404);
		});
	});
});

import nock from 'nock';

import completed from '../fixtures/bolna/completed-execution.json';
import {
	AGENT,
	AUTH,
	BATCH,
	BOLNA,
	EXECUTION,
	agentRl,
	parseMultipart,
	recordRequests,
	runBolna,
} from './helpers';

describe('Bolna call operations', () => {
	it('Stop Call: POST /call/{id}/stop with the id encoded', async () => {
		const scope = nock(BOLNA, AUTH)
			.post('/call/a%2Fb/stop')
			.reply(200, { message: 'done', status: 'stopped', execution_id: 'a/b' });
		const result = await runBolna({ resource: 'call', operation: 'stop', executionId: 'a/b' });
		scope.done();
		expect(result.items).toEqual([
			{ json: { executionId: 'a/b', status: 'stopped', message: 'done' }, pairedItem: { item: 0 } },
		]);
	});

	it('Make Call: exact JSON body with every additional field', async () => {
		let body: unknown;
		const scope = nock(BOLNA, AUTH)
			.matchHeader('content-type', /application\/json/)
			.post('/call', (b) => {
				body = b;
				return true;
			})
			.reply(200, { message: 'done', status: 'queued', execution_id: EXECUTION });
		const result = await runBolna({
			resource: 'call',
			operation: 'make',
			agentId: agentRl,
			recipientPhoneNumber: '+91 98765 43210',
			additionalFields: {
				fromPhoneNumber: '+14155550100',
				scheduledAt: '2026-05-19T18:30:00+05:30',
				userData: { values: [{ name: 'customer_name', value: 'Ada' }] },
				userDataJson: '{"plan": "gold"}',
				voiceId: 'Matthew',
				retryConfig: '{"enabled": true, "max_retries": 2}',
				bypassCallGuardrails: true,
			},
		});
		scope.done();
		expect(body).toEqual({
			agent_id: AGENT,
			recipient_phone_number: '+919876543210',
			from_phone_number: '+14155550100',
			scheduled_at: '2026-05-19T18:30:00+05:30',
			user_data: { plan: 'gold', customer_name: 'Ada' },
			agent_data: { voice_id: 'Matthew' },
			retry_config: { enabled: true, max_retries: 2 },
			bypass_call_guardrails: true,
		});
		expect(result.items[0].json).toEqual({
			executionId: EXECUTION,
			status: 'queued',
			message: 'done',
			agentId: AGENT,
			recipientPhoneNumber: '+919876543210',
		});
	});
});

describe('Bolna batch operations', () => {
	it('Schedule: multipart scheduled_at (numeric offset) and bypass_call_guardrails', async () => {
		let form: ReturnType<typeof parseMultipart> = [];
		const scope = nock(BOLNA, AUTH)
			.post(`/batches/${BATCH}/schedule`)
			.reply(function (_uri, body) {
				form = parseMultipart(String(body), String(this.req.headers['content-type']));
				return [200, { message: 'success', state: 'scheduled' }];
			});
		const result = await runBolna({
			resource: 'batch',
			operation: 'schedule',
			batchId: BATCH,
			scheduledAt: '2026-05-19T13:00:00.000Z',
		});
		scope.done();
		expect(form).toEqual([
			{ name: 'scheduled_at', value: '2026-05-19T13:00:00+00:00' },
			{ name: 'bypass_call_guardrails', value: 'false' },
		]);
		expect(result.items[0].json).toEqual({
			batchId: BATCH,
			state: 'scheduled',
			message: 'success',
			scheduledAt: '2026-05-19T13:00:00+00:00',
			bypassCallGuardrails: false,
		});
	});

	it("Schedule: a time without zone (as n8n's date picker gives) is read in the workflow's time zone", async () => {
		let form: ReturnType<typeof parseMultipart> = [];
		const scope = nock(BOLNA, AUTH)
			.post(`/batches/${BATCH}/schedule`)
			.reply(function (_uri, body) {
				form = parseMultipart(String(body), String(this.req.headers['content-type']));
				return [200, { message: 'success', state: 'scheduled' }];
			});
		// The engine's default workflow time zone is America/New_York (EDT, -04:00, in May).
		await runBolna({ resource: 'batch', operation: 'schedule', batchId: BATCH, scheduledAt: '2026-05-19 13:00' });
		scope.done();
		expect(form[0]).toEqual({ name: 'scheduled_at', value: '2026-05-19T13:00:00-04:00' });
	});

	it('Get: GET /batches/{id}, returned as is', async () => {
		const batch = { batch_id: BATCH, status: 'scheduled', valid_contacts: 7, total_contacts: 11 };
		const scope = nock(BOLNA, AUTH).get(`/batches/${BATCH}`).reply(200, batch);
		const result = await runBolna({ resource: 'batch', operation: 'get', batchId: BATCH });
		scope.done();
		expect(result.items).toEqual([{ json: batch, pairedItem: { item: 0 } }]);
	});

	it('Get Many: GET /batches/{agent}/all (bare array), Limit applied client-side', async () => {
		const scope = nock(BOLNA, AUTH)
			.get(`/batches/${AGENT}/all`)
			.reply(200, [{ batch_id: 'a' }, { batch_id: 'b' }, { batch_id: 'c' }]);
		const result = await runBolna({ resource: 'batch', operation: 'getMany', agentId: agentRl, limit: 2 });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ batch_id: 'a' }, { batch_id: 'b' }]);
	});

	it('Get Many: Return All returns every batch', async () => {
		nock(BOLNA).get(`/batches/${AGENT}/all`).reply(200, [{ batch_id: 'a' }, { batch_id: 'b' }]);
		const result = await runBolna({ resource: 'batch', operation: 'getMany', agentId: agentRl, returnAll: true });
		expect(result.items).toHaveLength(2);
	});

	it('Get Executions: GET /batches/{id}/executions (bare array), shaped', async () => {
		const scope = nock(BOLNA, AUTH)
			.get(`/batches/${BATCH}/executions`)
			.reply(200, [completed, { ...completed, id: 'second', extracted_data: {} }]);
		const result = await runBolna({
			resource: 'batch',
			operation: 'getExecutions',
			batchId: BATCH,
			returnAll: true,
			outputMode: 'extractedDataOnly',
		});
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([
			{ ...completed.extracted_data, executionId: '7432382142914', status: 'completed', agentId: AGENT },
			{ executionId: 'second', status: 'completed', agentId: AGENT },
		]);
	});

	it('Stop: POST /batches/{id}/stop', async () => {
		const scope = nock(BOLNA, AUTH).post(`/batches/${BATCH}/stop`).reply(200, { message: 'success', state: 'stopped' });
		const result = await runBolna({ resource: 'batch', operation: 'stop', batchId: BATCH });
		scope.done();
		expect(result.items[0].json).toEqual({ batchId: BATCH, state: 'stopped', message: 'success' });
	});

	it('Stop: a 404 "Batch is not queued or running" is reported with that message', async () => {
		nock(BOLNA).post(`/batches/${BATCH}/stop`).reply(404, { message: 'Batch is not queued or running' });
		const result = await runBolna({ resource: 'batch', operation: 'stop', batchId: BATCH });
		expect(result.error?.message).toBe('Bolna API error 404: Batch is not queued or running');
	});

	it('Delete: DELETE /batches/{id}', async () => {
		const scope = nock(BOLNA, AUTH).delete(`/batches/${BATCH}`).reply(200, { message: 'success', state: 'deleted' });
		const result = await runBolna({ resource: 'batch', operation: 'deleteBatch', batchId: BATCH });
		scope.done();
		expect(result.items[0].json).toEqual({ batchId: BATCH, state: 'deleted', message: 'success' });
	});

	it('Batch ID is required, with no request', async () => {
		const seen = recordRequests();
		const result = await runBolna({ resource: 'batch', operation: 'get', batchId: '  ' });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('"Batch ID" is required');
	});
});

describe('Bolna execution operations', () => {
	it('Get Logs: GET /executions/{id}/log → one item per entry of data', async () => {
		const scope = nock(BOLNA, AUTH)
			.get(`/executions/${EXECUTION}/log`)
			.reply(200, { status: 'success', data: [{ component: 'llm', data: 'hi' }, { component: 'tts' }] });
		const result = await runBolna({ resource: 'execution', operation: 'getLogs', executionId: EXECUTION });
		scope.done();
		expect(result.items).toEqual([
			{ json: { executionId: EXECUTION, component: 'llm', data: 'hi' }, pairedItem: { item: 0 } },
			{ json: { executionId: EXECUTION, component: 'tts' }, pairedItem: { item: 0 } },
		]);
	});

	describe('Get Many (paged)', () => {
		const path = `/v2/agent/${AGENT}/executions`;
		const page = (ids: string[], hasMore: boolean, pageNumber = 1) => ({
			page_number: pageNumber,
			page_size: 50,
			total: 120,
			has_more: hasMore,
			data: ids.map((id) => ({ id, status: 'completed', agent_id: AGENT })),
		});
		const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `e${from + i}`);

		it('Return All over 3 pages = exactly 3 requests, page_size 50', async () => {
			const scope = nock(BOLNA, AUTH)
				.get(path)
				.query({ page_number: '1', page_size: '50' })
				.reply(200, page(ids(0, 50), true))
				.get(path)
				.query({ page_number: '2', page_size: '50' })
				.reply(200, page(ids(50, 50), true, 2))
				.get(path)
				.query({ page_number: '3', page_size: '50' })
				.reply(200, page(ids(100, 20), false, 3));
			const result = await runBolna({
				resource: 'execution',
				operation: 'getMany',
				agentId: agentRl,
				returnAll: true,
				outputMode: 'raw',
			});
			scope.done();
			expect(result.items.map((i) => i.json.id)).toEqual(ids(0, 120));
			expect(result.items[119].pairedItem).toEqual({ item: 0 });
		});

		it('Limit 30 = 1 request with page_size=30, even when more exist', async () => {
			const scope = nock(BOLNA, AUTH)
				.get(path)
				.query({ page_number: '1', page_size: '30' })
				.reply(200, page(ids(0, 30), true));
			const result = await runBolna({ resource: 'execution', operation: 'getMany', agentId: agentRl, limit: 30 });
			scope.done();
			expect(result.items).toHaveLength(30);
			expect(result.items[0].json).toMatchObject({ executionId: 'e0', status: 'completed' });
		});

		it('Limit 70 stops after the second page and trims to 70', async () => {
			const scope = nock(BOLNA)
				.get(path)
				.query({ page_number: '1', page_size: '50' })
				.reply(200, page(ids(0, 50), true))
				.get(path)
				.query({ page_number: '2', page_size: '50' })
				.reply(200, page(ids(50, 50), true, 2));
			const result = await runBolna({
				resource: 'execution',
				operation: 'getMany',
				agentId: agentRl,
				limit: 70,
				outputMode: 'raw',
			});
			scope.done();
			expect(result.items.map((i) => i.json.id)).toEqual(ids(0, 70));
		});

		it('sends every filter as Bolna names it, dates in UTC', async () => {
			const scope = nock(BOLNA, AUTH)
				.get(path)
				.query({
					page_number: '1',
					page_size: '10',
					status: 'no-answer',
					batch_id: BATCH,
					call_type: 'outbound',
					provider: 'plivo',
					answered_by_voice_mail: 'false',
					from: '2026-05-01T00:00:00.000Z',
					to: '2026-05-07T18:30:00.000Z',
				})
				.reply(200, page([], false));
			const result = await runBolna({
				resource: 'execution',
				operation: 'getMany',
				agentId: agentRl,
				limit: 10,
				filters: {
					status: 'no-answer',
					batchId: BATCH,
					callType: 'outbound',
					provider: 'plivo',
					answeredByVoiceMail: false,
					from: '2026-05-01',
					to: '2026-05-08T00:00:00+05:30',
				},
			});
			scope.done();
			expect(result.error).toBeUndefined();
			expect(result.items).toEqual([]);
		});

		it('a bad date filter is refused, naming the field, with no request', async () => {
			const seen = recordRequests();
			const result = await runBolna({
				resource: 'execution',
				operation: 'getMany',
				agentId: agentRl,
				filters: { from: 'last tuesday' },
			});
			seen.stop();
			expect(seen.requests).toEqual([]);
			expect(result.error?.message).toBe('"Created From" is not a valid date (got "last tuesday")');
		});
	});
});

describe('Bolna agent operations', () => {
	const agent = {
		id: AGENT,
		agent_name: 'Alfred',
		tasks: [
			{
				task_type: 'conversation',
				tools_config: {
					llm_agent: { agent_type: 'simple_llm_agent' },
					api_tools: {
						tools: [
							{ name: 'transfer_to_human', key: 'transfer_call', description: 'Transfer', parameters: {} },
							{ name: 'lookup_customer', key: 'custom_task', description: 'old', parameters: {} },
						],
						tools_params: {
							transfer_to_human: { method: 'POST', url: null, param: '{"call_transfer_number":"+19876543210"}' },
							lookup_customer: { method: 'GET', url: 'https://old.example.com', param: '{}' },
						},
					},
				},
				toolchain: { execution: 'parallel', pipelines: [['transcriber', 'llm', 'synthesizer']] },
			},
		],
		agent_prompts: { task_1: { system_prompt: 'Be kind' } },
	};

	it('Get: GET /v2/agent/{id}', async () => {
		const scope = nock(BOLNA, AUTH).get(`/v2/agent/${AGENT}`).reply(200, agent);
		const result = await runBolna({ resource: 'agent', operation: 'get', agentId: agentRl });
		scope.done();
		expect(result.items).toEqual([{ json: agent, pairedItem: { item: 0 } }]);
	});

	it('Get Many: GET /v2/agent/all with a client-side Limit', async () => {
		const scope = nock(BOLNA, AUTH).get('/v2/agent/all').reply(200, [{ id: '1' }, { id: '2' }, { id: '3' }]);
		const result = await runBolna({ resource: 'agent', operation: 'getMany', limit: 1 });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ id: '1' }]);
	});

	it('Stop Queued Calls: POST /v2/agent/{id}/stop', async () => {
		const scope = nock(BOLNA, AUTH).post(`/v2/agent/${AGENT}/stop`).reply(200, { stopped_executions: ['x', 'y'] });
		const result = await runBolna({ resource: 'agent', operation: 'stopQueuedCalls', agentId: agentRl });
		scope.done();
		expect(result.items[0].json).toEqual({ agentId: AGENT, stoppedExecutions: ['x', 'y'], stoppedCount: 2 });
	});

	it('Update: PATCH only the fields that were set', async () => {
		let body: unknown;
		const scope = nock(BOLNA, AUTH)
			.patch(`/v2/agent/${AGENT}`, (b) => {
				body = b;
				return true;
			})
			.reply(200, { message: 'success', state: 'updated' });
		const result = await runBolna({
			resource: 'agent',
			operation: 'update',
			agentId: agentRl,
			updateFields: { agentName: ' Alfred 2 ', systemPrompt: 'You call about {topic}.' },
		});
		scope.done();
		expect(body).toEqual({
			agent_config: { agent_name: 'Alfred 2' },
			agent_prompts: { task_1: { system_prompt: 'You call about {topic}.' } },
		});
		expect(result.items[0].json).toMatchObject({ agentId: AGENT, message: 'success', state: 'updated' });
	});

	it('Update: welcome message and webhook URL go under agent_config; an empty webhook URL removes it', async () => {
		const bodies: unknown[] = [];
		nock(BOLNA)
			.patch(`/v2/agent/${AGENT}`, (b) => {
				bodies.push(b);
				return true;
			})
			.times(2)
			.reply(200, { message: 'success', state: 'updated' });
		await runBolna({
			resource: 'agent',
			operation: 'update',
			agentId: agentRl,
			updateFields: { welcomeMessage: 'Hi {name}!', webhookUrl: 'https://example.com/hook' },
		});
		await runBolna({ resource: 'agent', operation: 'update', agentId: agentRl, updateFields: { webhookUrl: '' } });
		expect(bodies).toEqual([
			{ agent_config: { agent_welcome_message: 'Hi {name}!', webhook_url: 'https://example.com/hook' } },
			{ agent_config: { webhook_url: null } },
		]);
	});

	it.each([
		[{}, 'Add at least one field under "Update Fields"'],
		[{ webhookUrl: 'ftp://x' }, '"Webhook URL" must be an http or https URL (got "ftp://x")'],
		[{ agentName: '  ' }, '"Agent Name" must not be empty'],
	])('Update refuses %j with no request', async (updateFields, message) => {
		const seen = recordRequests();
		const result = await runBolna({ resource: 'agent', operation: 'update', agentId: agentRl, updateFields });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe(message);
	});

	describe('Add or Replace Custom Tool', () => {
		const params = {
			resource: 'agent',
			operation: 'upsertCustomTool',
			agentId: agentRl,
			toolName: 'lookup_customer',
			toolDescription: 'Look up the caller by customer ID',
			method: 'POST',
			url: 'https://api.example.com/customers',
			parametersSchema:
				'{"type":"object","properties":{"customer_id":{"type":"string"},"count":{"type":"integer"}},"required":["customer_id"]}',
			options: {
				apiToken: 'Bearer backend-secret',
				headers: '{"X-Source": "bolna"}',
				preCallMessage: 'One moment.',
			},
		};

		it('GETs the agent, replaces only that tool, PATCHes agent_config.tasks and never outputs the token', async () => {
			let patched: any;
			const scope = nock(BOLNA, AUTH)
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent)
				.patch(`/v2/agent/${AGENT}`, (b) => {
					patched = b;
					return true;
				})
				.reply(200, { message: 'success', state: 'updated' });
			const result = await runBolna(params);
			scope.done();

			const tool = {
				name: 'lookup_customer',
				description: 'Look up the caller by customer ID',
				parameters: {
					type: 'object',
					properties: { customer_id: { type: 'string' }, count: { type: 'integer' } },
					required: ['customer_id'],
				},
				key: 'custom_task',
				pre_call_message: 'One moment.',
			};
			const task = agent.tasks[0];
			expect(patched).toEqual({
				agent_config: {
					tasks: [
						{
							...task,
							tools_config: {
								...task.tools_config,
								api_tools: {
									tools: [task.tools_config.api_tools.tools[0], tool],
									tools_params: {
										transfer_to_human: task.tools_config.api_tools.tools_params.transfer_to_human,
										lookup_customer: {
											method: 'POST',
											url: 'https://api.example.com/customers',
											param: '{"customer_id":"%(customer_id)s","count":%(count)i}',
											api_token: 'Bearer backend-secret',
											headers: { 'X-Source': 'bolna' },
										},
									},
								},
							},
						},
					],
				},
			});
			expect(result.items[0].json).toEqual({
				agentId: AGENT,
				toolName: 'lookup_customer',
				action: 'replaced',
				taskIndex: 0,
				toolCount: 2,
				tool,
				request: {
					method: 'POST',
					url: 'https://api.example.com/customers',
					param: '{"customer_id":"%(customer_id)s","count":%(count)i}',
					headerNames: ['X-Source'],
					hasApiToken: true,
				},
				message: 'success',
				state: 'updated',
			});
			expect(JSON.stringify(result.run.data.resultData.runData)).not.toContain('backend-secret');
		});

		it('adds a new tool to an agent without api_tools, keeping the string form when the agent uses it', async () => {
			const patches: any[] = [];
			const bare = { id: AGENT, tasks: [{ task_type: 'conversation', tools_config: { api_tools: null } }] };
			const stringForm = {
				id: AGENT,
				tasks: [
					{
						task_type: 'conversation',
						tools_config: { api_tools: { tools: '[{"name":"other","key":"custom_task"}]', tools_params: { other: {} } } },
					},
				],
			};
			nock(BOLNA)
				.get(`/v2/agent/${AGENT}`)
				.reply(200, bare)
				.get(`/v2/agent/${AGENT}`)
				.reply(200, stringForm)
				.patch(`/v2/agent/${AGENT}`, (b) => {
					patches.push(b);
					return true;
				})
				.times(2)
				.reply(200, { message: 'success', state: 'updated' });
			const first = await runBolna({ ...params, options: {} });
			const second = await runBolna({ ...params, options: {} });
			expect(first.items[0].json.action).toBe('created');
			expect(second.items[0].json.action).toBe('created');
			const apiTools0 = patches[0].agent_config.tasks[0].tools_config.api_tools;
			expect(apiTools0.tools).toHaveLength(1);
			expect(apiTools0.tools_params.lookup_customer).toEqual({
				method: 'POST',
				url: 'https://api.example.com/customers',
				param: '{"customer_id":"%(customer_id)s","count":%(count)i}',
				api_token: null,
				headers: {},
			});
			const apiTools1 = patches[1].agent_config.tasks[0].tools_config.api_tools;
			expect(typeof apiTools1.tools).toBe('string');
			expect(JSON.parse(apiTools1.tools).map((t: { name: string }) => t.name)).toEqual(['other', 'lookup_customer']);
			expect(Object.keys(apiTools1.tools_params)).toEqual(['other', 'lookup_customer']);
		});

		it('will not replace a built-in tool of the same name (GET only, no PATCH)', async () => {
			const scope = nock(BOLNA).get(`/v2/agent/${AGENT}`).reply(200, agent);
			const result = await runBolna({ ...params, toolName: 'transfer_to_human' });
			scope.done();
			expect(result.error?.message).toBe(
				`Agent ${AGENT} already has a "transfer_call" tool named transfer_to_human; only custom function tools are replaced, choose another name`,
			);
		});

		it.each([
			[{ toolName: 'bad name!' }, '"Tool Name" must start with a letter'],
			[{ toolName: 'transfer_call' }, '"Tool Name" transfer_call is the name of a Bolna built-in tool'],
			[{ url: 'http://api.example.com' }, '"URL" must be an https URL (got "http://api.example.com")'],
			[{ method: 'DELETE' }, '"Method" must be one of "GET", "POST" (got "DELETE")'],
			[{ parametersSchema: '{"type":"object",' }, '"Parameters (JSON Schema)" is not valid JSON'],
			[{ parametersSchema: '{"type":"array"}' }, '"Parameters (JSON Schema)" must have "type": "object"'],
			[
				{ parametersSchema: '{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}' },
				'"Parameters (JSON Schema)" "required" lists "b", which is not a property',
			],
			[{ options: { headers: '{"X": 1}' } }, '"Headers (JSON)" value of "X" must be a string'],
			[{ options: { paramTemplate: '{"id": "%(nope)s"}' } }, '"Param Template" uses %(nope)…'],
			[{ options: { paramTemplate: '{"id": %(customer_id)s' } }, '"Param Template" is not valid JSON'],
		])('refuses %j before any request', async (override, message) => {
			const seen = recordRequests();
			const result = await runBolna({ ...params, ...override });
			seen.stop();
			expect(seen.requests).toEqual([]);
			expect(result.error?.message).toContain(message);
		});
	});
});

describe('per-item operations through the engine', () => {
	it('resolve expressions per item and pair each output with its input', async () => {
		const scope = nock(BOLNA, AUTH)
			.get('/executions/e-1')
			.reply(200, { id: 'e-1', status: 'completed' })
			.get('/executions/e-2')
			.reply(200, { id: 'e-2', status: 'busy' });
		const result = await runBolna(
			{ resource: 'execution', operation: 'get', executionId: '={{ $json.id }}', outputMode: 'raw' },
			[{ json: { id: 'e-1' } }, { json: { id: 'e-2' } }],
		);
		scope.done();
		expect(result.items).toEqual([
			{ json: { id: 'e-1', status: 'completed' }, pairedItem: { item: 0 } },
			{ json: { id: 'e-2', status: 'busy' }, pairedItem: { item: 1 } },
		]);
	});

	it('with Continue On Fail, a failing item becomes an error item and the next one still runs', async () => {
		const scope = nock(BOLNA)
			.get('/executions/missing')
			.reply(404, { detail: 'Execution not found' })
			.get('/executions/e-2')
			.reply(200, { id: 'e-2', status: 'busy' });
		const result = await runBolna(
			{ resource: 'execution', operation: 'get', executionId: '={{ $json.id }}', outputMode: 'raw' },
			[{ json: { id: 'missing' } }, { json: { id: 'e-2' } }],
			{ continueOnFail: true },
		);
		scope.done();
		expect(result.items[0].json.error).toBe('Bolna API error 404: Execution not found');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1]).toEqual({ json: { id: 'e-2', status: 'busy' }, pairedItem: { item: 1 } });
	});
});

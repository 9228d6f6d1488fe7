import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { BolnaTrigger } from '../../nodes/Bolna/BolnaTrigger.node';
import { BOLNA_STATUSES } from '../../nodes/Bolna/shaping';
import { derivedToken } from '../../nodes/shared/webhook/registration';
import { callWebhook, node, registerNodeType } from '../helpers/engine';
import { fixture, withoutEventIds } from './fixtures';
import { SIMPLIFIED_COMPLETED } from '../fixtures/bolna/completed-execution.simplified';

const AGENT = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
// The token is derived from the credential's API key, the workflow and the node, never stored.
const TOKEN = derivedToken('bn-test-key-123', 'bolna-trigger', 'test-workflow', 'bolna-trigger');
const credentials = { bolnaApi: { apiKey: 'bn-test-key-123', baseUrl: 'https://api.bolna.ai', allowedDestinations: '' } };
const type = registerNodeType('bolnaTrigger', new BolnaTrigger());
const STATIC_KEY = 'node:Bolna Trigger';

const completed = fixture('bolna-completed.json');
const disconnected = fixture('bolna-call-disconnected.json');
const noAnswer = fixture('bolna-no-answer.json');
const ringing = fixture('bolna-ringing.json');

function trigger(parameters: IDataObject = {}) {
	return node(
		'Bolna Trigger',
		type,
		{
			registerAutomatically: true,
			agentId: { __rl: true, mode: 'id', value: AGENT },
			...parameters,
		},
		{ webhookId: 'wh-bolna-1', credentials: { bolnaApi: { id: '1', name: 'Bolna' } } },
	);
}

function registeredStaticData(): IDataObject {
	return {
		[STATIC_KEY]: {
			target: AGENT,
			registeredUrl: 'http://localhost:5678/webhook/wh-bolna-1/webhook',
			previousUrl: null,
		},
	};
}

async function deliver(
	body: unknown,
	options: {
		parameters?: IDataObject;
		query?: IDataObject;
		rawBody?: string | Buffer;
		ip?: string;
		headers?: Record<string, string>;
		staticData?: IDataObject;
	} = {},
) {
	return withoutEventIds(
		await callWebhook({
			node: trigger(options.parameters),
			body,
			rawBody: options.rawBody,
			query: options.query ?? { token: TOKEN },
			ip: options.ip,
			headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
			credentials,
			staticData: options.staticData ?? registeredStaticData(),
		}),
	);
}

function expectRefused(call: Awaited<ReturnType<typeof deliver>>, status: number, error: string) {
	expect(call.result).toEqual({ noWebhookResponse: true });
	expect(call.response).toMatchObject({ statusCode: status, body: { error }, ended: true });
}

function expectAcknowledged(call: Awaited<ReturnType<typeof deliver>>, reason: string) {
	expect(call.result).toEqual({ noWebhookResponse: true });
	expect(call.response).toMatchObject({ statusCode: 200, body: { received: true, ignored: reason }, ended: true });
}


describe('Bolna Trigger webhook (through n8n-core WebhookContext)', () => {
	describe('description', () => {
		it('offers every Bolna status and selects completed plus the failure and unanswered ones by default', () => {
			const statuses = new BolnaTrigger().description.properties.find((p) => p.name === 'statuses')!;
			expect((statuses.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual(
				[...BOLNA_STATUSES].sort(),
			);
			expect(statuses.default).toEqual([
				'balance-low',
				'busy',
				'canceled',
				'completed',
				'error',
				'failed',
				'no-answer',
				'stopped',
			]);
		});

		it('answers accepted events itself with an empty 200 instead of n8n’s default body', () => {
			const [hook] = new BolnaTrigger().description.webhooks!;
			expect(hook).toEqual({
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			});
		});
	});

	describe('output modes (seed payload: completed call with extracted_data)', () => {
		it('Simplified gives the documented item', async () => {
			const call = await deliver(completed.json, { rawBody: completed.raw });
			expect(call.result).toEqual({ workflowData: [[{ json: SIMPLIFIED_COMPLETED }]] });
			expect(call.response.ended).toBe(false);
		});

		it('Raw gives the payload exactly as received', async () => {
			const call = await deliver(completed.json, { rawBody: completed.raw, parameters: { outputMode: 'raw' } });
			expect(call.result).toEqual({ workflowData: [[{ json: completed.json }]] });
		});

		it('Extracted Data Only gives extracted_data plus executionId, status and agentId', async () => {
			const call = await deliver(completed.json, {
				rawBody: completed.raw,
				parameters: { outputMode: 'extractedDataOnly' },
			});
			expect(call.result).toEqual({
				workflowData: [
					[
						{
							json: {
								user_interested: true,
								callback_user: false,
								address: '42 world lane',
								salary_expected: '42 bitcoins',
								executionId: '7432382142914',
								status: 'completed',
								agentId: AGENT,
							},
						},
					],
				],
			});
		});

		it('call-disconnected, when selected, arrives with cost, recording and extracted data still empty', async () => {
			const call = await deliver(disconnected.json, {
				rawBody: disconnected.raw,
				parameters: { statuses: ['call-disconnected'] },
			});
			expect(call.result).toEqual({
				workflowData: [
					[
						{
							json: {
								executionId: 'b0e5c7f4-2d1a-4c3e-9f6b-1a2b3c4d5e6f',
								agentId: AGENT,
								batchId: null,
								status: 'call-disconnected',
								errorMessage: null,
								toNumber: '+14155550101',
								fromNumber: '+14155550100',
								callType: 'outbound',
								durationSeconds: null,
								conversationDurationSeconds: null,
								totalCostCents: null,
								totalCostUsd: null,
								answeredByVoiceMail: false,
								hangupBy: 'Caller',
								hangupReason: 'Normal Hangup',
								transcript: 'assistant: Hello, this is Alfred.\nuser: Hi!',
								summary: null,
								recordingUrl: null,
								extractedData: {},
								createdAt: '2025-05-07T10:00:00Z',
								updatedAt: '2025-05-07T10:01:05Z',
							},
						},
					],
				],
			});
		});

		it('no-answer (selected by default) runs with extracted data empty in Extracted Data Only mode', async () => {
			const call = await deliver(noAnswer.json, {
				rawBody: noAnswer.raw,
				parameters: { outputMode: 'extractedDataOnly' },
			});
			expect(call.result).toEqual({
				workflowData: [
					[{ json: { executionId: '5f2a9e51-7c44-4d8b-a0c2-9b6d1e3f4a70', status: 'no-answer', agentId: AGENT } }],
				],
			});
		});
	});

	describe('authentication (401, no run)', () => {
		it('refuses a request without a token', async () => {
			expectRefused(await deliver(completed.json, { query: {} }), 401, 'Unauthorized: missing or wrong token');
		});

		it('refuses a wrong token', async () => {
			expectRefused(
				await deliver(completed.json, { query: { token: TOKEN.slice(0, -1) + '0' } }),
				401,
				'Unauthorized: missing or wrong token',
			);
		});

		it('refuses a repeated token parameter', async () => {
			expectRefused(await deliver(completed.json, { query: { token: [TOKEN, TOKEN] } }), 401, 'Unauthorized: missing or wrong token');
		});

		it('derives the token from the API key: nothing in static data, and another key\'s token is refused', async () => {
			expect(TOKEN).toMatch(/^[0-9a-f]{48}$/);
			expect(JSON.stringify(registeredStaticData())).not.toContain(TOKEN);
			expect((await deliver(completed.json, { staticData: {} })).result.workflowData).toHaveLength(1);
			const otherKey = derivedToken('bn-other-key', 'bolna-trigger', 'test-workflow', 'bolna-trigger');
			expectRefused(await deliver(completed.json, { query: { token: otherKey } }), 401, 'Unauthorized: missing or wrong token');
			expectRefused(await deliver(completed.json, { query: { token: '' } }), 401, 'Unauthorized: missing or wrong token');
		});

		it('authenticates before reading the body', async () => {
			expectRefused(await deliver('not json', { rawBody: 'not json', query: {} }), 401, 'Unauthorized: missing or wrong token');
		});

		it('with Register Automatically off, checks the Token field instead of stored data', async () => {
			const parameters = { registerAutomatically: false, token: 'my-own-dummy-token-0123456789' };
			const ok = await deliver(completed.json, {
				parameters,
				query: { token: 'my-own-dummy-token-0123456789' },
				staticData: {},
			});
			expect(ok.result.workflowData).toHaveLength(1);
			expectRefused(
				await deliver(completed.json, { parameters, query: { token: TOKEN }, staticData: registeredStaticData() }),
				401,
				'Unauthorized: missing or wrong token',
			);
		});

		it('with Register Automatically off, has no credential in use and runs without one', async () => {
			// What n8n's pre-execution credential check asks (getActiveCredentialTypes): it queries the
			// database for every credential a node shows, on every execution.
			const description = new BolnaTrigger().description;
			const shown = (parameters: IDataObject) =>
				(description.credentials ?? [])
					.filter((credential) =>
						NodeHelpers.displayParameter(parameters as INodeParameters, credential, trigger(parameters), description),
					)
					.map((credential) => credential.name);
			expect(shown({ registerAutomatically: true })).toEqual(['bolnaApi']);
			expect(shown({ registerAutomatically: false })).toEqual([]);

			const token = 'my-own-dummy-token-0123456789';
			const call = await callWebhook({
				node: { ...trigger({ registerAutomatically: false, token }), credentials: undefined },
				body: completed.json,
				query: { token },
				headers: { 'content-type': 'application/json' },
				credentials: {},
				staticData: {},
			});
			expect(call.result.workflowData).toHaveLength(1);
		});

		it('with Register Automatically off and an empty Token field, refuses every request', async () => {
			expectRefused(
				await deliver(completed.json, { parameters: { registerAutomatically: false, token: '' }, query: { token: '' } }),
				401,
				'Unauthorized: the trigger has no token of at least 24 characters without spaces',
			);
		});

		it.each([
			['28 spaces', ' '.repeat(28)],
			['a token with a space', 'abcdefghijkl mnopqrstuvwxyz'],
			['one character repeated', 'a'.repeat(30)],
		])('with Register Automatically off, refuses every request while the Token is %s', async (_, token) => {
			expectRefused(
				await deliver(completed.json, { parameters: { registerAutomatically: false, token }, query: { token } }),
				401,
				'Unauthorized: the trigger has no token of at least 24 characters without spaces',
			);
		});

		it('with Register Automatically off and a Token shorter than 24 characters, refuses even the right token', async () => {
			const token = 'short-token-12345678901';
			expect(token).toHaveLength(23);
			expectRefused(
				await deliver(completed.json, { parameters: { registerAutomatically: false, token }, query: { token } }),
				401,
				'Unauthorized: the trigger has no token of at least 24 characters without spaces',
			);
		});
	});

	describe('source IP allow-list', () => {
		const defaultList = { options: { allowedSourceIps: '13.203.39.153, 13.126.9.249, 13.202.133.53' } };

		it('is off unless the option is added', async () => {
			const call = await deliver(completed.json, { ip: '198.51.100.7' });
			expect(call.result.workflowData).toHaveLength(1);
		});

		it('refuses other addresses with 403 when on', async () => {
			expectRefused(
				await deliver(completed.json, { parameters: defaultList, ip: '198.51.100.7' }),
				403,
				'Forbidden: source IP is not allowed',
			);
		});

		it.each(['13.203.39.153', '13.126.9.249', '::ffff:13.202.133.53'])('accepts Bolna’s address %s', async (ip) => {
			const call = await deliver(completed.json, { parameters: defaultList, ip });
			expect(call.result.workflowData).toHaveLength(1);
		});

		it('takes the client address n8n determined (req.ip, per N8N_PROXY_HOPS), never X-Forwarded-For', async () => {
			// An old workflow may still carry the removed "Trust X-Forwarded-For" option: it changes nothing.
			const options = { options: { ...defaultList.options, trustForwardedFor: true } };
			for (const forwarded of ['13.203.39.153', '13.203.39.153, 10.0.0.1', '198.51.100.7, 13.203.39.153']) {
				expectRefused(
					await deliver(completed.json, { parameters: options, ip: '198.51.100.7', headers: { 'x-forwarded-for': forwarded } }),
					403,
					'Forbidden: source IP is not allowed',
				);
			}
			const viaProxy = await deliver(completed.json, {
				parameters: options,
				ip: '13.203.39.153',
				headers: { 'x-forwarded-for': '198.51.100.7, 13.203.39.153' },
			});
			expect(viaProxy.result.workflowData).toHaveLength(1);
		});

		it('accepts IPv4 CIDR ranges', async () => {
			const parameters = { options: { allowedSourceIps: '10.0.0.0/8' } };
			expect((await deliver(completed.json, { parameters, ip: '10.20.30.40' })).result.workflowData).toHaveLength(1);
			expectRefused(await deliver(completed.json, { parameters, ip: '11.0.0.1' }), 403, 'Forbidden: source IP is not allowed');
		});
	});

	describe('bad bodies (400, no run, nothing thrown)', () => {
		it('refuses JSON nested deeper than 64 levels, however it arrives', async () => {
			const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
			const call = await deliver(undefined, { rawBody: deep });
			expect(call.result).toEqual({ noWebhookResponse: true });
			expect(call.response.statusCode).toBe(400);
			const nested65 = `{"id":"x","status":"completed","n":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`;
			expectRefused(await deliver(undefined, { rawBody: nested65 }), 400, 'Request body is nested deeper than 64 levels');
		});

		it.each([
			['not JSON', 'status=completed', 'Request body is not valid JSON'],
			['empty', '', 'Request body is empty; expected a JSON object'],
			['a JSON array', '[{"id":"x","status":"completed"}]', 'Request body must be a JSON object'],
			['a JSON string', '"completed"', 'Request body must be a JSON object'],
			['without status', '{"id":"x"}', 'Not a Bolna execution event: status: "status" is required'],
			['with a numeric status', '{"id":"x","status":7}', 'Not a Bolna execution event: status: "status" must be a string'],
			['with an empty status', '{"id":"x","status":""}', 'Not a Bolna execution event: status: "status" must not be empty'],
			['without id', '{"status":"completed"}', 'Not a Bolna execution event: id: "id" (or "execution_id") is required'],
			['with an object id', '{"id":{"a":1},"status":"completed"}', 'Not a Bolna execution event: id: Invalid input'],
		])('refuses a body that is %s', async (_label, raw, message) => {
			expectRefused(await deliver(raw, { rawBody: raw }), 400, message);
		});

		it('refuses a body over 1 MB', async () => {
			const big = JSON.stringify({ ...completed.json, transcript: 'x'.repeat(1024 * 1024) });
			expectRefused(await deliver(JSON.parse(big), { rawBody: big }), 400, 'Request body is larger than 1 MB');
		});

		it('accepts execution_id when id is absent, and unknown keys pass through to Raw', async () => {
			const body = { execution_id: 'e-1', status: 'completed', brand_new_field: { a: 1 } };
			const call = await deliver(body, { parameters: { outputMode: 'raw' } });
			expect(call.result).toEqual({ workflowData: [[{ json: body }]] });
		});
	});

	describe('status filter', () => {
		it('acknowledges an unselected status with 200 and does not run', async () => {
			expectAcknowledged(await deliver(ringing.json, { rawBody: ringing.raw }), 'status "ringing" is not selected');
		});

		it('acknowledges a status Bolna may add later without running', async () => {
			expectAcknowledged(await deliver({ id: 'x', status: 'voicemail-left' }), 'status "voicemail-left" is not selected');
		});

		it('runs for a status selected explicitly', async () => {
			const call = await deliver(ringing.json, { parameters: { statuses: ['ringing'], outputMode: 'raw' } });
			expect(call.result).toEqual({ workflowData: [[{ json: ringing.json }]] });
		});
	});

	describe('deduplication on (execution id, status)', () => {
		it('runs once for a repeated delivery and acknowledges the repeat with 200', async () => {
			const staticData = registeredStaticData();
			const first = await deliver(completed.json, { staticData });
			expect(first.result.workflowData).toHaveLength(1);
			const second = await deliver(completed.json, { staticData });
			expectAcknowledged(second, 'duplicate delivery');
		});

		it('runs again for the same execution with another status', async () => {
			const staticData = registeredStaticData();
			const parameters = { statuses: ['call-disconnected', 'completed'] };
			const id = 'b0e5c7f4-2d1a-4c3e-9f6b-1a2b3c4d5e6f';
			expect((await deliver({ id, status: 'call-disconnected' }, { parameters, staticData })).result.workflowData).toHaveLength(1);
			expect((await deliver({ id, status: 'completed' }, { parameters, staticData })).result.workflowData).toHaveLength(1);
			expectAcknowledged(await deliver({ id, status: 'completed' }, { parameters, staticData }), 'duplicate delivery');
		});

		it('does not remember refused or filtered deliveries', async () => {
			const staticData = registeredStaticData();
			await deliver(completed.json, { staticData, query: {} });
			await deliver(completed.json, { staticData, parameters: { statuses: ['ringing'] } });
			expect((await deliver(completed.json, { staticData })).result.workflowData).toHaveLength(1);
		});

		it('keeps the memory out of workflow static data; 100 events run once each, their replays never', async () => {
			const staticData = registeredStaticData();
			const before = JSON.stringify(staticData);
			let runs = 0;
			for (let round = 0; round < 2; round++) {
				for (let i = 0; i < 100; i++) {
					runs += (await deliver({ id: `exec-${i}`, status: 'completed' }, { staticData })).result.workflowData?.length ?? 0;
				}
			}
			expect(runs).toBe(100);
			expect(JSON.stringify(staticData)).toBe(before);
		});

		it('starts one run for 10 simultaneous copies of a delivery', async () => {
			const calls = await Promise.all(Array.from({ length: 10 }, async () => await deliver(completed.json)));
			expect(calls.filter((c) => c.result.workflowData).length).toBe(1);
			expect(calls.every((c) => c.response.statusCode === 200)).toBe(true);
		});
	});
});

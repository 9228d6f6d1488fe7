/**
 * Bolna agent Create/Delete, Account, Voices, Phone Numbers (with inbound agents) and
 * Knowledgebases: exact requests (nock), validation before any request, and the resource-locator
 * searches; then the same operations through the engine against the strict simulator.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { searchKnowledgebases, searchPhoneNumbers, searchVoices } from '../../nodes/Bolna/methods/listSearch';
import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID, BOLNA_PHONE_NUMBER_ID, startSimulator } from '../../simulator';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';
import { AGENT, AUTH, BOLNA, agentRl, parseMultipart, recordRequests, runBolna } from './helpers';
import { Bolna } from '../../nodes/Bolna/Bolna.node';

const NUMBER_ID = '3c90c3cc0d444b5088888dd25736052a';
const RAG_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const numberRl = { __rl: true, mode: 'id', value: NUMBER_ID };
const ragRl = { __rl: true, mode: 'id', value: RAG_ID };
const pdfItem = (mimeType = 'application/pdf', fileName = 'faq.pdf') => ({
	json: {},
	binary: { data: { data: Buffer.from('%PDF-1.4 hello').toString('base64'), mimeType, fileName } },
});

describe('Bolna Agent Create / Delete', () => {
	it('Create posts the documented example agent with the name, prompt, welcome message and webhook', async () => {
		let body: any;
		const scope = nock(BOLNA, AUTH)
			.post('/v2/agent', (b) => {
				body = b;
				return true;
			})
			.reply(200, { agent_id: AGENT, status: 'created' });
		const result = await runBolna({
			resource: 'agent',
			operation: 'create',
			agentName: 'Ada',
			systemPrompt: 'Ask {customer_name} about a demo.',
			options: { welcomeMessage: 'Hi {customer_name}!', webhookUrl: 'https://hooks.example.com/bolna' },
		});
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ agentId: AGENT, status: 'created', agentName: 'Ada' }]);
		expect(body.agent_prompts).toEqual({ task_1: { system_prompt: 'Ask {customer_name} about a demo.' } });
		expect(Object.keys(body)).toEqual(['agent_config', 'agent_prompts']);
		expect(body.agent_config).toMatchObject({
			agent_name: 'Ada',
			agent_welcome_message: 'Hi {customer_name}!',
			webhook_url: 'https://hooks.example.com/bolna',
			agent_type: 'other',
		});
		const tools = body.agent_config.tasks[0].tools_config;
		expect(tools.llm_agent.llm_config.model).toBe('gpt-4.1-mini');
		expect(tools.synthesizer).toEqual({
			provider: 'polly',
			provider_config: { voice: 'Matthew', engine: 'generative', sampling_rate: '8000', language: 'en-US' },
			stream: true,
			buffer_size: 150,
			audio_format: 'wav',
		});
	});

	it('Create with a voice reads /me/voices and builds that provider\'s config', async () => {
		let body: any;
		const scope = nock(BOLNA)
			.get('/me/voices')
			.reply(200, [{ id: 'v1', voice_id: '21m00Tcm4TlvDq8ikWAM', provider: 'elevenlabs', name: 'Rachel', model: 'eleven_flash_v2_5' }])
			.post('/v2/agent', (b) => {
				body = b;
				return true;
			})
			.reply(200, { agent_id: AGENT, status: 'created' });
		await runBolna({
			resource: 'agent',
			operation: 'create',
			agentName: 'Ada',
			systemPrompt: 'Hi',
			voiceId: { __rl: true, mode: 'list', value: '21m00Tcm4TlvDq8ikWAM' },
			options: { llmModel: 'gpt-4o' },
		});
		scope.done();
		const tools = body.agent_config.tasks[0].tools_config;
		expect(tools.synthesizer.provider_config).toEqual({ voice: 'Rachel', voice_id: '21m00Tcm4TlvDq8ikWAM', model: 'eleven_flash_v2_5' });
		expect(tools.llm_agent.llm_config.model).toBe('gpt-4o');
	});

	it('Create with Tasks (JSON) sends them as they are', async () => {
		const tasks = [{ task_type: 'conversation', tools_config: { llm_agent: {} } }];
		let body: any;
		const scope = nock(BOLNA)
			.post('/v2/agent', (b) => {
				body = b;
				return true;
			})
			.reply(200, { agent_id: AGENT, status: 'created' });
		await runBolna({ resource: 'agent', operation: 'create', agentName: 'A', systemPrompt: 'P', options: { tasks: JSON.stringify(tasks) } });
		scope.done();
		expect(body.agent_config.tasks).toEqual(tasks);
	});

	it.each([
		[{ agentName: ' ' }, '"Agent Name"'],
		[{ systemPrompt: '   ' }, '"System Prompt"'],
		[{ options: { webhookUrl: 'ftp://x' } }, '"Webhook URL" must be an https or http URL'],
		[{ options: { tasks: '[]' } }, '"Tasks (JSON)" must be a non-empty list of task objects'],
		[{ options: { tasks: '{"a":1}' } }, '"Tasks (JSON)" must be a JSON array'],
	])('Create refuses %j with no request', async (override, message) => {
		const seen = recordRequests();
		const result = await runBolna({ resource: 'agent', operation: 'create', agentName: 'A', systemPrompt: 'P', ...override });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toContain(message);
	});

	it('Create refuses an unknown voice after reading the list, before creating anything', async () => {
		const scope = nock(BOLNA).get('/me/voices').reply(200, [{ voice_id: 'Matthew', provider: 'polly', name: 'Matthew' }]);
		const result = await runBolna({ resource: 'agent', operation: 'create', agentName: 'A', systemPrompt: 'P', voiceId: { __rl: true, mode: 'id', value: 'Nobody' } });
		scope.done();
		expect(result.error?.message).toBe("Voice Nobody is not among the account's voices");
	});

	it('Delete sends DELETE /v2/agent/{id}', async () => {
		const scope = nock(BOLNA, AUTH).delete(`/v2/agent/${AGENT}`).reply(200, { message: 'success', state: 'deleted' });
		const result = await runBolna({ resource: 'agent', operation: 'deleteAgent', agentId: agentRl });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ agentId: AGENT, deleted: true, state: 'deleted' }]);
	});
});

describe('Bolna Account and Voices', () => {
	it('Account Get reads /user/me: wallet balance and concurrency', async () => {
		const scope = nock(BOLNA, AUTH)
			.get('/user/me')
			.reply(200, { id: 'u1', name: 'Bruce', email: 'b@example.com', wallet: 42.42, concurrency: { max: 10, current: 2 } });
		const result = await runBolna({ resource: 'account', operation: 'get' });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([
			{ userId: 'u1', name: 'Bruce', email: 'b@example.com', walletBalance: 42.42, concurrencyMax: 10, concurrencyCurrent: 2 },
		]);
	});

	it('Voice Get Many lists /me/voices with a Limit', async () => {
		const scope = nock(BOLNA).get('/me/voices').reply(200, [{ voice_id: 'a' }, { voice_id: 'b' }, { voice_id: 'c' }]);
		const result = await runBolna({ resource: 'voice', operation: 'getMany', limit: 2 });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ voice_id: 'a' }, { voice_id: 'b' }]);
	});
});

describe('Bolna Phone Numbers and inbound agents', () => {
	it('Get Many lists /phone-numbers/all', async () => {
		const scope = nock(BOLNA).get('/phone-numbers/all').reply(200, [{ id: NUMBER_ID, phone_number: '+19876543007' }]);
		const result = await runBolna({ resource: 'phoneNumber', operation: 'getMany', returnAll: true });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ id: NUMBER_ID, phone_number: '+19876543007' }]);
	});

	it('Search sends country, pattern and provider as query parameters', async () => {
		const scope = nock(BOLNA)
			.get('/phone-numbers/search')
			.query({ country: 'US', pattern: '415', provider: 'plivo' })
			.reply(200, [{ phone_number: '+14155550170', price: 5 }]);
		const result = await runBolna({ resource: 'phoneNumber', operation: 'search', country: 'US', pattern: ' 415 ', provider: 'plivo', limit: 5 });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ phone_number: '+14155550170', price: 5 }]);
	});

	it('Buy posts {country, phone_number} once, normalising the number; a 5xx is not retried', async () => {
		const scope = nock(BOLNA, AUTH).post('/phone-numbers/buy', { country: 'US', phone_number: '+14155550170' }).reply(502, { message: 'upstream' });
		const result = await runBolna({ resource: 'phoneNumber', operation: 'buy', country: 'US', phoneNumber: '+1 415 555 0170', provider: '' });
		scope.done();
		expect(result.error?.message).toBe('Bolna API error 502: upstream');
	});

	it('Buy refuses a number that is not E.164 with no request', async () => {
		const seen = recordRequests();
		const result = await runBolna({ resource: 'phoneNumber', operation: 'buy', country: 'US', phoneNumber: 'call me' });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('"Phone Number" must be in E.164 format, e.g. +14155550123 (got "call me")');
	});

	it('Buy refuses Retry On Fail (a retry could buy twice)', async () => {
		const seen = recordRequests();
		const result = await runWorkflow({
			nodes: [
				node('Bolna', registerNodeType('bolna', new Bolna()), { resource: 'phoneNumber', operation: 'buy', country: 'US', phoneNumber: '+14155550170' }, {
					credentials: { bolnaApi: { id: '1', name: 'Bolna' } },
					retryOnFail: true,
				} as never),
			],
			startNode: 'Bolna',
			inputItems: [{ json: {} }],
			credentials: { bolnaApi: { apiKey: 'bn-test-key-123', baseUrl: BOLNA, allowedDestinations: '' } },
		});
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toBe('"Retry On Fail" cannot be used on an operation that places calls or batches');
	});

	it('Delete, Set Inbound Agent and Remove Inbound Agent send the documented requests', async () => {
		const scope = nock(BOLNA, AUTH)
			.post('/inbound/setup', { agent_id: AGENT, phone_number_id: NUMBER_ID, allow_multiple: true })
			.reply(200, { url: 'https://api.bolna.ai/inbound_call?agent_id=x', phone_number: '+19876543007', id: NUMBER_ID })
			.post('/inbound/unlink', { phone_number_id: NUMBER_ID })
			.reply(200, { url: null, phone_number: '+19876543007', id: NUMBER_ID })
			.delete(`/phone-numbers/${NUMBER_ID}`)
			.reply(200, { message: 'The phone number has been removed from your account', state: 'deleted' });
		const set = await runBolna({ resource: 'phoneNumber', operation: 'setInboundAgent', phoneNumberId: numberRl, agentId: agentRl, allowMultiple: true });
		const removed = await runBolna({ resource: 'phoneNumber', operation: 'removeInboundAgent', phoneNumberId: numberRl });
		const deleted = await runBolna({ resource: 'phoneNumber', operation: 'deletePhoneNumber', phoneNumberId: numberRl });
		scope.done();
		expect(set.items[0].json).toEqual({ phoneNumberId: NUMBER_ID, agentId: AGENT, phoneNumber: '+19876543007', url: 'https://api.bolna.ai/inbound_call?agent_id=x' });
		expect(removed.items[0].json).toEqual({ phoneNumberId: NUMBER_ID, removed: true, phoneNumber: '+19876543007' });
		expect(deleted.items[0].json).toEqual({ phoneNumberId: NUMBER_ID, deleted: true, message: 'The phone number has been removed from your account' });
	});
});

describe('Bolna Knowledgebases', () => {
	it('Create uploads the input PDF as multipart with the chosen settings', async () => {
		let parts: ReturnType<typeof parseMultipart> = [];
		const scope = nock(BOLNA, AUTH)
			.post('/knowledgebase')
			.reply(function (_uri, body) {
				parts = parseMultipart(String(body), String(this.req.headers['content-type']));
				return [200, { rag_id: RAG_ID, file_name: 'faq.pdf', source_type: 'pdf', status: 'processing' }];
			});
		const result = await runBolna({ resource: 'knowledgebase', operation: 'create', source: 'file', binaryPropertyName: 'data', options: { chunkSize: 256, multilingual: true } }, [pdfItem()]);
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([{ rag_id: RAG_ID, file_name: 'faq.pdf', source_type: 'pdf', status: 'processing' }]);
		expect(parts).toEqual([
			{ name: 'file', value: '%PDF-1.4 hello', filename: 'faq.pdf', contentType: 'application/pdf' },
			{ name: 'chunk_size', value: '256' },
			{ name: 'language_support', value: 'multilingual' },
		]);
	});

	it('Create from a URL sends only the url field', async () => {
		let parts: ReturnType<typeof parseMultipart> = [];
		const scope = nock(BOLNA)
			.post('/knowledgebase')
			.reply(function (_uri, body) {
				parts = parseMultipart(String(body), String(this.req.headers['content-type']));
				return [200, { rag_id: RAG_ID, file_name: 'https://example.com/docs', source_type: 'url', status: 'processing' }];
			});
		await runBolna({ resource: 'knowledgebase', operation: 'create', source: 'url', url: 'https://example.com/docs' });
		scope.done();
		expect(parts).toEqual([{ name: 'url', value: 'https://example.com/docs' }]);
	});

	it.each([
		[{ source: 'url', url: 'javascript:alert(1)' }, [{ json: {} }], '"URL" must be an https or http URL'],
		[{ source: 'file', binaryPropertyName: 'data' }, [pdfItem('text/plain', 'notes.txt')], 'The binary field "data" is not a PDF (text/plain)'],
		[{ source: 'file', binaryPropertyName: 'pdf' }, [pdfItem()], 'pdf'],
	])('Create refuses %j with no request', async (params, items, message) => {
		const seen = recordRequests();
		const result = await runBolna({ resource: 'knowledgebase', operation: 'create', ...params }, items);
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.error?.message).toContain(message);
	});

	it('Get, Get Many and Delete', async () => {
		const scope = nock(BOLNA, AUTH)
			.get(`/knowledgebase/${RAG_ID}`)
			.reply(200, { rag_id: RAG_ID, status: 'processed' })
			.get('/knowledgebase/all')
			.reply(200, [{ rag_id: RAG_ID }, { rag_id: 'b' }])
			.delete(`/knowledgebase/${RAG_ID}`)
			.reply(200, { message: 'success', state: 'deleted' });
		const got = await runBolna({ resource: 'knowledgebase', operation: 'get', ragId: ragRl });
		const many = await runBolna({ resource: 'knowledgebase', operation: 'getMany', limit: 1 });
		const deleted = await runBolna({ resource: 'knowledgebase', operation: 'deleteKnowledgebase', ragId: ragRl });
		scope.done();
		expect(got.items[0].json).toEqual({ rag_id: RAG_ID, status: 'processed' });
		expect(many.items.map((i) => i.json)).toEqual([{ rag_id: RAG_ID }]);
		expect(deleted.items[0].json).toEqual({ ragId: RAG_ID, deleted: true, state: 'deleted' });
	});
});

describe('Bolna resource locator searches', () => {
	const context = (baseUrl = BOLNA) =>
		({
			getCredentials: async () => ({ apiKey: 'bn-test-key-123', baseUrl }),
			getNode: () => ({ name: 'Bolna', type: 'bolna', typeVersion: 1, parameters: {} }),
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
					const res = await fetch(options.url, { headers: { authorization: 'Bearer bn-test-key-123' } });
					return { statusCode: res.status, headers: {}, body: await res.json() };
				},
			},
		}) as unknown as ILoadOptionsFunctions;

	it('voices, phone numbers and knowledgebases are listed by name and filtered', async () => {
		nock(BOLNA)
			.get('/me/voices')
			.reply(200, [
				{ voice_id: 'Matthew', provider: 'polly', name: 'Matthew', accent: 'en-US' },
				{ voice_id: '21m00', provider: 'elevenlabs', name: 'Rachel', accent: 'American' },
			])
			.get('/phone-numbers/all')
			.reply(200, [{ id: NUMBER_ID, phone_number: '+19876543007', telephony_provider: 'twilio' }])
			.get('/knowledgebase/all')
			.reply(200, [{ rag_id: RAG_ID, file_name: 'faq.pdf', status: 'processed' }]);
		expect(await searchVoices.call(context(), 'rach')).toEqual({ results: [{ name: 'Rachel (elevenlabs, American)', value: '21m00' }] });
		expect(await searchPhoneNumbers.call(context())).toEqual({ results: [{ name: '+19876543007 (twilio)', value: NUMBER_ID }] });
		expect(await searchKnowledgebases.call(context())).toEqual({ results: [{ name: 'faq.pdf (processed)', value: RAG_ID }] });
	});
});

describe('Bolna new resources through the engine against the strict simulator', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ clockMs: 5 });
	});
	afterAll(async () => {
		await sim.close();
	});
	const type = registerNodeType('bolna', new Bolna());
	const run = async (parameters: IDataObject, items: INodeExecutionData[] = [{ json: {} }]) => {
		const result = await runWorkflow({
			nodes: [node('Bolna', type, parameters, { credentials: { bolnaApi: { id: '1', name: 'Bolna' } } })],
			startNode: 'Bolna',
			inputItems: items,
			credentials: { bolnaApi: { apiKey: 'bn-sim-key', baseUrl: sim.url, allowedDestinations: '' } },
		});
		expect(result.error).toBeUndefined();
		return result.output('Bolna').map((i) => i.json);
	};

	it('creates an agent with an ElevenLabs voice, buys a number, links it, builds a knowledgebase, cleans up', async () => {
		const [created] = await run({ resource: 'agent', operation: 'create', agentName: 'Sim Agent', systemPrompt: 'Be brief.', voiceId: { __rl: true, mode: 'list', value: '21m00Tcm4TlvDq8ikWAM' } });
		const agentId = String(created.agentId);
		expect(sim.state.bolna.agents[agentId].agent_config.tasks[0].tools_config.synthesizer.provider).toBe('elevenlabs');

		const [available] = await run({ resource: 'phoneNumber', operation: 'search', country: 'US', pattern: '0170', limit: 1 });
		const [bought] = await run({ resource: 'phoneNumber', operation: 'buy', country: 'US', phoneNumber: available.phone_number });
		const numberId = String(bought.id);
		expect(sim.state.bolna.user.wallet).toBe(37.42);
		await run({ resource: 'phoneNumber', operation: 'setInboundAgent', phoneNumberId: { __rl: true, mode: 'id', value: numberId }, agentId: { __rl: true, mode: 'id', value: agentId } });
		expect(sim.state.bolna.phoneNumbers[numberId].agent_id).toBe(agentId);
		await run({ resource: 'phoneNumber', operation: 'removeInboundAgent', phoneNumberId: { __rl: true, mode: 'id', value: numberId } });
		expect(sim.state.bolna.phoneNumbers[numberId].agent_id).toBeNull();
		await run({ resource: 'phoneNumber', operation: 'deletePhoneNumber', phoneNumberId: { __rl: true, mode: 'id', value: numberId } });
		expect(Object.keys(sim.state.bolna.phoneNumbers)).toEqual([BOLNA_PHONE_NUMBER_ID]);

		const [kb] = await run({ resource: 'knowledgebase', operation: 'create', source: 'file', binaryPropertyName: 'data' }, [pdfItem()]);
		await sim.waitFor((s) => s.state.bolna.knowledgebases[String(kb.rag_id)]?.status === 'processed', 3000);
		const [got] = await run({ resource: 'knowledgebase', operation: 'get', ragId: { __rl: true, mode: 'id', value: kb.rag_id } });
		expect(got).toMatchObject({ rag_id: kb.rag_id, file_name: 'faq.pdf', status: 'processed', chunk_size: 512 });

		const [account] = await run({ resource: 'account', operation: 'get' });
		expect(account.walletBalance).toBe(37.42);
		await run({ resource: 'agent', operation: 'deleteAgent', agentId: { __rl: true, mode: 'id', value: agentId } });
		expect(Object.keys(sim.state.bolna.agents)).toEqual([BOLNA_AGENT_ID, expect.any(String)]);
		expect(sim.requests.every((r) => r.responseStatus === 200)).toBe(true);
	});
});

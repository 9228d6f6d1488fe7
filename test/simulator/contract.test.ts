/**
 * Contract test: every Bolna route the simulator serves is held against Bolna's OpenAPI
 * (test/simulator/contract/bolna-openapi.yml), so the two cannot drift:
 * - the route exists in the OpenAPI with the same method and path parameters;
 * - the query parameters, JSON body keys and form fields it accepts are exactly the documented ones
 *   (and the `agent_config` keys of POST/PUT/PATCH /v2/agent match AgentConfigV2 /
 *   AgentConfigPatchRequest);
 * - an undocumented query parameter, body key or form field is refused with 422;
 * - every 200 answer in a full run (call, batch, agent lifecycle) validates against the documented
 *   response schema (ajv), or has the documented example's keys when only an example is given,
 *   and every accepted JSON request validates against the documented request schema;
 * - every Bolna API path the nodes call is served.
 * Where the OpenAPI contradicts itself or the documented examples, the patch is listed in ERRATA.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID } from '../../simulator';
import { buildMultipart } from '../../nodes/shared/transport/multipart';
import { BOLNA_KEY, call, startTestSimulator } from './helpers';

// Dev-only libraries already in the tree (eslint's own): ajv 6 (draft-07) and js-yaml 4.
const Ajv = require('ajv') as new (options: object) => AjvInstance;
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const bolnaSim = require('../../simulator/bolna') as {
	CONTRACT: Array<{ method: string; path: string; query: string[]; json: string[] | null; form: string[] | null }>;
	AGENT_CONFIG_V2_KEYS: string[];
	AGENT_CONFIG_PATCH_KEYS: string[];
};

interface AjvInstance {
	addSchema(schema: object, key: string): void;
	compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
	errorsText(errors?: unknown[] | null): string;
}
type Json = Record<string, any>;

const spec = yaml.load(readFileSync(join(__dirname, 'contract', 'bolna-openapi.yml'), 'utf8')) as Json;

/**
 * Where the OpenAPI is wrong about itself, patched here (and only here):
 * - `Toolchain.pipelines` items are typed string, but the documented agent example (and every
 *   agent) has a list of lists: `[["transcriber", "llm", "synthesizer"]]`.
 * - `Synthesizer.provider_config`, `Transcriber` and `LlmAgentV2.llm_config` are `oneOf`
 *   alternatives without `additionalProperties: false` (KnowledgebaseAgent even includes
 *   SimpleLlmAgent), so a plain config matches more than one: read as `anyOf`.
 * - `AgentExecution.batch_id` and `error_message` are typed string, but Bolna's execution payload
 *   reference (bolna-ai/skills execution-payload.md) shows both null for a call outside a batch
 *   that did not fail.
 * - Phone number ids: `PhoneNumber.id` and the inbound answers give 32 hex characters, while the
 *   purchase answer and the inbound requests type the same id as a uuid: the uuid checks are dropped.
 * - `InboundUnlinkAgentResponse.url` is typed string but described as "null if the unlinking is
 *   successful".
 * - OpenAPI 3.0's `nullable: true` (used throughout this 3.1 file) is read as "null allowed".
 */
function applyErrata(doc: Json): Json {
	const schemas = doc.components.schemas;
	schemas.Toolchain.properties.pipelines.items = { type: 'array', items: { type: 'string', enum: ['transcriber', 'llm', 'synthesizer'] } };
	schemas.Synthesizer.properties.provider_config = { anyOf: schemas.Synthesizer.properties.provider_config.oneOf };
	schemas.Transcriber = { anyOf: schemas.Transcriber.oneOf, type: 'object' };
	schemas.LlmAgentV2.properties.llm_config = { anyOf: schemas.LlmAgentV2.properties.llm_config.oneOf };
	schemas.AgentExecution.properties.batch_id.nullable = true;
	schemas.AgentExecution.properties.error_message.nullable = true;
	delete schemas.PurchasePhoneNumberResponse.properties.id.format;
	for (const path of ['/inbound/setup', '/inbound/unlink']) {
		const id = doc.paths[path].post.requestBody.content['application/json'].schema.properties.phone_number_id;
		delete id.format;
		delete id.pattern;
	}
	schemas.InboundUnlinkAgentResponse.properties.url.nullable = true;
	const walk = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(walk);
		if (!node || typeof node !== 'object') return node;
		const out: Json = {};
		for (const [k, v] of Object.entries(node as Json)) out[k] = walk(v);
		if (out.nullable === true) {
			delete out.nullable;
			if (out.$ref) return { anyOf: [{ type: 'null' }, { $ref: out.$ref }] };
			if (typeof out.type === 'string') out.type = [out.type, 'null'];
		}
		return out;
	};
	return walk(doc) as Json;
}

const patched = applyErrata(JSON.parse(JSON.stringify(spec)));
const ajv = new Ajv({ unknownFormats: 'ignore', validateSchema: false, allErrors: true, logger: false });
ajv.addSchema(patched, 'bolna');

/** `#/components/schemas/X` → the schema object (one level of $ref). */
function resolve(schema: Json | undefined): Json | undefined {
	if (!schema || typeof schema.$ref !== 'string') return schema;
	return schema.$ref.split('/').slice(1).reduce((node: Json, key: string) => node?.[key], spec);
}

function operationOf(method: string, path: string): Json | undefined {
	return spec.paths[path]?.[method.toLowerCase()];
}

/** A JSON pointer into the patched document for ajv, from a path in the spec. */
function pointer(...keys: string[]): string {
	return `bolna#/${keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

const contract = bolnaSim.CONTRACT;

describe('simulator contract: Bolna routes against bolna-openapi.yml', () => {
	it('has a route table', () => {
		expect(contract.length).toBeGreaterThanOrEqual(20);
	});

	describe.each(contract.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_name, route) => {
		const operation = operationOf(route.method, route.path);

		const inPath = (p: Json) => p.in === 'path' && route.path.includes(`{${p.name}}`);
		// Erratum: GET /phone-numbers/search lists its query parameters as `in: path` (the path has none).
		const inQuery = (p: Json) => p.in === 'query' || (p.in === 'path' && !route.path.includes(`{${p.name}}`));

		it('is documented, with the same path parameters', () => {
			expect(operation).toBeDefined();
			const documented = (operation?.parameters ?? []).filter(inPath).map((p: Json) => p.name).sort();
			const ours = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
			expect(ours).toEqual(documented);
		});

		it('accepts exactly the documented query parameters', () => {
			const documented = (operation?.parameters ?? []).filter(inQuery).map((p: Json) => p.name).sort();
			expect([...route.query].sort()).toEqual(documented);
		});

		it('accepts exactly the documented body keys or form fields', () => {
			const content = operation?.requestBody?.content ?? {};
			const json = resolve(content['application/json']?.schema);
			// POST /batches is labelled text/csv but is multipart (see api-notes); schedule is multipart.
			const form = resolve((content['multipart/form-data'] ?? content['text/csv'])?.schema);
			expect(route.json ? [...route.json].sort() : null).toEqual(json ? Object.keys(json.properties ?? {}).sort() : null);
			expect(route.form ? [...route.form].sort() : null).toEqual(form ? Object.keys(form.properties ?? {}).sort() : null);
		});
	});

	it('agent_config keys of POST/PUT match AgentConfigV2 and of PATCH match AgentConfigPatchRequest', () => {
		expect([...bolnaSim.AGENT_CONFIG_V2_KEYS].sort()).toEqual(Object.keys(spec.components.schemas.AgentConfigV2.properties).sort());
		expect([...bolnaSim.AGENT_CONFIG_PATCH_KEYS].sort()).toEqual(Object.keys(spec.components.schemas.AgentConfigPatchRequest.properties).sort());
	});

	it('serves every Bolna API path the nodes call', () => {
		const files: string[] = [];
		const collect = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const full = join(dir, name);
				if (statSync(full).isDirectory()) collect(full);
				else if (full.endsWith('.ts')) files.push(full);
			}
		};
		collect(join(__dirname, '..', '..', 'nodes', 'Bolna'));
		const called = new Set<string>();
		for (const file of files) {
			for (const m of readFileSync(file, 'utf8').matchAll(/path: [`'](\/[^`']*)[`']/g)) called.add(m[1].replace(/\$\{[^}]+\}/g, '*'));
			for (const m of readFileSync(file, 'utf8').matchAll(/const path = `(\/[^`]*)`/g)) called.add(m[1].replace(/\$\{[^}]+\}/g, '*'));
		}
		const served = new Set(contract.map((r) => r.path.replace(/\{\w+\}/g, '*')));
		expect(called.size).toBeGreaterThanOrEqual(10);
		expect([...called].filter((path) => !served.has(path))).toEqual([]);
	});
});

describe('simulator contract: answers and refusals', () => {
	let sim: Simulator;
	const auth = { authorization: `Bearer ${BOLNA_KEY}` };
	/** Every answer of the run: the simulator records requests, the test keeps what came back. */
	const answers: Array<{ method: string; path: string; status: number; body: unknown; sent: unknown }> = [];
	const json = async (method: string, path: string, body?: unknown) => {
		const res = await call(`${sim.url}${path}`, {
			method,
			headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		answers.push({ method, path: path.split('?')[0], status: res.status, body: res.body, sent: body });
		return res;
	};
	const multipart = async (path: string, parts: Parameters<typeof buildMultipart>[0]) => {
		const { body, contentType } = buildMultipart(parts);
		const res = await call(`${sim.url}${path}`, { method: 'POST', headers: { ...auth, 'content-type': contentType }, body });
		answers.push({ method: 'POST', path, status: res.status, body: res.body, sent: undefined });
		return res;
	};
	const window = () => `from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date(Date.now() + 3600_000).toISOString()}`;

	beforeAll(async () => {
		sim = await startTestSimulator({ clockMs: 5 });
	});
	afterAll(async () => {
		await sim.close();
	});

	it.each(contract.map((route) => [`${route.method} ${route.path}`, route] as const))(
		'%s refuses an undocumented query parameter and body key with 422 extra_forbidden',
		async (_name, route) => {
			const path = route.path.replace(/\{\w+\}/g, BOLNA_AGENT_ID);
			const byQuery = await json(route.method, `${path}?undocumented=1`);
			expect(byQuery.status).toBe(422);
			expect(byQuery.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['query', 'undocumented'] });
			if (route.json) {
				const byBody = await json(route.method, path, { undocumented: 1 });
				expect(byBody.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'undocumented'] });
			}
			if (route.form) {
				const byForm = await multipart(path, [{ name: 'undocumented', value: '1' }]);
				expect(byForm.body.detail[0]).toMatchObject({ type: 'extra_forbidden', loc: ['body', 'undocumented'] });
			}
		},
	);

	/** The contract route a recorded request matched. */
	function routeOf(method: string, path: string) {
		return contract.find((r) => r.method === method && new RegExp(`^${r.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
	}

	it('every 200 of a full run matches the documented schema or example, and every route is exercised', async () => {
		// Calls and executions.
		const made = await json('POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550100', user_data: { customer_name: 'Ada' } });
		expect(made.status).toBe(200);
		const id = made.body.execution_id as string;
		await sim.waitFor((s) => s.state.bolna.executions[id].status === 'completed', 5000);
		await json('GET', `/executions/${id}`);
		await json('GET', `/executions/${id}/log`);
		await json('GET', `/v2/agent/${BOLNA_AGENT_ID}/executions?page_size=5&${window()}`);
		await json('GET', `/agent/${BOLNA_AGENT_ID}/executions`);
		await json('GET', `/agent/${BOLNA_AGENT_ID}/execution/${id}`);
		const scheduled = await json('POST', '/call', { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550101', scheduled_at: '2030-01-01T10:00:00+00:00' });
		await json('POST', `/call/${scheduled.body.execution_id}/stop`);
		await json('GET', '/user/me');

		// Agents.
		const agent = (await json('GET', `/v2/agent/${BOLNA_AGENT_ID}`)).body;
		await json('GET', '/v2/agent/all');
		const created = await json('POST', '/v2/agent', { agent_config: { agent_name: 'Contract', tasks: agent.tasks }, agent_prompts: agent.agent_prompts });
		expect(created.status).toBe(200);
		const newId = created.body.agent_id as string;
		await json('PUT', `/v2/agent/${newId}`, { agent_config: { agent_name: 'Contract 2', agent_type: 'other', tasks: agent.tasks }, agent_prompts: agent.agent_prompts });
		await json('PATCH', `/v2/agent/${newId}`, { agent_config: { agent_welcome_message: 'Hi' } });
		await json('POST', `/call`, { agent_id: newId, recipient_phone_number: '+14155550102', scheduled_at: '2030-01-01T10:00:00+00:00' });
		await json('POST', `/v2/agent/${newId}/stop`);
		await json('DELETE', `/v2/agent/${newId}`);

		// Batches.
		const batch = await multipart('/batches', [
			{ name: 'agent_id', value: BOLNA_AGENT_ID },
			{ name: 'file', value: 'contact_number,name\n+14155550110,Ann\n', filename: 'c.csv', contentType: 'text/csv' },
			{ name: 'from_phone_numbers', value: '+19876543001' },
			{ name: 'retry_config', value: '{"enabled":true}' },
		]);
		const batchId = batch.body.batch_id as string;
		await multipart(`/batches/${batchId}/schedule`, [{ name: 'scheduled_at', value: '2030-01-01T10:00:00+00:00' }, { name: 'bypass_call_guardrails', value: 'false' }]);
		await sim.waitFor((s) => s.state.bolna.batches[batchId].status === 'executed', 5000);
		await json('GET', `/batches/${batchId}`);
		await json('GET', `/batches/${BOLNA_AGENT_ID}/all`);
		await json('GET', `/batches/${batchId}/executions`);
		const second = await multipart('/batches', [
			{ name: 'agent_id', value: BOLNA_AGENT_ID },
			{ name: 'file', value: 'contact_number\n+14155559999\n', filename: 'd.csv', contentType: 'text/csv' },
		]);
		const slow = second.body.batch_id as string;
		sim.configure({ clockMs: 60_000 });
		await multipart(`/batches/${slow}/schedule`, [{ name: 'scheduled_at', value: '2030-01-01T10:00:00+00:00' }]);
		await json('POST', `/batches/${slow}/stop`);
		sim.configure({ clockMs: 5 });
		await json('DELETE', `/batches/${batchId}`);

		// Voices, phone numbers, inbound agents, knowledgebases.
		await json('GET', '/me/voices');
		await json('GET', '/phone-numbers/all');
		const available = await json('GET', '/phone-numbers/search?country=US&pattern=0171&provider=twilio');
		const bought = await json('POST', '/phone-numbers/buy', { country: 'US', phone_number: available.body[1].phone_number, provider: 'twilio' });
		expect(bought.status).toBe(200);
		await json('POST', '/inbound/setup', { agent_id: BOLNA_AGENT_ID, phone_number_id: bought.body.id });
		await json('POST', '/inbound/unlink', { phone_number_id: bought.body.id });
		await json('DELETE', `/phone-numbers/${bought.body.id}`);
		const kb = await multipart('/knowledgebase', [
			{ name: 'file', value: Buffer.from('%PDF-1.4 contract'), filename: 'faq.pdf', contentType: 'application/pdf' },
			{ name: 'chunk_size', value: '256' },
			{ name: 'language_support', value: 'multilingual' },
		]);
		expect(kb.status).toBe(200);
		await multipart('/knowledgebase', [{ name: 'url', value: 'https://example.com/docs' }]);
		await json('GET', '/knowledgebase/all');
		await json('GET', `/knowledgebase/${kb.body.rag_id}`);
		await json('DELETE', `/knowledgebase/${kb.body.rag_id}`);

		const problems: string[] = [];
		const exercised = new Set<string>();
		for (const request of answers.filter((a) => a.status === 200)) {
			const route = routeOf(request.method, request.path);
			if (!route) {
				problems.push(`${request.method} ${request.path}: no route`);
				continue;
			}
			exercised.add(`${route.method} ${route.path}`);
			const keys = ['paths', route.path, route.method.toLowerCase()];
			const operation = operationOf(route.method, route.path)!;
			const media = operation.responses['200'].content['application/json'];
			const body = request.body;
			if (media.schema) {
				const validate = ajv.compile({ $ref: pointer(...keys, 'responses', '200', 'content', 'application/json', 'schema') });
				if (!validate(body)) problems.push(`${route.method} ${route.path} answer: ${ajv.errorsText(validate.errors)}`);
			} else if (media.example) {
				const missing = Object.keys(media.example).filter((k) => !(k in (body as Json)));
				const extra = Object.keys(body as Json).filter((k) => !(k in media.example));
				if (missing.length || extra.length) problems.push(`${route.method} ${route.path} answer keys: missing ${missing} extra ${extra}`);
			}
			const requestSchema = operation.requestBody?.content?.['application/json']?.schema;
			if (requestSchema && request.sent && typeof request.sent === 'object') {
				const validate = ajv.compile({ $ref: pointer(...keys, 'requestBody', 'content', 'application/json', 'schema') });
				if (!validate(request.sent)) problems.push(`${route.method} ${route.path} request: ${ajv.errorsText(validate.errors)}`);
			}
		}
		expect(problems).toEqual([]);
		expect(contract.map((r) => `${r.method} ${r.path}`).filter((r) => !exercised.has(r))).toEqual([]);
	});
});

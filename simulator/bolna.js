'use strict';
/**
 * The Bolna API (https://api.bolna.ai) as the simulator serves it: calls, executions, agents,
 * batches and the user endpoint, with the call lifecycle driven by the simulator clock.
 */
const { Router } = require('./router');
const { isE164, uuid, hex32, isoZ, isObject, deepMerge, clone, parseCsv } = require('./http-util');
const { outcomeFor, durationSeconds, bolnaExtractedData, isInterested } = require('./outcomes');
const { BOLNA_DEFAULT_FROM, bolnaAgent } = require('./seed');
const { deliver } = require('./webhooks');

/** Statuses after which nothing more happens to an execution. */
const TERMINAL = new Set(['completed', 'balance-low', 'busy', 'no-answer', 'canceled', 'failed', 'stopped', 'error']);
/** Statuses in which a call may still be stopped. */
const STOPPABLE = new Set(['queued', 'scheduled', 'rescheduled']);
const STATUS_VALUES = new Set(['scheduled', 'queued', 'rescheduled', 'initiated', 'ringing', 'in-progress', 'call-disconnected', 'completed', 'balance-low', 'busy', 'no-answer', 'canceled', 'failed', 'stopped', 'error']);

/** Status steps after `queued`, by outcome. */
const STEPS = {
	completed: ['initiated', 'ringing', 'in-progress', 'call-disconnected', 'completed'],
	voicemail: ['initiated', 'ringing', 'in-progress', 'call-disconnected', 'completed'],
	busy: ['initiated', 'ringing', 'busy'],
	'no-answer': ['initiated', 'ringing', 'no-answer'],
	failed: ['initiated', 'failed'],
	'balance-low': ['balance-low'],
	hang: ['initiated', 'ringing', 'in-progress'],
};

// ---------------------------------------------------------------------------------------------
// Replies

/** @param {string} message @param {number} [status] */
const message = (message, status = 400) => ({ status, body: { message } });
/** @param {string} detail @param {number} [status] */
const detail = (detail, status = 404) => ({ status, body: { detail } });

/**
 * FastAPI-style 422 validation error.
 * @param {string[]} loc
 * @param {string} msg
 * @param {string} [type]
 * @param {unknown} [input]
 */
function unprocessable(loc, msg, type = 'missing', input = null) {
	return { status: 422, body: { detail: [{ type, loc, msg, input }] } };
}

/**
 * Check a `scheduled_at` value: ISO 8601 with a numeric offset (`Z` and no zone are refused).
 * @param {unknown} value
 * @returns {string | null} an error message, or null when valid
 */
function scheduledAtError(value) {
	if (typeof value !== 'string' || value.trim() === '') return 'scheduled_at must be an ISO 8601 datetime string';
	const v = value.trim();
	if (/z$/i.test(v)) return 'scheduled_at must carry a numeric timezone offset such as +05:30; the Z suffix is not accepted';
	if (!/[+-]\d{2}:?\d{2}$/.test(v)) return 'scheduled_at must carry a timezone offset such as +05:30';
	if (Number.isNaN(Date.parse(v))) return `scheduled_at is not a valid ISO 8601 datetime: ${v}`;
	return null;
}

// ---------------------------------------------------------------------------------------------
// Agents

/**
 * The agent as `GET /v2/agent/{id}` documents it (OpenAPI AgentV2 and the docs' example): id,
 * agent_name, agent_type, agent_status, created_at, updated_at, tasks, ingest_source_config (when
 * set) and agent_prompts. The welcome message, webhook URL and calling guardrails are stored (PATCH
 * and PUT change them, calls use them) but, as documented, not returned.
 * @param {any} agent
 */
function agentView(agent) {
	const config = agent.agent_config;
	return {
		id: agent.id,
		agent_name: config.agent_name,
		agent_type: config.agent_type,
		agent_status: agent.agent_status,
		created_at: agent.created_at,
		updated_at: agent.updated_at,
		tasks: clone(config.tasks),
		...(isObject(config.ingest_source_config) ? { ingest_source_config: clone(config.ingest_source_config) } : {}),
		agent_prompts: clone(agent.agent_prompts),
	};
}

/**
 * The whole stored agent for the control API: the configuration at the top level and under
 * `agent_config` (webhook URL included), so tests can see what the API does not return.
 * @param {any} agent
 */
function controlView(agent) {
	const config = clone(agent.agent_config);
	return {
		id: agent.id,
		...clone(config),
		agent_status: agent.agent_status,
		created_at: agent.created_at,
		updated_at: agent.updated_at,
		agent_config: config,
		agent_prompts: clone(agent.agent_prompts),
	};
}

/**
 * Add or replace an agent in the state (used by the control API to seed agents).
 * @param {any} ctx
 * @param {Record<string, any>} spec `{id?, agent_name, webhook_url?, agent_welcome_message?, system_prompt?}`
 */
function seedAgent(ctx, spec) {
	const id = typeof spec.id === 'string' && spec.id !== '' ? spec.id : uuid();
	const agent = bolnaAgent({
		id,
		agent_name: typeof spec.agent_name === 'string' ? spec.agent_name : `Agent ${id.slice(0, 8)}`,
		agent_welcome_message: spec.agent_welcome_message,
		webhook_url: spec.webhook_url ?? null,
		system_prompt: spec.system_prompt,
		created_at: isoZ(),
	});
	if (isObject(spec.agent_config)) deepMerge(agent.agent_config, spec.agent_config);
	ctx.state.bolna.agents[id] = agent;
	ctx.changed();
	return controlView(agent);
}

// ---------------------------------------------------------------------------------------------
// Executions and their lifecycle

/**
 * @param {any} ctx
 * @param {{ agentId: string, to: string, from?: string | null, userData?: any, scheduledAt?: string | null, batchId?: string | null, retryConfig?: any }} spec
 */
function createExecution(ctx, spec) {
	const now = Date.now();
	const id = uuid();
	const execution = {
		id,
		agent_id: spec.agentId,
		batch_id: spec.batchId ?? null,
		status: spec.scheduledAt ? 'scheduled' : 'queued',
		error_message: null,
		answered_by_voice_mail: false,
		conversation_duration: null,
		total_cost: null,
		transcript: null,
		summary: null,
		created_at: isoZ(now),
		updated_at: isoZ(now),
		scheduled_at: spec.scheduledAt ? isoZ(Date.parse(spec.scheduledAt)) : null,
		rescheduled_at: null,
		extracted_data: null,
		cost_breakdown: null,
		usage_breakdown: null,
		telephony_data: {
			duration: null,
			to_number: spec.to,
			from_number: spec.from || BOLNA_DEFAULT_FROM,
			recording_url: null,
			hosted_telephony: true,
			provider_call_id: null,
			call_type: 'outbound',
			provider: 'twilio',
			hangup_by: null,
			hangup_reason: null,
			hangup_provider_code: null,
			ring_duration: null,
			post_dial_delay: null,
			to_number_carrier: null,
		},
		transfer_call_data: null,
		batch_run_details: spec.batchId ? { status: 'queued', created_at: isoZ(now), updated_at: isoZ(now), retried: 0 } : null,
		context_details: { recipient_data: isObject(spec.userData) ? clone(spec.userData) : null, recipient_phone_number: spec.to },
		retry_config: isObject(spec.retryConfig) ? clone(spec.retryConfig) : null,
		provider: 'twilio',
	};
	ctx.state.bolna.executions[id] = execution;
	const steps = [...STEPS[outcomeFor(spec.to)]];
	if (execution.status === 'scheduled') steps.unshift('queued');
	ctx.internal.bolnaSteps.set(id, steps);
	notify(ctx, execution);
	scheduleNext(ctx, id, execution.status === 'scheduled' ? startDelay(ctx, execution.scheduled_at) : ctx.options.clockMs);
	ctx.changed();
	return execution;
}

/** @param {any} ctx @param {string} id @param {number} [delay] */
function scheduleNext(ctx, id, delay = ctx.options.clockMs) {
	const steps = ctx.internal.bolnaSteps.get(id);
	if (!steps || steps.length === 0) {
		ctx.internal.bolnaSteps.delete(id);
		return;
	}
	const timer = ctx.schedule(() => {
		ctx.internal.bolnaTimers.delete(id);
		const execution = ctx.state.bolna.executions[id];
		const status = steps.shift();
		if (!execution || !status) return;
		advance(ctx, execution, status);
		scheduleNext(ctx, id);
	}, delay);
	ctx.internal.bolnaTimers.set(id, timer);
}

/**
 * A deterministic transcript for an answered call.
 * @param {any} ctx
 * @param {any} execution
 */
function transcriptFor(ctx, execution) {
	const agent = ctx.state.bolna.agents[execution.agent_id];
	const greeting = agent?.agent_config?.agent_welcome_message || 'Hello, this is your assistant.';
	if (execution.answered_by_voice_mail) return `assistant: ${greeting}\nuser: Please leave a message after the tone.\nassistant: Sorry I missed you, I will call back later.`;
	const interested = isInterested(execution.telephony_data.to_number);
	return [
		`assistant: ${greeting}`,
		'user: Hi, yes, who is this?',
		'assistant: I am calling about your recent enquiry. Is now a good time?',
		interested ? 'user: Yes, I am interested. Call me back tomorrow morning.' : 'user: No thanks, I am not interested.',
		'assistant: Thank you for your time. Goodbye!',
	].join('\n');
}

/**
 * Move an execution to `status`, filling the fields the real API fills at that point.
 * @param {any} ctx
 * @param {any} execution
 * @param {string} status
 */
function advance(ctx, execution, status) {
	const now = Date.now();
	const tel = execution.telephony_data;
	const to = tel.to_number;
	const outcome = outcomeFor(to);
	execution.status = status;
	execution.updated_at = isoZ(now);
	if (execution.batch_run_details) {
		execution.batch_run_details.status = status;
		execution.batch_run_details.updated_at = isoZ(now);
	}
	switch (status) {
		case 'initiated':
			tel.provider_call_id = `CA${uuid().replace(/-/g, '')}`;
			tel.to_number_carrier = 'Simulated Carrier';
			tel.post_dial_delay = 1;
			break;
		case 'in-progress':
			tel.ring_duration = 5;
			break;
		case 'call-disconnected':
			execution.answered_by_voice_mail = outcome === 'voicemail';
			execution.transcript = transcriptFor(ctx, execution);
			tel.hangup_by = 'Caller';
			tel.hangup_reason = 'Normal Hangup';
			tel.hangup_provider_code = 4000;
			break;
		case 'completed': {
			const seconds = durationSeconds(to);
			// One cent per second of talk time (Bolna reports costs in cents).
			const cents = seconds;
			execution.conversation_duration = seconds;
			execution.total_cost = cents;
			execution.cost_breakdown = {
				llm: Math.round(cents * 25) / 100,
				network: Math.round(cents * 10) / 100,
				platform: Math.round(cents * 20) / 100,
				synthesizer: Math.round(cents * 35) / 100,
				transcriber: Math.round(cents * 10) / 100,
			};
			execution.usage_breakdown = {
				synthesizer_characters: seconds * 12,
				synthesizer_model: 'polly',
				transcriber_duration: seconds,
				transcriber_model: 'nova-2',
				llm_tokens: seconds * 40,
				llm_model: { 'gpt-4.1-mini': { input: seconds * 30, output: seconds * 10 } },
			};
			tel.duration = String(seconds);
			tel.recording_url = `${ctx.baseUrl}/__sim/recordings/${execution.id}.mp3`;
			execution.extracted_data = bolnaExtractedData(to, execution.context_details.recipient_data, Date.parse(execution.created_at));
			execution.summary = execution.answered_by_voice_mail
				? 'The call reached voicemail.'
				: `The user was ${isInterested(to) ? '' : 'not '}interested.`;
			break;
		}
		case 'busy':
		case 'no-answer':
			tel.duration = '0';
			tel.hangup_by = 'Callee';
			tel.hangup_reason = status === 'busy' ? 'Busy' : 'No Answer';
			tel.hangup_provider_code = status === 'busy' ? 486 : 480;
			execution.conversation_duration = 0;
			execution.total_cost = 0;
			execution.extracted_data = {};
			break;
		case 'failed':
			tel.duration = '0';
			tel.hangup_reason = 'Call Failed';
			tel.hangup_provider_code = 500;
			execution.error_message = 'The call could not be connected by the telephony provider';
			execution.conversation_duration = 0;
			execution.total_cost = 0;
			execution.extracted_data = {};
			break;
		case 'balance-low':
			execution.error_message = 'Insufficient balance: the call was not placed';
			execution.conversation_duration = 0;
			execution.total_cost = 0;
			execution.extracted_data = {};
			break;
		default:
			break;
	}
	notify(ctx, execution);
	if (execution.batch_id) updateBatchProgress(ctx, execution.batch_id);
	ctx.changed();
}

/**
 * POST the execution to its agent's webhook URL (read at the time of the change).
 * @param {any} ctx
 * @param {any} execution
 */
function notify(ctx, execution) {
	const agent = ctx.state.bolna.agents[execution.agent_id];
	const url = agent?.agent_config?.webhook_url;
	if (typeof url !== 'string' || url === '') return;
	deliver(ctx, { provider: 'bolna', kind: 'execution', entityId: execution.id, url, payload: clone(execution) });
}

/**
 * Stop a queued or scheduled execution.
 * @param {any} ctx
 * @param {any} execution
 */
function stopExecution(ctx, execution) {
	ctx.cancel(ctx.internal.bolnaTimers.get(execution.id));
	ctx.internal.bolnaTimers.delete(execution.id);
	ctx.internal.bolnaSteps.delete(execution.id);
	advance(ctx, execution, 'stopped');
}

/**
 * Raw log entries derived from how far the execution got.
 * @param {any} execution
 */
function executionLog(execution) {
	if (!execution.transcript) return [];
	const created = Date.parse(execution.created_at);
	/** @type {any[]} */
	const log = [];
	execution.transcript.split('\n').forEach((line, i) => {
		const [speaker, ...rest] = line.split(': ');
		const text = rest.join(': ');
		const at = isoZ(created + (i + 1) * 1000);
		if (speaker === 'user') {
			log.push({ created_at: at, type: 'response', component: 'transcriber', provider: 'deepgram', data: text });
		} else {
			log.push({ created_at: at, type: 'request', component: 'llm', provider: 'openai', data: 'conversation so far' });
			log.push({ created_at: at, type: 'response', component: 'llm', provider: 'openai', data: text });
			log.push({ created_at: at, type: 'request', component: 'synthesizer', provider: 'polly', data: text });
		}
	});
	return log;
}

// ---------------------------------------------------------------------------------------------
// Batches

/**
 * A batch as the OpenAPI `Batch` documents it (the agent id and retry configuration are kept but
 * not returned).
 * @param {any} ctx
 * @param {any} batch
 */
function batchView(ctx, batch) {
	/** @type {Record<string, number>} */
	const counts = {};
	for (const execution of Object.values(ctx.state.bolna.executions)) {
		if (execution.batch_id === batch.batch_id) counts[execution.status] = (counts[execution.status] || 0) + 1;
	}
	return {
		batch_id: batch.batch_id,
		humanized_created_at: humanize(Date.now() - Date.parse(batch.created_at)),
		created_at: batch.created_at,
		updated_at: batch.updated_at,
		status: batch.status,
		scheduled_at: batch.scheduled_at,
		from_phone_number: batch.from_phone_number,
		from_phone_numbers: clone(batch.from_phone_numbers),
		file_name: batch.file_name,
		valid_contacts: batch.valid_contacts,
		total_contacts: batch.total_contacts,
		execution_status: counts,
	};
}

/** @param {number} ms */
function humanize(ms) {
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60) return s <= 1 ? 'just now' : `${s} seconds ago`;
	const m = Math.round(s / 60);
	if (m < 60) return m === 1 ? 'a minute ago' : `${m} minutes ago`;
	const h = Math.round(m / 60);
	return h === 1 ? 'an hour ago' : `${h} hours ago`;
}

/**
 * Dial every valid contact of a scheduled batch.
 * @param {any} ctx
 * @param {any} batch
 */
function dialBatch(ctx, batch) {
	ctx.internal.bolnaBatchTimers.delete(batch.batch_id);
	if (batch.status !== 'scheduled') return;
	batch.status = 'queued';
	batch.updated_at = isoZ();
	const contacts = ctx.internal.bolnaBatchContacts.get(batch.batch_id) || [];
	const froms = batch.from_phone_numbers.length > 0 ? batch.from_phone_numbers : [BOLNA_DEFAULT_FROM];
	contacts.forEach((/** @type {any} */ contact, /** @type {number} */ i) => {
		createExecution(ctx, {
			agentId: batch.agent_id,
			to: contact.contact_number,
			from: froms[i % froms.length],
			userData: contact.variables,
			batchId: batch.batch_id,
			retryConfig: batch.retry_config,
		});
	});
	updateBatchProgress(ctx, batch.batch_id);
}

/**
 * Mark a dialling batch `executed` once all its executions have ended.
 * @param {any} ctx
 * @param {string} batchId
 */
function updateBatchProgress(ctx, batchId) {
	const batch = ctx.state.bolna.batches[batchId];
	if (!batch || batch.status !== 'queued') return;
	const executions = Object.values(ctx.state.bolna.executions).filter((e) => e.batch_id === batchId);
	if (executions.every((e) => TERMINAL.has(e.status))) {
		batch.status = 'executed';
		batch.updated_at = isoZ();
	}
}

/**
 * One form field's first value.
 * @param {any} form
 * @param {string} name
 * @returns {string | undefined}
 */
function field(form, name) {
	const values = form?.fields?.[name];
	return Array.isArray(values) ? values[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Routes

/**
 * An execution as the API returns it (a copy, so callers cannot change the state).
 * @param {any} _ctx
 * @param {any} execution
 */
const executionOut = (_ctx, execution) => clone(execution);

/**
 * @param {string | null} value
 * @param {string} name
 * @param {number} def
 * @param {number} min
 * @param {number} [max]
 */
function intParam(value, name, def, min, max) {
	if (value === null || value === '') return { value: def };
	if (!/^-?\d+$/.test(value)) return { error: unprocessable(['query', name], 'Input should be a valid integer, unable to parse string as an integer', 'int_parsing', value) };
	const n = Number(value);
	if (n < min) return { error: unprocessable(['query', name], `Input should be greater than or equal to ${min}`, 'greater_than_equal', value) };
	if (max !== undefined && n > max) return { error: unprocessable(['query', name], `Input should be less than or equal to ${max}`, 'less_than_equal', value) };
	return { value: n };
}

/** `agent_config` keys of `POST /v2/agent` and `PUT /v2/agent/{id}` (OpenAPI AgentConfigV2). */
const AGENT_CONFIG_V2_KEYS = ['agent_name', 'agent_welcome_message', 'webhook_url', 'agent_type', 'tasks', 'ingest_source_config', 'calling_guardrails'];
/** `agent_config` keys of `PATCH /v2/agent/{id}` (OpenAPI AgentConfigPatchRequest). */
const AGENT_CONFIG_PATCH_KEYS = ['agent_name', 'agent_welcome_message', 'webhook_url', 'synthesizer', 'ingest_source_config', 'telephony_provider'];
/** `POST /call` body keys (OpenAPI). */
const CALL_KEYS = ['agent_id', 'recipient_phone_number', 'from_phone_number', 'scheduled_at', 'user_data', 'agent_data', 'retry_config', 'bypass_call_guardrails'];
/** `provider` values of the executions list. */
const PROVIDERS = ['plivo', 'twilio', 'websocket', 'web-call'];
/** The longest `from`–`to` window the executions list serves (Bolna's own MCP server: 7 days). */
const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * What each route accepts besides its path, in OpenAPI terms: `query` parameters, top-level
 * `json` body keys, multipart `form` fields (a route with none accepts none). Filled by
 * `routes()`; the contract test holds it against Bolna's OpenAPI.
 * @type {{ method: string, path: string, query: string[], json: string[] | null, form: string[] | null }[]}
 */
const CONTRACT = [];

/**
 * FastAPI's answer to keys a strict model does not know (pydantic `extra_forbidden`), or null.
 * @param {string[]} loc
 * @param {Record<string, unknown>} value
 * @param {string[]} allowed
 */
function extraForbidden(loc, value, allowed) {
	const extra = Object.keys(value).filter((key) => !allowed.includes(key));
	if (extra.length === 0) return null;
	return { status: 422, body: { detail: extra.map((key) => ({ type: 'extra_forbidden', loc: [...loc, key], msg: 'Extra inputs are not permitted', input: value[key] })) } };
}

/**
 * A router whose routes refuse undocumented query parameters, JSON keys and form fields.
 */
function strictRouter() {
	const router = new Router();
	return {
		router,
		/**
		 * @param {string} method
		 * @param {string} pattern `:name` segments use the OpenAPI parameter names
		 * @param {import('./router').Handler} handler
		 * @param {{ query?: string[], json?: string[], form?: string[] }} [accepts]
		 */
		add(method, pattern, handler, accepts = {}) {
			const query = accepts.query ?? [];
			const json = accepts.json ?? null;
			const form = accepts.form ?? null;
			const path = pattern.replace(/:(\w+)/g, '{$1}');
			if (!CONTRACT.some((route) => route.method === method && route.path === path)) CONTRACT.push({ method, path, query, json, form });
			router.add(method, pattern, (ctx, call) => {
				/** @type {Record<string, string>} */
				const params = {};
				for (const key of call.query.keys()) params[key] = call.query.get(key) ?? '';
				const badQuery = extraForbidden(['query'], params, query);
				if (badQuery) return badQuery;
				if (call.bodyKind === 'json' && isObject(call.body)) {
					const badBody = extraForbidden(['body'], call.body, json ?? []);
					if (badBody) return badBody;
				}
				if ((call.bodyKind === 'multipart' || call.bodyKind === 'form') && isObject(call.body)) {
					const fields = { ...call.body.fields, ...call.body.files };
					const badForm = extraForbidden(['body'], fields, form ?? []);
					if (badForm) return badForm;
				}
				return handler(ctx, call);
			});
			return this;
		},
	};
}

/**
 * `from` and `to` of the executions list: both required, ISO 8601, at most 7 days apart.
 * Bolna's OpenAPI marks them optional, but Bolna's own MCP server reports that the live endpoint
 * requires both within 7 days (bolna-ai/mcp src/tools/read.ts), so the simulator does too.
 * @param {URLSearchParams} q
 * @returns {{ from: number, to: number } | { error: import('./router').Reply }}
 */
function executionWindow(q) {
	/** @type {Record<string, number>} */
	const range = {};
	for (const name of ['from', 'to']) {
		const value = q.get(name);
		if (value === null || value === '') return { error: unprocessable(['query', name], 'Field required', 'missing') };
		const ms = Date.parse(value);
		if (Number.isNaN(ms)) return { error: unprocessable(['query', name], 'Input should be a valid datetime', 'datetime_from_date_parsing', value) };
		range[name] = ms;
	}
	if (range.to < range.from) return { error: unprocessable(['query', 'to'], 'Value error, to must not be before from', 'value_error', q.get('to')) };
	if (range.to - range.from > MAX_WINDOW_MS) return { error: unprocessable(['query', 'to'], 'Value error, from and to must be at most 7 days apart', 'value_error', q.get('to')) };
	return { from: range.from, to: range.to };
}

/**
 * The body of `POST /v2/agent` / `PUT /v2/agent/{id}` (AgentRequestV2) checked, or null when valid.
 * @param {import('./router').Call} call
 * @param {string[]} configKeys
 */
function agentRequestError(call, configKeys) {
	const body = call.body;
	if (call.bodyKind !== 'json' || !isObject(body)) return unprocessable(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type', body ?? null);
	if (!isObject(body.agent_config)) return unprocessable(['body', 'agent_config'], 'Field required');
	const extra = extraForbidden(['body', 'agent_config'], body.agent_config, configKeys);
	if (extra) return extra;
	if (typeof body.agent_config.agent_name !== 'string' || body.agent_config.agent_name === '') return unprocessable(['body', 'agent_config', 'agent_name'], 'Field required');
	if (!Array.isArray(body.agent_config.tasks)) return unprocessable(['body', 'agent_config', 'tasks'], 'Field required');
	if (body.agent_config.webhook_url !== undefined && body.agent_config.webhook_url !== null && typeof body.agent_config.webhook_url !== 'string') {
		return unprocessable(['body', 'agent_config', 'webhook_url'], 'Input should be a valid string', 'string_type', body.agent_config.webhook_url);
	}
	if (!isObject(body.agent_prompts)) return unprocessable(['body', 'agent_prompts'], 'Field required');
	return null;
}

/**
 * How long until a scheduled start: the scheduled time itself when the simulator honours
 * schedules (`honourSchedules`), else one clock step (time compressed).
 * @param {any} ctx
 * @param {string | null} scheduledAt
 */
function startDelay(ctx, scheduledAt) {
	if (!ctx.options.honourSchedules || !scheduledAt) return ctx.options.clockMs;
	return Math.max(ctx.options.clockMs, Date.parse(scheduledAt) - Date.now());
}

function routes() {
	const r = strictRouter();

	// --- user
	r.add('GET', '/user/me', (ctx) => {
		const active = Object.values(ctx.state.bolna.executions).filter((e) => ['initiated', 'ringing', 'in-progress'].includes(e.status)).length;
		const user = ctx.state.bolna.user;
		return { status: 200, body: { ...clone(user), concurrency: { max: user.concurrency.max, current: active } } };
	});

	// --- calls
	r.add('POST', '/call', (ctx, call) => {
		const body = call.body;
		if (call.bodyKind !== 'json' || !isObject(body)) return unprocessable(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type', body ?? null);
		if (body.agent_id === undefined || body.agent_id === null || body.agent_id === '') return unprocessable(['body', 'agent_id'], 'Field required', 'missing', body);
		if (body.recipient_phone_number === undefined || body.recipient_phone_number === null || body.recipient_phone_number === '') return unprocessable(['body', 'recipient_phone_number'], 'Field required', 'missing', body);
		if (body.user_data !== undefined && body.user_data !== null && !isObject(body.user_data)) return unprocessable(['body', 'user_data'], 'Input should be a valid dictionary', 'dict_type', body.user_data);
		if (body.retry_config !== undefined && body.retry_config !== null && !isObject(body.retry_config)) return unprocessable(['body', 'retry_config'], 'Input should be a valid dictionary', 'dict_type', body.retry_config);
		const agent = ctx.state.bolna.agents[String(body.agent_id)];
		if (!agent) return detail('Agent not found');
		if (!isE164(body.recipient_phone_number)) return message(`Invalid recipient_phone_number: ${body.recipient_phone_number}. Use E.164 format, e.g. +14155550123`);
		if (body.from_phone_number !== undefined && body.from_phone_number !== null && body.from_phone_number !== '' && !isE164(body.from_phone_number)) {
			return message(`Invalid from_phone_number: ${body.from_phone_number}. Use E.164 format, e.g. +14155550123`);
		}
		let scheduledAt = null;
		if (body.scheduled_at !== undefined && body.scheduled_at !== null && body.scheduled_at !== '') {
			const error = scheduledAtError(body.scheduled_at);
			if (error) return message(error);
			scheduledAt = String(body.scheduled_at);
		}
		const execution = createExecution(ctx, {
			agentId: agent.id,
			to: body.recipient_phone_number,
			from: body.from_phone_number || null,
			userData: body.user_data,
			scheduledAt,
			retryConfig: body.retry_config,
		});
		return { status: 200, body: { message: 'done', status: 'queued', execution_id: execution.id } };
	}, { json: CALL_KEYS });

	r.add('POST', '/call/:execution_id/stop', (ctx, call) => {
		const execution = ctx.state.bolna.executions[call.params.execution_id];
		if (!execution) return detail('Execution not found');
		if (!STOPPABLE.has(execution.status)) return message(`Call cannot be stopped in status ${execution.status}; only queued or scheduled calls can be stopped`);
		stopExecution(ctx, execution);
		return { status: 200, body: { message: 'done', status: 'stopped', execution_id: execution.id } };
	});

	// --- executions
	r.add('GET', '/executions/:execution_id', (ctx, call) => {
		const execution = ctx.state.bolna.executions[call.params.execution_id];
		return execution ? { status: 200, body: executionOut(ctx, execution) } : detail('Execution not found');
	});
	r.add('GET', '/executions/:execution_id/log', (ctx, call) => {
		const execution = ctx.state.bolna.executions[call.params.execution_id];
		return execution ? { status: 200, body: { status: 'success', data: executionLog(execution) } } : detail('Execution not found');
	});
	r.add('GET', '/agent/:agent_id/executions', (ctx, call) => {
		if (!ctx.state.bolna.agents[call.params.agent_id]) return detail('Agent not found');
		const list = Object.values(ctx.state.bolna.executions).filter((e) => e.agent_id === call.params.agent_id).reverse();
		return { status: 200, body: list.map((e) => executionOut(ctx, e)) };
	});
	r.add('GET', '/agent/:agent_id/execution/:execution_id', (ctx, call) => {
		const execution = ctx.state.bolna.executions[call.params.execution_id];
		if (!execution || execution.agent_id !== call.params.agent_id) return detail('Execution not found');
		return { status: 200, body: executionOut(ctx, execution) };
	});

	r.add(
		'GET',
		'/v2/agent/:agent_id/executions',
		(ctx, call) => {
			const agentId = call.params.agent_id;
			if (!ctx.state.bolna.agents[agentId]) return detail('Agent not found');
			const q = call.query;
			const page = intParam(q.get('page_number'), 'page_number', 1, 1);
			if (page.error) return page.error;
			const size = intParam(q.get('page_size'), 'page_size', 20, 1, 50);
			if (size.error) return size.error;
			const status = q.get('status');
			if (status && !STATUS_VALUES.has(status)) return unprocessable(['query', 'status'], `Input should be one of ${[...STATUS_VALUES].map((v) => `'${v}'`).join(', ')}`, 'enum', status);
			const callType = q.get('call_type');
			if (callType && !['inbound', 'outbound'].includes(callType)) return unprocessable(['query', 'call_type'], "Input should be 'inbound' or 'outbound'", 'enum', callType);
			const provider = q.get('provider');
			if (provider && !PROVIDERS.includes(provider)) return unprocessable(['query', 'provider'], `Input should be one of ${PROVIDERS.map((v) => `'${v}'`).join(', ')}`, 'enum', provider);
			const window = executionWindow(q);
			if ('error' in window) return window.error;
			const batchId = q.get('batch_id');
			const voicemail = q.get('answered_by_voice_mail');
			const all = Object.values(ctx.state.bolna.executions)
				.filter((e) => e.agent_id === agentId)
				.filter((e) => !status || e.status === status)
				.filter((e) => !batchId || e.batch_id === batchId)
				.filter((e) => !callType || e.telephony_data.call_type === callType)
				.filter((e) => !provider || e.telephony_data.provider === provider)
				.filter((e) => voicemail === null || voicemail === '' || String(e.answered_by_voice_mail) === voicemail)
				.filter((e) => Date.parse(e.created_at) >= window.from && Date.parse(e.created_at) <= window.to)
				.reverse();
			const start = (page.value - 1) * size.value;
			const data = all.slice(start, start + size.value).map((e) => executionOut(ctx, e));
			return {
				status: 200,
				body: { page_number: page.value, page_size: size.value, total: all.length, has_more: start + size.value < all.length, data },
			};
		},
		{ query: ['page_number', 'page_size', 'status', 'call_type', 'provider', 'answered_by_voice_mail', 'batch_id', 'from', 'to'] },
	);

	// --- agents
	r.add('GET', '/v2/agent/all', (ctx) => ({ status: 200, body: Object.values(ctx.state.bolna.agents).map(agentView) }));
	r.add(
		'POST',
		'/v2/agent',
		(ctx, call) => {
			const invalid = agentRequestError(call, AGENT_CONFIG_V2_KEYS);
			if (invalid) return invalid;
			const body = call.body;
			const id = uuid();
			const now = isoZ();
			ctx.state.bolna.agents[id] = {
				id,
				agent_status: 'processed',
				created_at: now,
				updated_at: now,
				agent_config: { agent_type: 'other', webhook_url: null, ...clone(body.agent_config) },
				agent_prompts: clone(body.agent_prompts),
			};
			ctx.changed();
			return { status: 200, body: { agent_id: id, status: 'created' } };
		},
		{ json: ['agent_config', 'agent_prompts'] },
	);
	r.add('GET', '/v2/agent/:agent_id', (ctx, call) => {
		const agent = ctx.state.bolna.agents[call.params.agent_id];
		return agent ? { status: 200, body: agentView(agent) } : detail('Agent not found');
	});
	r.add(
		'PUT',
		'/v2/agent/:agent_id',
		(ctx, call) => {
			const agent = ctx.state.bolna.agents[call.params.agent_id];
			if (!agent) return detail('Agent not found');
			const invalid = agentRequestError(call, AGENT_CONFIG_V2_KEYS);
			if (invalid) return invalid;
			// PUT replaces the agent: what the body leaves out is gone.
			agent.agent_config = { agent_type: 'other', webhook_url: null, ...clone(call.body.agent_config) };
			agent.agent_prompts = clone(call.body.agent_prompts);
			agent.updated_at = isoZ();
			ctx.changed();
			return { status: 200, body: { agent_id: agent.id, status: 'updated' } };
		},
		{ json: ['agent_config', 'agent_prompts'] },
	);
	r.add(
		'PATCH',
		'/v2/agent/:agent_id',
		(ctx, call) => {
			const agent = ctx.state.bolna.agents[call.params.agent_id];
			if (!agent) return detail('Agent not found');
			const body = call.body;
			if (call.bodyKind !== 'json' || !isObject(body)) return unprocessable(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type', body ?? null);
			if (body.agent_config !== undefined && body.agent_config !== null && !isObject(body.agent_config)) return unprocessable(['body', 'agent_config'], 'Input should be a valid dictionary', 'dict_type', body.agent_config);
			if (body.agent_prompts !== undefined && body.agent_prompts !== null && !isObject(body.agent_prompts)) return unprocessable(['body', 'agent_prompts'], 'Input should be a valid dictionary', 'dict_type', body.agent_prompts);
			const config = body.agent_config;
			// AgentConfigPatchRequest: tasks, tools and the rest need PUT.
			if (isObject(config)) {
				const extra = extraForbidden(['body', 'agent_config'], config, AGENT_CONFIG_PATCH_KEYS);
				if (extra) return extra;
			}
			if (isObject(config) && config.webhook_url !== undefined && config.webhook_url !== null && config.webhook_url !== '') {
				try {
					const url = new URL(String(config.webhook_url));
					if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
				} catch {
					return message(`Invalid webhook_url: ${config.webhook_url}`);
				}
			}
			if (isObject(config)) deepMerge(agent.agent_config, config);
			if (isObject(body.agent_prompts)) deepMerge(agent.agent_prompts, body.agent_prompts);
			agent.updated_at = isoZ();
			ctx.changed();
			return { status: 200, body: { message: 'success', state: 'updated' } };
		},
		{ json: ['agent_config', 'agent_prompts'] },
	);
	r.add('DELETE', '/v2/agent/:agent_id', (ctx, call) => {
		if (!ctx.state.bolna.agents[call.params.agent_id]) return detail('Agent not found');
		delete ctx.state.bolna.agents[call.params.agent_id];
		ctx.changed();
		return { status: 200, body: { message: 'success', state: 'deleted' } };
	});
	r.add('POST', '/v2/agent/:agent_id/stop', (ctx, call) => {
		if (!ctx.state.bolna.agents[call.params.agent_id]) return detail('Agent not found');
		const stopped = Object.values(ctx.state.bolna.executions).filter((e) => e.agent_id === call.params.agent_id && STOPPABLE.has(e.status));
		for (const execution of stopped) stopExecution(ctx, execution);
		return { status: 200, body: { stopped_executions: stopped.map((e) => e.id) } };
	});

	// --- batches
	r.add('POST', '/batches', batchCreate, { form: ['agent_id', 'file', 'from_phone_numbers', 'retry_config'] });
	r.add('POST', '/batches/:batch_id/schedule', batchSchedule, { form: ['scheduled_at', 'bypass_call_guardrails'] });
	r.add('GET', '/batches/:agent_id/all', (ctx, call) => {
		const list = Object.values(ctx.state.bolna.batches).filter((b) => b.agent_id === call.params.agent_id);
		return { status: 200, body: list.reverse().map((b) => batchView(ctx, b)) };
	});
	r.add('GET', '/batches/:batch_id/executions', (ctx, call) => {
		if (!ctx.state.bolna.batches[call.params.batch_id]) return detail('Batch not found');
		const list = Object.values(ctx.state.bolna.executions).filter((e) => e.batch_id === call.params.batch_id);
		return { status: 200, body: list.map((e) => executionOut(ctx, e)) };
	});
	r.add('GET', '/batches/:batch_id', (ctx, call) => {
		const batch = ctx.state.bolna.batches[call.params.batch_id];
		return batch ? { status: 200, body: batchView(ctx, batch) } : detail('Batch not found');
	});
	r.add('POST', '/batches/:batch_id/stop', (ctx, call) => {
		const batch = ctx.state.bolna.batches[call.params.batch_id];
		if (!batch || !['scheduled', 'queued'].includes(batch.status)) return message('Batch is not queued or running', 404);
		ctx.cancel(ctx.internal.bolnaBatchTimers.get(batch.batch_id));
		ctx.internal.bolnaBatchTimers.delete(batch.batch_id);
		batch.status = 'stopped';
		batch.updated_at = isoZ();
		for (const execution of Object.values(ctx.state.bolna.executions)) {
			if (execution.batch_id === batch.batch_id && STOPPABLE.has(execution.status)) stopExecution(ctx, execution);
		}
		ctx.changed();
		return { status: 200, body: { message: 'success', state: 'stopped' } };
	});
	r.add('DELETE', '/batches/:batch_id', (ctx, call) => {
		const batch = ctx.state.bolna.batches[call.params.batch_id];
		if (!batch) return detail('Batch not found');
		ctx.cancel(ctx.internal.bolnaBatchTimers.get(batch.batch_id));
		ctx.internal.bolnaBatchTimers.delete(batch.batch_id);
		ctx.internal.bolnaBatchContacts.delete(batch.batch_id);
		delete ctx.state.bolna.batches[batch.batch_id];
		ctx.changed();
		return { status: 200, body: { message: 'success', state: 'deleted' } };
	});

	// --- voices, phone numbers, inbound agents, knowledgebases
	r.add('GET', '/me/voices', (ctx) => ({ status: 200, body: clone(ctx.state.bolna.voices) }));
	r.add('GET', '/phone-numbers/all', (ctx) => ({ status: 200, body: Object.values(ctx.state.bolna.phoneNumbers).map(phoneNumberView) }));
	// The OpenAPI lists country, pattern and provider as path parameters of a path without any;
	// they are query parameters.
	r.add('GET', '/phone-numbers/search', (_ctx, call) => {
		const country = call.query.get('country');
		if (!country) return unprocessable(['query', 'country'], 'Field required');
		if (!COUNTRIES.includes(country)) return unprocessable(['query', 'country'], "Input should be 'US' or 'IN'", 'enum', country);
		const provider = call.query.get('provider') || 'twilio';
		if (!NUMBER_PROVIDERS.includes(provider)) return unprocessable(['query', 'provider'], "Input should be 'twilio', 'plivo' or 'vobiz'", 'enum', provider);
		const pattern = (call.query.get('pattern') || '').replace(/\D/g, '');
		const prefix = country === 'US' ? '+1415555' : '+9180000';
		const numbers = ['0170', '0171', '0172'].map((tail) => `${prefix}${tail}`).map((n) => (pattern && !n.includes(pattern) ? n.slice(0, n.length - pattern.length) + pattern : n));
		return {
			status: 200,
			body: numbers.map((phone) => ({ region: country === 'US' ? 'CA' : 'KA', friendly_name: phone, locality: country === 'US' ? 'San Francisco' : 'Bengaluru', phone_number: phone, provider, price: 5 })),
		};
	}, { query: ['country', 'pattern', 'provider'] });
	r.add('POST', '/phone-numbers/buy', (ctx, call) => {
		const body = call.body;
		if (call.bodyKind !== 'json' || !isObject(body)) return unprocessable(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type', body ?? null);
		if (!COUNTRIES.includes(body.country)) return unprocessable(['body', 'country'], body.country === undefined ? 'Field required' : "Input should be 'US' or 'IN'", body.country === undefined ? 'missing' : 'enum', body.country ?? null);
		if (!isE164(body.phone_number)) return unprocessable(['body', 'phone_number'], body.phone_number === undefined ? 'Field required' : 'String should match pattern', body.phone_number === undefined ? 'missing' : 'string_pattern_mismatch', body.phone_number ?? null);
		if (body.provider !== undefined && !NUMBER_PROVIDERS.includes(body.provider)) return unprocessable(['body', 'provider'], "Input should be 'twilio', 'plivo' or 'vobiz'", 'enum', body.provider);
		if (Object.values(ctx.state.bolna.phoneNumbers).some((n) => n.phone_number === body.phone_number)) return message(`Phone number ${body.phone_number} is not available`);
		const price = 5;
		if (ctx.state.bolna.user.wallet < price) return message('Insufficient wallet balance to buy this number');
		ctx.state.bolna.user.wallet = Math.round((ctx.state.bolna.user.wallet - price) * 100) / 100;
		const now = isoZ();
		const id = hex32();
		const provider = body.provider ?? 'twilio';
		ctx.state.bolna.phoneNumbers[id] = { id, humanized_created_at: 'just now', created_at: now, humanized_updated_at: 'just now', updated_at: now, renewal_at: isoZ(Date.now() + 30 * 86400000).slice(0, 10), phone_number: body.phone_number, agent_id: null, price: String(price), telephony_provider: provider, rented: true };
		ctx.changed();
		return {
			status: 200,
			body: { id, agent_id: null, bolna_owned: true, deleted: false, renewal: true, payment_uuid: uuid(), phone_number: body.phone_number, price, telephony_provider: provider, telephony_sid: `PN${hex32()}`, created_at: now, updated_at: now },
		};
	}, { json: ['country', 'phone_number', 'provider'] });
	r.add('DELETE', '/phone-numbers/:phone_number_id', (ctx, call) => {
		if (!ctx.state.bolna.phoneNumbers[call.params.phone_number_id]) return detail('Phone number not found');
		delete ctx.state.bolna.phoneNumbers[call.params.phone_number_id];
		ctx.changed();
		return { status: 200, body: { message: 'The phone number has been removed from your account', state: 'deleted' } };
	});
	r.add('POST', '/inbound/setup', (ctx, call) => {
		const body = call.body;
		if (call.bodyKind !== 'json' || !isObject(body)) return unprocessable(['body'], 'Input should be a valid dictionary or object to extract fields from', 'model_attributes_type', body ?? null);
		for (const name of ['agent_id', 'phone_number_id']) if (typeof body[name] !== 'string' || body[name] === '') return unprocessable(['body', name], 'Field required');
		if (!ctx.state.bolna.agents[body.agent_id]) return detail('Agent not found');
		const number = ctx.state.bolna.phoneNumbers[body.phone_number_id];
		if (!number) return detail('Phone number not found');
		if (body.allow_multiple !== true && Object.values(ctx.state.bolna.phoneNumbers).some((n) => n.agent_id === body.agent_id && n.id !== number.id)) {
			return message('The agent already answers another number; set allow_multiple to link it to more');
		}
		number.agent_id = body.agent_id;
		number.updated_at = isoZ();
		ctx.changed();
		return { status: 200, body: { url: `${ctx.baseUrl}/inbound_call?agent_id=${body.agent_id}`, phone_number: number.phone_number, id: number.id } };
	}, { json: ['agent_id', 'phone_number_id', 'allow_multiple', 'ivr_config'] });
	r.add('POST', '/inbound/unlink', (ctx, call) => {
		const body = call.body;
		if (call.bodyKind !== 'json' || !isObject(body) || typeof body.phone_number_id !== 'string') return unprocessable(['body', 'phone_number_id'], 'Field required');
		const number = ctx.state.bolna.phoneNumbers[body.phone_number_id];
		if (!number) return detail('Phone number not found');
		number.agent_id = null;
		number.updated_at = isoZ();
		ctx.changed();
		// "url … will be null if the unlinking is successful" (OpenAPI InboundUnlinkAgentResponse).
		return { status: 200, body: { url: null, phone_number: number.phone_number, id: number.id } };
	}, { json: ['phone_number_id'] });
	r.add('POST', '/knowledgebase', knowledgebaseCreate, { form: ['file', 'url', 'chunk_size', 'similarity_top_k', 'overlapping', 'language_support'] });
	r.add('GET', '/knowledgebase/all', (ctx) => ({ status: 200, body: Object.values(ctx.state.bolna.knowledgebases).map(knowledgebaseView) }));
	r.add('GET', '/knowledgebase/:rag_id', (ctx, call) => {
		const kb = ctx.state.bolna.knowledgebases[call.params.rag_id];
		return kb ? { status: 200, body: knowledgebaseView(kb) } : detail('Knowledgebase not found');
	});
	r.add('DELETE', '/knowledgebase/:rag_id', (ctx, call) => {
		if (!ctx.state.bolna.knowledgebases[call.params.rag_id]) return detail('Knowledgebase not found');
		delete ctx.state.bolna.knowledgebases[call.params.rag_id];
		ctx.changed();
		return { status: 200, body: { message: 'success', state: 'deleted' } };
	});

	return r.router;
}

const COUNTRIES = ['US', 'IN'];

/** A number as the OpenAPI `PhoneNumber` documents it (`agent_id` only when linked). @param {any} number */
function phoneNumberView(number) {
	const { agent_id: agentId, ...view } = number;
	return { ...clone(view), ...(agentId ? { agent_id: agentId } : {}) };
}
const NUMBER_PROVIDERS = ['twilio', 'plivo', 'vobiz'];

/** A knowledgebase as the OpenAPI `Knowledgebase` documents it. @param {any} kb */
function knowledgebaseView(kb) {
	const { source_type: _source, language_support: language, ...view } = kb;
	return { ...clone(view), ...(language ? { language_support: language } : {}), humanized_created_at: humanize(Date.now() - Date.parse(kb.created_at)) };
}

/**
 * `POST /knowledgebase` (multipart/form-data): a PDF `file` or a `url`; processed one clock step
 * later.
 * @param {any} ctx
 * @param {import('./router').Call} call
 */
function knowledgebaseCreate(ctx, call) {
	if (call.bodyKind !== 'multipart') return unprocessable(['body'], 'Expected multipart/form-data', 'model_attributes_type');
	const form = call.body;
	const file = form.files.file?.[0];
	const url = field(form, 'url');
	if (!file && !url) return message('Provide a PDF file or a url');
	if (file && url) return message('Provide either a file or a url, not both');
	if (file && !(file.contentType === 'application/pdf' || /\.pdf$/i.test(file.filename)) ) return message('Only PDF files are supported');
	if (file && file.data.subarray(0, 5).toString('latin1') !== '%PDF-') return message('The file is not a valid PDF');
	if (url) {
		try {
			const parsed = new URL(url);
			if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
		} catch {
			return message(`Invalid url: ${url}`);
		}
	}
	/** @type {Record<string, number>} */
	const numbers = {};
	for (const [name, def] of /** @type {[string, number][]} */ ([['chunk_size', 512], ['similarity_top_k', 15], ['overlapping', 128]])) {
		const value = field(form, name);
		if (value !== undefined && !/^\d+$/.test(value)) return unprocessable(['body', name], 'Input should be a valid integer', 'int_parsing', value);
		numbers[name] = value === undefined ? def : Number(value);
	}
	const language = field(form, 'language_support');
	if (language !== undefined && language !== 'multilingual') return unprocessable(['body', 'language_support'], "Input should be 'multilingual'", 'enum', language);
	const now = isoZ();
	// The OpenAPI types rag_id as a uuid (Knowledgebase, path parameter); one example shows 32 characters.
	const ragId = uuid();
	const kb = {
		rag_id: ragId,
		file_name: file ? file.filename : url,
		created_at: now,
		updated_at: now,
		vector_id: uuid(),
		status: 'processing',
		...numbers,
		language_support: language ?? null,
		source_type: file ? 'pdf' : 'url',
	};
	ctx.state.bolna.knowledgebases[ragId] = kb;
	ctx.schedule(() => {
		kb.status = 'processed';
		kb.updated_at = isoZ();
		ctx.changed();
	}, ctx.options.clockMs);
	ctx.changed();
	return { status: 200, body: { rag_id: ragId, file_name: kb.file_name, source_type: kb.source_type, status: 'processing', ...(kb.language_support ? { language_support: kb.language_support } : {}) } };
}

/** `POST /batches` (multipart/form-data). @param {any} ctx @param {import('./router').Call} call */
function batchCreate(ctx, call) {
	if (call.bodyKind !== 'multipart') {
		return { status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'agent_id'], msg: 'Field required', input: null }, { type: 'missing', loc: ['body', 'file'], msg: 'Field required', input: null }] } };
	}
	const form = call.body;
	const agentId = field(form, 'agent_id');
	const file = form.files.file?.[0];
	if (!agentId) return unprocessable(['body', 'agent_id'], 'Field required');
	if (!file) return unprocessable(['body', 'file'], 'Field required');
	if (!ctx.state.bolna.agents[agentId]) return detail('Agent not found');
	const froms = form.fields.from_phone_numbers || [];
	for (const number of froms) {
		if (!isE164(number)) return message(`Invalid from_phone_numbers entry: ${number}. Use E.164 format`);
	}
	let retryConfig = null;
	const retryText = field(form, 'retry_config');
	if (retryText !== undefined && retryText !== '') {
		try {
			retryConfig = JSON.parse(retryText);
		} catch {
			return message('retry_config must be a JSON string');
		}
		if (!isObject(retryConfig)) return message('retry_config must be a JSON object');
	}
	const rows = parseCsv(file.data.toString('utf8'));
	const header = (rows.shift() || []).map((h) => h.trim());
	const column = header.indexOf('contact_number');
	if (column < 0) return message('CSV file must contain a contact_number column');
	const contacts = [];
	for (const row of rows) {
		const number = (row[column] || '').trim();
		if (!isE164(number)) continue;
		/** @type {Record<string, string>} */
		const variables = {};
		header.forEach((name, i) => {
			if (i !== column && name !== '') variables[name] = row[i] ?? '';
		});
		contacts.push({ contact_number: number, variables });
	}
	const now = isoZ();
	const batchId = hex32();
	ctx.state.bolna.batches[batchId] = {
		batch_id: batchId,
		agent_id: agentId,
		created_at: now,
		updated_at: now,
		status: 'created',
		scheduled_at: null,
		from_phone_number: froms[0] ?? null,
		from_phone_numbers: froms,
		file_name: file.filename,
		valid_contacts: contacts.length,
		total_contacts: rows.length,
		retry_config: retryConfig,
	};
	ctx.internal.bolnaBatchContacts.set(batchId, contacts);
	ctx.changed();
	return { status: 200, body: { batch_id: batchId, state: 'created' } };
}

/** `POST /batches/{batch_id}/schedule` (multipart/form-data). @param {any} ctx @param {import('./router').Call} call */
function batchSchedule(ctx, call) {
	const batch = ctx.state.bolna.batches[call.params.batch_id];
	if (!batch) return detail('Batch not found');
	if (call.bodyKind !== 'multipart' && call.bodyKind !== 'form') return unprocessable(['body', 'scheduled_at'], 'Field required');
	const form = call.body;
	const scheduledAt = field(form, 'scheduled_at');
	if (scheduledAt === undefined || scheduledAt === '') return unprocessable(['body', 'scheduled_at'], 'Field required');
	const error = scheduledAtError(scheduledAt);
	if (error) return message(error);
	if (batch.status !== 'created') return message(`Batch cannot be scheduled in state ${batch.status}`);
	batch.status = 'scheduled';
	batch.scheduled_at = isoZ(Date.parse(scheduledAt));
	batch.updated_at = isoZ();
	ctx.internal.bolnaBatchTimers.set(batch.batch_id, ctx.schedule(() => dialBatch(ctx, batch), startDelay(ctx, batch.scheduled_at)));
	ctx.changed();
	return { status: 200, body: { message: 'success', state: 'scheduled' } };
}

/**
 * Bolna's authentication: `Authorization: Bearer <key>`. A missing header is 401
 * `Not authenticated`; anything else that is not the key is 403 `Invalid API key`.
 * @param {any} ctx
 * @param {string | undefined} header
 * @returns {import('./router').Reply | null}
 */
function authenticate(ctx, header) {
	if (!header) return { status: 401, body: { detail: 'Not authenticated' } };
	const m = /^Bearer\s+(.+)$/i.exec(header.trim());
	if (!m || m[1] !== ctx.options.bolnaApiKey) return { status: 403, body: { detail: 'Invalid API key' } };
	return null;
}

/**
 * An error body in Bolna's shape.
 * @param {number} status
 * @param {string} text
 */
function errorBody(status, text) {
	return status === 429 || status === 401 || status === 403 || status === 404 ? { detail: text } : { message: text };
}

// The route table is known without starting a server.
routes();

module.exports = { routes, authenticate, errorBody, agentView, controlView, seedAgent, TERMINAL, scheduledAtError, CONTRACT, MAX_WINDOW_MS, AGENT_CONFIG_V2_KEYS, AGENT_CONFIG_PATCH_KEYS };

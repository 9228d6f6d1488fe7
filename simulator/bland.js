'use strict';
/**
 * The Bland AI API (https://api.bland.ai) as the simulator serves it: calls, v2 batches,
 * pathways (with versions), v1 custom tools, voices, account and inbound numbers. Call
 * lifecycles run on the simulator clock; post-call webhooks are signed.
 */
const { Router } = require('./router');
const { FAKE_MP3, isE164, uuid, isoOffset, isObject, clone } = require('./http-util');
const { outcomeFor, durationSeconds, isInterested, numberSeed, blandAnalysis, callbackTime } = require('./outcomes');
const { BLAND_DEFAULT_FROM } = require('./seed');
const { deliver } = require('./webhooks');

/** Words a custom tool's name may not be. */
const RESERVED_TOOL_NAMES = new Set(['input', 'speak', 'transfer', 'switch', 'wait', 'finish', 'press', 'button', 'say', 'pause', 'record', 'play', 'dial', 'hang']);
const WEBHOOK_EVENT_VALUES = new Set(['queue', 'call', 'latency', 'webhook', 'tool', 'dynamic_data', 'citations']);

// ---------------------------------------------------------------------------------------------
// Replies

/** v1 error. @param {string} message @param {number} [status] @param {string[]} [errors] */
function v1Error(message, status = 400, errors) {
	return { status, body: errors ? { status: 'error', message, errors } : { status: 'error', message } };
}

/** v2 error. @param {string} message @param {number} [status] @param {string} [code] */
function v2Error(message, status = 400, code = 'invalid_parameter') {
	return { status, body: { data: null, errors: [{ error: code, message }] } };
}

/**
 * Every field a Send Call body (and a batch's `global` / `call_objects`) may carry:
 * - the seed docs' Send Call parameters;
 * - parameters of Bland's newer docs cited in the research notes (persona_id, pathway_version,
 *   noise_cancellation, ignore_button_press, precall_dtmf_sequence, citation_schema_ids,
 *   dispositions, b_cid for batch call objects) and of Bland's own n8n node (agent_id, amd);
 * - both voicemail forms for now: the documented `voicemail_message` + `voicemail_action` and the
 *   `voicemail` object of newer docs (the Make Call body is being reworked on another branch).
 */
const CALL_FIELDS = [
	'phone_number', 'task', 'pathway_id', 'pathway_version', 'start_node_id', 'persona_id', 'agent_id',
	'voice', 'first_sentence', 'model', 'language', 'temperature', 'interruption_threshold', 'wait_for_greeting',
	'block_interruptions', 'noise_cancellation', 'background_track', 'keywords', 'pronunciation_guide', 'tools',
	'dynamic_data', 'transfer_phone_number', 'transfer_list', 'ignore_button_press', 'precall_dtmf_sequence',
	'from', 'start_time', 'timezone', 'max_duration', 'record', 'retry', 'answered_by_enabled', 'amd',
	'voicemail_message', 'voicemail_action', 'voicemail', 'request_data', 'metadata', 'summary_prompt',
	'analysis_prompt', 'analysis_schema', 'dispositions', 'citation_schema_ids', 'webhook', 'webhook_events', 'b_cid',
	// Dialling keys of Bland's newer docs that the nodes' destination check already knows.
	'backup_phone_number', 'dialing_strategy',
];

/**
 * The undocumented keys of a JSON body as an error message, or null when every key is known.
 * @param {Record<string, unknown>} body
 * @param {string[]} allowed
 * @param {string} [prefix] where the body sits, e.g. `call_objects[0].`
 */
function unknownFields(body, allowed, prefix = '') {
	const extra = Object.keys(body).filter((key) => !allowed.includes(key)).map((key) => `${prefix}${key}`);
	return extra.length ? `Unknown parameter${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}` : null;
}

/**
 * The undocumented query parameters as an error message, or null.
 * @param {URLSearchParams} query
 * @param {string[]} allowed
 */
function unknownQuery(query, allowed) {
	const extra = [...new Set(query.keys())].filter((key) => !allowed.includes(key));
	return extra.length ? `Unknown query parameter${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}` : null;
}

/**
 * Whether a URL may receive webhooks: https anywhere, or http on the loopback interface (the
 * simulator's allowance for local testing; the real API wants https).
 * @param {unknown} value
 */
function webhookUrlAllowed(value) {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		if (url.protocol === 'https:') return true;
		return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------------------------------------
// Calls

/**
 * Validate a send-call body. Returns an error message or null.
 * @param {any} ctx
 * @param {any} body
 * @param {string} [prefix] names the call object in batch errors
 */
function callBodyError(ctx, body, prefix = '') {
	if (!isObject(body)) return 'Request body must be a JSON object';
	const unknown = unknownFields(body, CALL_FIELDS, prefix);
	if (unknown) return unknown;
	if (body.phone_number === undefined || body.phone_number === null || body.phone_number === '') return `Missing required parameter: ${prefix}phone_number`;
	if (!isE164(body.phone_number)) return `Invalid ${prefix}phone_number: ${body.phone_number}. Use E.164 format, e.g. +14155550123`;
	const routing = ['task', 'pathway_id', 'persona_id', 'agent_id'].filter((k) => body[k] !== undefined && body[k] !== null && body[k] !== '');
	if (routing.length === 0) return 'Missing required parameter: task, pathway_id, persona_id or agent_id';
	if (routing.length > 1) return `Provide exactly one of task, pathway_id, persona_id or agent_id (got ${routing.join(', ')})`;
	if (body.pathway_id && !ctx.state.bland.pathways[String(body.pathway_id)]) return `Pathway not found: ${body.pathway_id}`;
	if (body.from !== undefined && body.from !== null && body.from !== '' && !isE164(body.from)) return `Invalid ${prefix}from: ${body.from}. Use E.164 format`;
	if (body.webhook !== undefined && body.webhook !== null && body.webhook !== '' && !webhookUrlAllowed(body.webhook)) {
		return `Invalid ${prefix}webhook: ${body.webhook}. The webhook must be an https URL`;
	}
	if (body.webhook_events !== undefined && body.webhook_events !== null) {
		if (!Array.isArray(body.webhook_events) || body.webhook_events.some((/** @type {unknown} */ e) => typeof e !== 'string' || !WEBHOOK_EVENT_VALUES.has(e))) {
			return `Invalid ${prefix}webhook_events: expected an array of ${[...WEBHOOK_EVENT_VALUES].join(', ')}`;
		}
	}
	if (body.analysis_schema !== undefined && body.analysis_schema !== null && !isObject(body.analysis_schema)) return `Invalid ${prefix}analysis_schema: expected an object`;
	if (body.dispositions !== undefined && body.dispositions !== null && (!Array.isArray(body.dispositions) || body.dispositions.some((/** @type {unknown} */ d) => typeof d !== 'string'))) {
		return `Invalid ${prefix}dispositions: expected an array of strings`;
	}
	if (body.request_data !== undefined && body.request_data !== null && !isObject(body.request_data)) return `Invalid ${prefix}request_data: expected an object`;
	if (body.metadata !== undefined && body.metadata !== null && !isObject(body.metadata)) return `Invalid ${prefix}metadata: expected an object`;
	// Send Call docs: "Scheduled time in format YYYY-MM-DD HH:MM:SS -HH:MM"; batch docs: "2026-01-01 12:00:00-05:00" (zone optional, UTC).
	if (body.start_time !== undefined && body.start_time !== null && body.start_time !== '') {
		const match = typeof body.start_time === 'string' && /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ?([+-]\d{2}:\d{2})?$/.exec(body.start_time);
		if (!match || Number.isNaN(Date.parse(`${match[1]}T${match[2]}${match[3] ?? 'Z'}`))) {
			return `Invalid ${prefix}start_time: ${JSON.stringify(body.start_time)}. Use YYYY-MM-DD HH:MM:SS -HH:MM`;
		}
	}
	return null;
}

/**
 * Create a call from a validated body and start its lifecycle.
 * @param {any} ctx
 * @param {any} body
 * @param {string | null} batchId
 */
function createCall(ctx, body, batchId) {
	const now = Date.now();
	const id = uuid();
	const pathway = body.pathway_id ? ctx.state.bland.pathways[String(body.pathway_id)] : null;
	const call = {
		call_id: id,
		c_id: id,
		batch_id: batchId,
		to: body.phone_number,
		from: body.from || BLAND_DEFAULT_FROM,
		request_data: isObject(body.request_data) ? clone(body.request_data) : {},
		completed: false,
		inbound: false,
		created_at: isoOffset(now),
		started_at: null,
		end_at: null,
		queue_status: 'new',
		status: null,
		max_duration: typeof body.max_duration === 'number' ? body.max_duration : 30,
		error_message: null,
		variables: {},
		answered_by: null,
		record: body.record === true,
		recording_url: null,
		metadata: isObject(body.metadata) ? clone(body.metadata) : {},
		summary: null,
		price: null,
		call_length: null,
		corrected_duration: null,
		call_ended_by: null,
		pathway_id: pathway ? pathway.id : null,
		pathway_version: pathway ? (typeof body.pathway_version === 'number' ? body.pathway_version : pathway.published.production) : null,
		persona_id: body.persona_id ?? null,
		pathway_logs: null,
		analysis_schema: isObject(body.analysis_schema) ? clone(body.analysis_schema) : null,
		analysis: null,
		concatenated_transcript: null,
		transcripts: [],
		disposition_tag: null,
		voice_id: typeof body.voice === 'string' ? body.voice : null,
		transferred_to: null,
		transferred_at: null,
		pre_transfer_duration: null,
		post_transfer_duration: null,
	};
	ctx.state.bland.calls[id] = call;
	ctx.internal.blandCalls.set(id, {
		outcome: outcomeFor(call.to),
		webhook: typeof body.webhook === 'string' && body.webhook !== '' ? body.webhook : null,
		events: new Set(Array.isArray(body.webhook_events) ? body.webhook_events : []),
		dispositions: Array.isArray(body.dispositions) ? [...body.dispositions] : [],
		task: typeof body.task === 'string' ? body.task : null,
		firstSentence: typeof body.first_sentence === 'string' ? body.first_sentence : null,
		timer: null,
	});
	ctx.changed();
	stepCall(ctx, id);
	return call;
}

/**
 * Schedule the next lifecycle step of a call.
 * @param {any} ctx
 * @param {string} id
 */
function stepCall(ctx, id) {
	const internal = ctx.internal.blandCalls.get(id);
	if (!internal) return;
	internal.timer = ctx.schedule(() => {
		internal.timer = null;
		const call = ctx.state.bland.calls[id];
		if (!call) return;
		const now = Date.now();
		if (call.queue_status === 'new') {
			call.queue_status = 'queued';
			liveEvent(ctx, call, 'queue', 'Call queued');
		} else if (call.queue_status === 'queued') {
			if (internal.outcome === 'failed' || internal.outcome === 'balance-low') {
				finishCall(ctx, call, 'failed');
				return;
			}
			call.queue_status = 'started';
			call.started_at = isoOffset(now);
			liveEvent(ctx, call, 'queue', 'Call left the queue');
			liveEvent(ctx, call, 'call', 'Call connected');
		} else if (call.queue_status === 'started') {
			if (internal.outcome === 'hang') return;
			finishCall(ctx, call, internal.outcome === 'voicemail' ? 'completed' : internal.outcome);
			return;
		} else return;
		ctx.changed();
		stepCall(ctx, id);
	}, ctx.options.clockMs);
}

/**
 * Send a live event to the call's webhook when its category was requested in webhook_events.
 * @param {any} ctx
 * @param {any} call
 * @param {string} level
 * @param {string} text
 * @param {string} [category]
 */
function liveEvent(ctx, call, level, text, category = 'info') {
	const internal = ctx.internal.blandCalls.get(call.call_id);
	if (!internal?.webhook || !internal.events.has(level)) return;
	deliver(ctx, {
		provider: 'bland',
		kind: 'event',
		entityId: call.call_id,
		url: internal.webhook,
		payload: { level, message: text, category, call_id: call.call_id, timestamp: isoOffset() },
		signed: true,
	});
}

/**
 * The transcript lines of an answered call.
 * @param {any} call
 * @param {any} internal
 * @param {boolean} voicemail
 */
function transcriptLines(call, internal, voicemail) {
	const greeting = internal.firstSentence || 'Hi, this is the assistant calling about your enquiry.';
	if (voicemail) return [['assistant', `${greeting} Sorry I missed you, I will call back later.`]];
	const interested = isInterested(call.to);
	return [
		['assistant', greeting],
		['user', 'Hi, yes, who is this?'],
		['assistant', 'I am following up on your request. Is now a good time?'],
		['user', interested ? 'Yes, I am interested. Call me back tomorrow morning.' : 'No thanks, I am not interested.'],
		['assistant', 'Thank you for your time. Goodbye!'],
	];
}

/**
 * End a call with a final status, fill the post-call fields and send the webhooks.
 * @param {any} ctx
 * @param {any} call
 * @param {'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'} status
 */
function finishCall(ctx, call, status) {
	const internal = ctx.internal.blandCalls.get(call.call_id);
	if (internal?.timer) ctx.cancel(internal.timer);
	const now = Date.now();
	const created = Date.parse(call.created_at);
	call.status = status;
	call.end_at = isoOffset(now);
	call.completed = status !== 'failed';
	call.queue_status = status === 'failed' ? 'error' : 'complete';
	call.variables = {
		...clone(call.request_data),
		now: new Date(now).toUTCString(),
		now_utc: isoOffset(now),
		from: call.from,
		to: call.to,
		phone_number: call.to,
		call_id: call.call_id,
		timestamp: isoOffset(now),
		language: 'en',
	};
	if (status === 'completed') {
		const voicemail = internal?.outcome === 'voicemail';
		const seconds = durationSeconds(call.to);
		const lines = transcriptLines(call, internal, voicemail);
		call.answered_by = voicemail ? 'voicemail' : 'human';
		call.call_length = Math.round((seconds / 60) * 1000) / 1000;
		call.corrected_duration = String(seconds);
		call.price = Math.round(call.call_length * 0.09 * 10000) / 10000;
		call.call_ended_by = 'ASSISTANT';
		call.transcripts = lines.map(([user, text], i) => ({ id: i + 1, created_at: isoOffset(created + (i + 1) * 2000), text, user }));
		call.concatenated_transcript = lines.map(([user, text]) => `${user}: ${text}`).join(' \n');
		call.summary = voicemail ? 'The call reached voicemail; a short message was left.' : `The user was ${isInterested(call.to) ? '' : 'not '}interested in a follow-up.`;
		call.analysis = voicemail ? null : blandAnalysis(call.analysis_schema, call.to, created);
		call.disposition_tag = internal?.dispositions[0] ?? null;
		if (call.record) call.recording_url = `${ctx.baseUrl}/__sim/recordings/${call.call_id}.mp3`;
		if (call.pathway_id) call.pathway_logs = [{ tag: null, pathway_info: null, role: 'assistant', text: lines[0][1], created_at: isoOffset(created + 2000), node_id: '1' }];
	} else {
		call.answered_by = status === 'no-answer' ? 'no-answer' : status === 'canceled' ? 'human' : null;
		const started = call.started_at ? Date.parse(call.started_at) : now;
		const seconds = status === 'canceled' ? Math.round((now - started) / 1000) : 0;
		call.call_length = Math.round((seconds / 60) * 1000) / 1000;
		call.corrected_duration = String(seconds);
		call.price = 0;
		call.call_ended_by = status === 'canceled' ? 'USER' : null;
		call.concatenated_transcript = '';
		if (status === 'failed') {
			call.error_message = internal?.outcome === 'balance-low' ? 'Insufficient balance: the call was not placed' : 'The call could not be connected';
		}
	}
	ctx.changed();
	liveEvent(ctx, call, 'call', `Call ended: ${status}`);
	if (internal?.webhook) {
		const url = internal.webhook;
		deliver(ctx, { provider: 'bland', kind: 'postcall', entityId: call.call_id, url, payload: clone(call), signed: true });
		if (call.transcripts.length > 0) {
			const generation = ctx.generation;
			ctx.schedule(() => {
				if (generation !== ctx.generation) return;
				const citations = call.analysis
					? Object.entries(call.analysis).map(([field, value]) => ({ field, value, utterance: call.transcripts[Math.min(3, call.transcripts.length - 1)].text, speaker: 'user', confidence: 0.92 }))
					: [];
				const corrected = call.transcripts.map((/** @type {any} */ t, /** @type {number} */ i) => ({ speaker: t.user, text: t.text, start: i * 2, end: i * 2 + 2, confidence: 0.95 }));
				deliver(ctx, { provider: 'bland', kind: 'corrected', entityId: call.call_id, url, payload: { ...clone(call), corrected_transcript: corrected, citations }, signed: true });
				liveEvent(ctx, call, 'citations', 'Corrected transcript and citations are ready');
			}, ctx.options.correctedTranscriptDelayMs);
		}
	}
	if (call.batch_id) updateBatch(ctx, call.batch_id);
}

/** The list form of a call (no transcripts). @param {any} call */
function callSummary(call) {
	return {
		call_id: call.call_id,
		c_id: call.c_id,
		created_at: call.created_at,
		call_length: call.call_length,
		to: call.to,
		from: call.from,
		completed: call.completed,
		queue_status: call.queue_status,
		status: call.status,
		error_message: call.error_message,
		answered_by: call.answered_by,
		batch_id: call.batch_id,
		inbound: call.inbound,
		price: call.price,
		pathway_id: call.pathway_id,
		metadata: clone(call.metadata),
	};
}

// ---------------------------------------------------------------------------------------------
// Batches (v2)

/**
 * Send a batch status webhook.
 * @param {any} ctx
 * @param {any} batch
 * @param {Record<string, any>} [extra]
 */
function batchStatus(ctx, batch, extra = {}) {
	if (!batch.status_webhook) return;
	deliver(ctx, {
		provider: 'bland',
		kind: 'batch_status',
		entityId: `batch:${batch.id}`,
		url: batch.status_webhook,
		payload: { batch_id: batch.id, status: batch.status, timestamp: isoOffset(), ...extra },
		signed: true,
	});
}

/** @param {any} ctx @param {string} batchId */
function batchCounts(ctx, batchId) {
	const calls = Object.values(ctx.state.bland.calls).filter((c) => c.batch_id === batchId);
	const finished = calls.filter((c) => c.status !== null);
	return {
		calls_total: calls.length,
		calls_successful: calls.filter((c) => c.status === 'completed').length,
		calls_failed: finished.filter((c) => c.status !== 'completed').length,
		calls_in_progress: calls.length - finished.length,
	};
}

/**
 * Complete an in-progress batch once all its calls have ended.
 * @param {any} ctx
 * @param {string} batchId
 */
function updateBatch(ctx, batchId) {
	const batch = ctx.state.bland.batches[batchId];
	if (!batch || batch.status !== 'in_progress') return;
	const counts = batchCounts(ctx, batchId);
	if (counts.calls_in_progress > 0) return;
	batch.status = 'completed';
	batch.completed_at = isoOffset();
	ctx.changed();
	batchStatus(ctx, batch, { message: 'All calls in the batch have finished', calls_total: counts.calls_total, calls_successful: counts.calls_successful, calls_failed: counts.calls_failed });
}

/**
 * Run a batch: validating → dispatching (calls created) → in_progress → completed.
 * @param {any} ctx
 * @param {any} batch
 * @param {any[]} bodies merged call bodies
 */
function runBatch(ctx, batch, bodies) {
	batchStatus(ctx, batch, { message: 'Validating batch' });
	ctx.schedule(() => {
		if (batch.status !== 'validating') return;
		batch.status = 'dispatching';
		ctx.changed();
		batchStatus(ctx, batch, { message: `Dispatching ${bodies.length} calls` });
		for (const body of bodies) createCall(ctx, body, batch.id);
		ctx.schedule(() => {
			if (batch.status !== 'dispatching') return;
			batch.status = 'in_progress';
			ctx.changed();
			batchStatus(ctx, batch, { message: 'Calls in progress' });
			updateBatch(ctx, batch.id);
		}, ctx.options.clockMs);
	}, ctx.options.clockMs);
}

/**
 * `GET /v1/batches/{id}` as Bland documents it: `{status, batch_params, call_data, analysis}`.
 * @param {any} ctx
 * @param {any} batch
 * @param {URLSearchParams} query
 */
function batchDetails(ctx, batch, query) {
	const calls = Object.values(ctx.state.bland.calls).filter((c) => c.batch_id === batch.id);
	const counts = batchCounts(ctx, batch.id);
	const off = (/** @type {string} */ name) => query.get(name) === 'false';
	/** @type {Record<string, number>} */
	const queueStatuses = {};
	for (const c of calls) queueStatuses[c.queue_status] = (queueStatuses[c.queue_status] || 0) + 1;
	const lengths = calls.map((c) => c.call_length ?? 0);
	const nonzero = lengths.filter((l) => l > 0);
	const average = (/** @type {number[]} */ list) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
	/** @type {Record<string, any>} */
	const body = {
		status: counts.calls_in_progress > 0 ? 'in-progress' : 'completed',
		batch_params: {
			id: batch.id,
			campaign_id: null,
			created_at: batch.created_at,
			label: batch.description,
			base_prompt: batch.base_prompt,
			endpoint_code: 'api',
			call_params: JSON.parse(batch.base_prompt),
		},
		analysis: {
			total_calls: counts.calls_total,
			completed_calls: counts.calls_total - counts.calls_in_progress,
			in_progress_calls: counts.calls_in_progress,
			queue_statuses: queueStatuses,
			call_lengths: { average: average(lengths), average_nonzero: average(nonzero), all: lengths },
			call_ids: calls.map((c) => c.call_id),
			error_messages: calls.filter((c) => c.error_message).map((c) => ({ call_id: c.call_id, error_message: c.error_message })),
			endpoints: { 'api.bland.ai': calls.length },
		},
	};
	if (!off('include_calls')) {
		body.call_data = calls.map((c) => {
			/** @type {Record<string, any>} */
			const out = clone(c);
			if (off('include_transcripts')) delete out.transcripts;
			if (off('include_analysis')) delete out.analysis;
			return out;
		});
	}
	return body;
}

// ---------------------------------------------------------------------------------------------
// Pathways

/**
 * Check a pathway graph the way the API does. Returns an error message or null.
 * @param {unknown} nodes
 * @param {unknown} edges
 */
function graphError(nodes, edges) {
	if (!Array.isArray(nodes)) return 'nodes must be an array';
	if (!Array.isArray(edges)) return 'edges must be an array';
	/** @type {Set<string>} */
	const ids = new Set();
	let starts = 0;
	for (const [i, node] of nodes.entries()) {
		if (!isObject(node)) return `nodes[${i}] must be an object`;
		if (typeof node.id !== 'string' || node.id === '') return `nodes[${i}].id must be a non-empty string`;
		if (ids.has(node.id)) return `Duplicate node id: ${node.id}`;
		ids.add(node.id);
		if (typeof node.type !== 'string' || node.type === '') return `Node ${node.id} has no type`;
		if (!isObject(node.data)) return `Node ${node.id} has no data object`;
		if (node.data.isStart === true) starts += 1;
	}
	if (nodes.length > 0 && starts !== 1) return `A pathway needs exactly one start node (isStart: true); found ${starts}`;
	/** @type {Set<string>} */
	const edgeIds = new Set();
	for (const [i, edge] of edges.entries()) {
		if (!isObject(edge)) return `edges[${i}] must be an object`;
		if (edge.id !== undefined) {
			if (edgeIds.has(String(edge.id))) return `Duplicate edge id: ${edge.id}`;
			edgeIds.add(String(edge.id));
		}
		if (!ids.has(String(edge.source))) return `Edge ${edge.id ?? i} has an unknown source node: ${edge.source}`;
		if (!ids.has(String(edge.target))) return `Edge ${edge.id ?? i} has an unknown target node: ${edge.target}`;
	}
	return null;
}

/** @param {any} pathway */
function pathwayView(pathway) {
	return { id: pathway.id, name: pathway.name, description: pathway.description, nodes: clone(pathway.nodes), edges: clone(pathway.edges) };
}

/**
 * Add a pathway (used by the create route and the control API).
 * @param {any} ctx
 * @param {{ id?: string, name: string, description?: string | null, nodes?: any[], edges?: any[] }} spec
 */
function addPathway(ctx, spec) {
	const id = spec.id || uuid();
	ctx.state.bland.pathways[id] = {
		id,
		name: spec.name,
		description: spec.description ?? null,
		nodes: clone(spec.nodes ?? []),
		edges: clone(spec.edges ?? []),
		created_at: isoOffset(),
		versions: [],
		published: { production: null, staging: null },
	};
	ctx.changed();
	return ctx.state.bland.pathways[id];
}

/**
 * Find a version by number (`0` = the live graph) or id.
 * @param {any} pathway
 * @param {string} versionId
 */
function findVersion(pathway, versionId) {
	if (/^\d+$/.test(versionId)) {
		const n = Number(versionId);
		if (n === 0) {
			const live = pathway.published.production;
			const version = live ? pathway.versions.find((/** @type {any} */ v) => v.version_number === live) : null;
			return version || { name: pathway.name, nodes: pathway.nodes, edges: pathway.edges, version_number: 0 };
		}
		return pathway.versions.find((/** @type {any} */ v) => v.version_number === n) || null;
	}
	return pathway.versions.find((/** @type {any} */ v) => v.id === versionId) || null;
}

/** @param {any} pathway */
function latestVersionNumber(pathway) {
	return pathway.versions.reduce((/** @type {number} */ max, /** @type {any} */ v) => Math.max(max, v.version_number), 0);
}

// ---------------------------------------------------------------------------------------------
// Tools

/**
 * Validate a v1 tool definition. Returns an error message or null.
 * @param {any} tool
 */
function toolError(tool) {
	if (typeof tool.name !== 'string' || tool.name.trim() === '') return 'Missing required parameter: name';
	if (RESERVED_TOOL_NAMES.has(tool.name.trim().toLowerCase())) return `Tool name "${tool.name}" is reserved`;
	if (typeof tool.description !== 'string' || tool.description.trim() === '') return 'Missing required parameter: description';
	if (typeof tool.url !== 'string' || tool.url === '') return 'Missing required parameter: url';
	try {
		const url = new URL(tool.url);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
	} catch {
		return `Invalid url: ${tool.url}`;
	}
	if (tool.method !== undefined && !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(String(tool.method).toUpperCase())) return `Invalid method: ${tool.method}`;
	for (const key of ['headers', 'query', 'input_schema', 'response']) {
		if (tool[key] !== undefined && tool[key] !== null && !isObject(tool[key])) return `Invalid ${key}: expected an object`;
	}
	if (isObject(tool.response)) {
		for (const [name, path] of Object.entries(tool.response)) {
			if (typeof path !== 'string' || !path.startsWith('$')) return `Invalid response mapping for ${name}: expected a JSONPath starting with $`;
		}
	}
	if (tool.timeout !== undefined && (typeof tool.timeout !== 'number' || tool.timeout <= 0)) return 'Invalid timeout: expected a positive number of milliseconds';
	return null;
}

/** `GET /v1/calls` query parameters: Bland's docs "List Calls", plus `sort_by` (community spec, Bland's own node). */
const CALL_LIST_QUERY = ['from_number', 'to_number', 'from', 'to', 'limit', 'ascending', 'sort_by', 'start_date', 'end_date', 'created_at', 'completed', 'batch_id', 'answered_by', 'inbound', 'duration_gt', 'duration_lt', 'campaign_id'];

const TOOL_FIELDS = ['name', 'description', 'speech', 'url', 'method', 'headers', 'body', 'query', 'input_schema', 'response', 'timeout'];

/** @param {any} body */
function toolFields(body) {
	/** @type {Record<string, any>} */
	const tool = {};
	for (const key of TOOL_FIELDS) if (body[key] !== undefined) tool[key] = clone(body[key]);
	return tool;
}

// ---------------------------------------------------------------------------------------------
// Inbound numbers

/**
 * `+` or `%2B` optional; ten digits are taken as a US number.
 * @param {string} value
 */
function normalizeNumber(value) {
	const trimmed = value.replace(/[\s()-]/g, '');
	const digits = trimmed.replace(/\D/g, '');
	if (trimmed.startsWith('+')) return `+${digits}`;
	return digits.length === 10 ? `+1${digits}` : `+${digits}`;
}

const INBOUND_FIELDS = new Set(['prompt', 'pathway_id', 'voice', 'voice_id', 'background_track', 'first_sentence', 'wait_for_greeting', 'interruption_threshold', 'model', 'tools', 'language', 'timezone', 'transfer_phone_number', 'transfer_list', 'dynamic_data', 'keywords', 'max_duration', 'webhook', 'analysis_schema', 'metadata', 'summary_prompt', 'analysis_prompt', 'record']);

// ---------------------------------------------------------------------------------------------
// Routes

/**
 * @param {string | null} value
 * @param {string} name
 * @returns {{ value?: number, error?: string }}
 */
function optionalInt(value, name) {
	if (value === null || value === '') return {};
	if (!/^\d+$/.test(value)) return { error: `Invalid ${name}: expected a non-negative integer` };
	return { value: Number(value) };
}

/** @param {string | null} value */
function optionalBool(value) {
	if (value === null || value === '') return null;
	return value === 'true' || value === '1';
}

function routes() {
	const r = new Router();

	// --- account, voices
	r.add('GET', '/v1/me', (ctx) => ({
		status: 200,
		body: { ...clone(ctx.state.bland.account), total_calls: Object.keys(ctx.state.bland.calls).length },
	}));
	r.add('GET', '/v1/voices', (ctx) => ({ status: 200, body: { voices: clone(ctx.state.bland.voices) } }));

	// --- calls
	r.add('POST', '/v1/calls', (ctx, call) => {
		const error = callBodyError(ctx, call.body);
		if (error) return v1Error(error);
		if (outcomeFor(call.body.phone_number) === 'balance-low') {
			return v1Error('Insufficient balance to place this call. Add credits and try again.', 402, ['INSUFFICIENT_BALANCE']);
		}
		const created = createCall(ctx, call.body, null);
		return { status: 200, body: { status: 'success', message: 'Call successfully queued.', call_id: created.call_id, batch_id: null } };
	});
	r.add('GET', '/v1/calls', (ctx, call) => {
		const q = call.query;
		const unknown = unknownQuery(q, CALL_LIST_QUERY);
		if (unknown) return v1Error(unknown);
		const sortBy = q.get('sort_by') || 'created_at';
		if (!['created_at', 'updated_at'].includes(sortBy)) return v1Error('Invalid sort_by: use created_at or updated_at');
		const from = optionalInt(q.get('from'), 'from');
		const to = optionalInt(q.get('to'), 'to');
		const limit = optionalInt(q.get('limit'), 'limit');
		for (const p of [from, to, limit]) if (p.error) return v1Error(p.error);
		const ascending = optionalBool(q.get('ascending')) === true;
		const completed = optionalBool(q.get('completed'));
		const inbound = optionalBool(q.get('inbound'));
		const startDate = q.get('start_date');
		const endDate = q.get('end_date');
		const createdDate = q.get('created_at');
		const durationGt = q.get('duration_gt');
		const durationLt = q.get('duration_lt');
		let list = Object.values(ctx.state.bland.calls)
			.filter((c) => !q.get('from_number') || c.from === q.get('from_number'))
			.filter((c) => !q.get('to_number') || c.to === q.get('to_number'))
			.filter((c) => !q.get('batch_id') || c.batch_id === q.get('batch_id'))
			.filter((c) => !q.get('answered_by') || c.answered_by === q.get('answered_by'))
			.filter((c) => !q.get('campaign_id') || c.metadata?.campaign_id === q.get('campaign_id'))
			.filter((c) => completed === null || c.completed === completed)
			.filter((c) => inbound === null || c.inbound === inbound)
			.filter((c) => !startDate || c.created_at.slice(0, 10) >= startDate.slice(0, 10))
			.filter((c) => !endDate || c.created_at.slice(0, 10) <= endDate.slice(0, 10))
			.filter((c) => !createdDate || c.created_at.slice(0, 10) === createdDate.slice(0, 10))
			.filter((c) => !durationGt || (c.call_length ?? 0) > Number(durationGt))
			.filter((c) => !durationLt || (c.call_length ?? 0) < Number(durationLt));
		list = list.sort((a, b) => String(a[sortBy] ?? a.created_at).localeCompare(String(b[sortBy] ?? b.created_at)));
		if (!ascending) list = list.reverse();
		const start = from.value ?? 0;
		const max = limit.value ?? 1000;
		const end = Math.min(to.value ?? start + max, start + max);
		const page = list.slice(start, Math.max(start, end)).map(callSummary);
		return { status: 200, body: { total_count: list.length, count: page.length, calls: page } };
	});
	r.add('GET', '/v1/calls/:id', (ctx, call) => {
		const found = ctx.state.bland.calls[call.params.id];
		return found ? { status: 200, body: clone(found) } : v1Error('Call not found', 404);
	});
	// "Audio Recording": `accept: application/json` → {status, url}; `audio/mpeg` → the file.
	r.add('GET', '/v1/calls/:id/recording', (ctx, call) => {
		const found = ctx.state.bland.calls[call.params.id];
		if (!found || !found.recording_url) return v1Error('Recording not found', 404);
		const accept = String(call.headers.accept || '');
		if (/audio\/mpeg/i.test(accept)) return { status: 200, raw: FAKE_MP3, contentType: 'audio/mpeg' };
		return { status: 200, body: { status: 'success', url: found.recording_url } };
	});
	r.add('POST', '/v1/calls/:id/stop', (ctx, call) => {
		const found = ctx.state.bland.calls[call.params.id];
		if (!found) return v1Error('Call not found', 404);
		if (found.status !== null) return v1Error('Call is not active', 400);
		finishCall(ctx, found, 'canceled');
		return { status: 200, body: { status: 'success', message: 'Call ended successfully.' } };
	});
	r.add('POST', '/v1/calls/:id/analyze', (ctx, call) => {
		const found = ctx.state.bland.calls[call.params.id];
		if (!found) return v1Error('Call not found', 404);
		const body = call.body;
		if (!isObject(body) || typeof body.goal !== 'string' || body.goal === '') return v1Error('Missing required parameter: goal');
		if (!Array.isArray(body.questions) || body.questions.length === 0 || body.questions.some((/** @type {unknown} */ q) => !Array.isArray(q) || typeof q[0] !== 'string')) {
			return v1Error('questions must be a non-empty array of [question, answer type] pairs');
		}
		if (found.status !== 'completed' || found.transcripts.length === 0) return v1Error('The call has no transcript to analyze yet');
		const answers = body.questions.map((/** @type {[string, unknown]} */ [question, type]) => {
			const t = String(type ?? '').toLowerCase();
			if (/human|voicemail/.test(t)) return found.answered_by;
			if (/bool/.test(t)) return isInterested(found.to);
			if (/number|integer/.test(t)) return numberSeed(found.to) % 10;
			if (/date|time/.test(t)) return callbackTime(found.to, Date.parse(found.created_at));
			return `Simulated answer to: ${question}`;
		});
		return { status: 200, body: { status: 'success', message: 'Call analyzed successfully', answers, credits_used: Math.round((0.003 + 0.0015 * answers.length) * 10000) / 10000 } };
	});

	// --- batches (v2)
	r.add('POST', '/v2/batches/create', (ctx, call) => {
		const body = call.body;
		if (!isObject(body)) return v2Error('Request body must be a JSON object');
		const unknown = unknownFields(body, ['call_objects', 'global', 'description', 'status_webhook']);
		if (unknown) return v2Error(unknown);
		if (!isObject(body.global)) return v2Error('Missing required parameter: global');
		if (body.global.phone_number !== undefined) return v2Error('global must not include phone_number; put phone numbers in call_objects');
		if (!Array.isArray(body.call_objects) || body.call_objects.length === 0) return v2Error('call_objects must be a non-empty array');
		if (body.description !== undefined && (typeof body.description !== 'string' || body.description.length > 60)) return v2Error('description must be a string of at most 60 characters');
		if (body.status_webhook !== undefined && body.status_webhook !== null && !webhookUrlAllowed(body.status_webhook)) return v2Error(`Invalid status_webhook: ${body.status_webhook}. It must be an https URL`);
		const bodies = [];
		for (const [i, object] of body.call_objects.entries()) {
			if (!isObject(object)) return v2Error(`call_objects[${i}] must be an object`);
			const merged = { ...clone(body.global), ...clone(object) };
			const error = callBodyError(ctx, merged, `call_objects[${i}].`);
			if (error) return v2Error(error);
			bodies.push(merged);
		}
		const id = uuid();
		const batch = {
			id,
			user_id: 'sim-org',
			description: body.description ?? 'Untitled Batch',
			base_prompt: JSON.stringify(body.global),
			created_at: isoOffset(),
			call_objects: clone(body.call_objects),
			status: 'validating',
			status_webhook: body.status_webhook ?? null,
		};
		ctx.state.bland.batches[id] = batch;
		ctx.changed();
		runBatch(ctx, batch, bodies);
		return { status: 200, body: { data: { batch_id: id }, errors: null } };
	});
	r.add('GET', '/v2/batches/list', (ctx, call) => {
		const take = optionalInt(call.query.get('take'), 'take');
		const skip = optionalInt(call.query.get('skip'), 'skip');
		if (take.error) return v2Error(take.error);
		if (skip.error) return v2Error(skip.error);
		const all = Object.values(ctx.state.bland.batches).reverse();
		const start = skip.value ?? 0;
		const page = all.slice(start, take.value === undefined ? undefined : start + take.value);
		return {
			status: 200,
			body: {
				data: page.map((b) => ({ id: b.id, user_id: b.user_id, base_prompt: b.base_prompt, created_at: b.created_at, call_objects: clone(b.call_objects.slice(0, 3)), description: b.description })),
				errors: null,
			},
		};
	});
	// Batch details and stop: the v1 paths of Bland's "Batch Details" and "Stop Active Batch" docs
	// (also used by Bland's batch cookbook); v2 get/stop exist only in a community spec.
	r.add('GET', '/v1/batches/:id', (ctx, call) => {
		const batch = ctx.state.bland.batches[call.params.id];
		if (!batch) return v1Error('Batch not found', 404);
		const unknown = unknownQuery(call.query, ['include_calls', 'include_transcripts', 'include_analysis']);
		if (unknown) return v1Error(unknown);
		return { status: 200, body: batchDetails(ctx, batch, call.query) };
	});
	r.add('POST', '/v1/batches/:id/stop', (ctx, call) => {
		const batch = ctx.state.bland.batches[call.params.id];
		if (!batch) return v1Error('Batch not found', 404);
		const active = Object.values(ctx.state.bland.calls).filter((c) => c.batch_id === batch.id && c.status === null);
		if (['completed', 'stopped'].includes(batch.status) || active.length === 0) {
			return v1Error('No active calls to stop: the batch has already completed', 400);
		}
		batch.status = 'stopped';
		ctx.changed();
		for (const c of active) finishCall(ctx, c, 'canceled');
		return { status: 200, body: { status: 'success', message: 'Successfully stopped batch', num_calls: active.length, batch_id: batch.id } };
	});

	// --- pathways
	r.add('GET', '/v1/pathway', (ctx) => ({ status: 200, body: Object.values(ctx.state.bland.pathways).map(pathwayView) }));
	r.add('POST', '/v1/pathway/create', (ctx, call) => {
		const body = call.body;
		if (!isObject(body) || typeof body.name !== 'string' || body.name.trim() === '') return v1Error('Missing required parameter: name');
		const unknown = unknownFields(body, ['name', 'description', 'nodes', 'edges']);
		if (unknown) return v1Error(unknown);
		if (body.nodes !== undefined || body.edges !== undefined) {
			const error = graphError(body.nodes ?? [], body.edges ?? []);
			if (error) return v1Error(error);
		}
		const pathway = addPathway(ctx, { name: body.name, description: typeof body.description === 'string' ? body.description : null, nodes: body.nodes, edges: body.edges });
		return { status: 200, body: { status: 'success', pathway_id: pathway.id } };
	});
	r.add('GET', '/v1/pathway/:id', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const { id: _id, ...view } = pathwayView(pathway);
		return { status: 200, body: view };
	});
	r.add('POST', '/v1/pathway/:id', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const body = call.body;
		if (!isObject(body)) return v1Error('Request body must be a JSON object');
		const unknown = unknownFields(body, ['name', 'description', 'nodes', 'edges']);
		if (unknown) return v1Error(unknown);
		// "name string *": required on every update (docs: Update Pathway).
		if (typeof body.name !== 'string' || body.name.trim() === '') return v1Error('Missing required parameter: name');
		const nodes = body.nodes ?? pathway.nodes;
		const edges = body.edges ?? pathway.edges;
		const error = graphError(nodes, edges);
		if (error) return v1Error(error);
		if (body.name !== undefined) pathway.name = body.name;
		if (body.description !== undefined) pathway.description = body.description;
		pathway.nodes = clone(nodes);
		pathway.edges = clone(edges);
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Pathway updated successfully', pathway_data: { pathway_id: pathway.id, ...pathwayView(pathway), id: undefined } } };
	});
	r.add('DELETE', '/v1/pathway/:id', (ctx, call) => {
		if (!ctx.state.bland.pathways[call.params.id]) return v1Error('Pathway not found', 404);
		delete ctx.state.bland.pathways[call.params.id];
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Pathway deleted successfully' } };
	});
	r.add('GET', '/v1/pathway/:id/versions', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const latest = latestVersionNumber(pathway);
		return {
			status: 200,
			body: pathway.versions.map((/** @type {any} */ v) => ({ id: v.id, version_number: v.version_number, created_at: v.created_at, name: v.name, is_latest: v.version_number === latest })),
		};
	});
	r.add('POST', '/v1/pathway/:id/version', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const body = isObject(call.body) ? call.body : {};
		const unknown = unknownFields(body, ['name', 'nodes', 'edges']);
		if (unknown) return v1Error(unknown);
		const nodes = body.nodes ?? pathway.nodes;
		const edges = body.edges ?? pathway.edges;
		const error = graphError(nodes, edges);
		if (error) return v1Error(error);
		const number = latestVersionNumber(pathway) + 1;
		const version = { id: `${pathway.id}-v${number}`, version_number: number, name: typeof body.name === 'string' ? body.name : `Version ${number}`, created_at: isoOffset(), nodes: clone(nodes), edges: clone(edges) };
		pathway.versions.push(version);
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Version created successfully', data: { created_at: version.created_at, id: version.id, name: version.name, version_number: number } } };
	});
	r.add('GET', '/v1/pathway/:id/version/:versionId', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const version = findVersion(pathway, call.params.versionId);
		if (!version) return v1Error('Version not found', 404);
		return {
			status: 200,
			body: { name: version.name, nodes: clone(version.nodes), edges: clone(version.edges), version_number: version.version_number, is_latest: version.version_number === latestVersionNumber(pathway) },
		};
	});
	r.add('POST', '/v1/pathway/:id/version/:versionId', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const version = call.params.versionId === '0' ? null : findVersion(pathway, call.params.versionId);
		if (!version) return v1Error('Version not found', 404);
		const body = isObject(call.body) ? call.body : {};
		const nodes = body.nodes ?? version.nodes;
		const edges = body.edges ?? version.edges;
		const error = graphError(nodes, edges);
		if (error) return v1Error(error);
		if (typeof body.name === 'string') version.name = body.name;
		version.nodes = clone(nodes);
		version.edges = clone(edges);
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Version updated successfully', data: { id: version.id, name: version.name, version_number: version.version_number } } };
	});
	r.add('DELETE', '/v1/pathway/:id/version/:versionId', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const version = call.params.versionId === '0' ? null : findVersion(pathway, call.params.versionId);
		if (!version) return v1Error('Version not found', 404);
		pathway.versions = pathway.versions.filter((/** @type {any} */ v) => v !== version);
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Version deleted successfully' } };
	});
	r.add('POST', '/v1/pathway/:id/publish', (ctx, call) => {
		const pathway = ctx.state.bland.pathways[call.params.id];
		if (!pathway) return v1Error('Pathway not found', 404);
		const body = isObject(call.body) ? call.body : {};
		const unknown = unknownFields(body, ['version_id', 'environment']);
		if (unknown) return v1Error(unknown);
		if (typeof body.version_id !== 'number' || !Number.isInteger(body.version_id)) return v1Error('version_id must be a version number');
		const environment = body.environment ?? 'production';
		if (environment !== 'production' && environment !== 'staging') return v1Error('environment must be production or staging');
		const version = pathway.versions.find((/** @type {any} */ v) => v.version_number === body.version_id);
		if (!version) return v1Error(`Version ${body.version_id} not found`, 404);
		pathway.published[environment] = version.version_number;
		if (environment === 'production') {
			pathway.nodes = clone(version.nodes);
			pathway.edges = clone(version.edges);
		}
		ctx.changed();
		return { status: 200, body: { message: 'Pathway published successfully' } };
	});

	// --- custom tools (v1)
	r.add('POST', '/v1/tools', (ctx, call) => {
		if (!isObject(call.body)) return v1Error('Request body must be a JSON object');
		const unknown = unknownFields(call.body, TOOL_FIELDS);
		if (unknown) return v1Error(unknown);
		const tool = toolFields(call.body);
		const error = toolError(tool);
		if (error) return v1Error(error);
		const id = `TL-${uuid()}`;
		ctx.state.bland.tools[id] = { tool_id: id, label: null, public: false, tool };
		ctx.changed();
		return { status: 200, body: { status: 'success', tool_id: id } };
	});
	r.add('GET', '/v1/tools', (ctx) => ({ status: 200, body: { status: 'success', tools: clone(Object.values(ctx.state.bland.tools)) } }));
	r.add('GET', '/v1/tools/:id', (ctx, call) => {
		const tool = ctx.state.bland.tools[call.params.id];
		return tool ? { status: 200, body: { status: 'success', tool: clone(tool) } } : v1Error('Tool not found', 404);
	});
	r.add('POST', '/v1/tools/:id', (ctx, call) => {
		const tool = ctx.state.bland.tools[call.params.id];
		if (!tool) return v1Error('Tool not found', 404);
		if (!isObject(call.body)) return v1Error('Request body must be a JSON object');
		const unknown = unknownFields(call.body, TOOL_FIELDS);
		if (unknown) return v1Error(unknown);
		const merged = { ...tool.tool, ...toolFields(call.body) };
		const error = toolError(merged);
		if (error) return v1Error(error);
		tool.tool = merged;
		ctx.changed();
		return { status: 200, body: { status: 'success', tool_id: tool.tool_id } };
	});
	r.add('DELETE', '/v1/tools/:id', (ctx, call) => {
		if (!ctx.state.bland.tools[call.params.id]) return v1Error('Tool not found', 404);
		delete ctx.state.bland.tools[call.params.id];
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Tool has been deleted.' } };
	});

	// --- inbound numbers
	r.add('GET', '/v1/inbound', (ctx) => ({ status: 200, body: { inbound_numbers: clone(Object.values(ctx.state.bland.inbound)) } }));
	r.add('GET', '/v1/inbound/:number', (ctx, call) => {
		const number = ctx.state.bland.inbound[normalizeNumber(call.params.number)];
		return number ? { status: 200, body: clone(number) } : v1Error('Inbound number not found', 404);
	});
	r.add('POST', '/v1/inbound/:number', (ctx, call) => {
		const number = ctx.state.bland.inbound[normalizeNumber(call.params.number)];
		if (!number) return v1Error('Inbound number not found', 404);
		const body = call.body;
		if (!isObject(body)) return v1Error('Request body must be a JSON object');
		if (body.webhook !== undefined && body.webhook !== null && body.webhook !== '' && !webhookUrlAllowed(body.webhook)) return v1Error(`Invalid webhook: ${body.webhook}. The webhook must be an https URL`);
		if (body.pathway_id && !ctx.state.bland.pathways[String(body.pathway_id)]) return v1Error(`Pathway not found: ${body.pathway_id}`);
		/** @type {Record<string, any>} */
		const updates = {};
		/** @type {Record<string, any>} */
		const failed = {};
		for (const [key, value] of Object.entries(body)) {
			if (INBOUND_FIELDS.has(key)) {
				number[key] = clone(value);
				updates[key] = clone(value);
			} else failed[key] = clone(value);
		}
		ctx.changed();
		return { status: 200, body: { status: 'success', message: 'Inbound number updated', updates, failed_updates: failed } };
	});

	return r;
}

/**
 * Bland's authentication: `authorization: <key>` or `Bearer <key>`.
 * @param {any} ctx
 * @param {string | undefined} header
 * @param {string} path
 * @returns {import('./router').Reply | null}
 */
function authenticate(ctx, header, path) {
	const value = String(header || '').trim();
	const key = /^Bearer\s+/i.test(value) ? value.replace(/^Bearer\s+/i, '') : value;
	if (key !== '' && key === ctx.options.blandApiKey) return null;
	const reply = errorBody(401, 'Invalid API key', path);
	return { status: 401, body: reply };
}

/**
 * An error body in Bland's shape for the path (v2 envelope or v1 status/message).
 * @param {number} status
 * @param {string} text
 * @param {string} path
 */
function errorBody(status, text, path) {
	if (path.startsWith('/v2/')) return { data: null, errors: [{ error: status === 429 ? 'rate_limited' : status === 401 ? 'unauthorized' : 'error', message: text }] };
	return { status: 'error', message: text };
}

module.exports = { routes, authenticate, errorBody, addPathway, graphError, webhookUrlAllowed, RESERVED_TOOL_NAMES };

'use strict';
/**
 * Local simulator of the Bolna and Bland AI REST APIs, for tests, the real-n8n suite, the demo
 * and benchmarks. One HTTP server serves both APIs (their paths do not collide) plus a control
 * API under /__sim/. Plain Node (http, crypto, url); in-memory state; nothing leaves the machine
 * except webhook POSTs to URLs the caller configured.
 *
 * See simulator/README.md for the full behaviour.
 */
const http = require('node:http');
const { EventEmitter } = require('node:events');

const { readBody, sendJson, parseBody, isObject } = require('./http-util');
const bolna = require('./bolna');
const bland = require('./bland');
const control = require('./control');
const seed = require('./seed');

/** Keep at most this many recorded requests (oldest dropped first). */
const MAX_REQUESTS = 5000;

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	bolnaApiKey: seed.DEFAULT_KEYS.bolnaApiKey,
	blandApiKey: seed.DEFAULT_KEYS.blandApiKey,
	blandWebhookSecret: seed.DEFAULT_KEYS.blandWebhookSecret,
	clockMs: 200,
	correctedTranscriptDelayMs: 1000,
	/** @type {{ perSecond: number } | null} */
	rateLimit: null,
	/** @type {any[]} */
	faults: [],
	webhookTimeoutMs: 3000,
	/** Bolna: scheduled calls and batches start at their `scheduled_at` (else one clock step later). */
	honourSchedules: false,
};

const FAULT_ACTIONS = new Set(['status', 'drop', 'delay', 'rateLimit']);

/**
 * Which API a path belongs to: Bland serves /v1/* and /v2/* (except /v2/agent*), Bolna the rest.
 * @param {string} path
 * @returns {'bolna' | 'bland'}
 */
function providerOf(path) {
	if (path.startsWith('/v1/') || path === '/v1') return 'bland';
	if (path.startsWith('/v2/') && !path.startsWith('/v2/agent')) return 'bland';
	return 'bolna';
}

/**
 * An error body in the provider's shape.
 * @param {'bolna' | 'bland'} provider
 * @param {number} status
 * @param {string} text
 * @param {string} path
 */
function providerError(provider, status, text, path) {
	return provider === 'bland' ? bland.errorBody(status, text, path) : bolna.errorBody(status, text);
}

/**
 * Validate and normalise a fault rule.
 * @param {any} rule
 */
function normalizeFault(rule) {
	if (!isObject(rule)) throw new Error('a fault rule must be an object');
	const action = rule.action ?? 'status';
	if (!FAULT_ACTIONS.has(action)) throw new Error(`unknown fault action: ${action} (use status, drop, delay or rateLimit)`);
	/** @type {string | RegExp} */
	let path = '';
	if (rule.path instanceof RegExp) path = rule.path;
	else if (typeof rule.path === 'string') path = rule.path.startsWith('^') ? new RegExp(rule.path) : rule.path;
	else if (rule.path !== undefined) throw new Error('fault path must be a string (prefix, or a regular expression source starting with ^) or a RegExp');
	const times = rule.times === undefined ? 1 : Number(rule.times);
	if (!Number.isFinite(times) && times !== Infinity) throw new Error('fault times must be a number');
	return {
		method: typeof rule.method === 'string' ? rule.method.toUpperCase() : undefined,
		path,
		times: times <= 0 ? Infinity : times,
		action,
		status: typeof rule.status === 'number' ? rule.status : action === 'rateLimit' ? 429 : 500,
		body: rule.body,
		ms: typeof rule.ms === 'number' ? rule.ms : 1000,
		processFirst: rule.processFirst === true,
		retryAfter: typeof rule.retryAfter === 'number' ? rule.retryAfter : 1,
		hits: 0,
	};
}

/**
 * @param {string | RegExp} pattern
 * @param {string} path
 */
function pathMatches(pattern, path) {
	return pattern instanceof RegExp ? pattern.test(path) : path.startsWith(pattern);
}

function freshInternal() {
	return {
		/** @type {Map<string, string[]>} */
		bolnaSteps: new Map(),
		/** @type {Map<string, any>} */
		bolnaTimers: new Map(),
		/** @type {Map<string, any[]>} */
		bolnaBatchContacts: new Map(),
		/** @type {Map<string, any>} */
		bolnaBatchTimers: new Map(),
		/** @type {Map<string, any>} */
		blandCalls: new Map(),
	};
}

/**
 * @param {typeof DEFAULTS} options
 */
function createContext(options) {
	const emitter = new EventEmitter();
	emitter.setMaxListeners(0);
	const ctx = {
		options,
		state: seed.seedState(),
		/** @type {any[]} */
		requests: [],
		/** @type {any[]} */
		faults: [],
		/** @type {Set<NodeJS.Timeout>} */
		timers: new Set(),
		/** @type {Set<import('node:http').ClientRequest>} */
		inflight: new Set(),
		/** @type {Map<string, Promise<void>>} */
		chains: new Map(),
		internal: freshInternal(),
		generation: 0,
		closed: false,
		baseUrl: '',
		emitter,
		/** @type {number[]} */
		rateWindow: [],
		seq: 0,
		changed() {
			emitter.emit('change');
		},
		/**
		 * Run `fn` after `ms` unless the simulator is reset or closed first.
		 * @param {() => void} fn
		 * @param {number} ms
		 */
		schedule(fn, ms) {
			const generation = ctx.generation;
			const timer = setTimeout(() => {
				ctx.timers.delete(timer);
				if (ctx.closed || generation !== ctx.generation) return;
				fn();
			}, Math.max(0, ms));
			ctx.timers.add(timer);
			return timer;
		},
		/** @param {NodeJS.Timeout | undefined | null} timer */
		cancel(timer) {
			if (!timer) return;
			clearTimeout(timer);
			ctx.timers.delete(timer);
		},
		/** @param {number} ms */
		sleep(ms) {
			return new Promise((resolve) => ctx.schedule(() => resolve(undefined), ms));
		},
		clearTimers() {
			for (const timer of ctx.timers) clearTimeout(timer);
			ctx.timers.clear();
		},
		reset() {
			ctx.generation += 1;
			ctx.clearTimers();
			ctx.state = seed.seedState();
			ctx.requests.length = 0;
			ctx.faults.length = 0;
			ctx.internal = freshInternal();
			ctx.chains.clear();
			ctx.rateWindow = [];
			ctx.changed();
		},
		/** @param {any} rule */
		addFault(rule) {
			const fault = normalizeFault(rule);
			ctx.faults.push(fault);
			return fault;
		},
		/** @param {Record<string, any>} patch */
		configure(patch) {
			if (patch.honourSchedules !== undefined) {
				if (typeof patch.honourSchedules !== 'boolean') throw new Error('honourSchedules must be a boolean');
				ctx.options.honourSchedules = patch.honourSchedules;
			}
			for (const key of ['clockMs', 'correctedTranscriptDelayMs', 'webhookTimeoutMs']) {
				if (patch[key] === undefined) continue;
				if (typeof patch[key] !== 'number' || patch[key] < 0) throw new Error(`${key} must be a non-negative number`);
				/** @type {any} */ (ctx.options)[key] = patch[key];
			}
			if (patch.rateLimit !== undefined) {
				if (patch.rateLimit !== null && !(isObject(patch.rateLimit) && typeof patch.rateLimit.perSecond === 'number' && patch.rateLimit.perSecond > 0)) {
					throw new Error('rateLimit must be null or {perSecond: <positive number>}');
				}
				ctx.options.rateLimit = patch.rateLimit;
				ctx.rateWindow = [];
			}
		},
		publicConfig() {
			const { clockMs, correctedTranscriptDelayMs, webhookTimeoutMs, rateLimit, honourSchedules } = ctx.options;
			return { clockMs, correctedTranscriptDelayMs, webhookTimeoutMs, rateLimit, honourSchedules };
		},
	};
	return ctx;
}

/**
 * What the request log keeps of a body.
 * @param {{ kind: string, value: any }} parsed
 */
function recordedBody(parsed) {
	if (parsed.kind === 'none') return null;
	if (parsed.kind === 'multipart' || parsed.kind === 'form') {
		/** @type {Record<string, any[]>} */
		const files = {};
		for (const [name, list] of Object.entries(parsed.value.files)) {
			files[name] = list.map((/** @type {any} */ f) => ({ filename: f.filename, contentType: f.contentType, size: f.data.length, text: f.data.length <= 65536 ? f.data.toString('utf8') : null }));
		}
		return { fields: parsed.value.fields, files };
	}
	return parsed.value;
}

/**
 * The request headers with secrets removed: no Authorization value, no encrypted_key value.
 * @param {import('node:http').IncomingHttpHeaders} headers
 */
function redactHeaders(headers) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name === 'authorization') continue;
		out[name] = name === 'encrypted_key' ? '[redacted]' : value;
	}
	return out;
}

/** @param {URLSearchParams} params */
function queryObject(params) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const key of new Set(params.keys())) {
		const values = params.getAll(key);
		out[key] = values.length === 1 ? values[0] : values;
	}
	return out;
}

/**
 * @param {ReturnType<typeof createContext>} ctx
 * @param {{ bolna: import('./router').Router, bland: import('./router').Router, control: import('./router').Router }} routers
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handleRequest(ctx, routers, req, res) {
	/** @type {Buffer} */
	let raw;
	try {
		raw = await readBody(req);
	} catch {
		req.socket.destroy();
		return;
	}
	const url = new URL(req.url || '/', 'http://simulator.local');
	const path = url.pathname;
	const method = (req.method || 'GET').toUpperCase();
	const parsed = parseBody(raw, req.headers['content-type']);
	let dropAfterHandling = false;
	/** @type {import('./router').Call} */
	const call = { req, method, path, params: {}, query: url.searchParams, body: parsed.value, bodyKind: parsed.kind, headers: req.headers };

	/**
	 * @param {import('./router').Reply} reply
	 * @param {any} [entry]
	 */
	const respond = (reply, entry) => {
		if (dropAfterHandling) {
			// The request was handled (a call may have been placed) but the answer is lost.
			if (entry) entry.handledStatus = reply.status;
			ctx.changed();
			req.socket.destroy();
			return;
		}
		if (entry) entry.responseStatus = reply.status;
		if (reply.raw) {
			if (!res.headersSent) {
				res.writeHead(reply.status, { 'content-type': reply.contentType || 'application/octet-stream', 'content-length': reply.raw.length, ...(reply.headers || {}) });
				res.end(reply.raw);
			}
		} else sendJson(res, reply.status, reply.body, reply.headers);
		ctx.changed();
	};

	if (path === '/__sim' || path.startsWith('/__sim/')) {
		const match = routers.control.match(method, path);
		if (!match) return respond({ status: 404, body: { error: 'unknown control endpoint' } });
		if ('methodNotAllowed' in match) return respond({ status: 405, body: { error: 'method not allowed' } });
		call.params = match.params;
		try {
			return respond(await match.handler(ctx, call));
		} catch (err) {
			return respond({ status: 500, body: { error: /** @type {Error} */ (err).message } });
		}
	}

	const provider = providerOf(path);
	const authorization = req.headers.authorization;
	const entry = {
		id: ++ctx.seq,
		provider,
		method,
		path,
		query: queryObject(url.searchParams),
		headers: redactHeaders(req.headers),
		hasAuth: typeof authorization === 'string' && authorization !== '',
		authScheme: typeof authorization === 'string' && authorization !== '' ? (/^Bearer\s/i.test(authorization) ? 'Bearer' : 'bare') : null,
		contentType: req.headers['content-type'] ?? null,
		body: recordedBody(parsed),
		time: new Date().toISOString(),
		/** @type {string | null} */
		fault: null,
		/** @type {number | null} */
		responseStatus: null,
		/** @type {number | undefined} */
		handledStatus: undefined,
	};
	ctx.requests.push(entry);
	if (ctx.requests.length > MAX_REQUESTS) ctx.requests.splice(0, ctx.requests.length - MAX_REQUESTS);
	ctx.changed();

	// Faults come first: the request has been read and recorded, so "drop" means the server
	// received it and the client never gets an answer.
	const fault = ctx.faults.find((f) => (!f.method || f.method === method) && pathMatches(f.path, path));
	if (fault) {
		fault.hits += 1;
		fault.times -= 1;
		if (fault.times <= 0) ctx.faults.splice(ctx.faults.indexOf(fault), 1);
		entry.fault = fault.action;
		if (fault.action === 'drop' && !fault.processFirst) {
			ctx.changed();
			req.socket.destroy();
			return;
		}
		if (fault.action === 'drop') dropAfterHandling = true;
		if (fault.action === 'status') {
			return respond({ status: fault.status, body: fault.body ?? providerError(provider, fault.status, 'Simulated failure', path) }, entry);
		}
		if (fault.action === 'rateLimit') {
			return respond({ status: 429, body: fault.body ?? providerError(provider, 429, 'Too many requests', path), headers: { 'retry-after': String(fault.retryAfter) } }, entry);
		}
		await ctx.sleep(fault.ms);
		if (ctx.closed) return;
	}

	const limit = ctx.options.rateLimit;
	if (limit && limit.perSecond > 0) {
		const now = Date.now();
		ctx.rateWindow = ctx.rateWindow.filter((t) => t > now - 1000);
		if (ctx.rateWindow.length >= limit.perSecond) {
			entry.fault = 'rateLimited';
			const wait = Math.max(1, Math.ceil((ctx.rateWindow[0] + 1000 - now) / 1000));
			return respond({ status: 429, body: providerError(provider, 429, 'Too many requests', path), headers: { 'retry-after': String(wait) } }, entry);
		}
		ctx.rateWindow.push(now);
	}

	const match = (provider === 'bland' ? routers.bland : routers.bolna).match(method, path);
	if (!match) return respond({ status: 404, body: provider === 'bland' ? bland.errorBody(404, 'Not found', path) : { detail: 'Not Found' } }, entry);
	if ('methodNotAllowed' in match) {
		return respond({ status: 405, body: provider === 'bland' ? bland.errorBody(405, 'Method not allowed', path) : { detail: 'Method Not Allowed' } }, entry);
	}
	const denied = provider === 'bland' ? bland.authenticate(ctx, authorization, path) : bolna.authenticate(ctx, authorization);
	if (denied) return respond(denied, entry);
	call.params = match.params;
	try {
		return respond(await match.handler(ctx, call), entry);
	} catch (err) {
		return respond({ status: 500, body: providerError(provider, 500, `Internal error: ${/** @type {Error} */ (err).message}`, path) }, entry);
	}
}

/**
 * Start the simulator.
 * @param {Partial<typeof DEFAULTS>} [input]
 */
async function startSimulator(input = {}) {
	/** @type {typeof DEFAULTS} */
	const options = { ...DEFAULTS, faults: [] };
	for (const [key, value] of Object.entries(input)) if (value !== undefined) /** @type {any} */ (options)[key] = value;
	const ctx = createContext(options);
	ctx.configure({ clockMs: options.clockMs, correctedTranscriptDelayMs: options.correctedTranscriptDelayMs, webhookTimeoutMs: options.webhookTimeoutMs, rateLimit: options.rateLimit });
	for (const rule of input.faults || []) ctx.addFault(rule);
	const routers = { bolna: bolna.routes(), bland: bland.routes(), control: control.routes() };
	const server = http.createServer((req, res) => {
		handleRequest(ctx, routers, req, res).catch(() => {
			if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
		});
	});
	server.keepAliveTimeout = 1000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const host = ['0.0.0.0', '::', ''].includes(options.host) ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
	ctx.baseUrl = `http://${host}:${address.port}`;

	let closing = /** @type {Promise<void> | null} */ (null);
	const sim = {
		url: ctx.baseUrl,
		port: address.port,
		get requests() {
			return ctx.requests;
		},
		get state() {
			return ctx.state;
		},
		get deliveries() {
			return ctx.state.deliveries;
		},
		get faults() {
			return ctx.faults.map(control.describeFault);
		},
		get config() {
			return ctx.publicConfig();
		},
		reset() {
			ctx.reset();
		},
		/** @param {any} rule */
		setFault(rule) {
			ctx.addFault(rule);
		},
		clearFaults() {
			ctx.faults.length = 0;
		},
		/** @param {Record<string, any>} patch */
		configure(patch) {
			ctx.configure(patch);
		},
		/**
		 * Resolve with the predicate's first truthy result; re-checked on every change.
		 * @template T
		 * @param {(sim: any) => T} predicate
		 * @param {number} [timeoutMs]
		 * @returns {Promise<T>}
		 */
		waitFor(predicate, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				let done = false;
				const finish = () => {
					done = true;
					clearTimeout(timer);
					ctx.emitter.off('change', check);
				};
				const check = () => {
					if (done) return;
					try {
						const value = predicate(sim);
						if (value) {
							finish();
							resolve(value);
						}
					} catch (err) {
						finish();
						reject(err);
					}
				};
				const timer = setTimeout(() => {
					if (done) return;
					finish();
					reject(new Error(`simulator waitFor timed out after ${timeoutMs} ms`));
				}, timeoutMs);
				ctx.emitter.on('change', check);
				check();
			});
		},
		close() {
			if (closing) return closing;
			ctx.closed = true;
			ctx.clearTimers();
			for (const req of ctx.inflight) req.destroy();
			ctx.inflight.clear();
			ctx.emitter.removeAllListeners();
			closing = new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
	return sim;
}

module.exports = { startSimulator, providerOf, ...seed, SEED: seed.SEED };

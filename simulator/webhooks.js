'use strict';
/**
 * Outgoing webhook deliveries. Each delivery is a JSON POST with a short timeout, sent in
 * order per entity (an execution, call or batch), recorded in `state.deliveries`. Nothing is
 * retried. Only URLs that the API requests or seeded data named are ever contacted.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

/** Keep at most this many delivery records (oldest dropped first). */
const MAX_DELIVERIES = 5000;

/**
 * Hex HMAC-SHA256 of a body, as Bland's `X-Webhook-Signature`.
 * @param {string | Buffer} body
 * @param {string} secret
 */
function sign(body, secret) {
	return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * POST a JSON body; resolves with the HTTP status or an error message, never rejects.
 * @param {any} ctx
 * @param {string} url
 * @param {string} body
 * @param {Record<string, string>} headers
 * @returns {Promise<{ status: number | null, error: string | null }>}
 */
function post(ctx, url, body, headers) {
	return new Promise((resolve) => {
		/** @type {URL} */
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: null, error: 'invalid URL' });
			return;
		}
		const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
		if (!lib) {
			resolve({ status: null, error: `unsupported protocol ${target.protocol}` });
			return;
		}
		let settled = false;
		/** @param {{ status: number | null, error: string | null }} result */
		const done = (result) => {
			if (settled) return;
			settled = true;
			ctx.inflight.delete(req);
			resolve(result);
		};
		const req = lib.request(
			target,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'voice-agents-simulator', ...headers },
				timeout: ctx.options.webhookTimeoutMs,
			},
			(res) => {
				res.resume();
				res.on('end', () => done({ status: res.statusCode ?? null, error: null }));
				res.on('error', (err) => done({ status: res.statusCode ?? null, error: err.message }));
			},
		);
		ctx.inflight.add(req);
		req.on('timeout', () => {
			req.destroy(new Error('timeout'));
		});
		req.on('error', (err) => done({ status: null, error: err.message }));
		req.end(body);
	});
}

/**
 * Queue a webhook delivery. Deliveries for the same entity go out one after another, in the
 * order they were queued.
 * @param {any} ctx
 * @param {{ provider: 'bolna' | 'bland', kind: string, entityId: string, url: string, payload: unknown, signed?: boolean }} delivery
 * @returns {Promise<void>}
 */
function deliver(ctx, delivery) {
	const body = JSON.stringify(delivery.payload);
	/** @type {Record<string, string>} */
	const headers = {};
	if (delivery.signed) headers['x-webhook-signature'] = sign(body, ctx.options.blandWebhookSecret);
	const generation = ctx.generation;
	const previous = ctx.chains.get(delivery.entityId) || Promise.resolve();
	const next = previous.then(async () => {
		if (ctx.closed || generation !== ctx.generation) return;
		const started = Date.now();
		const result = await post(ctx, delivery.url, body, headers);
		if (ctx.closed || generation !== ctx.generation) return;
		const deliveries = ctx.state.deliveries;
		deliveries.push({
			provider: delivery.provider,
			kind: delivery.kind,
			entityId: delivery.entityId,
			url: delivery.url,
			status: /** @type {any} */ (delivery.payload)?.status ?? null,
			signature: headers['x-webhook-signature'] ?? null,
			body: JSON.parse(body),
			responseStatus: result.status,
			error: result.error,
			time: new Date(started).toISOString(),
			durationMs: Date.now() - started,
		});
		if (deliveries.length > MAX_DELIVERIES) deliveries.splice(0, deliveries.length - MAX_DELIVERIES);
		ctx.changed();
	});
	ctx.chains.set(delivery.entityId, next);
	// Drop the chain once it is idle so the map does not grow with finished entities.
	next.then(() => {
		if (ctx.chains.get(delivery.entityId) === next) ctx.chains.delete(delivery.entityId);
	});
	return next;
}

module.exports = { sign, deliver, MAX_DELIVERIES };

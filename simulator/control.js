'use strict';
/**
 * The control API under /__sim/…: lets another process (the real-n8n suite, the demo) inspect
 * and steer the simulator over HTTP. No authentication; not recorded in `requests`; never
 * faulted or rate limited.
 */
const { Router } = require('./router');
const { isObject, clone } = require('./http-util');
const { seedAgent, controlView } = require('./bolna');
const { addPathway, graphError } = require('./bland');
const { SEED } = require('./seed');
const { FAKE_MP3 } = require('./http-util');

function routes() {
	const r = new Router();
	r.add('GET', '/__sim/health', () => ({ status: 200, body: { ok: true } }));
	r.add('GET', '/__sim/seed', () => ({ status: 200, body: clone(SEED) }));
	r.add('GET', '/__sim/state', (ctx) => ({ status: 200, body: ctx.state }));
	r.add('GET', '/__sim/requests', (ctx, call) => {
		const method = call.query.get('method');
		const path = call.query.get('path');
		const requests = ctx.requests.filter(
			(/** @type {any} */ q) => (!method || q.method === method.toUpperCase()) && (!path || q.path.startsWith(path)),
		);
		return { status: 200, body: { count: requests.length, requests } };
	});
	r.add('DELETE', '/__sim/requests', (ctx) => {
		ctx.requests.length = 0;
		ctx.changed();
		return { status: 200, body: { ok: true } };
	});
	r.add('GET', '/__sim/deliveries', (ctx) => ({ status: 200, body: { count: ctx.state.deliveries.length, deliveries: ctx.state.deliveries } }));
	r.add('POST', '/__sim/reset', (ctx) => {
		ctx.reset();
		return { status: 200, body: { ok: true } };
	});
	r.add('GET', '/__sim/faults', (ctx) => ({ status: 200, body: { faults: ctx.faults.map(describeFault) } }));
	r.add('POST', '/__sim/faults', (ctx, call) => {
		const rules = Array.isArray(call.body) ? call.body : [call.body];
		try {
			for (const rule of rules) ctx.addFault(rule);
		} catch (err) {
			return { status: 400, body: { error: /** @type {Error} */ (err).message } };
		}
		return { status: 200, body: { faults: ctx.faults.map(describeFault) } };
	});
	r.add('DELETE', '/__sim/faults', (ctx) => {
		ctx.faults.length = 0;
		return { status: 200, body: { faults: [] } };
	});
	r.add('POST', '/__sim/config', (ctx, call) => {
		if (!isObject(call.body)) return { status: 400, body: { error: 'expected a JSON object' } };
		try {
			ctx.configure(call.body);
		} catch (err) {
			return { status: 400, body: { error: /** @type {Error} */ (err).message } };
		}
		return { status: 200, body: { config: ctx.publicConfig() } };
	});
	r.add('GET', '/__sim/config', (ctx) => ({ status: 200, body: { config: ctx.publicConfig() } }));
	r.add('POST', '/__sim/agents', (ctx, call) => {
		if (!isObject(call.body)) return { status: 400, body: { error: 'expected a JSON object' } };
		return { status: 200, body: seedAgent(ctx, call.body) };
	});
	r.add('GET', '/__sim/agents/:id', (ctx, call) => {
		const agent = ctx.state.bolna.agents[call.params.id];
		return agent ? { status: 200, body: controlView(agent) } : { status: 404, body: { error: 'agent not found' } };
	});
	r.add('POST', '/__sim/pathways', (ctx, call) => {
		const body = call.body;
		if (!isObject(body) || typeof body.name !== 'string') return { status: 400, body: { error: 'name is required' } };
		const error = graphError(body.nodes ?? [], body.edges ?? []);
		if (error) return { status: 400, body: { error } };
		const pathway = addPathway(ctx, { id: typeof body.id === 'string' ? body.id : undefined, name: body.name, description: body.description, nodes: body.nodes, edges: body.edges });
		return { status: 200, body: clone(pathway) };
	});
	r.add('GET', '/__sim/recordings/:file', () => ({ status: 200, raw: FAKE_MP3, contentType: 'audio/mpeg' }));
	return r;
}

/**
 * A fault rule as JSON (a RegExp path shown by its source).
 * @param {any} rule
 */
function describeFault(rule) {
	return { ...rule, path: rule.path instanceof RegExp ? rule.path.source : rule.path };
}

module.exports = { routes, describeFault };

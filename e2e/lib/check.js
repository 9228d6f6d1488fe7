'use strict';
/** Assertion helpers for the scenarios. */
const assert = require('node:assert/strict');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Throws a clear "not available yet" error when the installed package lacks a node or operation. */
function requireOperation(ctx, type, resource, operation) {
	const description = (ctx.nodeTypes || []).find((t) => t.name === type);
	if (!description) throw new Error(`node type ${type} is not loaded by n8n (not built yet?)`);
	if (!resource) return description;
	const ops = description.properties.filter(
		(p) =>
			p.name === 'operation' &&
			(!p.displayOptions || !p.displayOptions.show || !p.displayOptions.show.resource ||
				p.displayOptions.show.resource.includes(resource)),
	);
	const values = ops.flatMap((p) => (p.options || []).map((o) => o.value));
	if (!values.includes(operation)) {
		throw new Error(`${type}: operation ${resource}/${operation} is not in the installed package (has: ${values.join(', ') || 'none'})`);
	}
	return description;
}

/** Polls `fn` until it returns a truthy value; returns it. */
async function eventually(fn, { timeoutMs = 20_000, intervalMs = 150, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		last = await fn();
		if (last) return last;
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The simulator's recorded requests (in-process handle or its HTTP control API). */
function simRequests(sim) {
	const list = typeof sim.requests === 'function' ? sim.requests() : sim.requests;
	return Array.isArray(list) ? list : [];
}

function requestsTo(sim, method, pathPattern) {
	return simRequests(sim).filter(
		(r) =>
			r.method === method &&
			(pathPattern instanceof RegExp ? pathPattern.test(r.path || r.url) : (r.path || r.url) === pathPattern),
	);
}

module.exports = { assert, sleep, requireOperation, eventually, simRequests, requestsTo };

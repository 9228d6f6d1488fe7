'use strict';
/**
 * A small method + path router. Patterns use `:name` segments; matched segments are
 * URL-decoded.
 */

/**
 * @typedef {{ req: import('node:http').IncomingMessage, method: string, path: string, params: Record<string, string>, query: URLSearchParams, body: any, bodyKind: string, headers: import('node:http').IncomingHttpHeaders }} Call
 * @typedef {{ status: number, body?: unknown, headers?: Record<string, string>, raw?: Buffer, contentType?: string }} Reply
 * @typedef {(ctx: any, call: Call) => Reply | Promise<Reply>} Handler
 */

class Router {
	constructor() {
		/** @type {{ method: string, regex: RegExp, names: string[], handler: Handler }[]} */
		this.routes = [];
	}

	/**
	 * @param {string} method
	 * @param {string} pattern
	 * @param {Handler} handler
	 */
	add(method, pattern, handler) {
		/** @type {string[]} */
		const names = [];
		const source = pattern
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					names.push(segment.slice(1));
					return '([^/]+)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({ method, regex: new RegExp(`^${source}/?$`), names, handler });
		return this;
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @returns {{ handler: Handler, params: Record<string, string> } | { methodNotAllowed: true } | null}
	 */
	match(method, path) {
		let pathMatched = false;
		for (const route of this.routes) {
			const m = route.regex.exec(path);
			if (!m) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			/** @type {Record<string, string>} */
			const params = {};
			route.names.forEach((name, i) => {
				try {
					params[name] = decodeURIComponent(m[i + 1]);
				} catch {
					params[name] = m[i + 1];
				}
			});
			return { handler: route.handler, params };
		}
		return pathMatched ? { methodNotAllowed: true } : null;
	}
}

module.exports = { Router };

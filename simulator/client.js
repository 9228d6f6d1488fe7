'use strict';
/**
 * A small client for the simulator's control API (/__sim/…), for tests and scripts that run
 * the simulator in another process. Uses Node's global fetch.
 */

/**
 * @param {string} baseUrl e.g. `http://127.0.0.1:4010`
 */
function simulatorClient(baseUrl) {
	const root = baseUrl.replace(/\/+$/, '');

	/**
	 * Call a control endpoint and return its JSON body; throws on a non-2xx answer.
	 * @param {string} method
	 * @param {string} path e.g. `/requests` or `/__sim/requests`
	 * @param {unknown} [body]
	 */
	async function control(method, path, body) {
		const full = path.startsWith('/__sim') ? path : `/__sim${path.startsWith('/') ? '' : '/'}${path}`;
		const response = await fetch(`${root}${full}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const parsed = text === '' ? null : JSON.parse(text);
		if (!response.ok) throw new Error(`simulator ${method} ${full} failed with ${response.status}: ${text}`);
		return parsed;
	}

	/** @param {number} ms */
	const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

	const client = {
		url: root,
		control,
		health: () => control('GET', '/health'),
		/** Resolve once the simulator answers, polling every 100 ms. @param {number} [timeoutMs] */
		async waitUntilReady(timeoutMs = 10000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				try {
					return await control('GET', '/health');
				} catch (err) {
					if (Date.now() > deadline) throw err;
					await pause(100);
				}
			}
		},
		seed: () => control('GET', '/seed'),
		state: () => control('GET', '/state'),
		reset: () => control('POST', '/reset'),
		/** @param {{ method?: string, path?: string }} [filter] */
		async listRequests(filter = {}) {
			const params = new URLSearchParams();
			if (filter.method) params.set('method', filter.method);
			if (filter.path) params.set('path', filter.path);
			const query = params.toString();
			return (await control('GET', `/requests${query ? `?${query}` : ''}`)).requests;
		},
		clearRequests: () => control('DELETE', '/requests'),
		async listDeliveries() {
			return (await control('GET', '/deliveries')).deliveries;
		},
		/** @param {any} rule */
		setFault: (rule) => control('POST', '/faults', rule),
		clearFaults: () => control('DELETE', '/faults'),
		async listFaults() {
			return (await control('GET', '/faults')).faults;
		},
		/** @param {Record<string, any>} patch */
		configure: (patch) => control('POST', '/config', patch),
		/** @param {Record<string, any>} spec */
		seedAgent: (spec) => control('POST', '/agents', spec),
		/** @param {string} id */
		getAgent: (id) => control('GET', `/agents/${encodeURIComponent(id)}`),
		/** @param {Record<string, any>} spec */
		seedPathway: (spec) => control('POST', '/pathways', spec),
		/**
		 * Poll the state until `predicate(state)` returns something truthy, and return it.
		 * @param {(state: any) => any} predicate
		 * @param {{ timeoutMs?: number, intervalMs?: number }} [options]
		 */
		async waitFor(predicate, options = {}) {
			const timeoutMs = options.timeoutMs ?? 10000;
			const intervalMs = options.intervalMs ?? 50;
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const value = predicate(await control('GET', '/state'));
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`simulator waitFor timed out after ${timeoutMs} ms`);
				await pause(intervalMs);
			}
		},
	};
	return client;
}

module.exports = { simulatorClient };

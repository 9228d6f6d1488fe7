'use strict';
const https = require('node:https');

/**
 * A tiny https endpoint standing in for a customer's order API, which the Custom Tool "Test"
 * operation calls from n8n (n8n trusts the suite's certificate). Records every request.
 */
function startToolServer(tlsCert, port = 0) {
	const requests = [];
	const server = https.createServer({ key: tlsCert.key, cert: tlsCert.cert }, (req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			requests.push({ method: req.method, url: req.url, headers: req.headers, body });
			let input = {};
			try {
				input = body ? JSON.parse(body) : {};
			} catch {
				input = { raw: body };
			}
			res.setHeader('content-type', 'application/json');
			res.end(
				JSON.stringify({
					order: { id: input.order_id || 'A-1001', status: 'shipped', eta: '2026-12-01' },
					received: input,
				}),
			);
		});
	});
	return new Promise((resolve) =>
		server.listen(port, '127.0.0.1', () =>
			resolve({
				url: `https://127.0.0.1:${server.address().port}`,
				requests,
				close: () =>
					new Promise((r) => {
						server.close(r);
						server.closeAllConnections();
					}),
			}),
		),
	);
}

module.exports = { startToolServer };

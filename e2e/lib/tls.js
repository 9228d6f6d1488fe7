'use strict';
/**
 * HTTPS in front of n8n's webhooks, the way production instances run behind a TLS-terminating
 * reverse proxy (WEBHOOK_URL=https://…). Bland only delivers webhooks to https:// URLs, so the
 * suite and the demo give n8n an https webhook base backed by a throw-away self-signed certificate
 * that this process (the simulator's webhook sender) trusts.
 */
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const tls = require('node:tls');
const { execFileSync } = require('node:child_process');

/** A self-signed certificate for 127.0.0.1/localhost, valid for a few days. */
function selfSignedCertificate(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-tls-'))) {
	const keyPath = path.join(dir, 'key.pem');
	const certPath = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '7',
			'-keyout', keyPath, '-out', certPath,
			'-subj', '/CN=127.0.0.1',
			'-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	return { dir, keyPath, certPath, key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) };
}

/** Makes every https request of this process (default agent) accept the certificate. */
function trustInThisProcess(cert) {
	https.globalAgent.options.ca = [...tls.rootCertificates, cert.toString()];
}

/** An https → http reverse proxy to 127.0.0.1:<targetPort>. Resolves to {port, url, close()}. */
function startTlsProxy({ key, cert, targetPort, port = 0 }) {
	const server = https.createServer({ key, cert }, (req, res) => {
		const upstream = http.request(
			{
				host: '127.0.0.1',
				port: targetPort,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, 'x-forwarded-proto': 'https' },
			},
			(up) => {
				res.writeHead(up.statusCode || 502, up.headers);
				up.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`proxy error: ${error.message}`);
		});
		req.pipe(upstream);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const actual = server.address().port;
			resolve({
				port: actual,
				url: `https://127.0.0.1:${actual}`,
				close: () =>
					new Promise((r) => {
						server.close(() => r());
						server.closeAllConnections();
					}),
			});
		});
	});
}

module.exports = { selfSignedCertificate, trustInThisProcess, startTlsProxy };

'use strict';
/**
 * Shared set-up for the suite and the demo: runtime install, package build, simulator, n8n, owner
 * and credentials.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ensureRuntime, selectedVersion } = require('./install');
const { N8n, buildAndPack, freePort } = require('./n8n');
const { selfSignedCertificate, trustInThisProcess } = require('./tls');

const SIM_KEYS = { bolnaApiKey: 'bn-sim-key', blandApiKey: 'sk-sim-key', blandWebhookSecret: 'whsec-sim' };
const OWNER = { email: 'owner@example.com', password: 'VoiceAgents1', firstName: 'Demo', lastName: 'Owner' };

function loadSimulator() {
	// eslint-disable-next-line global-require
	return require(path.resolve(__dirname, '..', '..', 'simulator'));
}

function timer() {
	const started = Date.now();
	return () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
}

/** Starts the simulator in-process. */
async function startSimulator({ port, clockMs, correctedTranscriptDelayMs } = {}) {
	const { startSimulator: start } = loadSimulator();
	return start({
		port: port || (await freePort()),
		host: '127.0.0.1',
		...SIM_KEYS,
		...(clockMs !== undefined ? { clockMs } : {}),
		...(correctedTranscriptDelayMs !== undefined ? { correctedTranscriptDelayMs } : {}),
	});
}

/** Creates the credentials pointing at the simulator. Returns {bolnaApi, blandAiApi, bolnaWrongKey, blandWrongKey}. */
async function createCredentials(n8n, simUrl, { wrongKeys = false } = {}) {
	const baseUrl = simUrl.replace(/\/+$/, '');
	const creds = {
		bolnaApi: await n8n.createCredential('Bolna (simulator)', 'bolnaApi', {
			apiKey: SIM_KEYS.bolnaApiKey,
			baseUrl,
			allowedDestinations: '',
		}),
		blandAiApi: await n8n.createCredential('Bland AI (simulator)', 'blandAiApi', {
			apiKey: SIM_KEYS.blandApiKey,
			baseUrl,
			webhookSecret: SIM_KEYS.blandWebhookSecret,
			encryptedKeySecret: '',
			allowedDestinations: '',
		}),
	};
	if (wrongKeys) {
		creds.bolnaWrongKey = await n8n.createCredential('Bolna (wrong key)', 'bolnaApi', {
			apiKey: 'bn-wrong-key-SECRET-0123456789',
			baseUrl,
			allowedDestinations: '',
		});
		creds.blandWrongKey = await n8n.createCredential('Bland AI (wrong key)', 'blandAiApi', {
			apiKey: 'sk-wrong-key-SECRET-0123456789',
			baseUrl,
			webhookSecret: SIM_KEYS.blandWebhookSecret,
			encryptedKeySecret: '',
			allowedDestinations: '',
		});
	}
	return creds;
}

/**
 * Installs the runtime, builds and packs the package, boots n8n. Logs timings through `say`.
 * `version`: the n8n to run (default $E2E_N8N_VERSION, else the pinned 2.41.1).
 */
async function bootN8n({ say = console.log, port, webhookPort, userFolder, source, version = selectedVersion() } = {}) {
	let t = timer();
	const runtime = await ensureRuntime(version);
	const timings = { install: t(), installCached: runtime.n8n.cached };
	say(`runtime: Node ${runtime.node.node} + n8n ${runtime.n8n.version} (${runtime.n8n.cached ? 'cached' : 'installed'}, ${timings.install})`);
	t = timer();
	const tarballs = await buildAndPack({ source });
	timings.pack = t();
	say(`packages: built and packed ${tarballs.map((t) => path.basename(t)).join(', ')} (${timings.pack})`);
	t = timer();
	const tlsCert = selfSignedCertificate();
	trustInThisProcess(tlsCert.cert);
	const n8n = await N8n.start({ runtime, tarballs, port, webhookPort, userFolder, tlsCert });
	timings.boot = t();
	say(`n8n: ready at ${n8n.baseUrl}, webhooks at ${n8n.webhookBaseUrl} (package install + boot ${timings.boot}; user folder ${n8n.userFolder})`);
	/** Removes what the boot left in the temp directory (call after n8n.stop()). */
	const cleanup = () => {
		for (const dir of [n8n.userFolder, path.dirname(tarballs[0]), tlsCert.dir]) {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
	return { n8n, runtime, tarballs, timings, tlsCert, cleanup };
}

module.exports = { SIM_KEYS, OWNER, startSimulator, createCredentials, bootN8n, timer, loadSimulator };

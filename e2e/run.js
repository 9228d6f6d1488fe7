'use strict';
/**
 * End-to-end suite: a real, pinned n8n with this package installed from its npm tarball, run
 * against the local simulator of the Bolna and Bland AI APIs.
 *
 *   npm run test:e2e                       all scenarios, in n8n 2.41.1
 *   npm run test:e2e -- bolna              only scenarios whose file name contains "bolna"
 *   npm run test:e2e -- --n8n 1.123.81     in another n8n (one with a directory e2e/runtime/n8n-<version>/)
 *   npm run test:e2e -- --queue            queue mode: PostgreSQL + Redis + main + 2 workers + a webhook
 *                                          processor (lib/queue.js); runs the scenarios marked for it
 *
 * Environment: E2E_N8N_VERSION (the n8n to test, as --n8n; default 2.41.1), N8N_E2E_CACHE
 * (install cache), E2E_SOURCE=head (build the last commit instead of the working tree),
 * E2E_KEEP=1 (leave n8n and the simulator running after the run, for inspection).
 */
const { OWNER, startSimulator, createCredentials, bootN8n, timer } = require('./lib/env');
const { buildAndPack } = require('./lib/n8n');
const { startQueueMode } = require('./lib/queue');
const { selfSignedCertificate, trustInThisProcess } = require('./lib/tls');
const { ensureRuntime, selectedVersion } = require('./lib/install');
const { N8n } = require('./lib/n8n');
const { startToolServer } = require('./lib/toolServer');
const scenarios = require('./scenarios');

/** `[--n8n <version>] [filter]` → { version, filter }. */
function parseArgs(argv) {
	let version = selectedVersion();
	let filter;
	let queue = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--queue') queue = true;
		else if (arg === '--n8n') {
			version = argv[++i];
			if (!version) throw new Error('--n8n needs a version, e.g. --n8n 1.123.81');
		} else if (arg.startsWith('--n8n=')) version = arg.slice('--n8n='.length);
		else filter = arg;
	}
	return { version, filter, queue };
}

/** Queue mode: the whole set-up; `n8n` is its main process, webhooks go to the webhook processor. */
async function bootQueueMode({ say, version }) {
	const runtime = await ensureRuntime(version);
	const tarballs = await buildAndPack();
	const t = timer();
	const cluster = await startQueueMode({ runtime, tarballs });
	say(
		`queue mode: PostgreSQL + Redis, main ${cluster.main.baseUrl}, ${cluster.workers.length} workers, webhook processor ${cluster.webhookBaseUrl} (boot ${t()})`,
	);
	// For the local https tool endpoint some scenarios call (the webhooks themselves are plain http here).
	const tlsCert = selfSignedCertificate();
	trustInThisProcess(tlsCert.cert);
	return {
		n8n: cluster.main,
		cluster,
		tlsCert,
		cleanup: () => {},
		stop: cluster.stop,
		// What "n8n restarts" means for the triggers here: the process that receives the webhooks.
		restart: async () => await cluster.webhookProcessor.restart(),
	};
}

async function main() {
	const { version, filter, queue } = parseArgs(process.argv.slice(2));
	const mode = queue ? 'queue' : 'regular';
	const selected = scenarios.filter((s) => (!filter || s.file.includes(filter)) && s.modes.includes(mode));
	const total = timer();
	const say = (line) => process.stdout.write(`${line}\n`);
	let n8n;
	let boot;
	let sim;
	let tool;
	let passed = 0;
	let failed = 0;
	// n8n runs in its own process group (so it can be stopped with its task runners); a Ctrl-C
	// here must therefore stop it explicitly.
	const onSignal = async (signal) => {
		say(`${signal}: stopping n8n and the simulator`);
		if (boot && boot.stop) await boot.stop();
		else if (n8n) await n8n.stop();
		if (sim) await sim.close();
		if (tool) await tool.close();
		if (boot) boot.cleanup();
		process.exit(130);
	};
	if (process.env.E2E_KEEP !== '1') {
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
	}
	try {
		say(`n8n under test: ${version} (${mode} mode)`);
		boot = queue ? await bootQueueMode({ say, version }) : await bootN8n({ say, version });
		n8n = boot.n8n;
		sim = await startSimulator();
		tool = await startToolServer(boot.tlsCert);
		say(`simulator: ${sim.url}; tool endpoint: ${tool.url}`);
		await n8n.setupOwner(OWNER);
		const credentials = await createCredentials(n8n, sim.url, { wrongKeys: true });
		const nodeTypes = await n8n.request('GET', '/types/nodes.json').catch(() => []);
		const restart = boot.restart || (async () => await n8n.restart());
		const ctx = { n8n, sim, tool, credentials, nodeTypes, N8n, say, mode, cluster: boot.cluster, restart };

		const runTimer = timer();
		for (const scenario of selected) {
			const t = timer();
			if (typeof sim.reset === 'function') await sim.reset();
			tool.requests.length = 0;
			try {
				const asserted = (await scenario.run(ctx)) || [];
				passed++;
				say(`ok   ${scenario.title} (${t()})`);
				for (const line of asserted) say(`       - ${line}`);
			} catch (error) {
				failed++;
				say(`FAIL ${scenario.title} (${t()})`);
				say(`       ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 8).join('\n       ')}`);
			}
		}
		say(`scenarios: ${runTimer()}; total ${total()} (n8n ${n8n.runtime.n8n.version})`);
		if (failed) say(`--- n8n log (tail) ---\n${n8n.logTail(40)}\n--- end of n8n log ---`);
	} catch (error) {
		failed = Math.max(1, selected.length - passed);
		say(`FAIL set-up: ${error && error.stack ? error.stack : error}`);
		if (n8n) say(`--- n8n log (tail) ---\n${n8n.logTail(60)}\n--- end of n8n log ---`);
	} finally {
		if (process.env.E2E_KEEP === '1' && n8n) {
			say(`E2E_KEEP=1: n8n stays at ${n8n.baseUrl} (login ${OWNER.email} / ${OWNER.password}); Ctrl-C to stop`);
			await new Promise((resolve) => {
				process.once('SIGINT', resolve);
				process.once('SIGTERM', resolve);
			});
		}
		if (boot && boot.stop) await boot.stop();
		else if (n8n) await n8n.stop();
		if (sim) await sim.close();
		if (tool) await tool.close();
		if (boot && process.env.E2E_KEEP !== '1') boot.cleanup();
	}
	say(`tested in n8n ${version} (${mode} mode)`);
	say(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main();

'use strict';
/**
 * A real n8n with this package installed the way a user installs it, driven over the REST API the
 * editor uses. Used by the end-to-end suite (e2e/run.js) and the demo (e2e/demo.js).
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const axios = require('axios');

const https = require('node:https');

const { REPO_ROOT, node24Env, run } = require('./install');
const { startTlsProxy } = require('./tls');

/** The packages this repository builds (packages/<dir>/package.json), installed side by side as users do. */
const PACKAGE_NAMES = ['n8n-nodes-voice-agents-bolna', 'n8n-nodes-voice-agents-bland-ai'];
const ENCRYPTION_KEY = 'n8n-nodes-voice-agents-e2e-encryption-key';

function freePort(host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function isPortFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a build needs: the package manifest, build configs, docs that ship, and the sources. */
const BUILD_INPUTS = ['package.json', 'tsconfig.json', 'gulpfile.js', 'README.md', 'LICENSE.md', 'credentials', 'nodes', 'packages'];

/**
 * Builds and packs both packages in a staging copy, so a build running in the checkout at the same
 * time cannot hand n8n a half-written dist/. `source`: 'worktree' (default: the files as they are
 * on disk) or 'head' (the last commit, via git archive). Returns the paths of the tarballs.
 */
async function buildAndPack({ source = process.env.E2E_SOURCE || 'worktree' } = {}) {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-build-'));
	const inputs = BUILD_INPUTS.filter((entry) => fs.existsSync(path.join(REPO_ROOT, entry)));
	if (source === 'head') {
		const tarFile = path.join(stage, 'src.tar');
		await run('git', ['archive', '--format=tar', '-o', tarFile, 'HEAD', ...inputs], { cwd: REPO_ROOT });
		await run('tar', ['-xf', tarFile, '-C', stage]);
		fs.rmSync(tarFile);
	} else {
		for (const entry of inputs) {
			fs.cpSync(path.join(REPO_ROOT, entry), path.join(stage, entry), { recursive: true, verbatimSymlinks: true, filter: (from) => !/[\\/]packages[\\/][^\\/]+[\\/](dist|LICENSE\.md)$/.test(from) });
		}
	}
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-pack-'));
	try {
		await run('npm', ['run', 'build'], { cwd: stage });
		const tarballs = [];
		for (const dir of fs.readdirSync(path.join(stage, 'packages'))) {
			const out = await run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: path.join(stage, 'packages', dir) });
			const info = JSON.parse(out.slice(out.indexOf('[')));
			tarballs.push(path.join(dest, info[0].filename));
		}
		return tarballs;
	} catch (error) {
		fs.rmSync(dest, { recursive: true, force: true });
		throw error;
	} finally {
		fs.rmSync(stage, { recursive: true, force: true });
	}
}

/**
 * A fresh N8N_USER_FOLDER with the package installed into .n8n/nodes exactly as n8n's community
 * package installer does it (npm install <tarball>; n8n-workflow comes from n8n itself).
 */
async function prepareUserFolder(runtime, tarballs, userFolder) {
	const folder = userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-n8n-'));
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
	);
	await run(
		'npm',
		['install', ...tarballs, '--legacy-peer-deps', '--omit=peer', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock'],
		{ cwd: nodesDir, env: node24Env(runtime.node.nodeDir) },
	);
	for (const name of PACKAGE_NAMES) {
		const installed = path.join(nodesDir, 'node_modules', name, 'package.json');
		if (!fs.existsSync(installed)) throw new Error(`${name} not installed into ${nodesDir}`);
		const { dependencies = {} } = JSON.parse(fs.readFileSync(installed, 'utf8'));
		if (Object.keys(dependencies).length) throw new Error(`${name} declares runtime dependencies: ${Object.keys(dependencies).join(', ')}`);
	}
	return folder;
}

class N8n {
	constructor({ runtime, userFolder, port, brokerPort, logFile, tlsCert, command = 'start' }) {
		this.runtime = runtime;
		/** `start` (the main process), or in queue mode `worker` or `webhook` (a webhook processor). */
		this.command = command;
		this.tlsCert = tlsCert;
		this.httpsAgent = tlsCert ? new https.Agent({ ca: tlsCert.cert }) : undefined;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.logFile = logFile;
		this.baseUrl = `http://127.0.0.1:${port}`;
		/** Base of the URLs n8n gives its webhooks (what triggers register with the providers). */
		this.webhookBaseUrl = this.baseUrl;
		this.cookie = '';
		this.browserId = crypto.randomUUID();
		this.proc = null;
		this.exited = null;
	}

	/**
	 * Boots n8n and waits until its REST API answers. Options: runtime (from install.ensureRuntime),
	 * tarballs (from buildAndPack), port (default: a free one), userFolder, env (extra variables),
	 * tlsCert (from tls.selfSignedCertificate: webhooks are then served on https through a local
	 * TLS proxy, as behind a production reverse proxy; webhookPort picks its port).
	 */
	static async start({ runtime, tarballs, port, userFolder, env = {}, tlsCert, webhookPort, readyTimeoutMs = 120_000 }) {
		const folder = await prepareUserFolder(runtime, tarballs, userFolder);
		const n8n = new N8n({
			runtime,
			userFolder: folder,
			port: port || (await freePort()),
			brokerPort: await freePort(),
			logFile: path.join(folder, 'n8n.log'),
			tlsCert,
		});
		if (tlsCert) {
			n8n.proxy = await startTlsProxy({ key: tlsCert.key, cert: tlsCert.cert, targetPort: n8n.port, port: webhookPort || 0 });
			n8n.webhookBaseUrl = n8n.proxy.url;
		}
		n8n.spawn(env);
		try {
			await n8n.waitReady(readyTimeoutMs);
		} catch (error) {
			error.message += `\n--- n8n log (tail) ---\n${n8n.logTail()}`;
			await n8n.stop();
			throw error;
		}
		return n8n;
	}

	spawn(extraEnv = {}) {
		this.extraEnv = extraEnv;
		const url = `${this.webhookBaseUrl}/`;
		const env = node24Env(this.runtime.node.nodeDir, {
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: url,
			N8N_WEBHOOK_URL: url,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			...(this.tlsCert ? { NODE_EXTRA_CA_CERTS: this.tlsCert.certPath } : {}),
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			...extraEnv,
		});
		delete env.NODE_OPTIONS;
		const out = fs.openSync(this.logFile, 'a');
		this.proc = spawn(this.runtime.node.node, [this.runtime.n8n.bin, this.command], {
			cwd: this.userFolder,
			env,
			detached: true,
			stdio: ['ignore', out, out],
		});
		fs.closeSync(out);
		this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
		const pid = this.proc.pid;
		this.onExit = () => {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		};
		process.on('exit', this.onExit);
	}

	async waitReady(timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		let exited = false;
		this.exited.then(() => (exited = true));
		// Workers and webhook processors have no REST API: they say so in their log when ready.
		const readyLine = { worker: 'n8n worker is now ready', webhook: 'Webhook listener waiting for requests' }[this.command];
		const logSize = fs.existsSync(this.logFile) ? fs.statSync(this.logFile).size : 0;
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n ${this.command} exited during start-up`);
			if (readyLine) {
				if (this.log().slice(logSize).includes(readyLine)) return;
				await sleep(250);
				continue;
			}
			try {
				const res = await axios.get(`${this.baseUrl}/rest/settings`, { timeout: 2000, validateStatus: () => true });
				if (res.status === 200 && res.data && typeof res.data === 'object' && res.data.data) return;
			} catch {
				/* not listening yet */
			}
			await sleep(250);
		}
		throw new Error(`n8n ${this.command} did not become ready within ${timeoutMs} ms`);
	}

	logTail(lines = 60) {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	log() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** Stops n8n and every process it started (its process group). */
	async stop() {
		if (this.proxy) await this.proxy.close();
		await this.stopProcess();
	}

	/**
	 * Restarts the n8n process on the same database, port and webhook address, as an operator's
	 * restart (or a crash and restart) would. The login cookie stays valid.
	 */
	async restart({ readyTimeoutMs = 120_000 } = {}) {
		await this.stopProcess();
		this.spawn(this.extraEnv);
		await this.waitReady(readyTimeoutMs);
	}

	async stopProcess() {
		if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
		const pid = this.proc.pid;
		try {
			process.kill(-pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const done = await Promise.race([this.exited.then(() => true), sleep(10_000).then(() => false)]);
		if (!done) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
			await this.exited;
		}
		// Task runners live in the same process group; make sure none is left behind.
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			/* group empty */
		}
		process.removeListener('exit', this.onExit);
	}

	// ---- REST ------------------------------------------------------------------------------

	async request(method, urlPath, data, { allowStatus } = {}) {
		const res = await axios({
			method,
			url: `${this.baseUrl}${urlPath}`,
			data,
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
			validateStatus: () => true,
			timeout: 60_000,
		});
		const setCookie = res.headers['set-cookie'];
		if (setCookie) {
			const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
			if (auth) this.cookie = auth;
		}
		if ((res.status < 200 || res.status >= 300) && !(allowStatus && allowStatus.includes(res.status))) {
			const body = typeof res.data === 'string' ? res.data : JSON.stringify(res.data);
			throw new Error(`n8n ${method} ${urlPath} -> ${res.status}: ${body.slice(0, 1000)}`);
		}
		return res.data && typeof res.data === 'object' && 'data' in res.data ? res.data.data : res.data;
	}

	/** Creates the owner account (fresh instance only) and logs in. */
	async setupOwner({ email, password, firstName = 'Demo', lastName = 'Owner' }) {
		await this.request('POST', '/rest/owner/setup', { email, firstName, lastName, password });
		await this.login(email, password);
	}

	async login(email, password) {
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (!this.cookie) throw new Error('n8n login returned no auth cookie');
	}

	async createCredential(name, type, data) {
		const created = await this.request('POST', '/rest/credentials', { name, type, data });
		return { id: created.id, name: created.name, type };
	}

	/**
	 * Creates a workflow (inactive). `credentials` maps credential type → {id, name}; every node that
	 * references that type gets the id rewritten, so example files can name credentials only.
	 */
	async createWorkflow(workflow, credentials = {}) {
		const nodes = (workflow.nodes || []).map((node) => {
			if (!node.credentials) return node;
			const creds = {};
			for (const [type, ref] of Object.entries(node.credentials)) {
				creds[type] = credentials[type] ? { id: credentials[type].id, name: credentials[type].name } : ref;
			}
			return { ...node, credentials: creds };
		});
		const body = {
			name: workflow.name,
			nodes,
			connections: workflow.connections || {},
			settings: { executionOrder: 'v1', ...(workflow.settings || {}) },
			pinData: workflow.pinData || {},
			active: false,
		};
		const created = await this.request('POST', '/rest/workflows', body);
		return { id: created.id, versionId: created.versionId, name: created.name };
	}

	async getWorkflow(id) {
		return this.request('GET', `/rest/workflows/${id}`);
	}

	async listWorkflows() {
		return this.request('GET', '/rest/workflows');
	}

	/** n8n's major version (1 or 2): the REST API for activation differs. */
	get major() {
		return Number(String(this.runtime.n8n.version).split('.')[0]);
	}

	/**
	 * Activates a workflow and returns once n8n has registered its triggers. Throws when a trigger
	 * failed.
	 * 2.x publishes: POST /rest/workflows/<id>/activate returns before the triggers' webhook methods
	 * ran, so the publication status is polled.
	 * 1.x: PATCH /rest/workflows/<id> {active: true} runs the triggers' webhook methods (and
	 * registers the webhooks) before it answers, and answers 400 with the trigger's error (leaving
	 * the workflow inactive) when one fails.
	 */
	async activate(id, versionId) {
		if (!versionId) versionId = (await this.getWorkflow(id)).versionId;
		if (this.major < 2) {
			const updated = await this.request('PATCH', `/rest/workflows/${id}`, { active: true, versionId });
			if (!updated || updated.active !== true) {
				throw new Error(`activation of workflow ${id}: n8n answered ${JSON.stringify(updated).slice(0, 500)}`);
			}
			return updated;
		}
		const result = await this.request('POST', `/rest/workflows/${id}/activate`, { versionId });
		const status = await this.waitForPublication(id, (s) => ['published', 'partial', 'failed'].includes(s.status) && (!s.liveVersionId || s.liveVersionId === versionId));
		if (status && status.status !== 'published') {
			const errors = (status.triggers || []).filter((t) => t.errorMessage).map((t) => t.errorMessage);
			throw new Error(`activation of workflow ${id} ${status.status}: ${errors.join('; ') || JSON.stringify(status)}`);
		}
		return result;
	}

	/**
	 * Deactivates (2.x: unpublishes) a workflow and returns once its triggers are removed (1.x: the
	 * PATCH answers after the triggers' delete methods ran).
	 */
	async deactivate(id) {
		if (this.major < 2) {
			const { versionId } = await this.getWorkflow(id);
			const updated = await this.request('PATCH', `/rest/workflows/${id}`, { active: false, versionId });
			if (!updated || updated.active !== false) {
				throw new Error(`deactivation of workflow ${id}: n8n answered ${JSON.stringify(updated).slice(0, 500)}`);
			}
			return updated;
		}
		const result = await this.request('POST', `/rest/workflows/${id}/deactivate`, {});
		await this.waitForPublication(id, (s) => s.status === 'not_published');
		return result;
	}

	/** Polls GET /rest/workflows/<id>/publication-status (2.x) until `done(status)`; null where it does not exist. */
	async waitForPublication(id, done, timeoutMs = 30_000) {
		const deadline = Date.now() + timeoutMs;
		let status;
		while (Date.now() < deadline) {
			try {
				status = await this.request('GET', `/rest/workflows/${id}/publication-status`);
			} catch (error) {
				if (/-> 404/.test(error.message)) return null;
				throw error;
			}
			if (done(status)) return status;
			await sleep(100);
		}
		throw new Error(`workflow ${id}: publication status still ${JSON.stringify(status)} after ${timeoutMs} ms`);
	}

	/** Creates and activates; returns {id, versionId, name}. */
	async deploy(workflow, credentials) {
		const created = await this.createWorkflow(workflow, credentials);
		await this.activate(created.id, created.versionId);
		return created;
	}

	/** POST /webhook/<path> (a production webhook). Returns {status, data, headers}. */
	async webhook(webhookPath, body, options = {}) {
		return this.post(`${this.baseUrl}/webhook/${webhookPath}`, body, options);
	}

	/** POST to any URL (an https webhook URL included). Returns {status, data, headers}. */
	async post(url, body, { method = 'POST', headers = {}, rawBody } = {}) {
		const res = await axios({
			method,
			url,
			httpsAgent: this.httpsAgent,
			data: rawBody !== undefined ? rawBody : body,
			headers: rawBody !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
			validateStatus: () => true,
			timeout: 120_000,
			maxBodyLength: Infinity,
			maxContentLength: Infinity,
			transformRequest: rawBody !== undefined ? [(d) => d] : undefined,
		});
		return { status: res.status, data: res.data, headers: res.headers };
	}

	/**
	 * Executions of a workflow, newest first (summary objects: id, status, mode, ...), every page.
	 * n8n 1.x repeats running executions on every page: each execution is listed once.
	 */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: String(workflowId) }));
		const byId = new Map();
		const all = {
			push: (...list) => list.forEach((e) => byId.set(String(e.id), e)),
			get list() {
				return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id) || String(b.id).localeCompare(String(a.id)));
			},
		};
		// n8n 2.x pages with an opaque `nextCursor`; 1.x with the last id seen.
		for (let next = ''; ; ) {
			const data = await this.request('GET', `/rest/executions?filter=${filter}&limit=100${next}`);
			const page = Array.isArray(data) ? data : data.results || [];
			all.push(...page);
			if (data && typeof data.nextCursor === 'string' && data.nextCursor) next = `&cursor=${data.nextCursor}`;
			else if (data && 'nextCursor' in data) return all.list;
			else if (page.length < 100) return all.list;
			else next = `&lastId=${page[page.length - 1].id}`;
		}
	}

	/** One execution with its run data decoded: {…summary, runData, error, lastNodeExecuted, raw}. */
	async execution(id) {
		const data = await this.request('GET', `/rest/executions/${id}`);
		const raw = typeof data.data === 'string' ? data.data : JSON.stringify(data.data);
		const decoded = typeof data.data === 'string' ? this.unflatten(data.data) : data.data;
		const resultData = (decoded && decoded.resultData) || {};
		return {
			...data,
			raw,
			runData: resultData.runData || {},
			error: resultData.error,
			lastNodeExecuted: resultData.lastNodeExecuted,
		};
	}

	/** JSON items a node produced in an execution (first run, main output `outputIndex`). */
	static nodeOutput(execution, nodeName, outputIndex = 0) {
		const runs = execution.runData[nodeName];
		if (!runs || !runs.length) return undefined;
		const main = runs[0].data && runs[0].data.main;
		if (!main || !main[outputIndex]) return [];
		return main[outputIndex].map((item) => item.json);
	}

	static nodeError(execution, nodeName) {
		const runs = execution.runData[nodeName];
		return runs && runs[0] && runs[0].error;
	}

	unflatten(text) {
		if (!this.flatted) {
			this.flatted = require(require.resolve('flatted', { paths: [path.join(this.runtime.n8n.dir, 'node_modules', 'n8n')] }));
		}
		return this.flatted.parse(text);
	}

	/** Polls until `count` executions of the workflow have finished (any final status). */
	async waitForExecutions(workflowId, count, timeoutMs = 30_000) {
		const deadline = Date.now() + timeoutMs;
		let list = [];
		while (Date.now() < deadline) {
			list = await this.executions(workflowId);
			const finished = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			if (finished.length >= count) return finished;
			await sleep(200);
		}
		throw new Error(
			`expected ${count} finished executions of workflow ${workflowId}, found ${list.length}: ${JSON.stringify(
				list.map((e) => e.status),
			)}`,
		);
	}
}

module.exports = { N8n, buildAndPack, prepareUserFolder, freePort, isPortFree, sleep, PACKAGE_NAMES, ENCRYPTION_KEY };

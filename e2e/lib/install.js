'use strict';
/**
 * Installs the runtime the end-to-end suite and the demo need, outside the checkout:
 *   - Node 24 (from the npm registry: the `node` package), which n8n 2.x requires;
 *   - the pinned n8n from e2e/runtime/n8n-<version>/ (package.json + package-lock.json),
 *     into a cache directory keyed by a hash of those two files.
 * A finished install is marked with `.complete` and reused as is, so a second run takes milliseconds.
 *
 * Cache root: $N8N_E2E_CACHE, or ~/.cache/n8n-nodes-voice-agents/.
 * Run directly (`node e2e/lib/install.js [version]`, default $E2E_N8N_VERSION or 2.41.1) to install
 * without running anything else.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The default n8n (what users run today); others: a directory e2e/runtime/n8n-<version>/. */
const N8N_VERSION = '2.41.1';
const NODE_MAJOR = 24;

function cacheRoot() {
	return process.env.N8N_E2E_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-voice-agents');
}

function log(message) {
	process.stdout.write(`[install] ${message}\n`);
}

/** Runs a command, streaming nothing; resolves with stdout, rejects with the output tail. */
function run(cmd, args, { cwd, env, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env: env || process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		const sink = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
		const onData = (chunk) => {
			out += chunk.toString();
			if (out.length > 2_000_000) out = out.slice(-1_000_000);
			if (sink) sink.write(chunk);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', reject);
		child.on('close', (code) => {
			if (sink) sink.end();
			if (code === 0) resolve(out);
			else {
				const error = new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${out.slice(-4000)}`);
				error.output = out;
				reject(error);
			}
		});
	});
}

/** Environment in which npm/node resolve to Node 24 and native modules build against its headers. */
function node24Env(nodeDir, extra = {}) {
	const env = { ...process.env, ...extra };
	env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`;
	env.npm_config_nodedir = nodeDir;
	env.CI = env.CI || 'true';
	env.npm_config_yes = 'true';
	env.npm_config_update_notifier = 'false';
	delete env.npm_config_prefix;
	return env;
}

function nodeVersionOf(binary) {
	try {
		return require('node:child_process').execFileSync(binary, ['-v'], { encoding: 'utf8' }).trim();
	} catch {
		return '';
	}
}

/** Node 24 from the npm registry. Returns { nodeDir, binDir, node }. */
async function ensureNode24() {
	const base = path.join(cacheRoot(), `node-${NODE_MAJOR}`);
	const archPkg = `node-${process.platform}-${process.arch}`;
	const candidates = [
		path.join(base, 'node_modules', 'node', 'node_modules', archPkg),
		path.join(base, 'node_modules', archPkg),
	];
	const found = () =>
		candidates.find((dir) => nodeVersionOf(path.join(dir, 'bin', 'node')).startsWith(`v${NODE_MAJOR}.`));
	let nodeDir = found();
	if (!nodeDir) {
		log(`installing Node ${NODE_MAJOR} into ${base}`);
		fs.mkdirSync(base, { recursive: true });
		fs.writeFileSync(path.join(base, 'package.json'), '{ "private": true }\n');
		const env = { ...process.env, CI: 'true', npm_config_yes: 'true' };
		await run('npm', ['install', `node@${NODE_MAJOR}`, '--no-audit', '--no-fund'], { cwd: base, env });
		nodeDir = found();
		if (!nodeDir) {
			// The `node` package fetches its platform binary in a preinstall script; when scripts are
			// disabled by configuration, install the platform package directly.
			await run('npm', ['install', `${archPkg}@${NODE_MAJOR}`, '--no-audit', '--no-fund'], { cwd: base, env });
			nodeDir = found();
		}
		if (!nodeDir) throw new Error(`Node ${NODE_MAJOR} could not be installed into ${base}`);
	}
	const binDir = path.join(nodeDir, 'bin');
	return { nodeDir, binDir, node: path.join(binDir, 'node') };
}

function majorOf(version) {
	return Number(String(version).split('.')[0]);
}

/** The n8n version to test: $E2E_N8N_VERSION, or the default. */
function selectedVersion() {
	return process.env.E2E_N8N_VERSION || N8N_VERSION;
}

function runtimeSource(version = N8N_VERSION) {
	return path.join(REPO_ROOT, 'e2e', 'runtime', `n8n-${version}`);
}

function lockHash(srcDir) {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const full = path.join(srcDir, file);
		if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
	}
	return hash.digest('hex').slice(0, 16);
}

/**
 * The pinned n8n. Returns { dir, bin, version, cached } where bin is the n8n CLI script.
 * Without a lockfile in e2e/runtime (first time only) it runs `npm install` and copies the
 * generated lockfile back so it can be committed.
 */
async function ensureN8n(nodeInfo, version = N8N_VERSION) {
	const src = runtimeSource(version);
	if (!fs.existsSync(path.join(src, 'package.json'))) {
		const known = fs.readdirSync(path.dirname(src)).filter((d) => d.startsWith('n8n-')).map((d) => d.slice(4));
		throw new Error(`no runtime for n8n ${version}: missing ${src}/package.json (available: ${known.join(', ')})`);
	}
	const hasLock = fs.existsSync(path.join(src, 'package-lock.json'));
	const dir = path.join(cacheRoot(), `n8n-${version}-${lockHash(src)}`);
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (fs.existsSync(path.join(dir, '.complete')) && fs.existsSync(bin)) {
		return { dir, bin, version, cached: true };
	}
	const tmp = `${dir}.partial-${process.pid}`;
	fs.rmSync(tmp, { recursive: true, force: true });
	fs.mkdirSync(tmp, { recursive: true });
	fs.copyFileSync(path.join(src, 'package.json'), path.join(tmp, 'package.json'));
	if (hasLock) fs.copyFileSync(path.join(src, 'package-lock.json'), path.join(tmp, 'package-lock.json'));
	const env = node24Env(nodeInfo.nodeDir);
	const logFile = path.join(tmp, 'install.log');
	const started = Date.now();
	// 2.x: install scripts off (a dependency tries to download a prebuilt binary), then build
	// sqlite3 alone. 1.x: scripts on (its native modules build in their install scripts).
	const ignoreScripts = majorOf(version) >= 2;
	log(`installing n8n ${version} into ${dir} (one-off, ~3-4 min, ~${ignoreScripts ? '2.2' : '1.4'} GB; log: ${logFile})`);
	const flags = ['--legacy-peer-deps', ...(ignoreScripts ? ['--ignore-scripts'] : []), '--no-audit', '--no-fund'];
	try {
		try {
			await run('npm', [hasLock ? 'ci' : 'install', ...flags], { cwd: tmp, env, logFile });
		} catch (error) {
			// The lockfile leaves out optional platform packages (other OSes' binaries) that the
			// registry it was made against does not carry, and `npm ci` then calls it out of sync.
			// `npm install` starting from the same lockfile keeps every locked version.
			if (!hasLock || !/can only install packages when your package\.json and package-lock\.json/.test(error.output || '')) throw error;
			log('npm ci found the lockfile incomplete (optional platform packages); installing from it with npm install');
			await run('npm', ['install', ...flags], { cwd: tmp, env, logFile });
		}
		if (ignoreScripts) {
			log(`dependencies installed in ${Math.round((Date.now() - started) / 1000)} s; building sqlite3`);
			await run('npm', ['rebuild', 'sqlite3'], { cwd: tmp, env, logFile });
		}
		await run(nodeInfo.node, ['-e', "require('sqlite3')"], { cwd: path.join(tmp, 'node_modules', 'n8n'), env });
	} catch (error) {
		fs.rmSync(tmp, { recursive: true, force: true });
		throw error;
	}
	if (!hasLock) {
		fs.copyFileSync(path.join(tmp, 'package-lock.json'), path.join(src, 'package-lock.json'));
		log(`wrote ${path.relative(REPO_ROOT, src)}/package-lock.json (commit it)`);
	}
	fs.writeFileSync(path.join(tmp, '.complete'), `${new Date().toISOString()}\n`);
	// The key is recomputed: a lockfile written just now changes it.
	const finalDir = path.join(cacheRoot(), `n8n-${version}-${lockHash(src)}`);
	fs.rmSync(finalDir, { recursive: true, force: true });
	fs.renameSync(tmp, finalDir);
	log(`n8n ${version} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	return { dir: finalDir, bin: path.join(finalDir, 'node_modules', 'n8n', 'bin', 'n8n'), version, cached: false };
}

/** Both pieces: { node: {nodeDir, binDir, node}, n8n: {dir, bin, version, cached}, ms }. */
async function ensureRuntime(version = N8N_VERSION) {
	const started = Date.now();
	const node = await ensureNode24();
	const n8n = await ensureN8n(node, version);
	return { node, n8n, ms: Date.now() - started };
}

module.exports = {
	ensureRuntime,
	ensureNode24,
	ensureN8n,
	node24Env,
	cacheRoot,
	run,
	majorOf,
	lockHash,
	selectedVersion,
	REPO_ROOT,
	N8N_VERSION,
};

if (require.main === module) {
	ensureRuntime(process.argv[2] || selectedVersion())
		.then((rt) => {
			log(`Node: ${rt.node.node}`);
			log(`n8n:  ${rt.n8n.bin} (${rt.n8n.cached ? 'cached' : 'installed'}, ${rt.ms} ms)`);
		})
		.catch((error) => {
			process.stderr.write(`${error.stack || error}\n`);
			process.exit(1);
		});
}

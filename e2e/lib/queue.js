'use strict';
/**
 * n8n in queue mode on this machine, as an operator runs it: PostgreSQL and Redis (Debian's
 * packages, started here on loopback in temporary folders), one main process (editor, REST API,
 * activation), two workers that run the executions, and one webhook processor that receives the
 * production webhooks. Every process has the packages installed, the same encryption key, and
 * WEBHOOK_URL pointing at the webhook processor.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, execFileSync } = require('node:child_process');

const { N8n, freePort, prepareUserFolder, sleep } = require('./n8n');

const PG_BIN = () => {
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
	if (!versions.length) throw new Error('PostgreSQL server not found (install Debian package postgresql)');
	return path.join(base, versions[0], 'bin');
};

function which(cmd) {
	try {
		return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim();
	} catch {
		return '';
	}
}

/** Runs a command as the `postgres` system user (the server refuses to run as root). */
function asPostgres(args, options = {}) {
	return execFileSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8', ...options });
}

function detachedProcess(cmd, args, logFile, options = {}) {
	const out = fs.openSync(logFile, 'a');
	const proc = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], ...options });
	fs.closeSync(out);
	const exited = new Promise((resolve) => proc.once('exit', resolve));
	const kill = async () => {
		try {
			process.kill(-proc.pid, 'SIGTERM');
		} catch {
			return;
		}
		await Promise.race([exited, sleep(5000)]);
		try {
			process.kill(-proc.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	process.on('exit', () => {
		try {
			process.kill(-proc.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	});
	return { proc, kill };
}

async function waitFor(check, what, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return;
		await sleep(200);
	}
	throw new Error(`${what} did not start within ${timeoutMs} ms`);
}

/** A throw-away PostgreSQL cluster on a free loopback port. Returns {port, database, user, stop}. */
async function startPostgres(root) {
	const bin = PG_BIN();
	const dataDir = path.join(root, 'pg-data');
	const socketDir = path.join(root, 'pg-socket');
	fs.mkdirSync(dataDir, { recursive: true });
	fs.mkdirSync(socketDir, { recursive: true });
	execFileSync('chown', ['-R', 'postgres:postgres', dataDir, socketDir]);
	fs.chmodSync(root, 0o755);
	asPostgres([path.join(bin, 'initdb'), '-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8'], { stdio: 'ignore' });
	const port = await freePort();
	const logFile = path.join(root, 'postgres.log');
	fs.writeFileSync(logFile, '');
	execFileSync('chown', ['postgres:postgres', logFile]);
	const server = detachedProcess(
		'runuser',
		['-u', 'postgres', '--', path.join(bin, 'postgres'), '-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir, '-c', 'fsync=off'],
		logFile,
	);
	await waitFor(() => {
		try {
			asPostgres([path.join(bin, 'pg_isready'), '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
			return true;
		} catch {
			return false;
		}
	}, 'PostgreSQL');
	asPostgres([path.join(bin, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	return { port, database: 'n8n', user: 'n8n', stop: server.kill };
}

/** A Redis server on a free loopback port, without persistence. */
async function startRedis(root) {
	const redis = which('redis-server');
	if (!redis) throw new Error('redis-server not found (install Debian package redis-server)');
	const port = await freePort();
	const server = detachedProcess(redis, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], path.join(root, 'redis.log'));
	await waitFor(() => fs.readFileSync(path.join(root, 'redis.log'), 'utf8').includes('Ready to accept connections'), 'Redis');
	return { port, stop: server.kill };
}

/**
 * Boots the whole set-up. Returns { main, webhookProcessor, workers, webhookBaseUrl, stop } where
 * `main` is an N8n (REST API as in regular mode), the others N8n processes without a REST API.
 */
async function startQueueMode({ runtime, tarballs, workers: workerCount = 2, readyTimeoutMs = 180_000 }) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-queue-'));
	const userFolder = await prepareUserFolder(runtime, tarballs, path.join(root, 'n8n'));
	const pg = await startPostgres(root);
	const redis = await startRedis(root);
	const webhookPort = await freePort();
	const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
	const shared = {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_POSTGRESDB_POOL_SIZE: '20',
		N8N_LOG_LEVEL: 'info',
	};
	const processes = [];
	const boot = async (command, name, port) => {
		const n8n = new N8n({
			runtime,
			userFolder,
			port: port || (await freePort()),
			brokerPort: await freePort(),
			logFile: path.join(root, `${name}.log`),
			command,
		});
		n8n.webhookBaseUrl = webhookBaseUrl;
		n8n.name = name;
		processes.push(n8n);
		n8n.spawn({ ...shared });
		try {
			await n8n.waitReady(readyTimeoutMs);
		} catch (error) {
			error.message += `\n--- ${name} log (tail) ---\n${n8n.logTail()}`;
			throw error;
		}
		return n8n;
	};
	const stop = async () => {
		for (const p of processes.reverse()) await p.stop().catch(() => {});
		await redis.stop();
		await pg.stop();
		if (process.env.E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
	};
	try {
		// The main process runs the database migrations; the others start once it is up.
		const main = await boot('start', 'main');
		const workers = [];
		for (let i = 1; i <= workerCount; i++) workers.push(await boot('worker', `worker-${i}`));
		const webhookProcessor = await boot('webhook', 'webhook-processor', webhookPort);
		return { main, workers, webhookProcessor, webhookBaseUrl, root, stop, boot };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueMode, startPostgres, startRedis };

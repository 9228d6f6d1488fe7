import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The parts of e2e/lib's n8n instance (plain JavaScript) the benchmarks use. */
export interface N8nInstance {
	baseUrl: string;
	userFolder: string;
	logFile: string;
	setupOwner(owner: { email: string; password: string; firstName?: string; lastName?: string }): Promise<void>;
	createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string }>;
	deploy(workflow: Record<string, unknown>, credentials?: Record<string, unknown>): Promise<{ id: string }>;
	request(method: string, path: string, data?: unknown): Promise<any>;
	webhook(path: string, body: unknown): Promise<{ status: number; data: any }>;
	logTail(lines?: number): string;
	log(): string;
	stop(): Promise<void>;
}

interface E2eLib {
	ensureRuntime(): Promise<{ n8n: { version: string; cached: boolean } }>;
	buildAndPack(options?: { source?: string }): Promise<string[]>;
	N8n: { start(options: Record<string, unknown>): Promise<N8nInstance> };
}

function loadE2e(root: string): E2eLib {
	const install = require(join(root, 'e2e', 'lib', 'install.js'));
	const n8n = require(join(root, 'e2e', 'lib', 'n8n.js'));
	return { ensureRuntime: install.ensureRuntime, buildAndPack: n8n.buildAndPack, N8n: n8n.N8n };
}

/** A real n8n for one benchmark, with its owner signed up; `stop()` removes everything it made. */
export interface BenchN8n {
	n8n: N8nInstance;
	version: string;
	stop(): Promise<void>;
}

/**
 * Starts the pinned n8n (the e2e suite's runtime) with both packages packed and installed as a user
 * installs them, plus `extra` tarballs (each in a directory of its own, removed on stop). Throws with
 * the tail of n8n's log when start-up fails, after cleaning up.
 */
export async function startBenchN8n(
	root: string,
	options: { env?: Record<string, string>; extra?: () => string[] } = {},
): Promise<BenchN8n> {
	const e2e = loadE2e(root);
	const made: string[] = [];
	let n8n: N8nInstance | undefined;
	const stop = async () => {
		if (n8n) {
			await n8n.stop();
			rmSync(n8n.userFolder, { recursive: true, force: true });
		}
		for (const tarball of made) rmSync(dirname(tarball), { recursive: true, force: true });
	};
	const start = async (): Promise<BenchN8n> => {
		const runtime = await e2e.ensureRuntime();
		const tarballs = await e2e.buildAndPack();
		made.push(tarballs[0], ...(options.extra?.() ?? []));
		n8n = await e2e.N8n.start({ runtime, tarballs: [...tarballs, ...made.slice(1)], env: { N8N_LOG_LEVEL: 'warn', ...options.env } });
		await n8n.setupOwner({ email: 'owner@example.com', password: 'VoiceAgents1', firstName: 'Bench', lastName: 'Owner' });
		return { n8n, version: runtime.n8n.version, stop };
	};
	return await start().catch(async (error: unknown) => {
		if (n8n && error instanceof Error) error.message += ` — n8n log: ${n8n.logTail(5)}`;
		await stop();
		return await Promise.reject(error);
	});
}

/** A Bolna credential no request is made with (a trigger with a manual token never calls Bolna). */
export async function unusedBolnaCredential(n8n: N8nInstance): Promise<{ id: string; name: string }> {
	return await n8n.createCredential('Bolna (unused)', 'bolnaApi', {
		apiKey: 'bn-unused-key',
		baseUrl: 'http://127.0.0.1:9',
		allowedDestinations: '',
	});
}

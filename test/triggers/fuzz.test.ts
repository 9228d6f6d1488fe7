/**
 * Property test: thousands of generated requests (random JSON, truncated JSON, wrong types, huge
 * strings, invalid UTF-8, random tokens, forged signatures) go to both triggers' webhook().
 *
 * Properties:
 * - webhook() never throws and never hits its own 500 safety net;
 * - a request that is not authenticated never starts a run (no `workflowData`) and gets 401/403;
 * - every request is answered either by a run or by a status the node wrote (200/400/401/403).
 *
 * The PRNG is seeded, so every run feeds exactly the same requests. The loop calls webhook()
 * through a light IWebhookFunctions (the other trigger tests use n8n-core's WebhookContext).
 */
import { createHmac } from 'crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { derivedToken } from '../../nodes/shared/webhook/registration';

import { BlandAiTrigger } from '../../nodes/BlandAi/BlandAiTrigger.node';
import { BolnaTrigger } from '../../nodes/Bolna/BolnaTrigger.node';
import { BOLNA_STATUSES } from '../../nodes/Bolna/shaping';
import { fixture } from './fixtures';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number) => Math.floor(next() * n);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	const chance = (p: number) => next() < p;
	return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789 -_:/.+{}[]",\\\n\t\u00e9\u4e2d\u{1F600}';

function randomString(rng: Rng, max = 24): string {
	let s = '';
	const n = rng.int(max);
	for (let i = 0; i < n; i++) s += CHARS[rng.int(CHARS.length)] ?? 'x';
	return s;
}

function randomValue(rng: Rng, depth = 0): unknown {
	const kind = rng.int(depth > 3 ? 6 : 8);
	switch (kind) {
		case 0:
			return null;
		case 1:
			return rng.chance(0.5);
		case 2:
			return rng.pick([0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, rng.int(1e6)]);
		case 3:
		case 4:
			return randomString(rng);
		case 5:
			return rng.pick(['completed', 'call-disconnected', 'no-answer', '', 'COMPLETED', '__proto__', 'constructor']);
		case 6: {
			const arr: unknown[] = [];
			for (let i = rng.int(4); i > 0; i--) arr.push(randomValue(rng, depth + 1));
			return arr;
		}
		default: {
			const obj: Record<string, unknown> = {};
			for (let i = rng.int(6); i > 0; i--) obj[randomKey(rng)] = randomValue(rng, depth + 1);
			return obj;
		}
	}
}

const INTERESTING_KEYS = [
	'id',
	'execution_id',
	'status',
	'agent_id',
	'extracted_data',
	'telephony_data',
	'call_id',
	'c_id',
	'completed',
	'concatenated_transcript',
	'corrected_transcript',
	'level',
	'message',
	'category',
	'timestamp',
	'batch_id',
	'variables',
	'analysis',
	'__proto__',
	'constructor',
	'toString',
];

function randomKey(rng: Rng): string {
	return rng.chance(0.7) ? rng.pick(INTERESTING_KEYS) : randomString(rng, 10);
}

/** A known-good payload with a few keys removed, retyped or added. */
function mutate(rng: Rng, base: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = { ...base };
	for (let i = rng.int(4); i > 0; i--) {
		const keys = Object.keys(out);
		const action = rng.int(3);
		if (action === 0 && keys.length) delete out[rng.pick(keys)];
		else if (action === 1 && keys.length) out[rng.pick(keys)] = randomValue(rng);
		else out[randomKey(rng)] = randomValue(rng);
	}
	return out;
}

const bolnaSeeds = ['bolna-completed.json', 'bolna-call-disconnected.json', 'bolna-no-answer.json', 'bolna-ringing.json'].map(
	(f) => fixture(f),
);
const blandSeeds = [
	'bland-post-call.json',
	'bland-corrected-transcript.json',
	'bland-live-event.json',
	'bland-batch-status.json',
].map((f) => fixture(f));

/** One generated body, as the raw bytes n8n would keep. */
function randomBody(rng: Rng, seeds: Array<{ raw: string; json: Record<string, unknown> }>, hugeLimit: number): Buffer {
	const seed = rng.pick(seeds);
	switch (rng.int(9)) {
		case 0:
			return Buffer.from(JSON.stringify(randomValue(rng)) ?? 'undefined');
		case 1: // truncated JSON
			return Buffer.from(seed.raw.slice(0, rng.int(seed.raw.length)));
		case 2: // random bytes (often invalid UTF-8)
			return Buffer.from(Array.from({ length: rng.int(64) }, () => rng.int(256)));
		case 3: // huge string field, sometimes over the limit
			if (rng.chance(0.1)) {
				const size = rng.chance(0.5) ? hugeLimit + 16 : hugeLimit - 4096;
				return Buffer.from(JSON.stringify({ ...seed.json, transcript: 'x'.repeat(Math.max(0, size - seed.raw.length)) }));
			}
			return Buffer.from(JSON.stringify({ ...seed.json, summary: randomString(rng, 5000) }));
		case 4: // wrong types on the keys the triggers read
			return Buffer.from(
				JSON.stringify({
					...seed.json,
					[rng.pick(['id', 'status', 'call_id', 'batch_id', 'level', 'completed', 'corrected_transcript'])]: randomValue(rng),
				}),
			);
		case 5: // deeply nested
			return Buffer.from('['.repeat(rng.int(5000)) + ']'.repeat(rng.int(5000)));
		default: // plausible payloads: seeds, mutated seeds, random statuses
			if (rng.chance(0.3)) return Buffer.from(seed.raw);
			if (rng.chance(0.3)) {
				return Buffer.from(JSON.stringify({ ...seed.json, id: `exec-${rng.int(100000)}`, call_id: `call-${rng.int(100000)}`, status: rng.pick(BOLNA_STATUSES) }));
			}
			return Buffer.from(JSON.stringify(mutate(rng, seed.json)));
	}
}

interface Outcome {
	result: IWebhookResponseData;
	status: number | undefined;
	written: boolean;
}

interface Counts {
	thrown: number;
	internalErrors: number;
	unauthenticatedRuns: number;
	runs: number;
	unanswered: number;
	refusedAuth: number;
}

function newCounts(): Counts {
	return { thrown: 0, internalErrors: 0, unauthenticatedRuns: 0, runs: 0, unanswered: 0, refusedAuth: 0 };
}

/**
 * Calls the trigger's webhook() once and counts what happened: an exception, an internal error,
 * a run (and whether it came from an unauthenticated request), an unanswered request, or a
 * refusal of an unauthenticated one with one of `refusalStatuses`.
 */
async function deliverAndCount(
	trigger: { webhook: (this: IWebhookFunctions) => Promise<IWebhookResponseData> },
	ctx: IWebhookFunctions,
	response: { status?: number; written: boolean },
	authentic: boolean,
	refusalStatuses: number[],
	counts: Counts,
): Promise<void> {
	let outcome: Outcome;
	try {
		const result = await trigger.webhook.call(ctx);
		outcome = { result, status: response.status, written: response.written };
	} catch {
		counts.thrown++;
		return;
	}
	if (outcome.status === 500) counts.internalErrors++;
	if (outcome.result.workflowData) {
		counts.runs++;
		if (!authentic) counts.unauthenticatedRuns++;
	} else if (!outcome.written) {
		counts.unanswered++;
	}
	if (!authentic && outcome.status !== undefined && refusalStatuses.includes(outcome.status)) counts.refusedAuth++;
}

/** A light IWebhookFunctions: just what the triggers call. */
function context(options: {
	parameters: IDataObject;
	staticData: IDataObject;
	raw: Buffer;
	headers: Record<string, unknown>;
	query: Record<string, unknown>;
	ip: string;
	credentials: IDataObject;
}) {
	const response: { status?: number; written: boolean } = { written: false };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json() {
			response.written = true;
			return res;
		},
		send() {
			response.written = true;
			return res;
		},
		end() {
			response.written = true;
			return res;
		},
	};
	let body: unknown;
	try {
		body = JSON.parse(options.raw.toString('utf8'));
	} catch {
		body = {};
	}
	const req = { rawBody: options.raw, body, headers: options.headers, query: options.query, ip: options.ip };
	const ctx = {
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in options.parameters ? options.parameters[name] : fallback,
		getWorkflowStaticData: () => options.staticData,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getHeaderData: () => options.headers,
		getQueryData: () => options.query,
		getBodyData: () => body,
		getCredentials: async () => options.credentials,
		getNode: () => ({ id: 'node-1', name: 'Trigger', type: 'x', typeVersion: 1, parameters: {} }),
		getWorkflow: () => ({ id: 'wf-1' }),
		getMode: () => 'webhook',
		logger: { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} },
	} as unknown as IWebhookFunctions;
	return { ctx, response };
}

const ITERATIONS_PER_TRIGGER = 6000;

describe('webhook() property test (seeded, deterministic)', () => {
	it(`Bolna Trigger: ${ITERATIONS_PER_TRIGGER} generated requests, no exception, no unauthenticated run`, async () => {
		const rng = prng(0xb01a);
		const trigger = new BolnaTrigger();
		const TOKEN = derivedToken('bn-fuzz-key', 'bolna-trigger', 'wf-1', 'node-1');
		const counts = newCounts();
		const staticData: IDataObject = { target: 'agent', registeredUrl: 'u', previousUrl: null };

		for (let i = 0; i < ITERATIONS_PER_TRIGGER; i++) {
			const raw = randomBody(rng, bolnaSeeds, 1024 * 1024);
			const tokenChoice = rng.int(8);
			const token =
				tokenChoice === 0
					? undefined
					: tokenChoice === 1
						? randomString(rng, 60)
						: tokenChoice === 2
							? TOKEN.slice(0, -1) + (TOKEN.endsWith('e') ? 'f' : 'e')
							: tokenChoice === 3
								? [TOKEN, TOKEN]
								: tokenChoice === 4
									? TOKEN.toUpperCase()
									: TOKEN;
			const restrictIps = rng.chance(0.2);
			const ip = rng.pick(['13.203.39.153', '198.51.100.7', '::ffff:13.126.9.249', '', 'not-an-ip']);
			const authentic = token === TOKEN && (!restrictIps || ['13.203.39.153', '::ffff:13.126.9.249'].includes(ip));
			const { ctx, response } = context({
				parameters: {
					registerAutomatically: true,
					statuses: rng.chance(0.5) ? [...BOLNA_STATUSES] : ['completed'],
					outputMode: rng.pick(['simplified', 'raw', 'extractedDataOnly']),
					options: restrictIps ? { allowedSourceIps: '13.203.39.153, 13.126.9.249' } : {},
				},
				staticData,
				raw,
				headers: { 'content-type': 'application/json' },
				query: token === undefined ? {} : { token },
				ip,
				credentials: { apiKey: 'bn-fuzz-key' },
			});
			await deliverAndCount(trigger, ctx, response, authentic, [401, 403], counts);
		}

		expect(counts.thrown).toBe(0);
		expect(counts.internalErrors).toBe(0);
		expect(counts.unauthenticatedRuns).toBe(0);
		expect(counts.unanswered).toBe(0);
		// the property is not vacuous: authentic requests did run, and forged ones were refused
		expect(counts.runs).toBeGreaterThan(50);
		expect(counts.refusedAuth).toBeGreaterThan(1000);
	});

	it(`Bland AI Trigger: ${ITERATIONS_PER_TRIGGER} generated requests, no exception, no unsigned run`, async () => {
		const rng = prng(0xb1a4d);
		const trigger = new BlandAiTrigger();
		const SECRET = 'whsec_dummy_fuzz_0123456789';
		const counts = { ...newCounts(), unsignedMode: 0 };
		const staticData: IDataObject = {};

		for (let i = 0; i < ITERATIONS_PER_TRIGGER; i++) {
			const raw = randomBody(rng, blandSeeds, 4 * 1024 * 1024);
			const withSecret = !rng.chance(0.1);
			const real = createHmac('sha256', SECRET).update(raw).digest('hex');
			const choice = rng.int(9);
			const signature =
				choice === 0
					? undefined
					: choice === 1
						? randomString(rng, 80)
						: choice === 2
							? createHmac('sha256', 'guessed').update(raw).digest('hex')
							: choice === 3
								? createHmac('sha256', SECRET).update(Buffer.concat([raw, Buffer.from(' ')])).digest('hex')
								: choice === 4
									? real.slice(0, 63)
									: choice === 5
										? `${real.slice(0, 63)}${real.endsWith('0') ? '1' : '0'}`
										: real;
			const authentic = !withSecret || signature === real;
			if (!withSecret) counts.unsignedMode++;
			const { ctx, response } = context({
				parameters: {
					registration: 'manual',
					events: rng.chance(0.5) ? ['callCompleted', 'correctedTranscript', 'liveEvent', 'batchStatus'] : ['callCompleted'],
					callStatuses: rng.chance(0.2) ? ['failed'] : [],
					outputMode: rng.pick(['simplified', 'raw', 'extractedDataOnly']),
				},
				staticData,
				raw,
				headers: signature === undefined ? {} : { 'x-webhook-signature': signature },
				query: {},
				ip: '203.0.113.1',
				credentials: { apiKey: 'sk-x', webhookSecret: withSecret ? SECRET : '' },
			});
			await deliverAndCount(trigger, ctx, response, authentic, [401], counts);
		}

		expect(counts.thrown).toBe(0);
		expect(counts.internalErrors).toBe(0);
		expect(counts.unauthenticatedRuns).toBe(0);
		expect(counts.unanswered).toBe(0);
		expect(counts.runs).toBeGreaterThan(50);
		expect(counts.refusedAuth).toBeGreaterThan(1000);
		expect(counts.unsignedMode).toBeGreaterThan(100);
	});
});

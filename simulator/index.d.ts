/**
 * Types for the local Bolna + Bland AI API simulator (simulator/index.js).
 * See simulator/README.md for behaviour.
 */

export type FaultAction = 'status' | 'drop' | 'delay' | 'rateLimit';

/** A failure to inject into matching API requests (not control requests). */
export interface FaultRule {
	/** HTTP method to match (any when left out). */
	method?: string;
	/** Path prefix (string), a regular expression source starting with `^`, or a RegExp. Every API path when left out. */
	path?: string | RegExp;
	/** How many matching requests to fault (default 1; 0 or less = until cleared). */
	times?: number;
	/** `status` (default): answer `status`/`body`; `drop`: read the whole request, then destroy the socket;
	 * `delay`: wait `ms`, then answer normally; `rateLimit`: 429 with `Retry-After: retryAfter`. */
	action?: FaultAction;
	/** Status for `status` (default 500). */
	status?: number;
	/** Body for `status`/`rateLimit` (default: the provider's error shape). */
	body?: unknown;
	/** Delay for `delay` (default 1000). */
	ms?: number;
	/** Seconds in `Retry-After` for `rateLimit` (default 1). */
	retryAfter?: number;
	/** With `drop`: handle the request first (a call is placed), then destroy the socket instead of answering. */
	processFirst?: boolean;
}

export interface SimulatorOptions {
	/** Default 0 (a free port). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default `bn-sim-key`. */
	bolnaApiKey?: string;
	/** Default `sk-sim-key`. */
	blandApiKey?: string;
	/** Key of the HMAC-SHA256 `X-Webhook-Signature` on Bland deliveries. Default `whsec-sim`. */
	blandWebhookSecret?: string;
	/** Length of one lifecycle step in ms. Default 200. */
	clockMs?: number;
	/** Delay between Bland's post-call webhook and the corrected-transcript one. Default 1000. */
	correctedTranscriptDelayMs?: number;
	/** Past `perSecond` API requests in a rolling second, answer 429 with Retry-After. Default null (off). */
	rateLimit?: { perSecond: number } | null;
	/** Faults active from the start. */
	faults?: FaultRule[];
	/** Timeout of each webhook delivery in ms. Default 3000. */
	webhookTimeoutMs?: number;
	/** Bolna: scheduled calls and batches start at their `scheduled_at` (default false: one clock step later). */
	honourSchedules?: boolean;
}

/** One API request as the simulator received it (secrets removed). */
export interface RecordedRequest {
	id: number;
	provider: 'bolna' | 'bland';
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Request headers without `authorization`; `encrypted_key` shown as `[redacted]`. */
	headers: Record<string, string | string[] | undefined>;
	/** Whether an Authorization header was sent. */
	hasAuth: boolean;
	/** `Bearer`, `bare` (key without scheme) or null when absent. */
	authScheme: 'Bearer' | 'bare' | null;
	contentType: string | null;
	/** JSON value; for multipart/urlencoded `{fields: {name: string[]}, files: {name: [{filename, contentType, size, text}]}}`; text otherwise; null when empty. */
	body: any;
	time: string;
	/** The fault applied (`status`, `drop`, `delay`, `rateLimit`, `rateLimited` for the automatic limit) or null. */
	fault: string | null;
	/** Status sent back; null when the socket was dropped. */
	responseStatus: number | null;
	/** With a `drop` + `processFirst` fault: the status the handler produced but never sent. */
	handledStatus?: number;
}

/** One webhook POST the simulator made. */
export interface Delivery {
	provider: 'bolna' | 'bland';
	/** Bolna: `execution`. Bland: `event` (live webhook_events), `postcall`, `corrected`, `batch_status`. */
	kind: 'execution' | 'event' | 'postcall' | 'corrected' | 'batch_status';
	/** Execution id, call id, or `batch:<id>`. */
	entityId: string;
	url: string;
	/** The payload's `status` field, if any. */
	status: string | null;
	/** Hex HMAC-SHA256 of the raw body (Bland deliveries), else null. */
	signature: string | null;
	body: any;
	responseStatus: number | null;
	error: string | null;
	time: string;
	durationMs: number;
}

export interface SimulatorState {
	bolna: {
		user: Record<string, any>;
		agents: Record<string, any>;
		executions: Record<string, any>;
		batches: Record<string, any>;
		voices: any[];
		phoneNumbers: Record<string, any>;
		knowledgebases: Record<string, any>;
	};
	bland: {
		account: Record<string, any>;
		calls: Record<string, any>;
		batches: Record<string, any>;
		pathways: Record<string, any>;
		tools: Record<string, any>;
		voices: any[];
		inbound: Record<string, any>;
	};
	deliveries: Delivery[];
}

export interface SimulatorConfig {
	clockMs: number;
	correctedTranscriptDelayMs: number;
	webhookTimeoutMs: number;
	rateLimit: { perSecond: number } | null;
	honourSchedules: boolean;
}

export interface Simulator {
	/** e.g. `http://127.0.0.1:40123` — the base URL for BOTH APIs. */
	readonly url: string;
	readonly port: number;
	/** Every API request received (control requests excluded), oldest first. */
	readonly requests: RecordedRequest[];
	readonly state: SimulatorState;
	readonly deliveries: Delivery[];
	readonly faults: FaultRule[];
	readonly config: SimulatorConfig;
	/** Back to the seeded state: clears requests, deliveries, faults and pending timers. */
	reset(): void;
	setFault(rule: FaultRule): void;
	clearFaults(): void;
	configure(patch: Partial<SimulatorConfig>): void;
	/** Resolves with the predicate's first truthy result (re-checked on every change); rejects after timeoutMs (default 5000). */
	waitFor<T>(predicate: (sim: Simulator) => T | undefined | null | false, timeoutMs?: number): Promise<T>;
	/** Stops the server, timers and in-flight deliveries. */
	close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
export function providerOf(path: string): 'bolna' | 'bland';

export {
	DEFAULT_KEYS,
	BOLNA_AGENT_ID,
	BOLNA_AGENT_ID_2,
	BOLNA_AGENT_NAME,
	BOLNA_AGENT_NAME_2,
	BOLNA_DEFAULT_FROM,
	BOLNA_PHONE_NUMBER_ID,
	BOLNA_VOICE_IDS,
	BLAND_PATHWAY_ID,
	BLAND_PATHWAY_ID_2,
	BLAND_PATHWAY_NAME,
	BLAND_PATHWAY_NAME_2,
	BLAND_VOICE_IDS,
	BLAND_VOICE_NAMES,
	BLAND_TOOL_ID,
	BLAND_INBOUND_NUMBER,
	BLAND_DEFAULT_FROM,
	SEED,
} from './seed';

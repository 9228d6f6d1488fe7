import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { redactBody, redactSecrets, secretsOf } from './redact';

export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** What a provider binds onto the shared request core. */
export interface Provider {
	/** Human name used in error messages, e.g. "Bolna". */
	name: string;
	credentialType: 'bolnaApi' | 'blandAiApi';
	defaultBaseUrl: string;
	/** Extra headers derived from the credential for one request (e.g. Bland's BYOT `encrypted_key`). */
	extraHeaders?: (credentials: ICredentialDataDecryptedObject, request: ApiRequest) => IDataObject;
}

/**
 * How a request may be retried.
 * - `idempotent`: GET/DELETE and other reads. Network errors, 502/503/504 and 429 are retried.
 * - `once`: anything that creates or changes state, above all a POST that places a call or a batch.
 *   Only a 429 is retried (the server refused it before doing anything); a 5xx or a dropped
 *   connection is reported, never retried, because the server may already have dialled someone.
 */
export type RetryPolicy = 'idempotent' | 'once';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL. IDs placed in it must already be encoded (see `pathSegment`). */
	path: string;
	qs?: IDataObject;
	/**
	 * A function is a streamed body: called once per attempt for a fresh body (see
	 * `streamMultipart`); n8n's helper hands it to axios, which sends it chunk by chunk.
	 */
	body?: IDataObject | IDataObject[] | Buffer | string | (() => object);
	headers?: IDataObject;
	/** Defaults to `idempotent` for GET/DELETE/HEAD, `once` for everything else. */
	retry?: RetryPolicy;
	/** Absolute URL instead of base URL + path (used by the custom-tool Test operation). */
	url?: string;
	/** Item the request belongs to, for the error. */
	itemIndex?: number;
	/** Values besides the credential's secrets that must never appear in an error (tool tokens, trigger tokens). */
	secrets?: string[];
}

export interface FullResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/** Tunables, exported so tests and the benchmark can shorten waits without patching timers. */
export const retrySettings = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8000,
	/** A Retry-After longer than this is not waited for: the error is reported instead. */
	maxRetryAfterMs: 60_000,
	timeoutMs: 60_000,
};

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Encodes one path segment; every ID placed in a URL path goes through this. */
export function pathSegment(value: string | number): string {
	return encodeURIComponent(String(value));
}

/** Base URL of the credential without a trailing slash. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject, provider: Provider): string {
	const raw = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() !== ''
		? credentials.baseUrl.trim()
		: provider.defaultBaseUrl;
	return raw.replace(/\/+$/, '');
}

/**
 * Picks the human message out of an error body. Both vendors use several shapes:
 * `{message}`, FastAPI `{detail: string | [{msg}]}`, `{error: string}`,
 * `{errors: [{message}]}` and `{status: 'error', message}`.
 */
export function extractApiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
			try {
				return extractApiMessage(JSON.parse(trimmed));
			} catch {
				return trimmed.slice(0, 500) || undefined;
			}
		}
		return trimmed.slice(0, 500) || undefined;
	}
	if (!body || typeof body !== 'object') return undefined;
	const o = body as Record<string, unknown>;
	if (Array.isArray(o.errors) && o.errors.length > 0) {
		const messages = o.errors
			.map((e) =>
				typeof e === 'string'
					? e
					: e && typeof e === 'object'
						? ((e as IDataObject).message ?? (e as IDataObject).error)
						: undefined,
			)
			.filter((m): m is string => typeof m === 'string' && m !== '');
		if (messages.length) return messages.join('; ');
	}
	if (typeof o.message === 'string' && o.message !== '') return o.message;
	if (typeof o.detail === 'string' && o.detail !== '') return o.detail;
	if (Array.isArray(o.detail)) {
		const parts = o.detail
			.map((d) => {
				if (!d || typeof d !== 'object') return String(d);
				const entry = d as IDataObject;
				const loc = Array.isArray(entry.loc) ? entry.loc.filter((l) => l !== 'body').join('.') : '';
				return loc ? `${loc}: ${String(entry.msg)}` : String(entry.msg);
			})
			.filter(Boolean);
		if (parts.length) return parts.join('; ');
	}
	if (typeof o.error === 'string' && o.error !== '') return o.error;
	if (o.data && typeof o.data === 'object') return extractApiMessage(o.data);
	return undefined;
}

function hintFor(provider: Provider, status: number): string | undefined {
	if (status === 401 || status === 403)
		return `Check the API key in the ${provider.name} credential (it may be wrong, expired or lack access).`;
	if (status === 404) return 'Check the ID: the resource does not exist or belongs to another account.';
	if (status === 422 || status === 400) return 'The request was refused as invalid; the message says which field.';
	if (status === 429) return `${provider.name} is rate limiting this account; try again later or slow the workflow down.`;
	if (status >= 500) return `${provider.name} had a server error.`;
	return undefined;
}

function headerValue(headers: FullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Retry-After in ms (seconds or HTTP date), undefined when absent or unparseable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ETIMEDOUT: 'the request timed out',
	ECONNABORTED: 'the request timed out',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'the request timed out',
	EPIPE: 'the connection was closed',
	EAI_AGAIN: 'the host name could not be resolved',
	ENOTFOUND: 'the host name could not be resolved',
};

function describeNetworkError(code: string | undefined): string {
	return (code && NETWORK_WORDS[code]) ?? 'no response';
}

function backoff(attempt: number): number {
	return Math.min(retrySettings.maxDelayMs, retrySettings.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * The network error code (ECONNRESET, …) wherever it sits: n8n-core wraps the axios error in a
 * NodeApiError that keeps the code in `httpCode`.
 */
function networkCode(error: unknown): string | undefined {
	const e = error as {
		code?: string;
		httpCode?: string;
		cause?: { code?: string; cause?: { code?: string } };
	};
	const candidates = [e?.code, e?.httpCode, e?.cause?.code, e?.cause?.cause?.code];
	return candidates.find((c) => typeof c === 'string' && NETWORK_CODES.has(c)) ?? candidates.find((c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
}

function apiError(
	ctx: RequestContext,
	provider: Provider,
	secrets: string[],
	status: number,
	body: unknown,
	itemIndex: number | undefined,
): NodeApiError {
	const apiMessage = extractApiMessage(body);
	const message = redactSecrets(
		`${provider.name} API error ${status}${apiMessage ? `: ${apiMessage}` : ''}`,
		secrets,
	);
	const safeBody = JSON.parse(redactSecrets(JSON.stringify(body ?? null), secrets)) as unknown;
	const response: JsonObject = { message, httpCode: String(status), body: safeBody as JsonObject };
	return new NodeApiError(ctx.getNode(), response, {
		message,
		description: hintFor(provider, status),
		httpCode: String(status),
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}

/**
 * The only place HTTP happens. Sends through n8n's authenticated request helper (proxies and
 * credentials behave as in every n8n node), applies the retry policy and turns failures into
 * `NodeApiError`s that carry the provider's message and never a secret.
 */
export async function apiRequestFull<T = unknown>(
	this: RequestContext,
	provider: Provider,
	request: ApiRequest,
): Promise<FullResponse<T>> {
	const credentials = await this.getCredentials(provider.credentialType);
	const secrets = [...secretsOf(credentials), ...(request.secrets ?? []).filter((v) => v.length >= 4)];
	const policy: RetryPolicy =
		request.retry ?? (['GET', 'DELETE', 'HEAD'].includes(request.method) ? 'idempotent' : 'once');
	const isRaw = Buffer.isBuffer(request.body) || typeof request.body === 'string' || typeof request.body === 'function';
	const streamBody = typeof request.body === 'function' ? request.body : undefined;

	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url ?? `${baseUrlOf(credentials, provider)}${request.path}`,
		qs: request.qs,
		headers: {
			Accept: 'application/json',
			...(request.url === undefined ? (provider.extraHeaders?.(credentials, request) ?? {}) : {}),
			...(request.headers ?? {}),
		},
		body: (streamBody ? undefined : request.body) as IHttpRequestOptions['body'],
		json: !isRaw,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: retrySettings.timeoutMs,
		// A streamed body is not followed through redirects: the redirect follower keeps a copy of
		// every chunk sent (to replay it), which is the whole body held in memory again.
		...(streamBody ? { disableFollowRedirect: true } : {}),
	};

	for (let attempt = 1; ; attempt++) {
		if (streamBody) options.body = streamBody() as unknown as IHttpRequestOptions['body'];
		let response: FullResponse<T>;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				provider.credentialType,
				options,
			)) as FullResponse<T>;
		} catch (error) {
			const code = networkCode(error);
			if (policy === 'idempotent' && code && NETWORK_CODES.has(code) && attempt < retrySettings.maxAttempts) {
				await sleep(backoff(attempt));
				continue;
			}
			// Described in words: n8n replaces any message that names a network code (ECONNRESET…)
			// with its own generic text, which would hide that the request was not retried.
			const reason = describeNetworkError(code);
			const message = redactSecrets(
				policy === 'once'
					? `${provider.name} did not answer (${reason}). The request was sent once and not retried, because it may already have been received; check before running it again.`
					: `${provider.name} could not be reached (${reason}).`,
				secrets,
			);
			throw new NodeApiError(this.getNode(), { message, networkError: code ?? null } as JsonObject, {
				message,
				description: code ? `Network error code: ${code}` : undefined,
				...(request.itemIndex !== undefined ? { itemIndex: request.itemIndex } : {}),
			});
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			if (typeof response.body === 'string' && response.body.trim() !== '' && !isRaw) {
				try {
					response.body = JSON.parse(response.body as string) as T;
				} catch {
					// not JSON: keep the text
				}
			}
			// Like errors, a success never carries a secret into the output (a vendor may echo one).
			response.body = redactBody(response.body, secrets);
			return response;
		}

		if (attempt < retrySettings.maxAttempts) {
			if (status === 429) {
				const wait = retryAfterMs(headerValue(response.headers, 'retry-after')) ?? backoff(attempt);
				if (wait <= retrySettings.maxRetryAfterMs) {
					await sleep(wait);
					continue;
				}
			} else if (policy === 'idempotent' && RETRYABLE_STATUS.has(status)) {
				await sleep(backoff(attempt));
				continue;
			}
		}
		throw apiError(this, provider, secrets, status, response.body, request.itemIndex);
	}
}

/** Like `apiRequestFull` but returns only the parsed body (an object, or an array as an object). */
export async function apiRequest(
	this: RequestContext,
	provider: Provider,
	request: ApiRequest,
): Promise<IDataObject> {
	const response = await apiRequestFull.call(this, provider, request);
	return (response.body ?? {}) as IDataObject;
}

/**
 * The list inside a response: the body itself when it is an array, else the first array found
 * under `data`, `items`, or a named key.
 */
export function asArray(body: unknown, ...keys: string[]): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const o = body as IDataObject;
	for (const key of [...keys, 'data', 'items']) {
		const value = o[key];
		if (Array.isArray(value)) return value as IDataObject[];
		if (value && typeof value === 'object' && key === 'data') {
			const inner = asArray(value, ...keys);
			if (inner.length) return inner;
		}
	}
	return [];
}

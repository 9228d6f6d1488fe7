import type { IWebhookFunctions } from 'n8n-workflow';

import { describeLimit } from './payloadLimits';

/** The parts of n8n's incoming request (Express) the triggers read. */
export interface WebhookRequestLike {
	rawBody?: unknown;
	body?: unknown;
	ip?: unknown;
	headers?: Record<string, unknown>;
	socket?: { remoteAddress?: unknown };
}

export function requestOf(ctx: IWebhookFunctions): WebhookRequestLike {
	return (ctx.getRequestObject() ?? {}) as unknown as WebhookRequestLike;
}

/** One header as a string; a repeated header or a missing one gives `undefined`. */
export function headerOf(ctx: IWebhookFunctions, name: string): string | undefined {
	const headers = (ctx.getHeaderData() ?? {}) as Record<string, unknown>;
	const value = headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** One query parameter as a string; a repeated or missing one gives `undefined`. */
export function queryOf(ctx: IWebhookFunctions, name: string): string | undefined {
	const query = (ctx.getQueryData() ?? {}) as Record<string, unknown>;
	const value = query[name];
	return typeof value === 'string' ? value : undefined;
}

/** The exact bytes n8n received, when its body parser kept them. */
export function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const raw = requestOf(ctx).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

export type ParsedBody =
	| { ok: true; value: Record<string, unknown>; bytes: Buffer }
	| { ok: false; message: string };

function parseText(bytes: Buffer, maxBytes: number): ParsedBody {
	if (bytes.length > maxBytes) {
		return { ok: false, message: `Request body is larger than ${describeLimit(maxBytes)}` };
	}
	const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	if (text.trim() === '') return { ok: false, message: 'Request body is empty; expected a JSON object' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, message: 'Request body is not valid JSON' };
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, message: 'Request body must be a JSON object' };
	}
	if (depthOf(value) > MAX_JSON_DEPTH) {
		return { ok: false, message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels` };
	}
	return { ok: true, value: value as Record<string, unknown>, bytes };
}

/** Call events are a few levels deep; far deeper JSON is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of a parsed JSON value, measured without recursion. */
function depthOf(root: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[root, 1]];
	while (stack.length) {
		const [value, depth] = stack.pop()!;
		if (!value || typeof value !== 'object') continue;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_JSON_DEPTH) return deepest;
		for (const child of Object.values(value)) stack.push([child, depth + 1]);
	}
	return deepest;
}

/**
 * The request body as a JSON object, read from the raw bytes when n8n kept them (the same bytes a
 * signature covers), else from n8n's parsed body. Too large, empty, not JSON, or not an object
 * gives `{ ok: false, message }`; nothing throws.
 */
export function readJsonBody(ctx: IWebhookFunctions, maxBytes: number): ParsedBody {
	const raw = rawBodyOf(ctx);
	if (raw) return parseText(raw, maxBytes);
	const body = requestOf(ctx).body ?? ctx.getBodyData();
	if (typeof body === 'string') return parseText(Buffer.from(body, 'utf8'), maxBytes);
	if (Buffer.isBuffer(body)) return parseText(body, maxBytes);
	let serialised: string;
	try {
		serialised = JSON.stringify(body ?? null) ?? 'null';
	} catch {
		return { ok: false, message: 'Request body is not valid JSON' };
	}
	return parseText(Buffer.from(serialised, 'utf8'), maxBytes);
}

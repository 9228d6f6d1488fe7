import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Hex HMAC-SHA256 of `body` keyed with `secret` (what Bland sends in `X-Webhook-Signature`). */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Constant-time string comparison. Both sides are hashed first, so neither the content nor the
 * length of the expected value leaks through timing. Never throws.
 */
export function safeEqual(actual: string | undefined | null, expected: string | undefined | null): boolean {
	if (typeof actual !== 'string' || typeof expected !== 'string' || expected === '') return false;
	try {
		const a = createHash('sha256').update(actual, 'utf8').digest();
		const b = createHash('sha256').update(expected, 'utf8').digest();
		return timingSafeEqual(a, b);
	} catch {
		return false;
	}
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Whether `signatureHeader` is the hex HMAC-SHA256 of `rawBody` under `secret`.
 * Hex case is ignored and an optional `sha256=` prefix is accepted. A missing header, an empty
 * secret, a value of the wrong length or a non-hex value gives `false`; the function never throws.
 */
export function verifyHmacSha256Hex(
	rawBody: Buffer | string,
	signatureHeader: string | undefined,
	secret: string,
): boolean {
	try {
		if (typeof secret !== 'string' || secret === '') return false;
		if (typeof signatureHeader !== 'string') return false;
		if (!Buffer.isBuffer(rawBody) && typeof rawBody !== 'string') return false;
		let given = signatureHeader.trim().toLowerCase();
		if (given.startsWith('sha256=')) given = given.slice('sha256='.length);
		if (!HEX_SHA256.test(given)) return false;
		const expected = Buffer.from(hmacSha256Hex(secret, rawBody), 'hex');
		const actual = Buffer.from(given, 'hex');
		return actual.length === expected.length && timingSafeEqual(actual, expected);
	} catch {
		return false;
	}
}

import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Normalises a phone number to E.164 (`+` and 7–15 digits): spaces, dashes, dots and
 * parentheses are removed, a leading `00` becomes `+`. Returns undefined when it is not a
 * valid E.164 number (a number without country code is not guessed).
 */
export function normalizeE164(input: unknown): string | undefined {
	if (typeof input !== 'string' && typeof input !== 'number') return undefined;
	let text = String(input).trim().replace(/[\s\-.()]/g, '');
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	return E164.test(text) ? text : undefined;
}

/** Parses the credential's "Allowed Destination Prefixes" (comma or newline separated). */
export function parseAllowedPrefixes(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[,\n;]/)
		.map((p) => p.trim().replace(/[\s\-.()]/g, ''))
		.filter((p) => p !== '')
		.map((p) => (p.startsWith('+') ? p : `+${p}`));
}

/** Whether the number is allowed by the prefixes (an empty list allows every number). */
export function isAllowedDestination(phone: string, prefixes: string[]): boolean {
	return prefixes.length === 0 || prefixes.some((prefix) => phone.startsWith(prefix));
}

/**
 * Validates one destination number before any request: E.164 and inside the credential's
 * allow-list. Throws a field-named error.
 */
export function requireDestination(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	allowedPrefixes: string[],
): string {
	const phone = normalizeE164(value);
	if (!phone) {
		throw new NodeOperationError(
			node,
			`"${field}" must be a phone number in E.164 format, e.g. +14155550123 (got ${JSON.stringify(value ?? '')})`,
			{ itemIndex },
		);
	}
	if (!isAllowedDestination(phone, allowedPrefixes)) {
		throw new NodeOperationError(
			node,
			`"${field}" ${phone} is outside the allowed destination prefixes set in the credential (${allowedPrefixes.join(', ')})`,
			{
				itemIndex,
				description:
					'No request was sent. Add the prefix to "Allowed Destination Prefixes" in the credential if this number should be callable.',
			},
		);
	}
	return phone;
}

/** Validates an optional caller ID (E.164, no allow-list). */
export function optionalCallerId(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const phone = normalizeE164(value);
	if (!phone) {
		throw new NodeOperationError(
			node,
			`"${field}" must be a phone number in E.164 format, e.g. +14155550123 (got ${JSON.stringify(value)})`,
			{ itemIndex },
		);
	}
	return phone;
}

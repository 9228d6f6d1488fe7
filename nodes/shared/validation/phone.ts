import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compactNumber, destinationProblem } from './destinations';

/**
 * Why a value is not a callable number, or undefined when it is one: E.164 form (`+`, country
 * code, number; a number without country code is not guessed) and a valid number in that
 * country's numbering plan (libphonenumber's metadata: lengths and ranges in use).
 */
export function phoneProblem(input: unknown): string | undefined {
	const checked = checkPhone(input);
	return 'problem' in checked ? checked.problem : undefined;
}

/** The number in E.164, or why it is not a callable number: one parse for both answers. */
export function checkPhone(input: unknown): { phone: string } | { problem: string } {
	const text = compactNumber(input);
	const parsed = text ? parsePhoneNumberFromString(text) : undefined;
	if (!parsed) return { problem: 'not in E.164 format' };
	if (!parsed.isValid()) {
		const country = parsed.country ?? parsed.getPossibleCountries()[0];
		return {
			problem: `not a valid number in the numbering plan of +${parsed.countryCallingCode}${country ? ` (${country})` : ''}`,
		};
	}
	return { phone: parsed.number };
}

/**
 * Normalises a phone number to E.164: spaces, dashes, dots and parentheses are removed, a leading
 * `00` becomes `+`. Returns undefined when it is not a valid number (see `phoneProblem`).
 */
export function normalizeE164(input: unknown): string | undefined {
	const checked = checkPhone(input);
	return 'phone' in checked ? checked.phone : undefined;
}

/**
 * Validates one destination number before any request: a valid E.164 number, inside the
 * credential's allow-list and not on its do-not-call list. Throws a field-named error.
 */
export function requireDestination(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	allowedPrefixes: string[],
): string {
	const phone = requirePhone(node, value, field, itemIndex);
	const problem = destinationProblem(phone, allowedPrefixes, true);
	if (problem) {
		throw new NodeOperationError(node, `"${field}" ${phone} is ${problem}`, {
			itemIndex,
			description: problem.startsWith('on the do-not-call')
				? 'No request was sent. The credential\'s "Do Not Call" list holds this number or its prefix.'
				: 'No request was sent. Add the prefix to "Allowed Destination Prefixes" in the credential if this number should be callable.',
		});
	}
	return phone;
}

function requirePhone(node: INode, value: unknown, field: string, itemIndex: number): string {
	const checked = checkPhone(value);
	if ('phone' in checked) return checked.phone;
	const problem = checked.problem;
	const got = JSON.stringify(typeof value === 'string' || typeof value === 'number' ? value : (value ?? ''));
	throw new NodeOperationError(
		node,
		problem === 'not in E.164 format'
			? `"${field}" must be a phone number in E.164 format, e.g. +14155550123 (got ${got})`
			: `"${field}" ${got} is ${problem}`,
		{ itemIndex },
	);
}

/** Validates an optional caller ID (a valid E.164 number, no allow-list). */
export function optionalCallerId(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return requirePhone(node, value, field, itemIndex);
}

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Text that could be an international number: `+` (or `00`) and 7–15 digits once separators are gone. */
const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;

function compactNumber(input: unknown): string | undefined {
	if (typeof input !== 'string' && typeof input !== 'number') return undefined;
	let text = String(input).trim().replace(/[\s\-.()]/g, '');
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	return INTERNATIONAL.test(text) ? text : undefined;
}

/**
 * Why a value is not a callable number, or undefined when it is one: E.164 form (`+`, country
 * code, number; a number without country code is not guessed) and a valid number in that
 * country's numbering plan (libphonenumber's metadata: lengths and ranges in use).
 */
export function phoneProblem(input: unknown): string | undefined {
	const text = compactNumber(input);
	if (!text) return 'not in E.164 format';
	const parsed = parsePhoneNumberFromString(text);
	if (!parsed) return 'not in E.164 format';
	if (!parsed.isValid()) {
		const country = parsed.country ?? parsed.getPossibleCountries()[0];
		return `not a valid number in the numbering plan of +${parsed.countryCallingCode}${country ? ` (${country})` : ''}`;
	}
	return undefined;
}

/**
 * Normalises a phone number to E.164: spaces, dashes, dots and parentheses are removed, a leading
 * `00` becomes `+`. Returns undefined when it is not a valid number (see `phoneProblem`).
 */
export function normalizeE164(input: unknown): string | undefined {
	if (phoneProblem(input) !== undefined) return undefined;
	return parsePhoneNumberFromString(compactNumber(input)!)!.number;
}

/** A comma, semicolon or newline separated list of numbers or prefixes, each as `+digits`. */
function parsePrefixList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[,\n;]/)
		.map((p) => p.trim().replace(/[\s\-.()]/g, ''))
		.filter((p) => p !== '')
		.map((p) => (p.startsWith('+') ? p : p.startsWith('00') ? `+${p.slice(2)}` : `+${p}`));
}

/**
 * The credential's destination rules as one list: its "Allowed Destination Prefixes" as they are,
 * and its "Do Not Call" numbers and prefixes marked with a leading `!`. An empty list allows
 * every number; every check in the nodes goes through `isAllowedDestination`.
 */
export function parseAllowedPrefixes(allowed: unknown, doNotCall?: unknown): string[] {
	return [...parsePrefixList(allowed), ...parsePrefixList(doNotCall).map((p) => `!${p}`)];
}

const allowedOf = (rules: string[]) => rules.filter((p) => !p.startsWith('!'));
const blockedOf = (rules: string[]) => rules.filter((p) => p.startsWith('!')).map((p) => p.slice(1));

/** Whether the number is allowed by the rules (an empty list allows every number). */
export function isAllowedDestination(phone: string, rules: string[]): boolean {
	return destinationProblem(phone, rules) === undefined;
}

/**
 * Why the credential refuses a number, or undefined: on its do-not-call list, or outside its
 * allowed destination prefixes. The text completes "+1… is …".
 */
export function destinationProblem(phone: string, rules: string[], inCredential = false): string | undefined {
	const where = inCredential ? ' set in the credential' : '';
	const blocked = blockedOf(rules).find((p) => phone.startsWith(p));
	if (blocked) {
		return blocked === phone ? `on the do-not-call list${where}` : `on the do-not-call list${where} (prefix ${blocked})`;
	}
	const allowed = allowedOf(rules);
	if (allowed.length && !allowed.some((p) => phone.startsWith(p))) {
		return `outside the allowed destination prefixes${where} (${allowed.join(', ')})`;
	}
	return undefined;
}

/** The allow-list part of the rules, for messages. */
export function allowedPrefixesOf(rules: string[]): string[] {
	return allowedOf(rules);
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
	const problem = phoneProblem(value);
	if (problem === undefined) return normalizeE164(value)!;
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

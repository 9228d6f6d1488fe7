/**
 * The credential's destination rules (allow-list and do-not-call list) and the E.164 text form,
 * without the numbering-plan data: the triggers and the transports import this file, and only the
 * nodes that dial carry libphonenumber's metadata (see phone.ts).
 */

const INTERNATIONAL = /^\+[1-9]\d{6,14}$/;

/** `+` and 7–15 digits once spaces, dashes, dots and parentheses are gone and `00` is `+`, else undefined. */
export function compactNumber(input: unknown): string | undefined {
	if (typeof input !== 'string' && typeof input !== 'number') return undefined;
	let text = String(input).trim().replace(/[\s\-.()]/g, '');
	if (text.startsWith('00')) text = `+${text.slice(2)}`;
	return INTERNATIONAL.test(text) ? text : undefined;
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


import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { allowedPrefixesOf, destinationProblem } from '../validation/destinations';

/**
 * The structural destination check: every value anywhere in a request body that is a phone
 * number is held against the credential's allowed destination prefixes, whatever its key
 * (backup_phone_number, dialing_strategy.numbers, tools[].transfer_number, voicemail.sms.to, a
 * pathway's Transfer Call node…). A vendor adds dialling keys over time; a list of known keys
 * would let each new one through, so the check looks at values, not names.
 */

/** Keys whose digit-only values are read as numbers to dial (a bare 10-digit number is +1 at Bland). */
const PHONE_KEY = /phone|number|^to$|^from$|transfer|dial|sms|tel|mobile|cell|contact|callee|destination|forward/i;

/** Invisible characters a smuggled number could hide behind. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const SEPARATORS = /[\s\-.()/\u2010-\u2015\u2212]/g;

/**
 * The E.164 form of a value that looks like a phone number, else undefined.
 * - Text that starts with `+` or `00` followed by 7–15 digits (spaces, dashes, dots, parentheses,
 *   full-width digits and invisible characters allowed) is a number wherever it is.
 * - Digits alone (text or a JSON number, 10–15 digits) count under a phone-like key: Bland dials
 *   a bare 10-digit number as +1.
 */
export function phoneNumberIn(value: unknown, phoneKey: boolean): string | undefined {
	let text: string;
	if (typeof value === 'number') {
		if (!phoneKey || !Number.isInteger(value) || value < 0) return undefined;
		text = String(value);
	} else if (typeof value === 'string') {
		text = value;
	} else {
		return undefined;
	}
	const compact = text.normalize('NFKC').replace(INVISIBLE, '').replace(SEPARATORS, '');
	const international = /^(?:\+|00)(\d{7,15})$/.exec(compact);
	if (international) return `+${international[1]}`;
	if (!phoneKey || !/^\d{10,15}$/.test(compact)) return undefined;
	return compact.length === 10 ? `+1${compact}` : `+${compact}`;
}

export interface FoundNumber {
	/** Where in the body, e.g. `dialing_strategy.numbers[1]`. */
	path: string;
	phone: string;
}

/** Every phone number inside a value, with its path. */
export function findPhoneNumbers(value: unknown, path = '', phoneKey = false, seen = new Set<unknown>()): FoundNumber[] {
	if (value !== null && typeof value === 'object') {
		if (seen.has(value)) return [];
		seen.add(value);
		const entries: Array<[string, unknown]> = Array.isArray(value)
			? value.map((v, i) => [`[${i}]`, v])
			: Object.entries(value as IDataObject).map(([k, v]) => [k, v]);
		return entries.flatMap(([key, inner]) => {
			const isIndex = key.startsWith('[');
			const innerPath = isIndex ? `${path}${key}` : path ? `${path}.${key}` : key;
			return findPhoneNumbers(inner, innerPath, isIndex ? phoneKey : phoneKey || PHONE_KEY.test(key), seen);
		});
	}
	// A JSON string inside a string (e.g. a tool body) is looked into as well.
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
			try {
				return findPhoneNumbers(JSON.parse(trimmed), path, phoneKey, seen);
			} catch {
				// not JSON: checked as text below
			}
		}
	}
	// A number is a whole value: digits inside prose ("our office: +44 …") are not dialled.
	const phone = phoneNumberIn(value, phoneKey);
	return phone ? [{ path, phone }] : [];
}

/**
 * Refuses a body that holds any phone number outside the allowed prefixes. `skip` lists
 * top-level keys that are not destinations (the caller ID). Without an allow-list nothing is
 * checked here (the destination fields still are, for format).
 */
export function requireAllowedNumbersIn(
	node: INode,
	body: unknown,
	where: string,
	itemIndex: number,
	allowedPrefixes: string[],
	skip: string[] = [],
): void {
	if (allowedPrefixes.length === 0) return;
	const trimmed =
		body && typeof body === 'object' && !Array.isArray(body) && skip.length
			? Object.fromEntries(Object.entries(body as IDataObject).filter(([key]) => !skip.includes(key)))
			: body;
	const refused = findPhoneNumbers(trimmed)
		.map((f) => ({ ...f, problem: destinationProblem(f.phone, allowedPrefixes) }))
		.filter((f) => f.problem !== undefined);
	if (refused.length === 0) return;
	const listed = refused
		.slice(0, 5)
		.map((f) => `${f.phone}${f.path ? ` at ${f.path}` : ''}`)
		.join(', ');
	const allowed = allowedPrefixesOf(allowedPrefixes);
	const rule = refused.every((f) => f.problem!.startsWith('on the do-not-call'))
		? 'on the do-not-call list set in the credential'
		: refused.some((f) => f.problem!.startsWith('on the do-not-call'))
			? `outside the allowed destination prefixes set in the credential (${allowed.join(', ')}) or on its do-not-call list`
			: `outside the allowed destination prefixes set in the credential (${allowed.join(', ')})`;
	throw new NodeOperationError(
		node,
		`${where} holds ${refused.length === 1 ? 'a phone number' : `${refused.length} phone numbers`} ${rule}: ${listed}${refused.length > 5 ? ', …' : ''}`,
		{
			itemIndex,
			description:
				'No request was sent. Any number in the request could be dialled or sent an SMS (a transfer is a second billed call), whatever its key. Remove it, or add its prefix to "Allowed Destination Prefixes" in the credential.',
		},
	);
}

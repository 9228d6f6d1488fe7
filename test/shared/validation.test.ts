import type { INode } from 'n8n-workflow';

import { parseJsonField } from '../../nodes/shared/validation/json';
import { compact, keyValuePairs } from '../../nodes/shared/validation/params';
import { isAllowedDestination, parseAllowedPrefixes } from '../../nodes/shared/validation/destinations';
import { normalizeE164, optionalCallerId, requireDestination } from '../../nodes/shared/validation/phone';
import { toOffsetIso } from '../../nodes/shared/validation/time';

const node = { name: 'Bolna', type: 'bolna', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

describe('phone numbers', () => {
	it.each([
		['+1 (415) 555-0101', '+14155550101'],
		['0091 98765 43210', '+919876543210'],
		['+44.20.7946.0958', '+442079460958'],
		['4155550101', undefined],
		['+0123456789', undefined],
		['+12', undefined],
		['+1234567890123456', undefined],
		['', undefined],
		[null, undefined],
		// Real numbering plans: the right length is not enough.
		['+15550100000', undefined], // no US area code 555
		['+441234', undefined], // too short for the UK
		['+919876543210', '+919876543210'],
		['+61 412 345 678', '+61412345678'],
		[{ number: '+14155550101' }, undefined],
		[Number.NaN, undefined],
	])('normalizeE164(%j) = %s', (input, output) => {
		expect(normalizeE164(input)).toBe(output);
	});

	it('parses and applies the allow-list', () => {
		const prefixes = parseAllowedPrefixes('+91, 1415\n+44 20');
		expect(prefixes).toEqual(['+91', '+1415', '+4420']);
		expect(isAllowedDestination('+14155550101', prefixes)).toBe(true);
		expect(isAllowedDestination('+12125550101', prefixes)).toBe(false);
		expect(isAllowedDestination('+12125550101', [])).toBe(true);
	});

	it('requireDestination names the field and the item', () => {
		expect(() => requireDestination(node, '123', 'Phone', 2, [])).toThrow(
			'"Phone" must be a phone number in E.164 format, e.g. +14155550123 (got "123")',
		);
		try {
			requireDestination(node, '+12125550101', 'Phone', 2, ['+91']);
			throw new Error('not refused');
		} catch (error) {
			expect((error as Error).message).toBe(
				'"Phone" +12125550101 is outside the allowed destination prefixes set in the credential (+91)',
			);
			expect((error as { context: { itemIndex: number } }).context.itemIndex).toBe(2);
		}
		expect(optionalCallerId(node, ' ', 'From', 0)).toBeUndefined();
	});

	it('a number of the right form outside its numbering plan is refused, naming the plan', () => {
		expect(() => requireDestination(node, '+1 555 010 0000', 'Phone', 0, [])).toThrow(
			'"Phone" "+1 555 010 0000" is not a valid number in the numbering plan of +1',
		);
		expect(() => optionalCallerId(node, '+4412345678', 'From', 0)).toThrow(
			'"From" "+4412345678" is not a valid number in the numbering plan of +44',
		);
	});

	it('the do-not-call list refuses numbers and prefixes, before the allow-list', () => {
		const rules = parseAllowedPrefixes('+1', '+14155550101; 0044 20, 91');
		expect(rules).toEqual(['+1', '!+14155550101', '!+4420', '!+91']);
		expect(isAllowedDestination('+14155550102', rules)).toBe(true);
		expect(isAllowedDestination('+14155550101', rules)).toBe(false);
		expect(() => requireDestination(node, '+14155550101', 'Phone', 0, rules)).toThrow(
			'"Phone" +14155550101 is on the do-not-call list set in the credential',
		);
		expect(() => requireDestination(node, '+442079460958', 'Phone', 0, rules)).toThrow(
			'"Phone" +442079460958 is on the do-not-call list set in the credential (prefix +4420)',
		);
		// A do-not-call list alone allows every other number.
		expect(isAllowedDestination('+12125550100', parseAllowedPrefixes('', '+1415'))).toBe(true);
	});
});

describe('toOffsetIso', () => {
	it.each([
		['2026-05-19T13:00:00Z', '2026-05-19T13:00:00+00:00'],
		['2026-05-19T13:00:00.123Z', '2026-05-19T13:00:00+00:00'],
		['2026-05-19T18:30:00+05:30', '2026-05-19T18:30:00+05:30'],
		['2026-05-19 18:30+0530', '2026-05-19T18:30:00+05:30'],
		[Date.parse('2026-05-19T13:00:00Z'), '2026-05-19T13:00:00+00:00'],
	])('%j → %s', (input, output) => {
		expect(toOffsetIso(node, input, 'When', 0)).toBe(output);
	});

	it.each(['2026-05-19T13:00:00', 'tomorrow', ''])('refuses %j, naming the field', (input) => {
		expect(() => toOffsetIso(node, input, 'When', 0)).toThrow(/^"When" /);
	});
});

describe('JSON and parameter helpers', () => {
	it('parseJsonField', () => {
		expect(parseJsonField(node, '{"a":1}', 'F', 0)).toEqual({ a: 1 });
		expect(parseJsonField(node, { a: 1 }, 'F', 0)).toEqual({ a: 1 });
		expect(parseJsonField(node, '  ', 'F', 0)).toBeUndefined();
		expect(() => parseJsonField(node, '{"a":', 'F', 0)).toThrow(/^"F" is not valid JSON: /);
		expect(() => parseJsonField(node, '[1]', 'F', 0)).toThrow('"F" must be a JSON object');
		expect(parseJsonField(node, '[1]', 'F', 0, 'array')).toEqual([1]);
	});

	it('compact and keyValuePairs drop empties and unsafe keys', () => {
		expect(compact({ a: '', b: null, c: undefined, d: [], e: 0, f: false, constructor: 'x' })).toEqual({ e: 0, f: false });
		expect(keyValuePairs({ values: [{ name: ' k ', value: 'v' }, { name: '', value: 'x' }, { name: '__proto__', value: 'y' }] })).toEqual({ k: 'v' });
	});
});

describe('toOffsetIso with the workflow time zone (zone-less input, as the date picker gives)', () => {
	const n = { name: 'Node' } as never;
	it.each([
		['2026-05-19T13:00:00', 'America/New_York', '2026-05-19T13:00:00-04:00'],
		['2026-01-19T13:00:00', 'America/New_York', '2026-01-19T13:00:00-05:00'],
		['2026-05-19 18:30', 'Asia/Kolkata', '2026-05-19T18:30:00+05:30'],
		['2026-07-01T09:15:30', 'Europe/London', '2026-07-01T09:15:30+01:00'],
		['2026-12-01T09:15:30.250', 'Europe/London', '2026-12-01T09:15:30+00:00'],
		['2026-03-08T03:30:00', 'America/New_York', '2026-03-08T03:30:00-04:00'],
		['2026-05-19', 'Asia/Kathmandu', '2026-05-19T00:00:00+05:45'],
		['2026-05-19T13:00:00', 'UTC', '2026-05-19T13:00:00+00:00'],
	])('%s in %s → %s', (input, zone, expected) => {
		expect(toOffsetIso(n, input, 'Scheduled At', 0, zone)).toBe(expected);
	});

	it('keeps an explicit offset and converts Z, whatever the workflow zone', () => {
		expect(toOffsetIso(n, '2026-05-19T18:30:00+05:30', 'S', 0, 'America/New_York')).toBe('2026-05-19T18:30:00+05:30');
		expect(toOffsetIso(n, '2026-05-19T13:00:00Z', 'S', 0, 'Asia/Kolkata')).toBe('2026-05-19T13:00:00+00:00');
	});

	it.each([
		['2026-02-30T13:00:00', 'Europe/Paris', '"S" is not a valid date (got "2026-02-30T13:00:00")'],
		['2026-05-19T25:00:00', 'Europe/Paris', '"S" is not a valid date (got "2026-05-19T25:00:00")'],
		['next tuesday', 'Europe/Paris', '"S" is not an ISO 8601 date (got "next tuesday")'],
		['2026-05-19T13:00:00', 'Mars/Olympus', '"S" cannot be read in time zone "Mars/Olympus" (got "2026-05-19T13:00:00")'],
		['2026-05-19T13:00:00', undefined, '"S" has no time zone (got "2026-05-19T13:00:00")'],
	])('refuses %s (%s)', (input, zone, message) => {
		expect(() => toOffsetIso(n, input, 'S', 0, zone)).toThrow(message);
	});
});

import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/**
 * Turns any date input (ISO string with or without offset, `Z`, epoch ms, Date, Luxon DateTime)
 * into ISO 8601 with a numeric offset (`2026-05-19T13:00:00+00:00`). Bolna rejects the `Z` form.
 * A string that already has a numeric offset keeps its local time and offset. A string without
 * any zone (what n8n's date picker produces) is read in `timeZone` — the workflow's time zone —
 * and refused when no time zone is given, because the hour would be ambiguous.
 */
export function toOffsetIso(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	timeZone?: string,
): string {
	const fail = (why: string) =>
		new NodeOperationError(node, `"${field}" ${why}`, {
			itemIndex,
			description: 'Use ISO 8601 with a time zone, e.g. 2026-05-19T18:30:00+05:30 or 2026-05-19T13:00:00Z.',
		});
	let input: unknown = value;
	if (input && typeof input === 'object' && typeof (input as { toISO?: unknown }).toISO === 'function') {
		input = (input as { toISO: () => string }).toISO();
	}
	// new Date(NaN or out-of-range).toISOString() throws a bare "Invalid time value": name the field instead.
	if (input instanceof Date) {
		if (Number.isNaN(input.getTime())) throw fail('is not a valid date');
		input = input.toISOString();
	}
	if (typeof input === 'number') {
		const date = new Date(input);
		if (!Number.isFinite(input) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 1970) {
			throw fail(`is not a valid date (got ${input})`);
		}
		input = date.toISOString();
	}
	if (input === null) throw fail('is not a date (got null)');
	if (typeof input !== 'string' || input.trim() === '') throw fail('is not a date');
	const text = input.trim();
	const withOffset = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?([+-]\d{2}:?\d{2})$/.exec(text);
	if (withOffset) {
		if (Number.isNaN(Date.parse(text.replace(' ', 'T')))) throw fail(`is not a valid date (got "${text}")`);
		const time = withOffset[2].length === 5 ? `${withOffset[2]}:00` : withOffset[2];
		const off = withOffset[4].includes(':') ? withOffset[4] : `${withOffset[4].slice(0, 3)}:${withOffset[4].slice(3)}`;
		return `${withOffset[1]}T${time}${off}`;
	}
	if (!/(Z|z)$/.test(text)) {
		const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(text);
		if (!local) throw fail(`is not an ISO 8601 date (got "${text}")`);
		if (!timeZone) throw fail(`has no time zone (got "${text}")`);
		const [, y, mo, d, h = '00', mi = '00', se = '00'] = local;
		const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)));
		if (
			check.getUTCFullYear() !== Number(y) ||
			check.getUTCMonth() + 1 !== Number(mo) ||
			check.getUTCDate() !== Number(d) ||
			check.getUTCHours() !== Number(h) ||
			check.getUTCMinutes() !== Number(mi)
		) {
			throw fail(`is not a valid date (got "${text}")`);
		}
		const offset = zoneOffsetMinutes(timeZone, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(se));
		if (offset === undefined) throw fail(`cannot be read in time zone "${timeZone}" (got "${text}")`);
		return `${y}-${mo}-${d}T${h}:${mi}:${se}${formatOffset(offset)}`;
	}
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw fail(`is not a valid date (got "${text}")`);
	const d = new Date(ms);
	if (Number.isNaN(d.getTime()) || d.getUTCFullYear() > 9999) throw fail(`is not a valid date (got "${text}")`);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

function formatOffset(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Offset from UTC in minutes of an IANA time zone at a UTC instant (undefined for an unknown zone). */
function offsetAt(timeZone: string, utcMs: number): number | undefined {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(utcMs));
	} catch {
		return undefined;
	}
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Offset in minutes of a wall-clock time in an IANA zone (daylight saving included). */
function zoneOffsetMinutes(
	timeZone: string,
	y: number,
	mo: number,
	d: number,
	h: number,
	mi: number,
	s: number,
): number | undefined {
	const wall = Date.UTC(y, mo - 1, d, h, mi, s);
	const first = offsetAt(timeZone, wall);
	if (first === undefined) return undefined;
	const second = offsetAt(timeZone, wall - first * 60_000);
	return second ?? first;
}

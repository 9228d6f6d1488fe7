import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/**
 * Turns any date input (ISO string with or without offset, `Z`, epoch ms, Date, Luxon DateTime)
 * into ISO 8601 with a numeric offset (`2026-05-19T13:00:00+00:00`). Bolna rejects the `Z` form.
 * A string that already has a numeric offset keeps its local time and offset. A string without
 * any zone is refused: the hour would be ambiguous.
 */
export function toOffsetIso(node: INode, value: unknown, field: string, itemIndex: number): string {
	const fail = (why: string) =>
		new NodeOperationError(node, `"${field}" ${why}`, {
			itemIndex,
			description: 'Use ISO 8601 with a time zone, e.g. 2026-05-19T18:30:00+05:30 or 2026-05-19T13:00:00Z.',
		});
	let input: unknown = value;
	if (input && typeof input === 'object' && typeof (input as { toISO?: unknown }).toISO === 'function') {
		input = (input as { toISO: () => string }).toISO();
	}
	if (input instanceof Date) input = input.toISOString();
	if (typeof input === 'number') input = new Date(input).toISOString();
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
		throw fail(`has no time zone (got "${text}")`);
	}
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw fail(`is not a valid date (got "${text}")`);
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

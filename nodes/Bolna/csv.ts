import { stringify } from 'csv-stringify/sync';
import type { IDataObject } from 'n8n-workflow';

import { findPhoneNumbers } from '../shared/request/numbers';
import { isAllowedDestination, normalizeE164 } from '../shared/validation/phone';

/** The column Bolna requires in a batch CSV; every other column becomes a prompt `{variable}`. */
export const CONTACT_COLUMN = 'contact_number';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A contact that cannot be called, with where it came from and why. */
export interface RejectedRow {
	/** Input item index (items mode). */
	itemIndex?: number;
	/** Record number in the CSV file, the header being row 1 (binary CSV mode). */
	row?: number;
	value: string;
	reason: string;
}

export interface Contacts {
	/** `contact_number` first, then the other columns in first-seen order. */
	columns: string[];
	/** Valid rows, aligned with `columns`; the number is normalised to E.164. */
	rows: string[][];
	/** Input item index (items mode) or CSV row number of each valid row. */
	sources: number[];
	rejected: RejectedRow[];
}

/** A CSV file that cannot be used at all (as opposed to single bad rows). */
export class CsvFormatError extends Error {}

function label(source: { itemIndex?: number; row?: number }): string {
	return source.row !== undefined ? `row ${source.row}` : `item ${source.itemIndex}`;
}

/** A phone number check shared by both modes: E.164, allow-list, duplicates. */
function checkContact(
	value: unknown,
	prefixes: string[],
	seen: Map<string, string>,
	where: string,
): { phone: string } | { reason: string } {
	if (value === undefined || value === null || String(value).trim() === '') {
		return { reason: 'no phone number' };
	}
	const phone = normalizeE164(value);
	if (!phone) return { reason: 'not a phone number in E.164 format, e.g. +14155550123' };
	if (!isAllowedDestination(phone, prefixes)) {
		return { reason: `outside the allowed destination prefixes (${prefixes.join(', ')})` };
	}
	const first = seen.get(phone);
	if (first !== undefined) return { reason: `duplicate of ${first}` };
	seen.set(phone, where);
	return { phone };
}

/**
 * Any other column that holds a phone number outside the prefixes (a second number column, a
 * transfer or backup number the agent may dial): the reason the row is refused, else undefined.
 */
function otherNumberProblem(columns: string[], cells: string[], prefixes: string[]): string | undefined {
	if (prefixes.length === 0) return undefined;
	for (let i = 0; i < columns.length; i++) {
		if (columns[i] === CONTACT_COLUMN) continue;
		const outside = findPhoneNumbers({ [columns[i]]: cells[i] }).find((f) => !isAllowedDestination(f.phone, prefixes));
		if (outside) {
			return `column "${columns[i]}" holds ${outside.phone}, outside the allowed destination prefixes (${prefixes.join(', ')})`;
		}
	}
	return undefined;
}

/** One CSV cell for an item value: nested values are JSON-encoded, empty values are empty. */
export function cellValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function fieldValue(json: IDataObject, field: string): unknown {
	if (field in json) return json[field];
	// `customer.phone`: a dotted path into a nested object
	let current: unknown = json;
	for (const key of field.split('.')) {
		if (!current || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

/**
 * Contacts from n8n items: one item is one contact. `phoneField` holds the number; every other
 * top-level field becomes a column.
 */
export function contactsFromItems(
	items: IDataObject[],
	phoneField: string,
	prefixes: string[],
): Contacts {
	const columns: string[] = [CONTACT_COLUMN];
	const known = new Set(columns);
	for (const json of items) {
		for (const key of Object.keys(json)) {
			if (key === phoneField || UNSAFE_KEYS.has(key) || known.has(key)) continue;
			known.add(key);
			columns.push(key);
		}
	}

	const seen = new Map<string, string>();
	const rows: string[][] = [];
	const sources: number[] = [];
	const rejected: RejectedRow[] = [];
	items.forEach((json, itemIndex) => {
		const raw = fieldValue(json, phoneField);
		const checked = checkContact(raw, prefixes, seen, label({ itemIndex }));
		if ('reason' in checked) {
			const reason =
				checked.reason === 'no phone number' ? `no phone number in field "${phoneField}"` : checked.reason;
			rejected.push({ itemIndex, value: cellValue(raw), reason });
			return;
		}
		const cells = columns.map((column) => (column === CONTACT_COLUMN ? checked.phone : cellValue(json[column])));
		const other = otherNumberProblem(columns, cells, prefixes);
		if (other) {
			rejected.push({ itemIndex, value: cellValue(raw), reason: other });
			return;
		}
		rows.push(cells);
		sources.push(itemIndex);
	});
	return { columns, rows, sources, rejected };
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM)
 * into records. Fully empty lines are dropped.
 */
export function parseCsv(text: string): string[][] {
	const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	let i = 0;
	const endRecord = () => {
		record.push(field);
		field = '';
		if (!(record.length === 1 && record[0] === '')) records.push(record);
		record = [];
	};
	while (i < input.length) {
		const c = input[i];
		if (quoted) {
			if (c === '"') {
				if (input[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				quoted = false;
			} else {
				field += c;
			}
			i++;
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
		} else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\r' && input[i + 1] === '\n') {
			endRecord();
			i++;
		} else if (c === '\n' || c === '\r') {
			endRecord();
		} else {
			field += c;
		}
		i++;
	}
	if (quoted) throw new CsvFormatError('has a quoted field that is never closed');
	if (field !== '' || record.length > 0) endRecord();
	return records;
}

/**
 * Contacts from an uploaded CSV file. The header must have `contact_number`; rows are checked
 * like items. Columns keep their order, with `contact_number` moved first.
 */
export function contactsFromCsv(text: string, prefixes: string[]): Contacts {
	const records = parseCsv(text);
	if (records.length === 0) throw new CsvFormatError('is empty');
	const header = records[0].map((h) => h.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim());
	// Two columns with the same name (or names that differ only in case or spacing) are
	// ambiguous: Bolna could read either, and only one would be checked.
	const byName = new Map<string, number>();
	for (let i = 0; i < header.length; i++) {
		const key = header[i].normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '_');
		if (header[i] === '') throw new CsvFormatError(`has an empty column name (column ${i + 1})`);
		const first = byName.get(key);
		if (first !== undefined) {
			throw new CsvFormatError(
				`has two columns that read as the same name: "${header[first]}" (column ${first + 1}) and "${header[i]}" (column ${i + 1}); rename or remove one`,
			);
		}
		byName.set(key, i);
	}
	const phoneIndex = header.indexOf(CONTACT_COLUMN);
	if (phoneIndex === -1) {
		throw new CsvFormatError(
			`has no "${CONTACT_COLUMN}" column in its header (found: ${header.map((h) => JSON.stringify(h)).join(', ')})`,
		);
	}
	const order = [phoneIndex, ...header.map((_, i) => i).filter((i) => i !== phoneIndex)];
	const columns = order.map((i) => header[i]);

	const seen = new Map<string, string>();
	const rows: string[][] = [];
	const sources: number[] = [];
	const rejected: RejectedRow[] = [];
	records.slice(1).forEach((record, index) => {
		const row = index + 2;
		const raw = record[phoneIndex] ?? '';
		if (record.length > header.length) {
			rejected.push({ row, value: raw, reason: `has ${record.length} fields, the header has ${header.length}` });
			return;
		}
		const checked = checkContact(raw, prefixes, seen, label({ row }));
		if ('reason' in checked) {
			rejected.push({ row, value: raw, reason: checked.reason });
			return;
		}
		const cells = order.map((i) => (i === phoneIndex ? checked.phone : (record[i] ?? '')));
		const other = otherNumberProblem(columns, cells, prefixes);
		if (other) {
			rejected.push({ row, value: raw, reason: other });
			return;
		}
		rows.push(cells);
		sources.push(row);
	});
	return { columns, rows, sources, rejected };
}

/** The CSV text Bolna receives: header line, then one line per contact. */
export function toCsv(contacts: Pick<Contacts, 'columns' | 'rows'>): string {
	return stringify([contacts.columns, ...contacts.rows]);
}

/** One line per rejected row, for an error message. At most `max` lines, then a count. */
export function describeRejected(rejected: RejectedRow[], max = 20): string {
	const lines = rejected
		.slice(0, max)
		.map((r) => `${label(r)}${r.value !== '' ? ` (${JSON.stringify(r.value)})` : ''}: ${r.reason}`);
	if (rejected.length > max) lines.push(`… and ${rejected.length - max} more`);
	return lines.join('\n');
}

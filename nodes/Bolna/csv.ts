import { stringify } from 'csv-stringify/sync';
import type { IDataObject } from 'n8n-workflow';

import { findPhoneNumbers } from '../shared/request/numbers';
import { destinationProblem } from '../shared/validation/destinations';
import { checkPhone } from '../shared/validation/phone';

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

/**
 * The checked contacts, without their rows: `rows()` writes the cells of every valid row again
 * from the input each time it is iterated, so a large batch is never held as a second copy.
 */
export interface ContactPlan {
	/** `contact_number` first, then the other columns in first-seen order. */
	columns: string[];
	/** Input item index (items mode) or CSV row number of each valid row. */
	sources: number[];
	rejected: RejectedRow[];
	/** Valid rows, aligned with `columns`; the number is normalised to E.164. */
	rows: () => Iterable<string[]>;
}

/** A plan with its rows written out (tests and small inputs). */
export interface Contacts extends Omit<ContactPlan, 'rows'> {
	rows: string[][];
}

/** Writes out a plan's rows. */
export function materialize(plan: ContactPlan): Contacts {
	return { columns: plan.columns, sources: plan.sources, rejected: plan.rejected, rows: [...plan.rows()] };
}

/** A CSV file that cannot be used at all (as opposed to single bad rows). */
export class CsvFormatError extends Error {}

function label(source: { itemIndex?: number; row?: number }): string {
	return source.row !== undefined ? `row ${source.row}` : `item ${source.itemIndex}`;
}

/**
 * Numbers already seen, each with the item index or CSV row where it came first (a number, not
 * a label: 100,000 labels cost more heap than the CSV they describe).
 */
interface Seen {
	/** Keyed by `phoneKey`. */
	first: Map<number, number>;
	label: (source: number) => string;
}

/**
 * An E.164 number as a number (`+14155550101` → 14155550101): up to 15 digits, exact in a double,
 * and a quarter of the heap of the string. `phoneOf` gives the string back.
 */
function phoneKey(phone: string): number {
	return Number(phone.slice(1));
}

function phoneOf(key: number): string {
	return `+${key}`;
}

/** A phone number check shared by both modes: E.164, allow-list, duplicates. */
function checkContact(
	value: unknown,
	prefixes: string[],
	seen: Seen,
	where: number,
): { phone: string } | { reason: string } {
	if (value === undefined || value === null || String(value).trim() === '') {
		return { reason: 'no phone number' };
	}
	const checked = checkPhone(value);
	if ('problem' in checked) {
		return { reason: checked.problem === 'not in E.164 format' ? 'not a phone number in E.164 format, e.g. +14155550123' : checked.problem };
	}
	const phone = checked.phone;
	const refused = destinationProblem(phone, prefixes);
	if (refused) return { reason: refused };
	const key = phoneKey(phone);
	const first = seen.first.get(key);
	if (first !== undefined) return { reason: `duplicate of ${seen.label(first)}` };
	seen.first.set(key, where);
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
		for (const found of findPhoneNumbers({ [columns[i]]: cells[i] })) {
			const refused = destinationProblem(found.phone, prefixes);
			if (refused) return `column "${columns[i]}" holds ${found.phone}, ${refused}`;
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
 * top-level field becomes a column. Every row is checked here; the rows themselves are not kept
 * (`rows()` writes them again from the items).
 */
export function planFromItems(
	items: IDataObject[],
	phoneField: string,
	prefixes: string[],
): ContactPlan {
	const columns: string[] = [CONTACT_COLUMN];
	const known = new Set(columns);
	for (const json of items) {
		for (const key of Object.keys(json)) {
			if (key === phoneField || UNSAFE_KEYS.has(key) || known.has(key)) continue;
			known.add(key);
			columns.push(key);
		}
	}
	const cellsOf = (json: IDataObject, phone: string) =>
		columns.map((column) => (column === CONTACT_COLUMN ? phone : cellValue(json[column])));

	const seen: Seen = { first: new Map(), label: (itemIndex) => label({ itemIndex }) };
	// The normalised numbers of the valid rows, as `phoneKey`s.
	const phones: number[] = [];
	const sources: number[] = [];
	const rejected: RejectedRow[] = [];
	items.forEach((json, itemIndex) => {
		const raw = fieldValue(json, phoneField);
		const checked = checkContact(raw, prefixes, seen, itemIndex);
		if ('reason' in checked) {
			const reason =
				checked.reason === 'no phone number' ? `no phone number in field "${phoneField}"` : checked.reason;
			rejected.push({ itemIndex, value: cellValue(raw), reason });
			return;
		}
		if (prefixes.length > 0) {
			const other = otherNumberProblem(columns, cellsOf(json, checked.phone), prefixes);
			if (other) {
				rejected.push({ itemIndex, value: cellValue(raw), reason: other });
				return;
			}
		}
		phones.push(phoneKey(checked.phone));
		sources.push(itemIndex);
	});
	seen.first.clear();
	return {
		columns,
		sources,
		rejected,
		*rows() {
			for (let i = 0; i < sources.length; i++) yield cellsOf(items[sources[i]], phoneOf(phones[i]));
		},
	};
}

/** `planFromItems` with the rows written out. */
export function contactsFromItems(items: IDataObject[], phoneField: string, prefixes: string[]): Contacts {
	return materialize(planFromItems(items, phoneField, prefixes));
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
export function planFromCsv(text: string, prefixes: string[]): ContactPlan {
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

	const cellsOf = (record: string[], phone: string) =>
		order.map((i) => (i === phoneIndex ? phone : (record[i] ?? '')));
	const seen: Seen = { first: new Map(), label: (row) => label({ row }) };
	const phones: number[] = [];
	const sources: number[] = [];
	const rejected: RejectedRow[] = [];
	records.slice(1).forEach((record, index) => {
		const row = index + 2;
		const raw = record[phoneIndex] ?? '';
		if (record.length > header.length) {
			rejected.push({ row, value: raw, reason: `has ${record.length} fields, the header has ${header.length}` });
			return;
		}
		const checked = checkContact(raw, prefixes, seen, row);
		if ('reason' in checked) {
			rejected.push({ row, value: raw, reason: checked.reason });
			return;
		}
		if (prefixes.length > 0) {
			const other = otherNumberProblem(columns, cellsOf(record, checked.phone), prefixes);
			if (other) {
				rejected.push({ row, value: raw, reason: other });
				return;
			}
		}
		phones.push(phoneKey(checked.phone));
		sources.push(row);
	});
	seen.first.clear();
	return {
		columns,
		sources,
		rejected,
		*rows() {
			// records[0] is the header: CSV row r is records[r - 1]
			for (let i = 0; i < sources.length; i++) yield cellsOf(records[sources[i] - 1], phoneOf(phones[i]));
		},
	};
}

/** `planFromCsv` with the rows written out. */
export function contactsFromCsv(text: string, prefixes: string[]): Contacts {
	return materialize(planFromCsv(text, prefixes));
}

/** Size of the chunks `csvChunks` hands on (and of the pieces sent to the socket). */
export const CSV_CHUNK_BYTES = 64 * 1024;
/** Records csv-stringify writes per call. */
const RECORDS_PER_CALL = 256;

/**
 * The CSV Bolna receives (header line, then one line per contact), written by csv-stringify a
 * few hundred records at a time and handed on in chunks of about `CSV_CHUNK_BYTES`: the whole
 * file is never held in memory. (csv-stringify's stream API is built on `node:stream`, which a
 * verified community node may not import; its record writer is the same one, called in slices.)
 */
export function* csvChunks(
	contacts: Pick<ContactPlan, 'columns'> & { rows: ContactPlan['rows'] | string[][] },
): Generator<Buffer> {
	const { columns, rows } = contacts;
	let records: string[][] = [columns];
	let pending: string[] = [];
	let pendingBytes = 0;
	const flushRecords = () => {
		const text = stringify(records);
		records = [];
		pending.push(text);
		pendingBytes += text.length;
	};
	for (const row of typeof rows === 'function' ? rows() : rows) {
		records.push(row);
		if (records.length < RECORDS_PER_CALL) continue;
		flushRecords();
		if (pendingBytes >= CSV_CHUNK_BYTES) {
			yield Buffer.from(pending.join(''), 'utf8');
			pending = [];
			pendingBytes = 0;
		}
	}
	if (records.length > 0) flushRecords();
	if (pending.length > 0) yield Buffer.from(pending.join(''), 'utf8');
}

/** Exact size in bytes of the CSV `csvChunks` writes, computed without keeping it. */
export function csvByteLength(contacts: Parameters<typeof csvChunks>[0]): number {
	let bytes = 0;
	for (const chunk of csvChunks(contacts)) bytes += chunk.length;
	return bytes;
}

/** The whole CSV as text (tests and small inputs). */
export function toCsv(contacts: Parameters<typeof csvChunks>[0]): string {
	return Buffer.concat([...csvChunks(contacts)]).toString('utf8');
}

/** One line per rejected row, for an error message. At most `max` lines, then a count. */
export function describeRejected(rejected: RejectedRow[], max = 20): string {
	const lines = rejected
		.slice(0, max)
		.map((r) => `${label(r)}${r.value !== '' ? ` (${JSON.stringify(r.value)})` : ''}: ${r.reason}`);
	if (rejected.length > max) lines.push(`… and ${rejected.length - max} more`);
	return lines.join('\n');
}

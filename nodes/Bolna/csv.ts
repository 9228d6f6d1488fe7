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
	/** Valid rows. */
	count: number;
	/** Input item index (items mode) or CSV row number of valid row `k`. */
	source: (k: number) => number;
	rejected: RejectedRow[];
	/** Valid rows, aligned with `columns`; the number is normalised to E.164. */
	rows: () => Iterable<string[]>;
}

/** A plan with its rows written out (tests and small inputs). */
export interface Contacts extends Pick<ContactPlan, 'columns' | 'rejected'> {
	/** Input item index (items mode) or CSV row number of each valid row. */
	sources: number[];
	rows: string[][];
}

/** Writes out a plan's rows. */
export function materialize(plan: ContactPlan): Contacts {
	return {
		columns: plan.columns,
		sources: Array.from({ length: plan.count }, (_, k) => plan.source(k)),
		rejected: plan.rejected,
		rows: [...plan.rows()],
	};
}

/** A CSV file that cannot be used at all (as opposed to single bad rows). */
export class CsvFormatError extends Error {}

function label(source: { itemIndex?: number; row?: number }): string {
	return source.row !== undefined ? `row ${source.row}` : `item ${source.itemIndex}`;
}

/**
 * An E.164 number as a number (`+14155550101` → 14155550101): up to 15 digits, exact in a double,
 * so 100,000 numbers fit in one 800 KB typed array. `phoneOf` gives the string back.
 */
function phoneKey(phone: string): number {
	return Number(phone.slice(1));
}

function phoneOf(key: number): string {
	return `+${key.toFixed(0)}`;
}

/** The phone number check of one row: E.164 and the allow-list (duplicates are found afterwards). */
function checkContact(value: unknown, prefixes: string[]): { phone: string } | { reason: string } {
	if (value === undefined || value === null || String(value).trim() === '') {
		return { reason: 'no phone number' };
	}
	const checked = checkPhone(value);
	if ('problem' in checked) {
		return { reason: checked.problem === 'not in E.164 format' ? 'not a phone number in E.164 format, e.g. +14155550123' : checked.problem };
	}
	const refused = destinationProblem(checked.phone, prefixes);
	return refused ? { reason: refused } : { phone: checked.phone };
}

/** One input (items or CSV records) as the row check reads it; `i` counts rows from 0. */
interface RowReader {
	count: number;
	/** The item index or CSV row number of row `i`, as messages and `sources` give it. */
	where: (i: number) => number;
	/** The number as written in row `i`. */
	phone: (i: number) => unknown;
	/** A problem with row `i` found before its number is read. */
	shape?: (i: number) => string | undefined;
	/** A problem with the other cells of row `i`, given its normalised number. */
	others: (i: number, phone: string) => string | undefined;
	/** The reason given when a row has no number. */
	noPhone: string;
	/** What `where` counts: input items or CSV rows. */
	source: 'itemIndex' | 'row';
}

/** The rows that passed the check, as `checkRows` keeps them. */
interface CheckedRows {
	/** Valid rows. */
	count: number;
	/** The normalised number of valid row `k` (`phoneKey`). */
	phones: Float64Array;
	/** The row index of valid row `k`; undefined when no row was refused (valid row `k` is row `k`). */
	rows: Int32Array | undefined;
	rejected: RejectedRow[];
}

/**
 * Checks every row once and keeps no per-row objects: the normalised numbers in one typed array
 * (8 bytes a row, outside the JS heap) and, only once a row is refused, the index of each valid
 * row (4 bytes a row). Duplicates are found afterwards by sorting a copy of the numbers, so a
 * batch without duplicates needs no lookup table at all; the first row of a number is kept,
 * later ones are refused.
 */
function checkRows(reader: RowReader, prefixes: string[]): CheckedRows {
	const phones = new Float64Array(reader.count);
	let rows: Int32Array | undefined;
	const refused: Array<{ i: number; reason: string }> = [];
	const othersRefused = new Map<number, string>();
	const refuse = (i: number, reason: string) => {
		refused.push({ i, reason });
		if (rows) return;
		// Until now valid row k was row k.
		rows = new Int32Array(reader.count);
		for (let k = 0; k < reader.count; k++) rows[k] = k;
	};
	let n = 0;
	for (let i = 0; i < reader.count; i++) {
		const shape = reader.shape?.(i);
		if (shape) {
			refuse(i, shape);
			continue;
		}
		const checked = checkContact(reader.phone(i), prefixes);
		if ('reason' in checked) {
			refuse(i, checked.reason === 'no phone number' ? reader.noPhone : checked.reason);
			continue;
		}
		phones[n] = phoneKey(checked.phone);
		if (rows) rows[n] = i;
		n++;
		// Refused once duplicates are known: a duplicate is refused as a duplicate first.
		const other = reader.others(i, checked.phone);
		if (other) othersRefused.set(i, other);
	}
	const firstOf = firstRows(phones, rows, n);
	let kept = 0;
	for (let k = 0; k < n; k++) {
		const i = rows ? rows[k] : k;
		const first = firstOf?.get(phones[k]);
		const reason =
			first !== undefined && first !== i
				? `duplicate of ${label({ [reader.source]: reader.where(first) })}`
				: othersRefused.get(i);
		if (reason !== undefined) {
			refuse(i, reason);
			continue;
		}
		// kept ≤ k: the valid rows are packed into the front of the same arrays
		phones[kept] = phones[k];
		if (rows) rows[kept] = i;
		kept++;
	}
	refused.sort((x, y) => x.i - y.i);
	return {
		count: kept,
		phones,
		rows,
		rejected: refused.map(({ i, reason }) => ({
			[reader.source]: reader.where(i),
			value: cellValue(reader.phone(i)),
			reason,
		})),
	};
}

/**
 * For each number that occurs more than once among the first `n` entries of `phones`: the row
 * where it occurs first. Undefined when every number is distinct (a sorted copy of the numbers
 * shows that without a lookup table).
 */
function firstRows(phones: Float64Array, rows: Int32Array | undefined, n: number): Map<number, number> | undefined {
	const sorted = phones.slice(0, n).sort();
	let repeated: Set<number> | undefined;
	for (let k = 1; k < n; k++) {
		if (sorted[k] === sorted[k - 1]) (repeated ??= new Set()).add(sorted[k]);
	}
	if (!repeated) return undefined;
	const first = new Map<number, number>();
	for (let k = 0; k < n; k++) {
		if (repeated.has(phones[k]) && !first.has(phones[k])) first.set(phones[k], rows ? rows[k] : k);
	}
	return first;
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

	const { count, phones, rows, rejected } = checkRows(
		{
			count: items.length,
			where: (i) => i,
			phone: (i) => fieldValue(items[i], phoneField),
			others: (i, phone) => (prefixes.length > 0 ? otherNumberProblem(columns, cellsOf(items[i], phone), prefixes) : undefined),
			noPhone: `no phone number in field "${phoneField}"`,
			source: 'itemIndex',
		},
		prefixes,
	);
	return {
		columns,
		count,
		source: (k) => (rows ? rows[k] : k),
		rejected,
		*rows() {
			for (let k = 0; k < count; k++) yield cellsOf(items[rows ? rows[k] : k], phoneOf(phones[k]));
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
	// records[0] is the header: row i of the data is CSV row i + 2, records[i + 1]
	const { count, phones, rows, rejected } = checkRows(
		{
			count: records.length - 1,
			where: (i) => i + 2,
			phone: (i) => records[i + 1][phoneIndex] ?? '',
			shape: (i) =>
				records[i + 1].length > header.length
					? `has ${records[i + 1].length} fields, the header has ${header.length}`
					: undefined,
			others: (i, phone) =>
				prefixes.length > 0 ? otherNumberProblem(columns, cellsOf(records[i + 1], phone), prefixes) : undefined,
			noPhone: 'no phone number',
			source: 'row',
		},
		prefixes,
	);
	return {
		columns,
		count,
		source: (k) => (rows ? rows[k] : k) + 2,
		rejected,
		*rows() {
			for (let k = 0; k < count; k++) yield cellsOf(records[(rows ? rows[k] : k) + 1], phoneOf(phones[k]));
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
 * The CSV Bolna receives (header line, then one line per contact) as text pieces of about
 * `CSV_CHUNK_BYTES`, written by csv-stringify a few hundred records at a time: the whole file is
 * never held in memory. (csv-stringify's stream API is built on `node:stream`, which a verified
 * community node may not import; its record writer is the same one, called in slices.)
 */
function* csvTexts(
	contacts: Pick<ContactPlan, 'columns'> & { rows: ContactPlan['rows'] | string[][] },
): Generator<string> {
	const { columns, rows } = contacts;
	let records: string[][] = [columns];
	let pending = '';
	for (const row of typeof rows === 'function' ? rows() : rows) {
		records.push(row);
		if (records.length < RECORDS_PER_CALL) continue;
		pending += stringify(records);
		records = [];
		if (pending.length >= CSV_CHUNK_BYTES) {
			yield pending;
			pending = '';
		}
	}
	if (records.length > 0) pending += stringify(records);
	if (pending !== '') yield pending;
}

/** The CSV as UTF-8 chunks of about `CSV_CHUNK_BYTES`, for the request body. */
export function* csvChunks(contacts: Parameters<typeof csvTexts>[0]): Generator<Buffer> {
	for (const text of csvTexts(contacts)) yield Buffer.from(text, 'utf8');
}

/** Exact size in bytes of the CSV `csvChunks` writes, computed without keeping or encoding it. */
export function csvByteLength(contacts: Parameters<typeof csvTexts>[0]): number {
	let bytes = 0;
	for (const text of csvTexts(contacts)) bytes += Buffer.byteLength(text, 'utf8');
	return bytes;
}

/** The whole CSV as text (tests and small inputs). */
export function toCsv(contacts: Parameters<typeof csvTexts>[0]): string {
	return [...csvTexts(contacts)].join('');
}

/** One line per rejected row, for an error message. At most `max` lines, then a count. */
export function describeRejected(rejected: RejectedRow[], max = 20): string {
	const lines = rejected
		.slice(0, max)
		.map((r) => `${label(r)}${r.value !== '' ? ` (${JSON.stringify(r.value)})` : ''}: ${r.reason}`);
	if (rejected.length > max) lines.push(`… and ${rejected.length - max} more`);
	return lines.join('\n');
}

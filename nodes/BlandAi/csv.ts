/** A CSV record keyed by header, with the 1-based line its record starts on. */
export interface CsvRecord {
	line: number;
	values: Record<string, string>;
}

/**
 * Parses CSV text (RFC 4180): comma-separated, fields optionally in double quotes, `""` for a
 * quote inside a quoted field, quoted fields may hold commas and line breaks, CRLF or LF line
 * ends, optional UTF-8 BOM. Returns the rows as arrays of strings with their starting lines.
 * Throws on an unterminated quoted field.
 */
export function parseCsvRows(text: string): Array<{ line: number; fields: string[] }> {
	const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rows: Array<{ line: number; fields: string[] }> = [];
	let fields: string[] = [];
	let field = '';
	let inQuotes = false;
	let line = 1;
	let rowLine = 1;
	let fieldStarted = false;

	const endRow = () => {
		fields.push(field);
		// A blank line is no record.
		if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) rows.push({ line: rowLine, fields });
		fields = [];
		field = '';
		fieldStarted = false;
	};

	for (let i = 0; i < input.length; i++) {
		const c = input[i];
		if (inQuotes) {
			if (c === '"') {
				if (input[i + 1] === '"') {
					field += '"';
					i++;
				} else {
					inQuotes = false;
				}
			} else {
				if (c === '\n') line++;
				field += c;
			}
			continue;
		}
		if (c === '"' && field === '') {
			inQuotes = true;
			fieldStarted = true;
		} else if (c === ',') {
			fields.push(field);
			field = '';
			fieldStarted = true;
		} else if (c === '\r' || c === '\n') {
			if (c === '\r' && input[i + 1] === '\n') i++;
			endRow();
			line++;
			rowLine = line;
		} else {
			field += c;
			fieldStarted = true;
		}
	}
	if (inQuotes) throw new Error(`unterminated quoted field starting on line ${rowLine}`);
	if (field !== '' || fields.length > 0 || fieldStarted) endRow();
	return rows;
}

/** Parses CSV with a header row into records keyed by the (trimmed) header names. */
export function parseCsv(text: string): { headers: string[]; records: CsvRecord[] } {
	const rows = parseCsvRows(text);
	if (rows.length === 0) return { headers: [], records: [] };
	const headers = rows[0].fields.map((h) => h.trim());
	const records = rows.slice(1).map(({ line, fields }) => {
		const values: Record<string, string> = {};
		headers.forEach((header, index) => {
			if (header !== '') values[header] = fields[index] ?? '';
		});
		return { line, values };
	});
	return { headers, records };
}

import { parseCsv, parseCsvRows } from '../../nodes/BlandAi/csv';

describe('parseCsv', () => {
	it('parses quotes, escaped quotes, commas and line breaks in fields, CRLF and a BOM', () => {
		const text = '\ufeffphone_number,name,note\r\n+14155550101,"Ada, Countess","said ""hi"""\r\n\r\n+14155550102,Grace,"two\nlines"\n';
		expect(parseCsv(text)).toEqual({
			headers: ['phone_number', 'name', 'note'],
			records: [
				{ line: 2, values: { phone_number: '+14155550101', name: 'Ada, Countess', note: 'said "hi"' } },
				{ line: 4, values: { phone_number: '+14155550102', name: 'Grace', note: 'two\nlines' } },
			],
		});
	});

	it('keeps empty fields and fills missing trailing ones', () => {
		expect(parseCsv('a,b,c\n1,,3\n4').records.map((r) => r.values)).toEqual([
			{ a: '1', b: '', c: '3' },
			{ a: '4', b: '', c: '' },
		]);
	});

	it('handles a file without trailing newline and an empty file', () => {
		expect(parseCsvRows('x,y')).toEqual([{ line: 1, fields: ['x', 'y'] }]);
		expect(parseCsv('')).toEqual({ headers: [], records: [] });
	});

	it('throws on an unterminated quoted field', () => {
		expect(() => parseCsv('a\n"open')).toThrow('unterminated quoted field starting on line 2');
	});
});

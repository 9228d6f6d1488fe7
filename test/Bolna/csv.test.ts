import {
	cellValue,
	contactsFromCsv,
	contactsFromItems,
	CsvFormatError,
	describeRejected,
	parseCsv,
	toCsv,
} from '../../nodes/Bolna/csv';

describe('parseCsv', () => {
	it('handles quotes, doubled quotes, embedded newlines, CRLF, a BOM and blank lines', () => {
		expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",\n')).toEqual([
			['a', 'b'],
			['x, y', 'say "hi"'],
			['multi\nline', ''],
		]);
	});

	it('keeps a last line without newline', () => {
		expect(parseCsv('a\n1')).toEqual([['a'], ['1']]);
	});

	it('refuses an unclosed quote', () => {
		expect(() => parseCsv('a\n"open')).toThrow(CsvFormatError);
	});
});

describe('contactsFromItems', () => {
	it('puts contact_number first, unions the other fields in first-seen order, JSON-encodes nested values', () => {
		const contacts = contactsFromItems(
			[
				{ name: 'Ada', phone: '+1 415 555 0101', tags: ['a', 'b'] },
				{ phone: '+14155550102', age: 36, name: null },
			],
			'phone',
			[],
		);
		expect(contacts).toEqual({
			columns: ['contact_number', 'name', 'tags', 'age'],
			rows: [
				['+14155550101', 'Ada', '["a","b"]', ''],
				['+14155550102', '', '', '36'],
			],
			sources: [0, 1],
			rejected: [],
		});
	});

	it('reads a dotted path and drops a conflicting contact_number field', () => {
		const contacts = contactsFromItems(
			[{ customer: { phone: '+14155550101' }, contact_number: 'ignored' }],
			'customer.phone',
			[],
		);
		expect(contacts.columns).toEqual(['contact_number', 'customer']);
		expect(contacts.rows).toEqual([['+14155550101', '{"phone":"+14155550101"}']]);
	});

	it('rejects bad, missing, duplicate and disallowed numbers with the item index', () => {
		const { rejected, sources } = contactsFromItems(
			[{ phone: '+91 98765 43210' }, { phone: '' }, { phone: '00919876543210' }, { phone: '+14155550101' }, { phone: 'abc' }],
			'phone',
			['+91'],
		);
		expect(sources).toEqual([0]);
		expect(rejected).toEqual([
			{ itemIndex: 1, value: '', reason: 'no phone number in field "phone"' },
			{ itemIndex: 2, value: '00919876543210', reason: 'duplicate of item 0' },
			{ itemIndex: 3, value: '+14155550101', reason: 'outside the allowed destination prefixes (+91)' },
			{ itemIndex: 4, value: 'abc', reason: 'not a phone number in E.164 format, e.g. +14155550123' },
		]);
	});

	it('keeps the first row of each number and refuses later ones, in input order, even when the first is refused for another column', () => {
		const { rejected, sources } = contactsFromItems(
			[
				{ phone: '+14155550101', transfer: '+447911123456' },
				{ phone: '+14155550102' },
				{ phone: '+1 415 555 0101' },
				{ phone: '+14155550102', transfer: '+447911123456' },
				{ phone: '+14155550103' },
				{ phone: '(+1) 415-555-0102' },
			],
			'phone',
			['+1'],
		);
		expect(sources).toEqual([1, 4]);
		expect(rejected).toEqual([
			{ itemIndex: 0, value: '+14155550101', reason: 'column "transfer" holds +447911123456, outside the allowed destination prefixes (+1)' },
			{ itemIndex: 2, value: '+1 415 555 0101', reason: 'duplicate of item 0' },
			{ itemIndex: 3, value: '+14155550102', reason: 'duplicate of item 1' },
			{ itemIndex: 5, value: '(+1) 415-555-0102', reason: 'duplicate of item 1' },
		]);
	});

	it('never makes a column of an unsafe key', () => {
		const item = JSON.parse('{"phone":"+14155550101","__proto__":{"x":1},"ok":1}');
		expect(contactsFromItems([item], 'phone', []).columns).toEqual(['contact_number', 'ok']);
	});
});

describe('contactsFromCsv', () => {
	it('moves contact_number first and numbers rows from 2 (header is row 1)', () => {
		const contacts = contactsFromCsv('name, contact_number\nAda,+1 415 555 0101\nBob,12\nCy,+14155550102,extra\n', []);
		expect(contacts.columns).toEqual(['contact_number', 'name']);
		expect(contacts.rows).toEqual([['+14155550101', 'Ada']]);
		expect(contacts.sources).toEqual([2]);
		expect(contacts.rejected).toEqual([
			{ row: 3, value: '12', reason: 'not a phone number in E.164 format, e.g. +14155550123' },
			{ row: 4, value: '+14155550102', reason: 'has 3 fields, the header has 2' },
		]);
	});

	it('refuses repeated numbers by CSV row, after rows refused for their shape', () => {
		const contacts = contactsFromCsv('contact_number,name\n+14155550101,Ada\n+14155550101,Bob,extra\n+1 415 555 0101,Cy\n', []);
		expect(contacts.sources).toEqual([2]);
		expect(contacts.rejected).toEqual([
			{ row: 3, value: '+14155550101', reason: 'has 3 fields, the header has 2' },
			{ row: 4, value: '+1 415 555 0101', reason: 'duplicate of row 2' },
		]);
	});

	it('pads short rows', () => {
		expect(contactsFromCsv('contact_number,a,b\n+14155550101\n', []).rows).toEqual([['+14155550101', '', '']]);
	});

	it('refuses a file without the header or without content', () => {
		expect(() => contactsFromCsv('phone\n+1415\n', [])).toThrow('has no "contact_number" column in its header (found: "phone")');
		expect(() => contactsFromCsv('', [])).toThrow('is empty');
	});
});

describe('toCsv and cells', () => {
	it('quotes what needs quoting', () => {
		expect(toCsv({ columns: ['contact_number', 'note'], rows: [['+1', 'a,"b"\nc']] })).toBe(
			'contact_number,note\n+1,"a,""b""\nc"\n',
		);
	});

	it('cell values', () => {
		expect([cellValue(undefined), cellValue(null), cellValue(true), cellValue(1.5), cellValue({ a: 1 })]).toEqual([
			'',
			'',
			'true',
			'1.5',
			'{"a":1}',
		]);
		expect(cellValue(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
	});

	it('describeRejected caps the list', () => {
		const rejected = Array.from({ length: 3 }, (_, i) => ({ itemIndex: i, value: 'x', reason: 'bad' }));
		expect(describeRejected(rejected, 2)).toBe('item 0 ("x"): bad\nitem 1 ("x"): bad\n… and 1 more');
	});
});

describe('row checks on a large mixed input', () => {
	/** The rules written the plain way: one pass, a map of numbers already seen. */
	function reference(phones: string[], prefixes: string[]) {
		const seen = new Map<string, number>();
		const sources: number[] = [];
		const reasons: Array<[number, string]> = [];
		phones.forEach((raw, itemIndex) => {
			const { rejected, rows } = contactsFromItems([{ phone: raw }], 'phone', prefixes);
			const first = rejected.length ? undefined : seen.get(rows[0][0]);
			if (rejected.length) {
				reasons.push([itemIndex, rejected[0].reason]);
			} else if (first !== undefined) {
				reasons.push([itemIndex, `duplicate of item ${first}`]);
			} else {
				seen.set(rows[0][0], itemIndex);
				sources.push(itemIndex);
			}
		});
		return { sources, reasons };
	}

	it('keeps and refuses exactly the rows a plain one-pass check does, whatever the first refused row', () => {
		let state = 7;
		const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
		const pool = ['+14155550101', '+1 415 555 0102', '0014155550103', '+447911123456', '+1415', '', 'n/a'];
		for (let round = 0; round < 20; round++) {
			const phones = Array.from({ length: 300 }, (_, i) =>
				random() < 0.15 ? pool[Math.floor(random() * pool.length)] : `+1 415 ${String(5_000_000 + Math.floor(random() * 400)).padStart(7, '0')}` + (i % 2 ? '' : ' '),
			);
			const expected = reference(phones, ['+1']);
			const got = contactsFromItems(phones.map((phone) => ({ phone })), 'phone', ['+1']);
			expect(got.sources).toEqual(expected.sources);
			expect(got.rejected.map((r) => [r.itemIndex, r.reason])).toEqual(expected.reasons);
			expect(got.rows.map((r) => r[0])).toEqual(expected.sources.map((i) => contactsFromItems([{ phone: phones[i] }], 'phone', []).rows[0][0]));
		}
	});
});

import { stringify } from 'csv-stringify/sync';
import nock from 'nock';

import { csvByteLength, csvChunks, CSV_CHUNK_BYTES, planFromItems, toCsv } from '../../nodes/Bolna/csv';
import { buildMultipart, streamMultipart } from '../../nodes/shared/transport/multipart';
import { BATCH, BOLNA, agentRl, parseMultipart, runBolna } from './helpers';

/** Enough rows for several chunks, with quotes, commas, newlines and non-ASCII text. */
const items = Array.from({ length: 6000 }, (_, i) => ({
	phone: `+1 415 ${String(5_000_000 + i).padStart(7, '0')}`,
	name: i % 7 === 0 ? `Zoë "${i}", Ünal` : `Contact ${i}`,
	notes: i % 11 === 0 ? 'line one\nline two' : '',
}));

describe('streamed batch CSV', () => {
	it('is byte for byte what csv-stringify writes for the whole file, in several chunks', () => {
		const plan = planFromItems(items, 'phone', []);
		const rows = [...plan.rows()];
		const whole = stringify([plan.columns, ...rows]);
		const chunks = [...csvChunks(plan)];
		expect(chunks.length).toBeGreaterThan(2);
		for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(CSV_CHUNK_BYTES);
		expect(Buffer.concat(chunks).toString('utf8')).toBe(whole);
		expect(toCsv(plan)).toBe(whole);
		expect(csvByteLength(plan)).toBe(Buffer.byteLength(whole));
	});

	it('keeps duplicates and their first row when numbers are kept as numbers', () => {
		const plan = planFromItems([{ phone: '+14155550101' }, { phone: '0014155550101' }, { phone: '+442079460958' }], 'phone', []);
		expect(plan.rejected).toEqual([{ itemIndex: 1, value: '0014155550101', reason: 'duplicate of item 0' }]);
		expect([...plan.rows()]).toEqual([['+14155550101'], ['+442079460958']]);
	});

	it('streamMultipart sends the same bytes as buildMultipart, with their exact length, again on each read', () => {
		const csv = 'contact_number\n+1\n';
		const parts = [
			{ name: 'agent_id', value: 'a1' },
			{ name: 'n', value: '1' },
		];
		const built = buildMultipart(
			[parts[0], { name: 'file', value: csv, filename: 'c.csv', contentType: 'text/csv' }, parts[1]],
			'B',
		);
		const streamed = streamMultipart(
			[
				parts[0],
				{
					name: 'file',
					value: { length: Buffer.byteLength(csv), chunks: () => [Buffer.from('contact_number\n'), Buffer.from('+1\n')] },
					filename: 'c.csv',
					contentType: 'text/csv',
				},
				parts[1],
			],
			'B',
		);
		expect(streamed.contentType).toBe(built.contentType);
		expect(streamed.length).toBe(built.body.length);
		const body = streamed.body();
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		expect(body.size).toBe(built.body.length);
		expect(Buffer.concat([...body.stream()])).toEqual(built.body);
		expect(Buffer.concat([...streamed.body().stream()])).toEqual(built.body);
	});
});

describe('Create Batch upload through n8n\'s request helper', () => {
	afterEach(() => nock.cleanAll());

	it('sends the streamed body with its Content-Length, and all of it again after a 429', async () => {
		const bodies: string[] = [];
		const lengths: string[] = [];
		const contentTypes: string[] = [];
		const record = function (this: nock.ReplyFnContext, _uri: string, body: nock.Body) {
			bodies.push(String(body));
			lengths.push(String(this.req.headers['content-length']));
			contentTypes.push(String(this.req.headers['content-type']));
		};
		nock(BOLNA)
			.post('/batches')
			.reply(function (uri, body) {
				record.call(this, uri, body);
				return [429, { detail: 'Too many requests' }, { 'Retry-After': '0' }];
			});
		nock(BOLNA)
			.post('/batches')
			.reply(function (uri, body) {
				record.call(this, uri, body);
				return [200, { batch_id: BATCH, state: 'created' }];
			});
		const input = items.slice(0, 3000).map((json) => ({ json }));
		const result = await runBolna(
			{ resource: 'batch', operation: 'create', agentId: agentRl, inputMode: 'items', phoneNumberField: 'phone' },
			input,
		);
		expect(result.error).toBeUndefined();
		expect(bodies).toHaveLength(2);
		expect(bodies[1]).toBe(bodies[0]);
		expect(lengths[0]).toBe(String(Buffer.byteLength(bodies[0])));
		const file = parseMultipart(bodies[0], contentTypes[0]).find((p) => p.name === 'file');
		expect(file?.value).toBe(toCsv(planFromItems(items.slice(0, 3000), 'phone', [])));
		expect(result.items[0].json.contactCount).toBe(3000);
	});
});

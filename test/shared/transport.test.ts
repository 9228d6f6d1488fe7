import { buildMultipart } from '../../nodes/shared/transport/multipart';
import { redactSecrets, secretsOf } from '../../nodes/shared/transport/redact';
import {
	asArray,
	baseUrlOf,
	extractApiMessage,
	pathSegment,
	retryAfterMs,
	type Provider,
} from '../../nodes/shared/transport/request';

const provider: Provider = { name: 'Bolna', credentialType: 'bolnaApi', defaultBaseUrl: 'https://api.bolna.ai' };

describe('extractApiMessage', () => {
	it.each([
		[{ message: 'm' }, 'm'],
		[{ detail: 'd' }, 'd'],
		[{ detail: [{ loc: ['body', 'agent_id'], msg: 'field required' }, { loc: [], msg: 'x' }] }, 'agent_id: field required; x'],
		[{ error: 'e' }, 'e'],
		[{ errors: [{ message: 'a' }, 'b'] }, 'a; b'],
		[{ status: 'error', message: 'bland says no' }, 'bland says no'],
		[{ data: { message: 'nested' } }, 'nested'],
		['{"detail":"as text"}', 'as text'],
		['plain text', 'plain text'],
		[{}, undefined],
		[null, undefined],
	])('%j → %s', (body, message) => {
		expect(extractApiMessage(body)).toBe(message);
	});
});

describe('request helpers', () => {
	it('retryAfterMs reads seconds and HTTP dates', () => {
		expect(retryAfterMs('0')).toBe(0);
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
	});

	it('pathSegment encodes anything that could change the path', () => {
		expect(pathSegment('a/../b?x=1#y')).toBe('a%2F..%2Fb%3Fx%3D1%23y');
	});

	it('baseUrlOf trims trailing slashes and falls back to the default', () => {
		expect(baseUrlOf({ baseUrl: 'http://localhost:4010//' }, provider)).toBe('http://localhost:4010');
		expect(baseUrlOf({ baseUrl: '  ' }, provider)).toBe('https://api.bolna.ai');
	});

	it('asArray finds the list in bare arrays and envelopes', () => {
		expect(asArray([{ a: 1 }])).toEqual([{ a: 1 }]);
		expect(asArray({ data: [{ a: 1 }] })).toEqual([{ a: 1 }]);
		expect(asArray({ data: { calls: [{ a: 1 }] } }, 'calls')).toEqual([{ a: 1 }]);
		expect(asArray({ nothing: true })).toEqual([]);
	});
});

describe('redaction', () => {
	it('replaces every secret of at least 4 characters', () => {
		const secrets = secretsOf({ apiKey: 'bn-secret', webhookSecret: 'whs', encryptedKeySecret: 'enc-key' });
		expect(secrets).toEqual(['bn-secret', 'enc-key']);
		expect(redactSecrets('Bearer bn-secret and enc-key and bn-secret', secrets)).toBe('Bearer *** and *** and ***');
	});
});

describe('buildMultipart', () => {
	it('builds the exact bytes with repeated fields and a file part', () => {
		const { body, contentType } = buildMultipart(
			[
				{ name: 'agent_id', value: 'a1' },
				{ name: 'file', value: 'contact_number\n+1\n', filename: 'c.csv', contentType: 'text/csv' },
				{ name: 'n', value: '1' },
				{ name: 'n', value: '2' },
			],
			'B',
		);
		expect(contentType).toBe('multipart/form-data; boundary=B');
		expect(body.toString('utf8')).toBe(
			'--B\r\nContent-Disposition: form-data; name="agent_id"\r\n\r\na1\r\n' +
				'--B\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\ncontact_number\n+1\n\r\n' +
				'--B\r\nContent-Disposition: form-data; name="n"\r\n\r\n1\r\n' +
				'--B\r\nContent-Disposition: form-data; name="n"\r\n\r\n2\r\n' +
				'--B--\r\n',
		);
	});

	it('escapes quotes and newlines in names and file names', () => {
		const { body } = buildMultipart([{ name: 'a"b', value: 'x', filename: 'f\r\n.csv' }], 'B');
		expect(body.toString('utf8')).toContain('name="a%22b"; filename="f%0D%0A.csv"');
	});
});

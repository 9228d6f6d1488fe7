import { createHmac } from 'crypto';

import { eventIdOf, eventKey, RecentEvents } from '../../nodes/shared/webhook/dedupe';
import { clientIpOf, ipAllowed, normalizeIp, parseIpList } from '../../nodes/shared/webhook/ipAllowList';
import { hmacSha256Hex, safeEqual, verifyHmacSha256Hex } from '../../nodes/shared/webhook/verify';
import { fixture } from './fixtures';

const SECRET = 'whsec_dummy_5f0b2b7e1c9d4a83b6e2f1a0';
const body = fixture('bland-post-call.json').raw;
/** Computed independently of the code under test. */
const realSignature = createHmac('sha256', SECRET).update(Buffer.from(body, 'utf8')).digest('hex');

describe('verifyHmacSha256Hex (real HMACs)', () => {
	it('hmacSha256Hex matches a known HMAC-SHA256 test vector (RFC 4231 case 2)', () => {
		expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
			'5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
		);
	});

	it('accepts the signature of the exact body (Buffer or string)', () => {
		expect(verifyHmacSha256Hex(Buffer.from(body, 'utf8'), realSignature, SECRET)).toBe(true);
		expect(verifyHmacSha256Hex(body, realSignature, SECRET)).toBe(true);
	});

	it('refuses a tampered body', () => {
		const tampered = body.replace('"price": 0.068', '"price": 0.000');
		expect(tampered).not.toBe(body);
		expect(verifyHmacSha256Hex(tampered, realSignature, SECRET)).toBe(false);
	});

	it('refuses a body that differs only in whitespace (the raw bytes are what is signed)', () => {
		expect(verifyHmacSha256Hex(JSON.stringify(JSON.parse(body)), realSignature, SECRET)).toBe(false);
	});

	it('refuses a signature made with another secret', () => {
		const other = createHmac('sha256', `${SECRET}x`).update(body).digest('hex');
		expect(verifyHmacSha256Hex(body, other, SECRET)).toBe(false);
	});

	it('refuses a missing header or an empty secret', () => {
		expect(verifyHmacSha256Hex(body, undefined, SECRET)).toBe(false);
		expect(verifyHmacSha256Hex(body, '', SECRET)).toBe(false);
		expect(verifyHmacSha256Hex(body, realSignature, '')).toBe(false);
	});

	it('refuses values of a different length without throwing', () => {
		expect(verifyHmacSha256Hex(body, realSignature.slice(0, 63), SECRET)).toBe(false);
		expect(verifyHmacSha256Hex(body, `${realSignature}00`, SECRET)).toBe(false);
		expect(verifyHmacSha256Hex(body, 'a', SECRET)).toBe(false);
		expect(verifyHmacSha256Hex(body, 'x'.repeat(10_000), SECRET)).toBe(false);
	});

	it('refuses non-hex values of the right length and the base64 form of the right HMAC', () => {
		expect(verifyHmacSha256Hex(body, `${realSignature.slice(0, 63)}g`, SECRET)).toBe(false);
		const base64 = createHmac('sha256', SECRET).update(body).digest('base64');
		expect(verifyHmacSha256Hex(body, base64, SECRET)).toBe(false);
	});

	it('accepts uppercase hex and a sha256= prefix (same bytes), and surrounding spaces', () => {
		expect(verifyHmacSha256Hex(body, realSignature.toUpperCase(), SECRET)).toBe(true);
		expect(verifyHmacSha256Hex(body, `sha256=${realSignature}`, SECRET)).toBe(true);
		expect(verifyHmacSha256Hex(body, ` ${realSignature} `, SECRET)).toBe(true);
	});

	it('never throws on odd input types', () => {
		const odd = [null, 42, {}, [], Symbol('s')] as unknown[];
		for (const value of odd) {
			expect(() => verifyHmacSha256Hex(value as string, value as string, value as string)).not.toThrow();
			expect(verifyHmacSha256Hex(value as string, realSignature, SECRET)).toBe(false);
			expect(verifyHmacSha256Hex(body, value as string, SECRET)).toBe(false);
		}
	});
});

describe('safeEqual', () => {
	it('compares exactly and refuses empty or missing expected values', () => {
		expect(safeEqual('abc', 'abc')).toBe(true);
		expect(safeEqual('abc', 'abd')).toBe(false);
		expect(safeEqual('abc', 'abcd')).toBe(false);
		expect(safeEqual('', '')).toBe(false);
		expect(safeEqual(undefined, 'abc')).toBe(false);
		expect(safeEqual('abc', undefined)).toBe(false);
	});
});

describe('IP allow-list', () => {
	it('parses comma, space and newline separated lists', () => {
		expect(parseIpList('13.203.39.153, 13.126.9.249\n13.202.133.53;10.0.0.0/8')).toEqual([
			'13.203.39.153',
			'13.126.9.249',
			'13.202.133.53',
			'10.0.0.0/8',
		]);
		expect(parseIpList(undefined)).toEqual([]);
	});

	it('matches exact addresses, IPv4-mapped IPv6 and CIDR ranges', () => {
		expect(normalizeIp('::FFFF:13.203.39.153')).toBe('13.203.39.153');
		expect(ipAllowed('13.203.39.153', ['13.203.39.153'])).toBe(true);
		expect(ipAllowed('::ffff:13.203.39.153', ['13.203.39.153'])).toBe(true);
		expect(ipAllowed('13.203.39.154', ['13.203.39.153'])).toBe(false);
		expect(ipAllowed('192.168.1.77', ['192.168.1.0/24'])).toBe(true);
		expect(ipAllowed('192.168.2.1', ['192.168.1.0/24'])).toBe(false);
		expect(ipAllowed('2001:db8::1', ['2001:DB8::1'])).toBe(true);
		expect(ipAllowed(undefined, ['13.203.39.153'])).toBe(false);
		expect(ipAllowed('1.2.3.4', ['1.2.3.4/33', 'garbage/8'])).toBe(false);
	});

	it("uses n8n's client address and never X-Forwarded-For", () => {
		const req = { ip: '10.0.0.5', headers: { 'x-forwarded-for': '13.203.39.153, 10.0.0.1' } };
		expect(clientIpOf(req)).toBe('10.0.0.5');
		expect(clientIpOf({ socket: { remoteAddress: '::ffff:1.2.3.4' } })).toBe('1.2.3.4');
	});
});

describe('dedupe memory', () => {
	it('claims an event once per scope, forgets the oldest beyond `max`, and expires after the TTL', () => {
		let t = 0;
		const memory = new RecentEvents(3, 1000, () => t, 1000);
		const huge = eventIdOf(eventKey('x'.repeat(100_000), 'completed'));
		expect(huge).toMatch(/^[0-9a-f]{32}$/);
		expect(memory.claim('wf/node', huge)).toBe(true);
		expect(memory.claim('wf/node', huge)).toBe(false);
		expect(memory.claim('wf/other-node', huge)).toBe(true);
		for (const k of ['a', 'b']) expect(memory.claim('wf/node', eventIdOf(eventKey(k)))).toBe(true);
		expect(memory.size).toBe(3);
		// The oldest (wf/node huge) was forgotten to keep 3 entries.
		expect(memory.claim('wf/node', huge)).toBe(true);
		t = 1001;
		expect(memory.claim('wf/node', eventIdOf(eventKey('a')))).toBe(true);
	});

	it('holds an event as pending until its run starts, then for the full TTL', () => {
		let t = 0;
		const memory = new RecentEvents(10, 60_000, () => t, 100);
		expect(memory.claim('wf/node', 'started')).toBe(true);
		expect(memory.claim('wf/node', 'never-started')).toBe(true);
		memory.confirm('wf/node', 'started');
		memory.confirm('wf/node', 'claimed-elsewhere');
		t = 101;
		// n8n could not start the second run (it answered 500): the provider's retry runs.
		expect(memory.claim('wf/node', 'never-started')).toBe(true);
		expect(memory.claim('wf/node', 'started')).toBe(false);
		expect(memory.claim('wf/node', 'claimed-elsewhere')).toBe(true);
	});

	it('gives the same event the same id, and different events different ids', () => {
		expect(eventIdOf(eventKey('exec-1', 'completed'))).toBe(eventIdOf(eventKey('exec-1', 'completed')));
		expect(eventIdOf(eventKey('exec-1', 'completed'))).not.toBe(eventIdOf(eventKey('exec-1', 'busy')));
	});

	it('keeps key parts apart', () => {
		expect(eventKey('a,b', 'c')).not.toBe(eventKey('a', 'b,c'));
		expect(eventKey(null, 'x')).toBe(eventKey(undefined, 'x'));
	});
});

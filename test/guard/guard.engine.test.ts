import nock from 'nock';

import { forgetClaims } from '../../nodes/shared/guard/guard';
import { AGENT, AUTH, BATCH, BOLNA, agentRl, parseMultipart, recordRequests as recordBolna, runBolna } from '../Bolna/helpers';
import { BLAND, recordRequests as recordBland, runBland } from '../BlandAi/helpers';

// Saturday 5 December 2026, 15:00 UTC: 07:00 in Los Angeles, 10:00 in New York, 20:30 in Kolkata.
const SATURDAY = Date.parse('2026-12-05T15:00:00Z');
const WEEKDAYS = { callingHours: '09:00-20:00', callingDays: 'mondayToFriday' };

/** Only `Date` is faked: nock, axios and n8n's own timers run as usual. */
function setNow(ms: number) {
	jest.useFakeTimers({
		now: ms,
		doNotFake: [
			'nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
			'queueMicrotask', 'hrtime', 'performance',
		],
	});
}

beforeEach(() => setNow(SATURDAY));
afterEach(() => {
	jest.useRealTimers();
	forgetClaims();
});

const bolnaCall = {
	resource: 'call',
	operation: 'make',
	agentId: agentRl,
	recipientPhoneNumber: '={{ $json.phone }}',
};
const blandCall = { resource: 'call', operation: 'make', phoneNumber: '={{ $json.phone }}', callUsing: 'task', task: 'Say hello' };

describe('Call Guard: calling hours', () => {
	it('Bolna: "defer" places a Saturday call with scheduled_at at Monday 09:00 in the recipient’s zone, and says so', async () => {
		const bodies: unknown[] = [];
		const scope = nock(BOLNA, AUTH)
			.post('/call', (body) => bodies.push(body) > 0)
			.reply(200, { message: 'done', status: 'queued', execution_id: 'exec-1' });
		const result = await runBolna(bolnaCall, [{ json: { phone: '+14155550101' } }], {
			credentials: { ...WEEKDAYS, outsideCallingHours: 'defer' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies).toEqual([
			{ agent_id: AGENT, recipient_phone_number: '+14155550101', scheduled_at: '2026-12-07T17:00:00+00:00' },
		]);
		expect(result.items.map((i) => i.json)).toEqual([
			{
				executionId: 'exec-1',
				status: 'queued',
				message: 'done',
				agentId: AGENT,
				recipientPhoneNumber: '+14155550101',
				scheduledAt: '2026-12-07T17:00:00+00:00',
				guard: {
					reason: 'outside the calling hours (Mon–Fri 09:00–20:00) in America/Los_Angeles, Sat 07:00: scheduled for the next opening',
					deferredTo: '2026-12-07T17:00:00Z',
					zones: ['America/Los_Angeles'],
				},
			},
		]);
	});

	it('Bland: "defer" sets start_time in Bland’s form, per call, in each recipient’s own zone', async () => {
		const bodies: Array<Record<string, unknown>> = [];
		const scope = nock(BLAND)
			.post('/v1/calls', (body) => bodies.push(body) > 0)
			.times(2)
			.reply(200, (_uri, body) => ({ status: 'success', call_id: `call-${(body as { phone_number: string }).phone_number.slice(-4)}` }));
		const result = await runBland(blandCall, {
			items: [{ json: { phone: '+14155550101' } }, { json: { phone: '+919876543210' } }],
			credentials: { ...WEEKDAYS, outsideCallingHours: 'defer' },
		});
		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies.map((b) => [b.phone_number, b.start_time])).toEqual([
			['+14155550101', '2026-12-07 17:00:00 +00:00'],
			['+919876543210', '2026-12-07 03:30:00 +00:00'],
		]);
		expect(result.json.map((j) => [j.callId, j.startTime, (j.guard as { deferredTo: string }).deferredTo])).toEqual([
			['call-0101', '2026-12-07 17:00:00 +00:00', '2026-12-07T17:00:00Z'],
			['call-3210', '2026-12-07 03:30:00 +00:00', '2026-12-07T03:30:00Z'],
		]);
	});

	it('"refuse" names the rule, the number’s zone and its local time, and sends nothing', async () => {
		const seen = recordBland();
		const result = await runBland(blandCall, {
			items: [{ json: { phone: '+14155550101' } }],
			credentials: { ...WEEKDAYS, outsideCallingHours: 'refuse' },
		});
		seen.stop();
		expect(result.error?.message).toBe(
			'"Phone Number": +14155550101 would be called outside the credential\'s calling hours (Mon–Fri 09:00–20:00) in the recipient\'s time zone (America/Los_Angeles, Sat 07:00)',
		);
		expect(result.error?.description).toContain('"Calling Hours"');
		expect(seen.requests).toEqual([]);
	});

	it('a call inside the hours goes out at once, with the rule that applied', async () => {
		setNow(Date.parse('2026-12-07T18:00:00Z')); // Monday 13:00 in New York
		const scope = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'c1' });
		const result = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: WEEKDAYS });
		scope.done();
		expect(result.json[0]).toEqual({
			callId: 'c1',
			status: 'success',
			message: null,
			batchId: null,
			startTime: null,
			guard: { reason: 'inside the calling hours (Mon–Fri 09:00–20:00) in America/New_York', deferredTo: null, zones: ['America/New_York'] },
		});
	});

	it('an item’s own Start Time is what is checked', async () => {
		setNow(Date.parse('2026-12-07T18:00:00Z'));
		const seen = recordBland();
		const result = await runBland(
			{ ...blandCall, additionalFields: { startTime: '2026-12-12T18:00:00Z' } }, // a Saturday
			{ items: [{ json: { phone: '+12125550100' } }], credentials: WEEKDAYS },
		);
		seen.stop();
		expect(result.error?.message).toContain('(America/New_York, Sat 13:00)');
		expect(seen.requests).toEqual([]);
	});

	it('a start time from Other Parameters is read in its own "timezone"; one that cannot be read is refused', async () => {
		setNow(Date.parse('2026-12-07T18:00:00Z'));
		const seen = recordBland();
		const zoned = await runBland(
			{ ...blandCall, additionalFields: { otherParameters: JSON.stringify({ start_time: '2026-12-12 13:00:00', timezone: 'America/Chicago' }) } },
			{ items: [{ json: { phone: '+12125550100' } }], credentials: WEEKDAYS },
		);
		expect(zoned.error?.message).toContain('(America/New_York, Sat 14:00)');
		const unreadable = await runBland(
			{ ...blandCall, additionalFields: { otherParameters: JSON.stringify({ start_time: 'next tuesday' }) } },
			{ items: [{ json: { phone: '+12125550100' } }], credentials: WEEKDAYS },
		);
		seen.stop();
		expect(unreadable.error?.message).toBe("The call's start time cannot be read, so the credential's Call Guard cannot check it");
		expect(seen.requests).toEqual([]);
	});

	it.each([
		[{ callingHours: '9-5' }, 'The credential\'s "Calling Hours (Recipient’s Local Time)" must look like 09:00-20:00 (got "9-5")'],
		[{ callingHours: '20:00-09:00' }, 'The credential\'s "Calling Hours (Recipient’s Local Time)" must end after it starts, within one day (got "20:00-09:00")'],
		[{ callingHours: '09:00-25:00' }, 'The credential\'s "Calling Hours (Recipient’s Local Time)" must look like 09:00-20:00 (got "09:00-25:00")'],
		[{ callingHours: '09:00-20:00', callingDays: 'weekends' }, 'The credential\'s "Calling Days" is not one of its options (got "weekends")'],
		[{ outsideCallingHours: 'maybe' }, 'The credential\'s "Outside Calling Hours" is not one of its options (got "maybe")'],
		[{ dailyCallCap: 'NaN' }, 'The credential\'s "Daily Call Cap" must be a whole number of calls, 0 or more (got "NaN")'],
		[{ dailyCallCap: -1 }, 'The credential\'s "Daily Call Cap" must be a whole number of calls, 0 or more (got -1)'],
		[{ cooldownMinutes: 10.5 }, 'The credential\'s "Cooldown (Minutes)" must be a whole number of minutes, 0 or more (got 10.5)'],
		[{ cooldownMinutes: { minutes: 5 } }, 'The credential\'s "Cooldown (Minutes)" must be a whole number of minutes, 0 or more (got {"minutes":5})'],
	])('a credential holding %j is refused at run time, naming the field, before any request', async (settings, message) => {
		const seen = recordBland();
		const result = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: settings });
		seen.stop();
		expect(result.error?.message).toBe(message);
		expect(seen.requests).toEqual([]);
	});
});

describe('Call Guard: do-not-call list', () => {
	it.each([
		['+14155550101', 'on the do-not-call list set in the credential'],
		['+1 212 555 0100', 'on the do-not-call list set in the credential (prefix +1212)'],
	])('refuses %s (number and prefix) before any request', async (phone, reason) => {
		const seen = recordBland();
		const result = await runBland(blandCall, {
			items: [{ json: { phone } }],
			credentials: { doNotCall: '+14155550101\n+1 212' },
		});
		seen.stop();
		expect(result.error?.message).toMatch(new RegExp(`^"Phone Number" \\+1\\d+ is ${reason.replace(/[()+]/g, '\\$&')}$`));
		expect(seen.requests).toEqual([]);
	});

	it('refuses a transfer to a listed number, and a listed batch row is reported like an invalid row', async () => {
		const seen = recordBland();
		const transfer = await runBland(
			{ ...blandCall, additionalFields: { transferPhoneNumber: '+14155550101' } },
			{ items: [{ json: { phone: '+12125550100' } }], credentials: { doNotCall: '+14155550101' } },
		);
		expect(transfer.error?.message).toBe('"Transfer Phone Number" +14155550101 is on the do-not-call list set in the credential');
		seen.stop();
		expect(seen.requests).toEqual([]);

		const bodies: Array<{ call_objects: unknown[] }> = [];
		const scope = nock(BLAND).post('/v2/batches/create', (b) => bodies.push(b) > 0).reply(200, { data: { batch_id: 'b1' }, errors: null });
		const batch = await runBland(
			{ resource: 'batch', operation: 'create', callUsing: 'task', task: 'Hi', inputMode: 'items', phoneNumberField: 'phone', invalidRows: 'skip' },
			{ items: [{ json: { phone: '+14155550101' } }, { json: { phone: '+12125550100' } }], credentials: { doNotCall: '+14155550101' } },
		);
		scope.done();
		expect(bodies[0].call_objects).toEqual([{ phone_number: '+12125550100' }]);
		expect(batch.json[0].skippedRows).toEqual([
			{ row: 'item 0', phoneNumber: '+14155550101', reason: 'on the do-not-call list' },
		]);
	});
});

/** Bland's call list as the history the cooldown and the cap read. */
function blandHistory(calls: Array<{ to: string; at: number; id?: string; batch?: string }>, times = 1) {
	return nock(BLAND)
		.get('/v1/calls')
		.query(true)
		.times(times)
		.reply(200, (uri) => {
			const query = new URL(uri, BLAND).searchParams;
			const list = calls
				.filter((c) => !query.get('to_number') || c.to === query.get('to_number'))
				.map((c) => ({ call_id: c.id ?? `old-${c.at}`, to: c.to, created_at: new Date(c.at).toISOString(), batch_id: c.batch ?? null }));
			return { total_count: list.length, count: list.length, calls: list };
		});
}

describe('Call Guard: cooldown across executions', () => {
	const cooldown = { cooldownMinutes: 60 };

	it('the second execution within the cooldown is refused with no call placed; after it, the call goes out', async () => {
		// Execution 1: Bland's list has no call to the number; the call is placed.
		let history = blandHistory([]);
		let placed = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'call-1' });
		const first = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		expect(first.error).toBeUndefined();
		history.done();
		placed.done();
		expect(first.json[0].guard).toEqual({ reason: 'within the cooldown and daily cap', deferredTo: null, zones: ['America/New_York'] });

		// Execution 2, 10 minutes later in a fresh process: Bland lists the first call; nothing is sent.
		forgetClaims();
		setNow(SATURDAY + 10 * 60_000);
		history = blandHistory([{ to: '+12125550100', at: SATURDAY, id: 'call-1' }]);
		const seen = recordBland();
		const second = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		seen.stop();
		history.done();
		expect(second.error?.message).toBe(
			'"Phone Number": +12125550100 was called at 2026-12-05T15:00:00Z; the credential\'s cooldown of 60 minutes allows the next call after 2026-12-05T16:00:00Z',
		);
		expect(seen.requests).toEqual([]);

		// Execution 3, 61 minutes after the first: allowed again.
		setNow(SATURDAY + 61 * 60_000);
		history = blandHistory([{ to: '+12125550100', at: SATURDAY, id: 'call-1' }]);
		placed = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'call-2' });
		const third = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		expect(third.error).toBeUndefined();
		placed.done();
	});

	it('in the same process, a second execution is refused even before Bland lists the first call', async () => {
		blandHistory([], 2);
		nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'call-1' });
		await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		const seen = recordBland();
		const second = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		seen.stop();
		expect(second.error?.message).toContain('+12125550100 was called at 2026-12-05T15:00:00Z');
		expect(seen.requests).toEqual([]);
	});

	it('ten executions at once for one number in one process: exactly one call is placed', async () => {
		blandHistory([], 10);
		const posts: unknown[] = [];
		const placed = nock(BLAND)
			.post('/v1/calls', (body) => posts.push(body) > 0)
			.times(10)
			.reply(200, () => ({ status: 'success', call_id: `call-${posts.length}` }));
		const runs = await Promise.all(
			Array.from({ length: 10 }, async () =>
				await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown }),
			),
		);
		expect(posts).toHaveLength(1);
		expect(runs.filter((r) => r.error === undefined)).toHaveLength(1);
		const refusals = runs.filter((r) => r.error).map((r) => r.error!.message);
		expect(refusals).toHaveLength(9);
		for (const message of refusals) expect(message).toMatch(/^"Phone Number": \+12125550100 was called (at|earlier)/);
		expect(placed.pendingMocks()).toHaveLength(1); // 9 of the 10 allowed POSTs never came
	});

	it('a call the provider refused (4xx) does not start a cooldown', async () => {
		blandHistory([], 2);
		nock(BLAND).post('/v1/calls').reply(400, { status: 'error', message: 'Invalid task' });
		const failed = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		expect(failed.error?.message).toContain('Invalid task');
		const placed = nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'call-2' });
		const retried = await runBland(blandCall, { items: [{ json: { phone: '+12125550100' } }], credentials: cooldown });
		expect(retried.error).toBeUndefined();
		placed.done();
	});

	it('the same number twice in one run: the second item is refused before anything is sent', async () => {
		blandHistory([]);
		const seen = recordBland();
		const result = await runBland(blandCall, {
			items: [{ json: { phone: '+12125550100' } }, { json: { phone: '+1 212 555 0100' } }],
			credentials: cooldown,
		});
		seen.stop();
		expect(result.error?.message).toBe(
			'"Phone Number": +12125550100 was called earlier in this run; the credential\'s cooldown of 60 minutes allows the next call after 2026-12-05T16:00:00Z',
		);
		expect(seen.requests).toEqual([]);
	});

	it('Bolna: the history is every agent’s executions, read in 7-day windows', async () => {
		const queries: string[] = [];
		const scope = nock(BOLNA, AUTH)
			.get('/v2/agent/all')
			.reply(200, [{ id: AGENT }, { id: 'agent-2' }])
			.get(/\/v2\/agent\/[^/]+\/executions/)
			.times(2)
			.reply(200, (uri) => {
				queries.push(uri);
				return uri.includes('agent-2')
					? { data: [{ id: 'e1', created_at: new Date(SATURDAY - 5 * 60_000).toISOString(), telephony_data: { to_number: '+14155550101' } }], has_more: false }
					: { data: [], has_more: false };
			});
		const seen = recordBolna();
		const result = await runBolna(bolnaCall, [{ json: { phone: '+14155550101' } }], { credentials: { cooldownMinutes: 1440 } });
		seen.stop();
		scope.done();
		expect(queries.map((q) => decodeURIComponent(q))).toEqual([
			`/v2/agent/${AGENT}/executions?from=2026-12-04T15:00:00.000Z&to=2026-12-05T15:00:00.000Z&page_number=1&page_size=50`,
			'/v2/agent/agent-2/executions?from=2026-12-04T15:00:00.000Z&to=2026-12-05T15:00:00.000Z&page_number=1&page_size=50',
		]);
		expect(result.error?.message).toContain('"Recipient Phone Number": +14155550101 was called at 2026-12-05T14:55:00Z');
		expect(seen.requests).toEqual([]);
	});
});

describe('Call Guard: daily cap', () => {
	const batch = { resource: 'batch', operation: 'create', callUsing: 'task', task: 'Hi', inputMode: 'items', phoneNumberField: 'phone' };
	const rows = ['+12125550101', '+12125550102', '+12125550103'].map((phone) => ({ json: { phone } }));
	const history = [
		{ to: '+14155550101', at: SATURDAY - 60 * 60_000 },
		{ to: '+14155550102', at: SATURDAY - 23 * 60 * 60_000 },
		{ to: '+14155550103', at: SATURDAY - 25 * 60 * 60_000 }, // outside the 24 hours
	];

	it('admits the first rows up to the cap and reports the rest like invalid rows (Skip and Report)', async () => {
		blandHistory(history);
		const bodies: Array<{ call_objects: unknown[] }> = [];
		const scope = nock(BLAND).post('/v2/batches/create', (b) => bodies.push(b) > 0).reply(200, { data: { batch_id: 'b1' }, errors: null });
		const result = await runBland({ ...batch, invalidRows: 'skip' }, { items: rows, credentials: { dailyCallCap: 3 } });
		expect(result.error).toBeUndefined();
		scope.done();
		expect(bodies[0].call_objects).toEqual([{ phone_number: '+12125550101' }]);
		const reason = "the credential's daily call cap of 3 calls in 24 hours is reached (3 placed since 2026-12-04T15:00:00Z)";
		expect(result.json[0]).toMatchObject({
			batchId: 'b1',
			callCount: 1,
			skippedRows: [
				{ row: 'item 1', phoneNumber: '+12125550102', reason },
				{ row: 'item 2', phoneNumber: '+12125550103', reason },
			],
			guard: { checkedRows: 3, refusedRows: 2, deferredRows: [] },
		});
	});

	it('with Invalid Rows "Fail" nothing is sent', async () => {
		blandHistory(history);
		const seen = recordBland();
		const result = await runBland({ ...batch, invalidRows: 'fail' }, { items: rows, credentials: { dailyCallCap: 3 } });
		seen.stop();
		expect(result.error?.message).toMatch(/^2 of 3 rows are invalid: item 1 \(\+12125550102\): the credential's daily call cap of 3/);
		expect(seen.requests).toEqual([]);
	});

	it('counts calls across Make Call items: the item over the cap fails and the one placed is named', async () => {
		blandHistory(history.slice(0, 1));
		nock(BLAND).post('/v1/calls').reply(200, { status: 'success', call_id: 'call-1' });
		const seen = recordBland();
		const result = await runBland(blandCall, {
			items: [{ json: { phone: '+12125550101' } }, { json: { phone: '+12125550102' } }],
			credentials: { dailyCallCap: 2 },
			continueOnFail: true,
		});
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(result.json[0].callId).toBe('call-1');
		expect(result.json[1].error).toBe(
			"\"Phone Number\": the credential's daily call cap of 2 calls in 24 hours is reached (2 placed since 2026-12-04T15:00:00Z)",
		);
	});
});

describe('Call Guard: Bolna batches', () => {
	const create = { resource: 'batch', operation: 'create', agentId: agentRl, inputMode: 'items', phoneNumberField: 'phone' };

	it('a batch scheduled on Saturday starts Monday 09:00 in every zone of its rows; a row in its cooldown is skipped', async () => {
		const uploads: ReturnType<typeof parseMultipart>[] = [];
		const scope = nock(BOLNA, AUTH)
			.get('/v2/agent/all')
			.reply(200, [{ id: AGENT }])
			.get(`/v2/agent/${AGENT}/executions`)
			.query(true)
			.reply(200, { data: [{ id: 'e1', created_at: new Date(SATURDAY - 60_000).toISOString(), telephony_data: { to_number: '+12125550102' } }], has_more: false })
			.post('/batches')
			.reply(function (_uri, body) {
				uploads.push(parseMultipart(String(body), String(this.req.headers['content-type'])));
				return [200, { batch_id: BATCH, state: 'created' }];
			})
			.post(`/batches/${BATCH}/schedule`)
			.reply(function (_uri, body) {
				uploads.push(parseMultipart(String(body), String(this.req.headers['content-type'])));
				return [200, { message: 'success', state: 'scheduled' }];
			});
		const result = await runBolna(
			{ ...create, invalidRows: 'skip', schedule: true, scheduledAt: '2026-12-05T16:00:00Z' },
			[{ json: { phone: '+12125550101' } }, { json: { phone: '+12125550102' } }, { json: { phone: '+13125550103' } }],
			{ credentials: { ...WEEKDAYS, outsideCallingHours: 'defer', cooldownMinutes: 60 } },
		);
		expect(result.error).toBeUndefined();
		scope.done();
		expect(uploads[0].find((p) => p.name === 'file')?.value).toBe('contact_number\n+12125550101\n+13125550103\n');
		// New York and Chicago: both open on Monday at 09:00 Chicago time (15:00Z).
		expect(uploads[1]).toEqual([
			{ name: 'scheduled_at', value: '2026-12-07T15:00:00+00:00' },
			{ name: 'bypass_call_guardrails', value: 'false' },
		]);
		expect(result.items[0].json).toMatchObject({
			contactCount: 2,
			skippedRows: [
				{ itemIndex: 1, value: '+12125550102', reason: expect.stringContaining('was called at 2026-12-05T14:59:00Z') },
			],
			schedule: { scheduledAt: '2026-12-07T15:00:00+00:00', state: 'scheduled' },
			guard: {
				reason: 'outside the calling hours (Mon–Fri 09:00–20:00) in America/Chicago, Sat 10:00; America/New_York, Sat 11:00: scheduled for the next opening',
				deferredTo: '2026-12-07T15:00:00.000Z',
				zones: ['America/Chicago', 'America/New_York'],
				refusedRows: 1,
			},
		});
	});

	it('Batch → Schedule refuses a batch it cannot check while Call Guard rules are set', async () => {
		const seen = recordBolna();
		const result = await runBolna(
			{ resource: 'batch', operation: 'schedule', batchId: BATCH, scheduledAt: '2026-12-07T15:00:00Z' },
			[{ json: {} }],
			{ credentials: { cooldownMinutes: 60 } },
		);
		seen.stop();
		expect(result.error?.message).toBe(
			`Batch ${BATCH} cannot be scheduled: the credential sets Call Guard rules (calling hours, cooldown or daily cap), and this node cannot check whom a batch it did not create would dial`,
		);
		expect(seen.requests).toEqual([]);
	});
});

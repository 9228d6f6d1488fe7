import { insideWindow, nextOpening, zonesOutside, type CallingWindow } from '../../nodes/shared/guard/window';
import { zonesOf } from '../../nodes/shared/guard/zones';

const WEEKDAYS_9_TO_8: CallingWindow = { days: [1, 2, 3, 4, 5], start: 9 * 60, end: 20 * 60 };
const EVERY_DAY_9_TO_8: CallingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: 9 * 60, end: 20 * 60 };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('calling hours in the recipient’s time zone', () => {
	it('has inclusive starts and exclusive ends, to the second', () => {
		// New York, winter (UTC−5): 09:00 local is 14:00Z, 20:00 local is 01:00Z the next day.
		expect(insideWindow(WEEKDAYS_9_TO_8, 'America/New_York', at('2026-12-07T13:59:59Z'))).toBe(false);
		expect(insideWindow(WEEKDAYS_9_TO_8, 'America/New_York', at('2026-12-07T14:00:00Z'))).toBe(true);
		expect(insideWindow(WEEKDAYS_9_TO_8, 'America/New_York', at('2026-12-08T00:59:59Z'))).toBe(true);
		expect(insideWindow(WEEKDAYS_9_TO_8, 'America/New_York', at('2026-12-08T01:00:00Z'))).toBe(false);
	});

	it('keeps the local start on the day clocks spring forward (New York, 8 March 2026)', () => {
		// 01:00 EST (06:00Z) → the window opens at 09:00 EDT, which is 13:00Z, not 14:00Z.
		expect(iso(nextOpening(EVERY_DAY_9_TO_8, ['America/New_York'], at('2026-03-08T06:00:00Z')))).toBe('2026-03-08T13:00:00.000Z');
		expect(insideWindow(EVERY_DAY_9_TO_8, 'America/New_York', at('2026-03-08T12:59:00Z'))).toBe(false);
		expect(insideWindow(EVERY_DAY_9_TO_8, 'America/New_York', at('2026-03-08T13:00:00Z'))).toBe(true);
	});

	it('keeps the local start on the day clocks fall back (New York, 1 November 2026)', () => {
		expect(iso(nextOpening(EVERY_DAY_9_TO_8, ['America/New_York'], at('2026-11-01T05:30:00Z')))).toBe('2026-11-01T14:00:00.000Z');
	});

	it('follows London’s change (29 March 2026): 09:00 BST is 08:00Z', () => {
		expect(iso(nextOpening(EVERY_DAY_9_TO_8, ['Europe/London'], at('2026-03-29T00:30:00Z')))).toBe('2026-03-29T08:00:00.000Z');
		expect(iso(nextOpening(EVERY_DAY_9_TO_8, ['Europe/London'], at('2026-03-28T00:30:00Z')))).toBe('2026-03-28T09:00:00.000Z');
	});

	it('defers a Friday-evening call across the weekend to Monday 09:00 local', () => {
		// Friday 4 December 2026, 20:30 in Los Angeles (04:30Z Saturday) → Monday 7 December 09:00 PST.
		expect(iso(nextOpening(WEEKDAYS_9_TO_8, ['America/Los_Angeles'], at('2026-12-05T04:30:00Z')))).toBe('2026-12-07T17:00:00.000Z');
		// Saturday noon in Kolkata → Monday 09:00 IST (03:30Z).
		expect(iso(nextOpening(WEEKDAYS_9_TO_8, ['Asia/Calcutta'], at('2026-12-05T06:30:00Z')))).toBe('2026-12-07T03:30:00.000Z');
	});

	it('needs every zone of a number that spans zones to be inside (+1 208: Boise and Los Angeles)', () => {
		const zones = zonesOf('+12085550100');
		expect(zones).toEqual(['America/Boise', 'America/Los_Angeles']);
		// Monday 16:30Z: 09:30 in Boise (MST), 08:30 in Los Angeles (PST).
		expect(zonesOutside(WEEKDAYS_9_TO_8, zones, at('2026-12-07T16:30:00Z'))).toEqual(['America/Los_Angeles']);
		expect(iso(nextOpening(WEEKDAYS_9_TO_8, zones, at('2026-12-07T16:30:00Z')))).toBe('2026-12-07T17:00:00.000Z');
		// Tuesday 03:30Z is Monday 20:30 in Boise (closed), 19:30 in Los Angeles (open): the call waits
		// for both, Tuesday 09:00 PST (17:00Z, 10:00 in Boise).
		expect(zonesOutside(WEEKDAYS_9_TO_8, zones, at('2026-12-08T03:30:00Z'))).toEqual(['America/Boise']);
		expect(iso(nextOpening(WEEKDAYS_9_TO_8, zones, at('2026-12-08T03:30:00Z')))).toBe('2026-12-08T17:00:00.000Z');
	});

	it('finds no opening when the zones share no hour of the window', () => {
		const oneHour: CallingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: 9 * 60, end: 10 * 60 };
		expect(nextOpening(oneHour, ['Europe/Moscow', 'Asia/Kamchatka'], at('2026-12-07T00:00:00Z'))).toBeUndefined();
		expect(nextOpening(oneHour, [], at('2026-12-07T00:00:00Z'))).toBeUndefined();
	});

	it('lets a call inside the window start at once', () => {
		const now = at('2026-12-07T18:00:00Z');
		expect(nextOpening(WEEKDAYS_9_TO_8, ['America/New_York', 'America/Chicago'], now)).toBe(now);
	});
});

import { DateTime } from 'luxon';

/** Allowed local hours and weekdays in which a call may start. */
export interface CallingWindow {
	/** Luxon weekdays (1 = Monday … 7 = Sunday). */
	days: number[];
	/** Minutes after local midnight: start inclusive, end exclusive (end ≤ 1440). */
	start: number;
	end: number;
}

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `09:00` for 540. */
export function clock(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `Mon–Fri 09:00–20:00` */
export function describeWindow(window: CallingWindow): string {
	const days = window.days;
	const consecutive = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
	const dayText =
		days.length === 7 ? 'every day' : consecutive ? `${DAY_NAMES[days[0]]}–${DAY_NAMES[days[days.length - 1]]}` : days.map((d) => DAY_NAMES[d]).join(', ');
	return `${dayText} ${clock(window.start)}–${clock(window.end)}`;
}

/** The local time in a zone, e.g. `Sat 21:05`. */
export function localTime(zone: string, at: number): string {
	const local = DateTime.fromMillis(at, { zone });
	return `${DAY_NAMES[local.weekday]} ${local.toFormat('HH:mm')}`;
}

/** Whether a call starting at `at` (epoch ms) is inside the window in `zone`. */
export function insideWindow(window: CallingWindow, zone: string, at: number): boolean {
	const local = DateTime.fromMillis(at, { zone });
	if (!local.isValid || !window.days.includes(local.weekday)) return false;
	const minute = local.hour * 60 + local.minute + local.second / 60;
	return minute >= window.start && minute < window.end;
}

/** The zones (of `zones`) whose local time at `at` is outside the window. */
export function zonesOutside(window: CallingWindow, zones: string[], at: number): string[] {
	return zones.filter((zone) => !insideWindow(window, zone, at));
}

/**
 * The first moment at or after `from` when the window is open in every zone, or undefined when
 * there is none in the next `horizonDays` (zones too far apart for a common window). Candidates
 * are `from` itself and each zone's local window start on each day, built in that zone's own
 * calendar, so a DST change day keeps its local start time.
 */
export function nextOpening(window: CallingWindow, zones: string[], from: number, horizonDays = 8): number | undefined {
	if (zones.length === 0) return undefined;
	if (zonesOutside(window, zones, from).length === 0) return from;
	const candidates: number[] = [];
	for (const zone of zones) {
		const first = DateTime.fromMillis(from, { zone }).startOf('day');
		for (let day = 0; day <= horizonDays; day++) {
			const date = first.plus({ days: day });
			const start = DateTime.fromObject(
				{ year: date.year, month: date.month, day: date.day, hour: Math.floor(window.start / 60), minute: window.start % 60 },
				{ zone },
			).toMillis();
			if (start > from) candidates.push(start);
		}
	}
	candidates.sort((a, b) => a - b);
	return candidates.find((at) => zonesOutside(window, zones, at).length === 0);
}

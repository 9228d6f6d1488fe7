import type { CallGuard } from './guard';
import { GuardRefusal } from './guard';
import { describeWindow, localTime, nextOpening, zonesOutside } from './window';
import { zonesOf } from './zones';

/** The guard's verdict on the rows of a batch (indexes into the rows given). */
export interface RowVerdicts {
	/** Row index → why the guard refuses it. */
	refused: Map<number, string>;
	/** Row index → when the row must start instead (epoch ms); only with per-row start times. */
	deferred: Map<number, number>;
}

/**
 * Checks each row of a batch as one call: cooldown, daily cap (each row counts) and, when
 * `perRowStart` is given (Bland: every call object has its own `start_time`), the calling hours
 * for the row's own start. Rows are counted in order: the cap admits the first rows only.
 */
export async function guardRows(
	guard: CallGuard,
	phones: string[],
	perRowStart?: (index: number) => number,
): Promise<RowVerdicts> {
	const verdicts: RowVerdicts = { refused: new Map(), deferred: new Map() };
	if (!guard.active) return verdicts;
	await guard.prepare(phones);
	phones.forEach((phone, index) => {
		const decision = perRowStart
			? guard.decide(phone, perRowStart(index), index)
			: guard.decide(phone, Date.now(), index, { window: false });
		if (decision instanceof GuardRefusal) verdicts.refused.set(index, decision.message);
		else if (decision.deferredTo !== undefined) verdicts.deferred.set(index, decision.deferredTo);
	});
	return verdicts;
}

/** A whole batch that starts at one moment (Bolna): where it may start, or why not. */
export type BatchWindow =
	| { ok: true; startAt: number; reason: string; zones: string[] }
	| { ok: false; reason: string; zones: string[] };

/**
 * The calling hours for a batch dialled from one start moment: every zone any of its numbers may
 * ring in must be inside the hours then. Outside, with "defer", the start moves to the next
 * moment open in all those zones, rounded up by `round` (Bolna rounds schedules to 10 minutes).
 */
export function batchWindow(
	guard: CallGuard,
	phones: string[],
	startAt: number,
	round: (ms: number) => number = (ms) => ms,
): BatchWindow {
	const window = guard.rules.window;
	const zones = [...new Set(phones.flatMap((phone) => zonesOf(phone)))].sort();
	if (!window) return { ok: true, startAt, reason: 'no calling hours set', zones };
	const hours = describeWindow(window);
	const unknown = phones.find((phone) => zonesOf(phone).length === 0);
	if (unknown) {
		return { ok: false, reason: `the time zone of ${unknown} is not known, so the credential's calling hours (${hours}) cannot be checked`, zones };
	}
	const start = round(startAt);
	const outside = zonesOutside(window, zones, start);
	if (outside.length === 0) return { ok: true, startAt: start, reason: `inside the calling hours (${hours}) in ${zones.join(', ')}`, zones };
	const where = outside.map((z) => `${z}, ${localTime(z, start)}`).join('; ');
	if (guard.rules.outside === 'refuse') {
		return { ok: false, reason: `the batch would start outside the credential's calling hours (${hours}) in ${where}`, zones };
	}
	const next = nextOpening(window, zones, start);
	const rounded = next === undefined ? undefined : round(next);
	if (rounded === undefined || zonesOutside(window, zones, rounded).length > 0) {
		return {
			ok: false,
			reason: `the batch's numbers ring in time zones with no common calling hours (${hours}) in the next 8 days (${zones.join(', ')}); split the batch by region`,
			zones,
		};
	}
	return { ok: true, startAt: rounded, reason: `outside the calling hours (${hours}) in ${where}: scheduled for the next opening`, zones };
}

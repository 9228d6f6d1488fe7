import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CallGuard, guardError, GuardRefusal, notPlaced, type GuardDecision } from './guard';

/**
 * The guard's decision for one call of item `itemIndex` to `phone`, starting at `start` (the
 * item's own schedule, ISO 8601) or now. Undefined when the credential sets no guard rule;
 * throws a field-named error when a rule refuses the call.
 */
export async function guardCall(
	this: IExecuteFunctions,
	guard: CallGuard,
	phone: string,
	start: string | undefined | null,
	field: string,
	itemIndex: number,
): Promise<GuardDecision | undefined> {
	if (!guard.active) return undefined;
	if (start === null) {
		throw new NodeOperationError(this.getNode(), `The call's start time cannot be read, so the credential's Call Guard cannot check it`, {
			itemIndex,
			description: 'No request was sent. Give the start time as YYYY-MM-DD HH:MM:SS ±HH:MM, or leave it empty.',
		});
	}
	await guard.prepare([phone]);
	const requested = start ? Date.parse(start) : NaN;
	const startAt = Number.isFinite(requested) ? Math.max(requested, Date.now()) : Date.now();
	const decision = guard.decide(phone, startAt, itemIndex);
	if (decision instanceof GuardRefusal) throw guardError(this.getNode(), decision, field, itemIndex);
	return decision;
}

/**
 * Sends a call the guard let through: the number is claimed in this process right before the
 * request, released only when the provider answers that nothing was placed, and tied to the
 * call's ID once known.
 */
export async function sendGuarded(
	this: IExecuteFunctions,
	guard: CallGuard,
	phones: string[],
	slots: number[],
	send: () => Promise<IDataObject>,
	idOf: (response: IDataObject) => unknown,
	field: string,
): Promise<IDataObject> {
	const claim = guard.claim(phones, slots);
	if (claim instanceof GuardRefusal) throw guardError(this.getNode(), claim, field, slots.length === 1 ? slots[0] : 0);
	return await send().then(
		(response) => {
			CallGuard.confirm(claim, idOf(response));
			return response;
		},
		async (error: unknown) => {
			if (notPlaced(error)) guard.release(claim);
			return await Promise.reject(error);
		},
	);
}

/** Bolna's `scheduled_at`: ISO 8601 with a numeric offset (Bolna refuses `Z`). */
export function offsetIso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Bland's `start_time`: `YYYY-MM-DD HH:MM:SS +00:00`. */
export function blandTime(ms: number): string {
	const iso = new Date(ms).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +00:00`;
}

/**
 * Bland's `start_time` (`YYYY-MM-DD HH:MM:SS ±HH:MM`) as ISO 8601; without an offset it is read in
 * the body's `timezone`, else UTC (Bland's default). Null when there is a value that cannot be read.
 */
export function fromBlandTime(value: unknown, timezone?: unknown): string | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return null;
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
	if (!match) return null;
	const zone = match[3] ? undefined : typeof timezone === 'string' && timezone.trim() !== '' ? timezone.trim() : 'UTC';
	const local = DateTime.fromISO(`${match[1]}T${match[2]}${match[3] ?? ''}`, zone ? { zone } : { setZone: true });
	return local.isValid ? local.toUTC().toISO() : null;
}

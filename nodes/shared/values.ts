import type { IDataObject } from 'n8n-workflow';

/** The value when it is a plain object, else an empty object. */
export function asObject(value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** A finite number from a number or numeric string (vendors send both), else null. */
export function asNumber(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const n = Number(value);
	return Number.isFinite(n) ? n : null;
}

import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A string parameter that must not be empty. The error names the field. */
export function requireString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `"${label}" is required`, { itemIndex });
	}
	return text;
}

/** An optional string parameter, trimmed; undefined when empty. */
export function optionalString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string | undefined {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null) return undefined;
	const text = String(value).trim();
	return text === '' ? undefined : text;
}

/**
 * The value of a resource locator (list / ID / URL modes) or of a plain string parameter.
 * The error names the field.
 */
export function requireResourceId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as
		| string
		| number
		| INodeParameterResourceLocator;
	const value =
		raw && typeof raw === 'object' ? (raw as INodeParameterResourceLocator).value : raw;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `"${label}" is required`, { itemIndex });
	}
	return text;
}

/** Return All → Infinity, otherwise the Limit parameter (a whole number of at least 1, checked here, never left to the vendor). */
export function getLimit(this: IExecuteFunctions, itemIndex: number): number {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false);
	if (returnAll === true) return Infinity;
	if (returnAll !== false) {
		throw new NodeOperationError(this.getNode(), `"Return All" must be true or false (got ${JSON.stringify(returnAll)})`, { itemIndex });
	}
	const limit = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), `"Limit" must be a whole number of at least 1 (got ${JSON.stringify(limit) ?? String(limit)})`, {
			itemIndex,
			description: 'No request was sent.',
		});
	}
	return limit;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Drops empty values and unsafe keys; the result is safe to send as a query or body. */
export function compact(values: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		if (UNSAFE_KEYS.has(key)) continue;
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}

/** Reads a fixedCollection of `{ name, value }` pairs (the key/value UI) into an object. */
export function keyValuePairs(
	collection: IDataObject | undefined,
	listName = 'values',
): IDataObject {
	const list = (collection?.[listName] as Array<{ name?: string; value?: unknown }> | undefined) ?? [];
	const out: IDataObject = {};
	for (const entry of list) {
		const key = (entry.name ?? '').trim();
		if (key === '' || UNSAFE_KEYS.has(key)) continue;
		out[key] = entry.value as IDataObject[string];
	}
	return out;
}

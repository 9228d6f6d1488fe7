import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Run-time checks of every parameter against its own description. n8n applies a field's type,
 * options and min/max only in the editor; an expression, an imported workflow or an AI agent
 * can hand the node anything. These checks run for every item before any request, so a value
 * that is not what the field says is refused with the field's name instead of being sent
 * (`null`, `NaN`, `1e308`, "[object Object]"…).
 */

/** String fields that also take a list (an array from an expression, or comma-separated text). */
const LIST_FIELDS = new Set(['keywords', 'dispositions', 'fromPhoneNumbers']);

/** The field types checked here (reported in docs/money-safety.md). */
export const CHECKED_TYPES = [
	'string',
	'number',
	'boolean',
	'options',
	'multiOptions',
	'dateTime',
	'json',
	'collection',
	'fixedCollection',
	'resourceLocator',
] as const;

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a date';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return String(value);
}

function refuse(node: INode, itemIndex: number, label: string, why: string, hint?: string): NodeOperationError {
	return new NodeOperationError(node, `"${label}" ${why}`, {
		itemIndex,
		description: `No request was sent.${hint ? ` ${hint}` : ' Check the value or the expression that sets it.'}`,
	});
}

function optionValues(property: INodeProperties): Array<string | number | boolean> | undefined {
	if (property.typeOptions?.loadOptionsMethod || property.typeOptions?.loadOptions) return undefined;
	const options = property.options as INodePropertyOptions[] | undefined;
	if (!options?.length || !options.every((o) => 'value' in o)) return undefined;
	return options.map((o) => o.value as string | number | boolean);
}

/** Checks a number against the field's typeOptions (min, max, precision 0 = whole number). */
export function checkNumber(
	node: INode,
	value: unknown,
	label: string,
	itemIndex: number,
	limits: { minValue?: number; maxValue?: number; integer?: boolean } = {},
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())
				? Number(value)
				: Number.NaN;
	if (!Number.isFinite(number)) {
		throw refuse(node, itemIndex, label, `must be a number (got ${describe(value)})`);
	}
	if (limits.integer && !Number.isInteger(number)) {
		throw refuse(node, itemIndex, label, `must be a whole number (got ${number})`);
	}
	if (limits.minValue !== undefined && number < limits.minValue) {
		throw refuse(node, itemIndex, label, `must be at least ${limits.minValue} (got ${number})`);
	}
	if (limits.maxValue !== undefined && number > limits.maxValue) {
		throw refuse(node, itemIndex, label, `must be at most ${limits.maxValue} (got ${number})`);
	}
	return number;
}

/** Text: a string (numbers and booleans are written as text); never null, an object or a list. */
export function checkText(node: INode, value: unknown, label: string, itemIndex: number, list = false): void {
	if (typeof value === 'string') {
		if (value.includes('[object Object]')) {
			throw refuse(
				node,
				itemIndex,
				label,
				'contains "[object Object]": an expression put an object into the text',
				'Pick the field you mean inside the object, or use JSON.stringify() in the expression.',
			);
		}
		return;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return;
	if (list && Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v))) return;
	throw refuse(node, itemIndex, label, `must be text (got ${describe(value)})`);
}

function checkDate(node: INode, value: unknown, label: string, itemIndex: number): void {
	if (value === '' || typeof value === 'string') return; // parsed (and refused with the field's name) where it is used
	if (typeof value === 'number' && Number.isFinite(value) && !Number.isNaN(new Date(value).getTime())) return;
	if (value instanceof Date && !Number.isNaN(value.getTime())) return;
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') return;
	throw refuse(node, itemIndex, label, `must be a date (got ${describe(value)})`);
}

function checkOption(node: INode, property: INodeProperties, value: unknown, label: string, itemIndex: number): void {
	const allowed = optionValues(property);
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
		throw refuse(node, itemIndex, label, `must be one of its options (got ${describe(value)})`);
	}
	if (allowed && !allowed.includes(value)) {
		throw refuse(node, itemIndex, label, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (got ${describe(value)})`);
	}
}

function checkMultiOptions(node: INode, property: INodeProperties, value: unknown, label: string, itemIndex: number): void {
	const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : value;
	if (!Array.isArray(list)) throw refuse(node, itemIndex, label, `must be a list (got ${describe(value)})`);
	const allowed = optionValues(property);
	for (const entry of list) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw refuse(node, itemIndex, label, `has an entry that is not text (got ${describe(entry)})`);
		}
		if (allowed && !allowed.includes(entry)) {
			throw refuse(node, itemIndex, label, `has an unknown entry ${describe(entry)} (known: ${allowed.join(', ')})`);
		}
	}
}

/** A collection's value: an object of fields, never null, a list or a scalar. */
function requireFieldSet(node: INode, value: unknown, label: string, itemIndex: number): void {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw refuse(node, itemIndex, label, `must be a set of fields (got ${describe(value)})`);
	}
}

/** Whether a property is shown for these parameter values (resource/operation rules aside). */
function isShown(property: INodeProperties, parameters: IDataObject, siblings: IDataObject = parameters): boolean {
	const matches = (key: string, values: unknown[]): boolean | undefined => {
		if (key === 'resource' || key === 'operation' || key === '@version') return undefined;
		const raw = key.startsWith('/') ? parameters[key.slice(1)] : siblings[key];
		if (raw === undefined) return undefined;
		if (typeof raw === 'string' && raw.startsWith('=')) return undefined; // an expression: unknown here
		return values.includes(raw);
	};
	const { show, hide } = property.displayOptions ?? {};
	for (const [key, values] of Object.entries(show ?? {})) {
		if (matches(key, values as unknown[]) === false) return false;
	}
	for (const [key, values] of Object.entries(hide ?? {})) {
		if (matches(key, values as unknown[]) === true) return false;
	}
	return true;
}

/** Checks one value against its property. Undefined means "not set" and passes. */
export function checkValue(
	node: INode,
	property: INodeProperties,
	value: unknown,
	itemIndex: number,
	label = property.displayName,
): void {
	if (value === undefined) return;
	switch (property.type) {
		case 'string':
			checkText(node, value, label, itemIndex, LIST_FIELDS.has(property.name));
			return;
		case 'number':
			checkNumber(node, value, label, itemIndex, {
				minValue: property.typeOptions?.minValue as number | undefined,
				maxValue: property.typeOptions?.maxValue as number | undefined,
				integer: property.typeOptions?.numberPrecision === 0,
			});
			return;
		case 'boolean':
			if (typeof value !== 'boolean') throw refuse(node, itemIndex, label, `must be true or false (got ${describe(value)})`);
			return;
		case 'options':
			checkOption(node, property, value, label, itemIndex);
			return;
		case 'multiOptions':
			checkMultiOptions(node, property, value, label, itemIndex);
			return;
		case 'dateTime':
			checkDate(node, value, label, itemIndex);
			return;
		case 'json':
			if (value === null || typeof value === 'string' || typeof value === 'object') return;
			throw refuse(node, itemIndex, label, `must be JSON (got ${describe(value)})`);
		case 'resourceLocator': {
			const inner = value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject).value : value;
			if (inner === undefined || typeof inner === 'string' || typeof inner === 'number') return;
			throw refuse(node, itemIndex, label, `must be an ID (got ${describe(inner)})`);
		}
		case 'collection': {
			requireFieldSet(node, value, label, itemIndex);
			const options = (property.options ?? []) as INodeProperties[];
			for (const [key, inner] of Object.entries(value as IDataObject)) {
				const candidates = options.filter((o) => o.name === key);
				const option =
					candidates.find((o) => isShown(o, node.parameters as IDataObject, value as IDataObject)) ?? candidates[0];
				if (option) checkValue(node, option, inner, itemIndex, option.displayName);
			}
			return;
		}
		case 'fixedCollection': {
			requireFieldSet(node, value, label, itemIndex);
			const groups = (property.options ?? []) as INodePropertyCollection[];
			for (const [groupName, entries] of Object.entries(value as IDataObject)) {
				const group = groups.find((g) => g.name === groupName);
				if (!group) continue;
				const list = Array.isArray(entries) ? entries : [entries];
				for (const entry of list) {
					if (!entry || typeof entry !== 'object') continue;
					for (const [key, inner] of Object.entries(entry as IDataObject)) {
						const field = group.values.find((v) => v.name === key);
						// A pair's value may be any JSON value (variables); its name must be text.
						if (field && field.name === 'name') checkText(node, inner, `${label} → ${field.displayName}`, itemIndex);
					}
				}
			}
			return;
		}
		default:
			return;
	}
}

/**
 * Checks every parameter the node has (as set by the user, with expressions resolved for this
 * item) against the operation's properties. Parameters the node does not have are skipped: the
 * operation falls back to the field's default.
 */
export function checkParameters(this: IExecuteFunctions, properties: INodeProperties[], itemIndex: number): void {
	const node = this.getNode();
	const parameters = (node.parameters ?? {}) as IDataObject;
	const byName = new Map<string, INodeProperties[]>();
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
	}
	for (const [name, candidates] of byName) {
		if (!(name in parameters)) continue;
		const property = candidates.find((p) => isShown(p, parameters)) ?? candidates[0];
		if (!isShown(property, parameters)) continue;
		const value = this.getNodeParameter(name, itemIndex, undefined) as unknown;
		checkValue(node, property, value, itemIndex);
	}
}

import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Adds one visibility rule to every property of an operation, so each operation file writes
 * `show: { resource, operation }` once. Existing rules on a property are kept and merged.
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...(property.displayOptions ?? {}),
			...displayOptions,
			show: { ...(property.displayOptions?.show ?? {}), ...(displayOptions.show ?? {}) },
			...(property.displayOptions?.hide || displayOptions.hide
				? { hide: { ...(property.displayOptions?.hide ?? {}), ...(displayOptions.hide ?? {}) } }
				: {}),
		},
	}));
}

/** Shorthand for the common `show: { resource: [r], operation: [o] }` rule. */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties);
}

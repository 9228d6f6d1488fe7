import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit pair used by every list operation. */
export function returnAllAndLimit(maxValue = 1000): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export type OutputMode = 'simplified' | 'raw' | 'extractedDataOnly';

/** Output mode selector shared by Get Execution / Get Call, the triggers and Wait for Completion. */
export function outputModeField(extractedDescription: string): INodeProperties {
	return {
		displayName: 'Output',
		name: 'outputMode',
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'IDs, status, numbers, duration, cost, transcript, recording URL and extracted fields',
			},
			{
				name: 'Raw',
				value: 'raw',
				description: 'The full object exactly as the API returned it',
			},
			{
				name: 'Extracted Data Only',
				value: 'extractedDataOnly',
				description: extractedDescription,
			},
		],
	};
}

/** Name/value pairs (read with `keyValuePairs`): prompt variables, request data. */
export function variablePairsField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Variable',
		typeOptions: { multipleValues: true },
		default: {},
		description,
		options: [
			{
				displayName: 'Variable',
				name: 'values',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** The Resource selector of an action node (options sorted by name, as n8n's lint wants). */
export function resourceSelector(
	options: Array<{ name: string; value: string }>,
	defaultValue: string,
): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultValue,
	};
}

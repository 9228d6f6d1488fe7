import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

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

/**
 * The same selector twice: its own default on the node, `toolDefault` on the node's AI-tool variant
 * (n8n's `@tool` display condition), so an AI Agent's tool does not start on a billed operation.
 */
export function withToolDefault(property: INodeProperties, toolDefault: string): INodeProperties[] {
	const show = property.displayOptions?.show ?? {};
	return [
		{ ...property, displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [false] } } },
		{ ...property, default: toolDefault, displayOptions: { ...property.displayOptions, show: { ...show, '@tool': [true] } } },
	];
}

/**
 * A canvas subtitle naming the operation in words ("Make a phone call") instead of raw values
 * ("make: call"), built from the operation selectors' `action` texts. The expression holds no braces.
 */
export function actionSubtitle(properties: INodeProperties[]): string {
	const entries = new Map<string, string>();
	for (const property of properties) {
		const resources = property.displayOptions?.show?.resource;
		if (property.name !== 'operation' || !Array.isArray(resources)) continue;
		for (const option of property.options ?? []) {
			if (!('action' in option) || !option.action) continue;
			for (const resource of resources) entries.set(`${String(resource)}:${String(option.value)}`, option.action);
		}
	}
	const table = [...entries].map(([key, action]) => `${key}=${action}`).join('|');
	return `={{ ("|${table}|".split("|" + $parameter["resource"] + ":" + $parameter["operation"] + "=")[1] || "").split("|")[0] }}`;
}

/** The hint under a resource's Operation selector linking that resource's API documentation. */
export function apiDocsHint(provider: string, resource: string, url: string): string {
	return `${provider} API reference for ${resource}: <a href="${url}" target="_blank">${url.replace(/^https:\/\//, '')}</a>`;
}

/** A trigger's canvas subtitle listing the chosen options by name ("Events: Call Completed"), not by value. */
export function optionListSubtitle(label: string, parameter: string, options: INodePropertyOptions[]): string {
	const table = options.map((o) => `${String(o.value)}=${o.name}`).join('|');
	return `={{ "${label}: " + ($parameter["${parameter}"] || []).map((v) => ("|${table}|".split("|" + v + "=")[1] || v).split("|")[0]).join(", ") }}`;
}

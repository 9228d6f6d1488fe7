import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonField } from '../../../shared/validation/json';
import { compact } from '../../../shared/validation/params';
import { maskToolSecrets } from '../../toolDefinition';
import type { Problem, ToolDefinition } from '../../types';

export const toolNameField: INodeProperties = {
	displayName: 'Name',
	name: 'toolName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'BookAppointment',
	description:
		'Name the agent sees. May not use the reserved words input, speak, transfer, switch, wait, finish, press, button, say, pause, record, play, dial, hang.',
};

export const toolDescriptionField: INodeProperties = {
	displayName: 'Description',
	name: 'toolDescription',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Books an appointment for the customer',
	description: 'What the tool does; the agent uses it to decide when to call the tool',
};

export const toolUrlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://api.example.com/book?customer={{phone_number}}',
	description: 'Endpoint Bland calls (https only). {{input.x}} and {{variable}} placeholders are filled in.',
};

const methodOption: INodeProperties = {
	displayName: 'Method',
	name: 'method',
	type: 'options',
	default: 'POST',
	options: [
		{ name: 'GET', value: 'GET' },
		{ name: 'POST', value: 'POST' },
	],
};

/** Optional parts of a tool, shared by Create, Update and Test. Sorted by display name. */
export const toolOptionFields: INodeProperties[] = [
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '',
		description: 'Request body; "{{input}}" alone sends the whole agent input. Not sent with GET.',
		hint: 'Example: {"date": "{{input.date}}", "service": "{{input.service}}"}',
	},
	{
		displayName: 'Headers (JSON)',
		name: 'headers',
		type: 'json',
		default: '',
		description: 'Request headers; placeholders allowed',
		hint: 'Example: {"Authorization": "Bearer {{api_key}}"}',
	},
	{
		displayName: 'Input Schema (JSON)',
		name: 'inputSchema',
		type: 'json',
		default: '',
		description: 'What the agent must provide as {{input}} (a JSON object; an "example" helps the agent)',
		hint: 'Example: {"type": "object", "example": {"date": "2026-04-20", "service": "Haircut"}, "properties": {"date": "YYYY-MM-DD", "service": "Haircut, Coloring or Trim"}}',
	},
	methodOption,
	{
		displayName: 'Query (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Query parameters appended to the URL; placeholders allowed',
	},
	{
		displayName: 'Response Mappings',
		name: 'responseMappings',
		type: 'fixedCollection',
		placeholder: 'Add Mapping',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Variables to extract from the response with JSONPath, usable as {{name}} in the prompt',
		options: [
			{
				displayName: 'Mapping',
				name: 'values',
				values: [
					{ displayName: 'Variable Name', name: 'name', type: 'string', default: '', placeholder: 'stylist_name' },
					{ displayName: 'JSONPath', name: 'path', type: 'string', default: '', placeholder: '$.stylist.name' },
				],
			},
		],
	},
	{
		displayName: 'Speech',
		name: 'speech',
		type: 'string',
		default: '',
		placeholder: 'One moment while I book that for you.',
		description: 'What the agent says while the tool runs',
	},
	{
		displayName: 'Timeout (Milliseconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000,
		description: 'How long Bland waits for the endpoint, in milliseconds',
	},
];

function mappings(collection: unknown): IDataObject | undefined {
	const list = ((collection as IDataObject | undefined)?.values as Array<{ name?: string; path?: string }>) ?? [];
	if (!list.length) return undefined;
	const out: IDataObject = {};
	for (const entry of list) {
		const name = (entry.name ?? '').trim();
		if (name === '' && (entry.path ?? '').trim() === '') continue;
		out[name] = (entry.path ?? '').trim();
	}
	return out;
}

/** Reads the optional tool parts from a collection of `toolOptionFields` values. */
export function toolPartsFrom(ctx: IExecuteFunctions, fields: IDataObject, itemIndex: number): ToolDefinition {
	const node = ctx.getNode();
	const body =
		typeof fields.body === 'string' && /^\s*\{\{\s*input\s*\}\}\s*$/.test(fields.body)
			? fields.body.trim()
			: parseJsonField(node, fields.body, 'Body (JSON)', itemIndex);
	return compact({
		speech: typeof fields.speech === 'string' ? fields.speech.trim() : undefined,
		method: fields.method,
		headers: parseJsonField(node, fields.headers, 'Headers (JSON)', itemIndex),
		body,
		query: parseJsonField(node, fields.query, 'Query (JSON)', itemIndex),
		input_schema: parseJsonField(node, fields.inputSchema, 'Input Schema (JSON)', itemIndex),
		response: mappings(fields.responseMappings),
		timeout: fields.timeout,
	}) as ToolDefinition;
}

/** Throws one error naming every problem of the definition; nothing is sent. */
export function throwIfProblems(ctx: IExecuteFunctions, problems: Problem[], itemIndex: number): void {
	if (!problems.length) return;
	const text = problems.map((p) => `"${p.at}" ${p.message}`).join('; ');
	throw new NodeOperationError(ctx.getNode(), `The custom tool is invalid: ${text}`, {
		itemIndex,
		description: 'Nothing was sent to Bland.',
	});
}

/**
 * The tool output item: Bland's `{tool_id, label, tool: {...}}` flattened with the id first.
 * Header values and secret-looking query values of the stored definition are masked.
 */
export function shapeTool(entry: IDataObject): IDataObject {
	const inner = entry.tool && typeof entry.tool === 'object' ? (entry.tool as IDataObject) : undefined;
	if (inner && (inner.tool_id !== undefined || (inner.tool && typeof inner.tool === 'object'))) return shapeTool(inner);
	if (!inner) return maskToolSecrets(entry);
	const { tool_id: toolId, tool, ...rest } = entry;
	return { toolId: toolId ?? null, ...maskToolSecrets(tool as IDataObject), ...rest };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { compact } from '../../../shared/validation/params';
import { validateToolDefinition } from '../../toolDefinition';
import type { ToolDefinition } from '../../types';
import { blandRequest } from '../../transport';
import {
	throwIfProblems,
	toolDescriptionField,
	toolNameField,
	toolOptionFields,
	toolPartsFrom,
	toolUrlField,
} from './definition';

const properties: INodeProperties[] = [
	toolNameField,
	toolDescriptionField,
	toolUrlField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: toolOptionFields,
	},
];

export const description = forOperation('customTool', 'create', properties);

/** The full definition from Name, Description, URL and the additional fields (not yet validated). */
export function readDefinition(this: IExecuteFunctions, itemIndex: number): ToolDefinition {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	return compact({
		name: text('toolName'),
		description: text('toolDescription'),
		url: text('url'),
		...toolPartsFrom(this, fields, itemIndex),
	}) as ToolDefinition;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const definition = readDefinition.call(this, itemIndex);
	throwIfProblems(this, validateToolDefinition(definition), itemIndex);
	const response = await blandRequest.call(this, { method: 'POST', path: '/v1/tools', body: definition, itemIndex });
	return { toolId: response.tool_id ?? null, status: response.status ?? null, name: definition.name };
}

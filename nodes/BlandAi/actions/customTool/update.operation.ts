import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { compact, requireResourceId } from '../../../shared/validation/params';
import { customToolLocator } from '../../descriptions/fields';
import { validateToolDefinition } from '../../toolDefinition';
import type { ToolDefinition } from '../../types';
import { blandRequest } from '../../transport';
import { throwIfProblems, toolOptionFields, toolPartsFrom } from './definition';

const properties: INodeProperties[] = [
	customToolLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...toolOptionFields.slice(0, 1),
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
			...toolOptionFields.slice(1, 4),
			{ displayName: 'Name', name: 'toolName', type: 'string', default: '' },
			...toolOptionFields.slice(4),
			{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://api.example.com/book' },
		],
	},
];

export const description = forOperation('customTool', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const toolId = requireResourceId.call(this, 'toolId', itemIndex, 'Custom Tool');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
	const definition = compact({
		name: trimmed(fields.toolName),
		description: trimmed(fields.toolDescription),
		url: trimmed(fields.url),
		...toolPartsFrom(this, fields, itemIndex),
	}) as ToolDefinition;
	if (Object.keys(definition).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one field under "Update Fields"', {
			itemIndex,
		});
	}
	throwIfProblems(this, validateToolDefinition(definition, { partial: true }), itemIndex);
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/tools/${pathSegment(toolId)}`,
		body: definition,
		itemIndex,
	});
	return { toolId: response.tool_id ?? toolId, status: response.status ?? null, updated: Object.keys(definition) };
}

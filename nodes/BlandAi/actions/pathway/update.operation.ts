import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { compact, requireResourceId } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandAllowedPrefixes, blandRequest } from '../../transport';
import { edgesField, nodesField, requireValidGraph } from './graph';

const properties: INodeProperties[] = [
	pathwayLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			edgesField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			nodesField,
		],
	},
];

export const description = forOperation('pathway', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = compact({
		name: typeof fields.name === 'string' ? fields.name.trim() : fields.name,
		description: fields.description,
	});
	if (fields.nodes !== undefined || fields.edges !== undefined) {
		if (fields.nodes === undefined || fields.edges === undefined) {
			throw new NodeOperationError(
				node,
				'"Nodes (JSON)" and "Edges (JSON)" must be set together: Bland replaces the whole graph',
				{ itemIndex },
			);
		}
		Object.assign(body, requireValidGraph(this, fields.nodes, fields.edges, itemIndex, await blandAllowedPrefixes.call(this)));
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, 'Nothing to update: add at least one field under "Update Fields"', { itemIndex });
	}
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/pathway/${pathSegment(pathwayId)}`,
		body,
		itemIndex,
	});
	const data = (response.pathway_data as IDataObject | undefined) ?? {};
	return { pathwayId, status: response.status ?? null, message: response.message ?? null, ...data };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { compact, optionalString, requireString } from '../../../shared/validation/params';
import { blandRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'pathwayName',
		type: 'string',
		required: true,
		default: '',
		description: 'Name of the new pathway',
	},
	{
		displayName: 'Description',
		name: 'pathwayDescription',
		type: 'string',
		default: '',
		description: 'What the pathway is for',
	},
];

export const description = forOperation('pathway', 'create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = compact({
		name: requireString.call(this, 'pathwayName', itemIndex, 'Name'),
		description: optionalString.call(this, 'pathwayDescription', itemIndex),
	});
	const response = await blandRequest.call(this, { method: 'POST', path: '/v1/pathway/create', body, itemIndex });
	return { pathwayId: response.pathway_id ?? null, status: response.status ?? null, name: body.name };
}

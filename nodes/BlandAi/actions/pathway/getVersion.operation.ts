import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId, requireString } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandRequest, unwrapData } from '../../transport';

const properties: INodeProperties[] = [
	pathwayLocator,
	{
		displayName: 'Version',
		name: 'versionId',
		type: 'string',
		required: true,
		default: '0',
		description: 'Version number or ID; 0 is the live (production) version',
	},
];

export const description = forOperation('pathway', 'getVersion', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const versionId = requireString.call(this, 'versionId', itemIndex, 'Version');
	const response = await blandRequest.call(this, {
		method: 'GET',
		path: `/v1/pathway/${pathSegment(pathwayId)}/version/${pathSegment(versionId)}`,
		itemIndex,
	});
	return { pathwayId, ...(unwrapData<IDataObject>(response) ?? {}) };
}

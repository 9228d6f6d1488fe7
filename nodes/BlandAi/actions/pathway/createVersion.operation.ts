import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { compact, optionalString, requireResourceId } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandAllowedPrefixes, blandRequest } from '../../transport';
import { edgesField, nodesField, requireValidGraph } from './graph';

const properties: INodeProperties[] = [
	pathwayLocator,
	{
		displayName: 'Version Name',
		name: 'versionName',
		type: 'string',
		default: '',
		description: 'Label of the new version',
	},
	{ ...nodesField, required: true },
	{ ...edgesField, required: true },
];

export const description = forOperation('pathway', 'createVersion', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const graph = requireValidGraph(
		this,
		this.getNodeParameter('nodes', itemIndex, undefined),
		this.getNodeParameter('edges', itemIndex, undefined),
		itemIndex,
		await blandAllowedPrefixes.call(this),
	);
	const body = compact({ name: optionalString.call(this, 'versionName', itemIndex), ...graph });
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/pathway/${pathSegment(pathwayId)}/version`,
		body,
		itemIndex,
	});
	// `{status, message, data: {id, version_number, …}}` (no `errors` key, so not the v2 envelope).
	const data = (response.data && typeof response.data === 'object' ? response.data : {}) as IDataObject;
	return {
		pathwayId,
		versionId: data.id ?? null,
		versionNumber: data.version_number ?? null,
		name: data.name ?? body.name ?? null,
		createdAt: data.created_at ?? null,
		status: response.status ?? null,
		message: response.message ?? null,
	};
}

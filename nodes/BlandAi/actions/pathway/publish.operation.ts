import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

const properties: INodeProperties[] = [
	pathwayLocator,
	{
		displayName: 'Version Number',
		name: 'versionNumber',
		type: 'number',
		required: true,
		default: 0,
		description: 'The version to promote (its version_number)',
		hint: 'The versionNumber that Create Version returns, or the number shown in Bland',
	},
	{
		displayName: 'Environment',
		name: 'environment',
		type: 'options',
		default: 'staging',
		options: [
			{ name: 'Production', value: 'production' },
			{ name: 'Staging', value: 'staging' },
		],
	},
];

export const description = forOperation('pathway', 'publish', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const versionNumber = Number(this.getNodeParameter('versionNumber', itemIndex, NaN));
	if (!Number.isInteger(versionNumber) || versionNumber < 1) {
		throw new NodeOperationError(node, '"Version Number" must be a whole number of 1 or more', { itemIndex });
	}
	const environment = this.getNodeParameter('environment', itemIndex, 'production') as string;
	if (environment !== 'production' && environment !== 'staging') {
		throw new NodeOperationError(node, `"Environment" must be production or staging (got "${environment}")`, {
			itemIndex,
		});
	}
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/pathway/${pathSegment(pathwayId)}/publish`,
		body: { version_id: versionNumber, environment },
		itemIndex,
	});
	return { pathwayId, versionNumber, environment, message: response.message ?? null };
}

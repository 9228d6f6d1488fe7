import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandRequest, unwrapData } from '../../transport';

export const description = forOperation('pathway', 'get', [pathwayLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const response = await blandRequest.call(this, {
		method: 'GET',
		path: `/v1/pathway/${pathSegment(pathwayId)}`,
		itemIndex,
	});
	return { pathwayId, ...(unwrapData<IDataObject>(response) ?? {}) };
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { pathwayLocator } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

export const description = forOperation('pathway', 'deletePathway', [pathwayLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pathwayId = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
	const response = await blandRequest.call(this, {
		method: 'DELETE',
		path: `/v1/pathway/${pathSegment(pathwayId)}`,
		itemIndex,
	});
	return { pathwayId, deleted: true, message: response.message ?? null };
}

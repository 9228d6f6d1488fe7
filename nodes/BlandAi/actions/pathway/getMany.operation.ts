import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { getLimit } from '../../../shared/validation/params';
import { blandRequest } from '../../transport';

export const description = forOperation('pathway', 'getMany', returnAllAndLimit());

/** GET /v1/pathway returns every pathway at once; Limit is applied here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const body = await blandRequest.call(this, { method: 'GET', path: '/v1/pathway', itemIndex });
	const pathways = asArray(body, 'pathways');
	return Number.isFinite(limit) ? pathways.slice(0, limit) : pathways;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { paginate } from '../../../shared/transport/paginate';
import { getLimit } from '../../../shared/validation/params';
import { blandRequest } from '../../transport';

/** Page size used for Return All (Bland documents no maximum for `take`). */
export const BATCHES_PAGE_MAX = 100;

export const description = forOperation('batch', 'getMany', returnAllAndLimit());

/**
 * `GET /v2/batches/list?take=&skip=`. Source: Bland's current docs "List Batches"
 * (https://docs.bland.ai/api-v1/get/batches, cited in the research notes), the same family as the
 * documented `POST /v2/batches/create`. The older seed docs list `GET /v1/batches` (from/to index
 * window); the v2 list is the newer official source, so it wins.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	return await paginate<IDataObject>(
		async (pageIndex, pageSize) => {
			const body = await blandRequest.call(this, {
				method: 'GET',
				path: '/v2/batches/list',
				qs: { take: pageSize, skip: pageIndex * pageSize },
				itemIndex,
			});
			const batches = asArray(body, 'batches');
			return { items: batches, hasMore: batches.length >= pageSize };
		},
		limit,
		BATCHES_PAGE_MAX,
	);
}

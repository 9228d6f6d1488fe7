import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { blandRequest, unwrapData } from '../../transport';

export const description = forOperation('batch', 'get', [batchIdField]);

/**
 * `GET /v1/batches/{batch_id}`. Source: Bland's docs "Batch Details" (the seed docs) and Bland's
 * own batch cookbook (Bland-com/bland-ai-cookbooks 09-batch-campaigns, Mar 2026) both use the v1
 * path; `GET /v2/batches/{id}` appears only in a community-maintained spec. The documented answer
 * is `{status, batch_params, call_data, analysis}`; a `{data, errors}` envelope is unwrapped.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const response = await blandRequest.call(this, {
		method: 'GET',
		path: `/v1/batches/${pathSegment(batchId)}`,
		itemIndex,
	});
	return { batchId, ...(unwrapData<IDataObject>(response) ?? {}) };
}

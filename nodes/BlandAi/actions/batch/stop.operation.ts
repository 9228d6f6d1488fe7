import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

export const description = forOperation('batch', 'stop', [batchIdField]);

/**
 * `POST /v1/batches/{batch_id}/stop`. Source: Bland's docs "Stop Active Batch" (the seed docs) and
 * Bland's batch cookbook (`stopBatch.js`, Mar 2026) both use the v1 path; the v2 stop path appears
 * only in a community-maintained spec. Documented answer: `{status, message, num_calls, batch_id}`.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/batches/${pathSegment(batchId)}/stop`,
		// Stopping twice does no harm, so a dropped connection may be retried.
		retry: 'idempotent',
		itemIndex,
	});
	return {
		batchId,
		stopped: true,
		cancelledCalls: typeof response.num_calls === 'number' ? response.num_calls : null,
		message: response.message ?? null,
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

export const description = forOperation('batch', 'stop', [batchIdField]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	await blandRequest.call(this, {
		method: 'POST',
		path: `/v2/batches/${pathSegment(batchId)}/stop`,
		// Stopping twice does no harm, so a dropped connection may be retried.
		retry: 'idempotent',
		itemIndex,
	});
	return { batchId, stopped: true };
}

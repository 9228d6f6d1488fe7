import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { blandRequest, unwrapData } from '../../transport';

export const description = forOperation('batch', 'get', [batchIdField]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const response = await blandRequest.call(this, {
		method: 'GET',
		path: `/v2/batches/${pathSegment(batchId)}`,
		itemIndex,
	});
	return unwrapData<IDataObject>(response) ?? {};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { callIdField } from '../../descriptions/fields';
import { blandRequest } from '../../transport';

export const description = forOperation('call', 'stop', [callIdField]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const callId = requireString.call(this, 'callId', itemIndex, 'Call ID');
	const response = await blandRequest.call(this, {
		method: 'POST',
		path: `/v1/calls/${pathSegment(callId)}/stop`,
		// Stopping twice does no harm, so a dropped connection may be retried.
		retry: 'idempotent',
		itemIndex,
	});
	return { callId, status: response.status ?? null, message: response.message ?? null };
}

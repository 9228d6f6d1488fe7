import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';
import type { BolnaBatchState } from '../../types';

const properties: INodeProperties[] = [
	{ ...batchIdField, description: 'ID of the queued or running batch to stop' },
];

export const description = forOperation('batch', 'stop', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const response = (await bolnaRequest.call(this, {
		method: 'POST',
		path: `/batches/${pathSegment(batchId)}/stop`,
		itemIndex,
	})) as BolnaBatchState;
	return { batchId, state: response.state ?? null, message: response.message ?? null };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputMode } from '../../../shared/descriptions/common';
import { outputModeField, returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray, pathSegment } from '../../../shared/transport/request';
import { getLimit, requireString } from '../../../shared/validation/params';
import { batchIdField } from '../../descriptions/fields';
import { shapeExecution } from '../../shaping';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	batchIdField,
	...returnAllAndLimit(),
	outputModeField('Only the fields the agent extracted from each call, plus its ID and status'),
];

export const description = forOperation('batch', 'getExecutions', properties);

/** GET /batches/{id}/executions returns every call of the batch at once (a bare array). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const limit = getLimit.call(this, itemIndex);
	const mode = this.getNodeParameter('outputMode', itemIndex, 'simplified') as OutputMode;
	const executions = asArray(
		await bolnaRequest.call(this, {
			method: 'GET',
			path: `/batches/${pathSegment(batchId)}/executions`,
			itemIndex,
		}),
	);
	return executions.slice(0, limit).map((execution) => shapeExecution(execution, mode));
}

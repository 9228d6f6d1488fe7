import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray, pathSegment } from '../../../shared/transport/request';
import { getLimit, requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{ ...agentLocator, description: 'The agent whose batches to list' },
	...returnAllAndLimit(),
];

export const description = forOperation('batch', 'getMany', properties);

/** GET /batches/{agent_id}/all returns every batch at once (a bare array); Limit applies here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const limit = getLimit.call(this, itemIndex);
	const batches = asArray(
		await bolnaRequest.call(this, {
			method: 'GET',
			path: `/batches/${pathSegment(agentId)}/all`,
			itemIndex,
		}),
	);
	return batches.slice(0, limit);
}

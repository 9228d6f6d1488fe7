import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { getLimit } from '../../../shared/validation/params';
import { redactAgent } from '../../shaping';
import { bolnaRequest } from '../../transport';

export const description = forOperation('agent', 'getMany', returnAllAndLimit());

/** GET /v2/agent/all returns every agent at once (a bare array); Limit applies here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const agents = asArray(await bolnaRequest.call(this, { method: 'GET', path: '/v2/agent/all', itemIndex }));
	return agents.slice(0, limit).map(redactAgent);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { getLimit } from '../../../shared/validation/params';
import { blandRequest } from '../../transport';
import { shapeTool } from './definition';

export const description = forOperation('customTool', 'getMany', returnAllAndLimit());

/** GET /v1/tools returns every tool at once; Limit is applied here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const body = await blandRequest.call(this, { method: 'GET', path: '/v1/tools', itemIndex });
	const tools = asArray(body, 'tools').map(shapeTool);
	return Number.isFinite(limit) ? tools.slice(0, limit) : tools;
}

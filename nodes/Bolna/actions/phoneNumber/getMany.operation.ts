import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { getLimit } from '../../../shared/validation/params';
import { bolnaRequest } from '../../transport';

export const description = forOperation('phoneNumber', 'getMany', returnAllAndLimit());

/** `GET /phone-numbers/all` returns every number of the account at once; Limit applies here. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	return asArray(await bolnaRequest.call(this, { method: 'GET', path: '/phone-numbers/all', itemIndex })).slice(0, limit);
}

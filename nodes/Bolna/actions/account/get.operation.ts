import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asNumber, asObject } from '../../../shared/values';
import { bolnaRequest } from '../../transport';

export const description = forOperation('account', 'get', []);

/** `GET /user/me` → `{id, name, email, wallet, concurrency: {max, current}}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const user = await bolnaRequest.call(this, { method: 'GET', path: '/user/me', itemIndex });
	const concurrency = asObject(user.concurrency);
	return {
		userId: user.id ?? null,
		name: user.name ?? null,
		email: user.email ?? null,
		walletBalance: asNumber(user.wallet),
		concurrencyMax: asNumber(concurrency.max),
		concurrencyCurrent: asNumber(concurrency.current),
	};
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { requireResourceId } from '../../../shared/validation/params';
import { phoneNumberLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

export const description = forOperation('phoneNumber', 'removeInboundAgent', [phoneNumberLocator]);

/** `POST /inbound/unlink` with `{phone_number_id}`: the number stops answering with an agent. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumberId = requireResourceId.call(this, 'phoneNumberId', itemIndex, 'Phone Number');
	const response = await bolnaRequest.call(this, {
		method: 'POST',
		path: '/inbound/unlink',
		body: { phone_number_id: phoneNumberId },
		itemIndex,
	});
	return { phoneNumberId, removed: true, phoneNumber: response.phone_number ?? null };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { phoneNumberLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'The number is released from your account and cannot be called or receive calls any more.',
		name: 'deleteNumberNotice',
		type: 'notice',
		default: '',
	},
	phoneNumberLocator,
];

export const description = forOperation('phoneNumber', 'deletePhoneNumber', properties);

/** `DELETE /phone-numbers/{phone_number_id}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumberId = requireResourceId.call(this, 'phoneNumberId', itemIndex, 'Phone Number');
	const response = await bolnaRequest.call(this, {
		method: 'DELETE',
		path: `/phone-numbers/${pathSegment(phoneNumberId)}`,
		itemIndex,
	});
	return { phoneNumberId, deleted: true, message: response.message ?? null };
}

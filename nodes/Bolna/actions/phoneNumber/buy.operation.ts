import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { compact } from '../../../shared/validation/params';
import { normalizeE164 } from '../../../shared/validation/phone';
import { bolnaRequest } from '../../transport';
import { countryField, providerField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Buying a number charges your Bolna wallet now and every renewal until you delete the number. Each input item buys one number. Use Search first to pick an available one.',
		name: 'buyNotice',
		type: 'notice',
		default: '',
	},
	countryField,
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +14155550123',
		description: 'The available number to buy (E.164), as Search returned it',
	},
	providerField,
];

export const description = forOperation('phoneNumber', 'buy', properties);

/** Costs money: n8n's Retry On Fail is refused for it (a retry could buy a second number). */
export const placesCalls = true;

/** `POST /phone-numbers/buy` with `{country, phone_number, provider?}`, sent once. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = this.getNodeParameter('phoneNumber', itemIndex, '');
	const phoneNumber = normalizeE164(raw);
	if (!phoneNumber) {
		throw new NodeOperationError(this.getNode(), `"Phone Number" must be in E.164 format, e.g. +14155550123 (got ${JSON.stringify(raw)})`, {
			itemIndex,
		});
	}
	const body = compact({
		country: this.getNodeParameter('country', itemIndex) as string,
		phone_number: phoneNumber,
		provider: this.getNodeParameter('provider', itemIndex, '') as string,
	});
	return await bolnaRequest.call(this, { method: 'POST', path: '/phone-numbers/buy', body, retry: 'once', itemIndex });
}

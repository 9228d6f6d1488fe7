import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { compact, getLimit } from '../../../shared/validation/params';
import { bolnaRequest } from '../../transport';
import { countryField, providerField } from './fields';

const properties: INodeProperties[] = [
	countryField,
	{
		displayName: 'Pattern',
		name: 'pattern',
		type: 'string',
		default: '',
		placeholder: 'e.g. 415',
		description: 'Digits the number should contain',
	},
	providerField,
	...returnAllAndLimit(),
];

export const description = forOperation('phoneNumber', 'search', properties);

/**
 * `GET /phone-numbers/search?country=&pattern=&provider=`. Bolna's OpenAPI lists the three as
 * path parameters of a path that has none; they are query parameters.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const qs = compact({
		country: this.getNodeParameter('country', itemIndex) as string,
		pattern: String(this.getNodeParameter('pattern', itemIndex, '')).trim(),
		provider: this.getNodeParameter('provider', itemIndex, '') as string,
	});
	return asArray(await bolnaRequest.call(this, { method: 'GET', path: '/phone-numbers/search', qs, itemIndex })).slice(0, limit);
}

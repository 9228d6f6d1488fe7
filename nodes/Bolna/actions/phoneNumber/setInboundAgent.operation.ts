import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { requireResourceId } from '../../../shared/validation/params';
import { agentLocator, phoneNumberLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';

const properties: INodeProperties[] = [
	phoneNumberLocator,
	{ ...agentLocator, description: 'The agent that answers calls to the number' },
	{
		displayName: 'Allow Multiple',
		name: 'allowMultiple',
		type: 'boolean',
		default: false,
		description: 'Whether the agent may also answer other numbers it is already linked to',
	},
];

export const description = forOperation('phoneNumber', 'setInboundAgent', properties);

/** `POST /inbound/setup` with `{agent_id, phone_number_id, allow_multiple}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumberId = requireResourceId.call(this, 'phoneNumberId', itemIndex, 'Phone Number');
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const allowMultiple = this.getNodeParameter('allowMultiple', itemIndex, false) as boolean;
	const response = await bolnaRequest.call(this, {
		method: 'POST',
		path: '/inbound/setup',
		body: { agent_id: agentId, phone_number_id: phoneNumberId, ...(allowMultiple ? { allow_multiple: true } : {}) },
		itemIndex,
	});
	return { phoneNumberId, agentId, phoneNumber: response.phone_number ?? null, url: response.url ?? null };
}

import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as buy from './buy.operation';
import * as deletePhoneNumber from './deletePhoneNumber.operation';
import * as getMany from './getMany.operation';
import * as removeInboundAgent from './removeInboundAgent.operation';
import * as search from './search.operation';
import * as setInboundAgent from './setInboundAgent.operation';

export { buy, deletePhoneNumber, getMany, removeInboundAgent, search, setInboundAgent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'phone numbers', 'https://www.bolna.ai/docs/api-reference/phone-numbers/overview'),
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Buy',
				value: 'buy',
				description: 'Buy an available number (billed to your wallet)',
				action: 'Buy a phone number',
			},
			{
				name: 'Delete',
				value: 'deletePhoneNumber',
				description: 'Release a number from the account',
				action: 'Delete a phone number',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the numbers of the account',
				action: 'Get many phone numbers',
			},
			{
				name: 'Remove Inbound Agent',
				value: 'removeInboundAgent',
				description: 'Stop an agent answering calls to the number',
				action: 'Remove the inbound agent of a phone number',
			},
			{
				name: 'Search Available',
				value: 'search',
				description: 'Find numbers that can be bought',
				action: 'Search available phone numbers',
			},
			{
				name: 'Set Inbound Agent',
				value: 'setInboundAgent',
				description: 'Make an agent answer calls to the number',
				action: 'Set the inbound agent of a phone number',
			},
		],
		default: 'getMany',
	},
	...buy.description,
	...deletePhoneNumber.description,
	...getMany.description,
	...removeInboundAgent.description,
	...search.description,
	...setInboundAgent.description,
];

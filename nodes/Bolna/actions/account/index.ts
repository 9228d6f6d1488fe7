import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'account', 'https://www.bolna.ai/docs/api-reference/user/info'),
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the wallet balance and call concurrency of the account',
				action: 'Get the account',
			},
		],
		default: 'get',
	},
	...get.description,
];

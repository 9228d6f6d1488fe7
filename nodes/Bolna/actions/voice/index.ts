import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'voices', 'https://www.bolna.ai/docs/api-reference/voice/overview'),
		displayOptions: { show: { resource: ['voice'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the voices available to the account',
				action: 'Get many voices',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];

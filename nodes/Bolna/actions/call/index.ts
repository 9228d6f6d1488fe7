import type { INodeProperties } from 'n8n-workflow';

import * as make from './make.operation';

export { make };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Make Call',
				value: 'make',
				description: 'Place an outbound AI phone call (billed; dials a real person)',
				action: 'Make a phone call',
			},
		],
		default: 'make',
	},
	...make.description,
];

import type { INodeProperties } from 'n8n-workflow';

import * as make from './make.operation';
import * as stop from './stop.operation';

export { make, stop };

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
				description:
					'Place an outbound AI phone call. Dials a real person and is billed to your Bolna account.',
				action: 'Make a phone call',
			},
			{
				name: 'Stop Call',
				value: 'stop',
				description: 'Stop a queued or scheduled call before it is placed',
				action: 'Stop a call',
			},
		],
		default: 'make',
	},
	...make.description,
	...stop.description,
];

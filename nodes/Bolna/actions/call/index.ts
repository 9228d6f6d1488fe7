import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint, withToolDefault } from '../../../shared/descriptions/common';
import * as make from './make.operation';
import * as stop from './stop.operation';

export { make, stop };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	hint: apiDocsHint('Bolna', 'calls', 'https://www.bolna.ai/docs/api-reference/calls/make'),
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
};

// As an AI Agent's tool the node starts on Stop Call (which only cancels a queued call), not on the
// billed Make Call. (A second Resource selector would list every action twice in n8n's node panel.)
export const description: INodeProperties[] = [
	...withToolDefault(operationProperty, 'stop'),
	...make.description,
	...stop.description,
];

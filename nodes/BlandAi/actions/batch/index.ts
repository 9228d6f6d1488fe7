import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as stop from './stop.operation';

export { create, get, getMany, stop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bland AI', 'batches', 'https://docs.bland.ai/api-v2/post/batches'),
		displayOptions: { show: { resource: ['batch'] } },
		options: [
			{
				name: 'Create Batch',
				value: 'create',
				description: 'Call many contacts in one batch, from the input items or a CSV (billed)',
				action: 'Create a batch of calls',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a batch and its status',
				action: 'Get a batch',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the batches of the account',
				action: 'Get many batches',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop a running or scheduled batch',
				action: 'Stop a batch',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...stop.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as deleteBatch from './deleteBatch.operation';
import * as get from './get.operation';
import * as getExecutions from './getExecutions.operation';
import * as getMany from './getMany.operation';
import * as schedule from './schedule.operation';
import * as stop from './stop.operation';

export { create, deleteBatch, get, getExecutions, getMany, schedule, stop };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'batches', 'https://www.bolna.ai/docs/batch-calling'),
		displayOptions: { show: { resource: ['batch'] } },
		options: [
			{
				name: 'Create Batch',
				value: 'create',
				description:
					'Upload contacts from input items or a CSV file as one calling batch. Once scheduled it dials real people and is billed.',
				action: 'Create a batch',
			},
			{
				name: 'Delete',
				value: 'deleteBatch',
				description: 'Delete a batch',
				action: 'Delete a batch',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a batch with its status and contact counts',
				action: 'Get a batch',
			},
			{
				name: 'Get Executions',
				value: 'getExecutions',
				description: 'Get the calls of a batch',
				action: 'Get the calls of a batch',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the batches of an agent',
				action: 'Get many batches',
			},
			{
				name: 'Schedule',
				value: 'schedule',
				description: 'Schedule a created batch, which starts dialling at the given time (billed)',
				action: 'Schedule a batch',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop a queued or running batch',
				action: 'Stop a batch',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteBatch.description,
	...get.description,
	...getExecutions.description,
	...getMany.description,
	...schedule.description,
	...stop.description,
];

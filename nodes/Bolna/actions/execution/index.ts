import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as get from './get.operation';
import * as getLogs from './getLogs.operation';
import * as getMany from './getMany.operation';

export { get, getLogs, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'executions', 'https://www.bolna.ai/docs/api-reference/executions/get_execution'),
		displayOptions: { show: { resource: ['execution'] } },
		options: [
			{
				name: 'Get Execution',
				value: 'get',
				description: 'Get one call with its status, transcript, cost and extracted data',
				action: 'Get an execution',
			},
			{
				name: 'Get Logs',
				value: 'getLogs',
				description: 'Get the raw logs of a call',
				action: 'Get the logs of an execution',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the calls of an agent, with filters',
				action: 'Get many executions',
			},
		],
		default: 'get',
	},
	...get.description,
	...getLogs.description,
	...getMany.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as get from './get.operation';
import * as getLogs from './getLogs.operation';
import * as getMany from './getMany.operation';
import * as getRecording from './getRecording.operation';

export { get, getLogs, getMany, getRecording };

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
			{
				name: 'Get Recording',
				value: 'getRecording',
				description: 'Get the recording of a completed call as an MP3 file or URL',
				action: 'Get the recording of an execution',
			},
		],
		default: 'get',
	},
	...get.description,
	...getLogs.description,
	...getMany.description,
	...getRecording.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as deleteAgent from './deleteAgent.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as stopQueuedCalls from './stopQueuedCalls.operation';
import * as update from './update.operation';
import * as upsertCustomTool from './upsertCustomTool.operation';

export { create, deleteAgent, get, getMany, stopQueuedCalls, update, upsertCustomTool };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'agents', 'https://www.bolna.ai/docs/api-reference/agent/v2/overview'),
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Add or Replace Custom Tool',
				value: 'upsertCustomTool',
				description: 'Add an HTTP function tool to the agent, or replace the one with the same name',
				action: 'Add or replace a custom tool of an agent',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an agent from a name, prompt and voice',
				action: 'Create an agent',
			},
			{
				name: 'Delete',
				value: 'deleteAgent',
				description: 'Delete an agent',
				action: 'Delete an agent',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an agent with its configuration',
				action: 'Get an agent',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Get the agents of the account',
				action: 'Get many agents',
			},
			{
				name: 'Stop Queued Calls',
				value: 'stopQueuedCalls',
				description: 'Stop every queued call of the agent',
				action: 'Stop the queued calls of an agent',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, welcome message, webhook URL or prompt of an agent',
				action: 'Update an agent',
			},
		],
		default: 'get',
	},
	...create.description,
	...deleteAgent.description,
	...get.description,
	...getMany.description,
	...stopQueuedCalls.description,
	...update.description,
	...upsertCustomTool.description,
];

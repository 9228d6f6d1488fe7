import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as deleteTool from './deleteTool.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as test from './test.operation';
import * as update from './update.operation';

export { create, deleteTool, get, getMany, test, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bland AI', 'custom tools', 'https://docs.bland.ai/api-v1/post/tools'),
		displayOptions: { show: { resource: ['customTool'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a custom tool (checked before sending)',
				action: 'Create a custom tool',
			},
			{ name: 'Delete', value: 'deleteTool', description: 'Delete a custom tool', action: 'Delete a custom tool' },
			{ name: 'Get', value: 'get', description: 'Get a custom tool', action: 'Get a custom tool' },
			{ name: 'Get Many', value: 'getMany', description: 'List the custom tools of the account', action: 'Get many custom tools' },
			{
				name: 'Test',
				value: 'test',
				description: "Dry run: perform the tool's request from n8n and show what the mappings extract",
				action: 'Test a custom tool',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a custom tool (checked before sending)',
				action: 'Update a custom tool',
			},
		],
		default: 'get',
	},
	...create.description,
	...deleteTool.description,
	...get.description,
	...getMany.description,
	...test.description,
	...update.description,
];

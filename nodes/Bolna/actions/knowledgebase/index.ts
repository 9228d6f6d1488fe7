import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as deleteKnowledgebase from './deleteKnowledgebase.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, deleteKnowledgebase, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bolna', 'knowledgebases', 'https://www.bolna.ai/docs/api-reference/knowledgebase/overview'),
		displayOptions: { show: { resource: ['knowledgebase'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a knowledgebase from a PDF or a web page',
				action: 'Create a knowledgebase',
			},
			{
				name: 'Delete',
				value: 'deleteKnowledgebase',
				description: 'Delete a knowledgebase',
				action: 'Delete a knowledgebase',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a knowledgebase and its processing status',
				action: 'Get a knowledgebase',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the knowledgebases of the account',
				action: 'Get many knowledgebases',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteKnowledgebase.description,
	...get.description,
	...getMany.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint } from '../../../shared/descriptions/common';
import * as create from './create.operation';
import * as createVersion from './createVersion.operation';
import * as deletePathway from './deletePathway.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getVersion from './getVersion.operation';
import * as publish from './publish.operation';
import * as update from './update.operation';

export { create, createVersion, deletePathway, get, getMany, getVersion, publish, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		hint: apiDocsHint('Bland AI', 'pathways', 'https://docs.bland.ai/api-v1/post/pathways'),
		displayOptions: { show: { resource: ['pathway'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create an empty pathway', action: 'Create a pathway' },
			{
				name: 'Create Version',
				value: 'createVersion',
				description: 'Save a new version of a pathway from nodes and edges (checked before sending)',
				action: 'Create a pathway version',
			},
			{ name: 'Delete', value: 'deletePathway', description: 'Delete a pathway', action: 'Delete a pathway' },
			{ name: 'Get', value: 'get', description: 'Get a pathway with its nodes and edges', action: 'Get a pathway' },
			{ name: 'Get Many', value: 'getMany', description: 'List the pathways of the account', action: 'Get many pathways' },
			{
				name: 'Get Version',
				value: 'getVersion',
				description: 'Get one version of a pathway',
				action: 'Get a pathway version',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Promote a version to production or staging',
				action: 'Publish a pathway version',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, description or graph of a pathway (graph checked before sending)',
				action: 'Update a pathway',
			},
		],
		default: 'get',
	},
	...create.description,
	...createVersion.description,
	...deletePathway.description,
	...get.description,
	...getMany.description,
	...getVersion.description,
	...publish.description,
	...update.description,
];

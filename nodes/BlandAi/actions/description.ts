import type { INodeProperties } from 'n8n-workflow';

import * as batch from './batch';
import * as call from './call';
import * as customTool from './customTool';
import * as pathway from './pathway';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Batch', value: 'batch' },
		{ name: 'Call', value: 'call' },
		{ name: 'Custom Tool', value: 'customTool' },
		{ name: 'Pathway', value: 'pathway' },
	],
	default: 'call',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...call.description,
	...batch.description,
	...pathway.description,
	...customTool.description,
];

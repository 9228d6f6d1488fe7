import type { INodeProperties } from 'n8n-workflow';

import * as call from './call';

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [{ name: 'Call', value: 'call' }],
	default: 'call',
};

export const properties: INodeProperties[] = [resourceProperty, ...call.description];

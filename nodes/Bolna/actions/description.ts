import type { INodeProperties } from 'n8n-workflow';

import { resourceSelector } from '../../shared/descriptions/common';
import * as agent from './agent';
import * as batch from './batch';
import * as call from './call';
import * as execution from './execution';

export const resourceProperty: INodeProperties = resourceSelector(
	[
		{ name: 'Agent', value: 'agent' },
		{ name: 'Batch', value: 'batch' },
		{ name: 'Call', value: 'call' },
		{ name: 'Execution', value: 'execution' },
	],
	'call',
);

export const properties: INodeProperties[] = [
	resourceProperty,
	...agent.description,
	...batch.description,
	...call.description,
	...execution.description,
];

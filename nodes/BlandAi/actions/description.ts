import type { INodeProperties } from 'n8n-workflow';

import { resourceSelector } from '../../shared/descriptions/common';
import * as batch from './batch';
import * as call from './call';
import * as customTool from './customTool';
import * as pathway from './pathway';

export const resourceProperty: INodeProperties = resourceSelector(
	[
		{ name: 'Batch', value: 'batch' },
		{ name: 'Call', value: 'call' },
		{ name: 'Custom Tool', value: 'customTool' },
		{ name: 'Pathway', value: 'pathway' },
	],
	'call',
);

export const properties: INodeProperties[] = [
	resourceProperty,
	...call.description,
	...batch.description,
	...pathway.description,
	...customTool.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { resourceSelector } from '../../shared/descriptions/common';
import * as account from './account';
import * as agent from './agent';
import * as batch from './batch';
import * as call from './call';
import * as execution from './execution';
import * as knowledgebase from './knowledgebase';
import * as phoneNumber from './phoneNumber';
import * as voice from './voice';

export const resourceProperty: INodeProperties = resourceSelector(
	[
		{ name: 'Account', value: 'account' },
		{ name: 'Agent', value: 'agent' },
		{ name: 'Batch', value: 'batch' },
		{ name: 'Call', value: 'call' },
		{ name: 'Execution', value: 'execution' },
		{ name: 'Knowledgebase', value: 'knowledgebase' },
		{ name: 'Phone Number', value: 'phoneNumber' },
		{ name: 'Voice', value: 'voice' },
	],
	'call',
);

export const properties: INodeProperties[] = [
	resourceProperty,
	...account.description,
	...agent.description,
	...batch.description,
	...call.description,
	...execution.description,
	...knowledgebase.description,
	...phoneNumber.description,
	...voice.description,
];

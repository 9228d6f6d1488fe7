import type { INodeProperties } from 'n8n-workflow';

import { apiDocsHint, withToolDefault } from '../../../shared/descriptions/common';
import * as analyze from './analyze.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getRecording from './getRecording.operation';
import * as make from './make.operation';
import * as stop from './stop.operation';

export { analyze, get, getMany, getRecording, make, stop };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	hint: apiDocsHint('Bland AI', 'calls', 'https://docs.bland.ai/api-v1/post/calls'),
	displayOptions: { show: { resource: ['call'] } },
	options: [
		{
			name: 'Analyze Call',
			value: 'analyze',
			description: 'Ask questions about a finished call and get structured answers',
			action: 'Analyze a call',
		},
		{
			name: 'Get Call',
			value: 'get',
			description: 'Get the details, transcript and results of a call',
			action: 'Get a call',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: 'List calls, newest first, with filters',
			action: 'Get many calls',
		},
		{
			name: 'Get Recording',
			value: 'getRecording',
			description: 'Get the recording of a call as an MP3 file or URL (calls made with Record on)',
			action: 'Get the recording of a call',
		},
		{
			name: 'Make Call',
			value: 'make',
			description: 'Place an outbound AI phone call (billed; dials a real person)',
			action: 'Make a phone call',
		},
		{
			name: 'Stop Call',
			value: 'stop',
			description: 'Hang up an active call',
			action: 'Stop a call',
		},
	],
	default: 'make',
};

// As an AI Agent's tool the node starts on Get Call, not on the billed Make Call.
export const description: INodeProperties[] = [
	...withToolDefault(operationProperty, 'get'),
	...analyze.description,
	...get.description,
	...getMany.description,
	...getRecording.description,
	...make.description,
	...stop.description,
];

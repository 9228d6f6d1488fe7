import type { INodeProperties } from 'n8n-workflow';

/** Pathway picker: searchable list of the account's pathways, or an ID. */
export const pathwayLocator: INodeProperties = {
	displayName: 'Pathway',
	name: 'pathwayId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Bland conversational pathway',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a pathway…',
			typeOptions: { searchListMethod: 'searchPathways', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9d404c1b-6a23-4426-953a-a52c392ff8f1',
		},
	],
};

/** Voice picker: searchable list of public and custom voices, or a voice ID / preset name. */
export const voiceLocator: INodeProperties = {
	displayName: 'Voice',
	name: 'voice',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"The agent's voice. Set it explicitly: Bland's default voice has changed over time. Empty uses the account (or persona) default.",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a voice…',
			typeOptions: { searchListMethod: 'searchVoices', searchable: true },
		},
		{
			displayName: 'ID or Name',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. maya',
		},
	],
};

/** Custom tool picker: searchable list of the account's v1 custom tools, or a `TL-…` ID. */
export const customToolLocator: INodeProperties = {
	displayName: 'Custom Tool',
	name: 'toolId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Bland custom tool',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a tool…',
			typeOptions: { searchListMethod: 'searchCustomTools', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. TL-5da8347d-0ab7-415d-b156-a7fc5c6074dc',
		},
	],
};

export const callIdField: INodeProperties = {
	displayName: 'Call ID',
	name: 'callId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. d9cce3f3-23cf-4fa7-b62c-8be8119b8715',
	description: 'The call_id Bland returned when the call was placed',
};

export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	description: 'The batch_id Bland returned when the batch was created',
};

/** How the agent is defined: a task prompt, a pathway, a saved persona, or a saved agent (exclusive: the API refuses agent_id with pathway_id or persona_id). */
export const callUsingField: INodeProperties = {
	displayName: 'Call Using',
	name: 'callUsing',
	type: 'options',
	noDataExpression: true,
	default: 'task',
	options: [
		{ name: 'Agent', value: 'agent', description: 'A saved Bland agent (agent_id)' },
		{ name: 'Pathway', value: 'pathway', description: 'A conversational pathway built in Bland' },
		{ name: 'Persona', value: 'persona', description: 'A saved persona (its settings; fields set here override them)' },
		{ name: 'Task', value: 'task', description: 'A prompt that tells the agent what to do' },
	],
};

export const taskField: INodeProperties = {
	displayName: 'Task',
	name: 'task',
	type: 'string',
	typeOptions: { rows: 6 },
	required: true,
	default: '',
	placeholder: 'You are calling {{name}} to confirm their appointment tomorrow at 10 AM…',
	description: 'Instructions for the agent. {{variable}} placeholders are filled from Request Data.',
	displayOptions: { show: { callUsing: ['task'] } },
};

export const personaIdField: INodeProperties = {
	displayName: 'Persona ID',
	name: 'personaId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of a persona saved in Bland',
	displayOptions: { show: { callUsing: ['persona'] } },
};

export const agentIdField: INodeProperties = {
	displayName: 'Agent ID',
	name: 'agentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '0e1b2c3d-4e5f-6789-abcd-ef0123456789',
	description: 'ID of an agent saved in Bland (a UUID)',
	displayOptions: { show: { callUsing: ['agent'] } },
};

/** Pathway version and start node, only with Call Using = Pathway. */
export const pathwayOptionsField: INodeProperties = {
	displayName: 'Pathway Options',
	name: 'pathwayOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: { show: { callUsing: ['pathway'] } },
	options: [
		{
			displayName: 'Pathway Version',
			name: 'pathwayVersion',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description: 'Version number to run. Not set uses the production version.',
		},
		{
			displayName: 'Start Node ID',
			name: 'startNodeId',
			type: 'string',
			default: '',
			description: 'Node the conversation starts from instead of the start node',
		},
	],
};

/** Inbound number picker (Bland AI Trigger): searchable list of the account's numbers, or one typed in E.164. */
export const inboundNumberLocator: INodeProperties = {
	displayName: 'Inbound Phone Number',
	name: 'inboundPhoneNumber',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'One of your Bland inbound numbers',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a number…',
			typeOptions: { searchListMethod: 'searchInboundNumbers', searchable: true },
		},
		{
			displayName: 'Number',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. +14155550123',
		},
	],
};

import type { INodeProperties } from 'n8n-workflow';

/** Agent picker: searchable list of the account's agents, or an ID. */
export const agentLocator: INodeProperties = {
	displayName: 'Agent',
	name: 'agentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Bolna agent',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an agent…',
			typeOptions: { searchListMethod: 'searchAgents', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9a-fA-F-]{8,}$',
						errorMessage: 'Not a valid agent ID',
					},
				},
			],
		},
	],
};

/** Execution (call) ID, as returned by Make Call or a webhook event. */
export const executionIdField: INodeProperties = {
	displayName: 'Execution ID',
	name: 'executionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 4b1c4f0e-6f3a-4a1c-9a53-2f0d3e6f8a11',
	description: 'ID of the call (execution), as returned by Make Call or sent in a Bolna webhook',
};

/** Batch ID (32 hex characters), as returned by Create Batch. */
export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3c90c3cc0d444b5088888dd25736052a',
	description: 'ID of the batch, as returned by Create Batch or Get Many Batches',
};

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

/** A resource locator whose list comes from a `searchListMethod`, with an ID mode. */
function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
	idPlaceholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${displayName.toLowerCase()}…`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: 'ID', name: 'id', type: 'string', placeholder: idPlaceholder },
		],
	};
}

/** A voice of the account (`GET /me/voices`); the value is the voice's `voice_id`. */
export const voiceLocator = locator('Voice', 'voiceId', 'searchVoices', 'A voice from the voices available to the account', 'e.g. Matthew');

/** A phone number of the account (`GET /phone-numbers/all`); the value is its ID. */
export const phoneNumberLocator = locator(
	'Phone Number',
	'phoneNumberId',
	'searchPhoneNumbers',
	'A phone number of the account',
	'e.g. 3c90c3cc0d444b5088888dd25736052a',
);

/** A knowledgebase of the account (`GET /knowledgebase/all`); the value is its `rag_id`. */
export const knowledgebaseLocator = locator(
	'Knowledgebase',
	'ragId',
	'searchKnowledgebases',
	'A knowledgebase of the account',
	'e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a',
);

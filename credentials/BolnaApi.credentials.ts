import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { callGuardFields } from '../nodes/shared/guard/credentialFields';

export class BolnaApi implements ICredentialType {
	name = 'bolnaApi';

	displayName = 'Bolna API';

	icon: Icon = { light: 'file:../nodes/Bolna/bolna.svg', dark: 'file:../nodes/Bolna/bolna.dark.svg' };

	documentationUrl = 'https://www.bolna.ai/docs/quickstarts/api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Bolna API key (starts with "bn-"), from the Developers page of the Bolna dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.bolna.ai',
			description: 'Change only to reach Bolna through a proxy or a local simulator',
		},
		{
			displayName: 'Allowed Destination Prefixes',
			name: 'allowedDestinations',
			type: 'string',
			default: '',
			placeholder: '+91, +1415',
			description:
				'Comma-separated phone number prefixes this credential may call. Any call or batch row outside them is refused before a request is sent. Leave empty to allow every number. Recommended when an AI Agent uses this node as a tool.',
		},
		...callGuardFields('Bolna'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.bolna.ai"}}',
			url: '/user/me',
			method: 'GET',
		},
	};
}

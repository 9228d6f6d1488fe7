import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { callGuardFields } from '../nodes/shared/guard/credentialFields';

export class BlandAiApi implements ICredentialType {
	name = 'blandAiApi';

	displayName = 'Bland AI API';

	icon: Icon = { light: 'file:../nodes/BlandAi/blandAi.svg', dark: 'file:../nodes/BlandAi/blandAi.dark.svg' };

	documentationUrl = 'https://docs.bland.ai/api-v1/post/calls';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Bland API key (starts with "sk-"), from the Bland dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.bland.ai',
			description: 'Change only to reach Bland through a proxy or a local simulator',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The webhook signing secret from Bland (Account Settings → Keys). When set, the Bland AI Trigger and Wait for Completion reject any webhook whose X-Webhook-Signature does not match.',
		},
		// The BYOT encrypted key authorises calls through the user's Twilio account: a secret.
		{
			displayName: 'Encrypted Key (BYOT)',
			name: 'encryptedKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for Bring Your Own Twilio: the encrypted_key Bland returned for your Twilio account. When set, it is sent as the encrypted_key header where the Bland docs use it: sending calls and batches, listing and reading calls, and inbound numbers.',
		},
		{
			displayName: 'Allowed Destination Prefixes',
			name: 'allowedDestinations',
			type: 'string',
			default: '',
			placeholder: '+1, +44',
			description:
				'Comma-separated phone number prefixes this credential may call. Any call or batch row outside them is refused before a request is sent. Leave empty to allow every number. Recommended when an AI Agent uses this node as a tool.',
		},
		...callGuardFields('Bland AI'),
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				authorization: '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.bland.ai"}}',
			url: '/v1/me',
			method: 'GET',
		},
	};
}

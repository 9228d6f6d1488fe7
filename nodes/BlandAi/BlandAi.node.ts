import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionSubtitle } from '../shared/descriptions/common';
import { properties } from './actions/description';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { resumeFromWebhook, resumeWebhooks } from './waitForCompletion';

// The only webhook of this action node is the resume URL of Make Call's Wait for Completion
// (n8n's wait/resume mechanism, `restartWebhook`); it is never registered with Bland, so there is
// no registration lifecycle.

export class BlandAi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bland AI',
		name: 'blandAi',
		icon: { light: 'file:blandAi.svg', dark: 'file:blandAi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionSubtitle(properties),
		description: 'Place AI phone calls, run batches and manage pathways and custom tools on Bland AI',
		defaults: { name: 'Bland AI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blandAiApi', required: true }],
		webhooks: resumeWebhooks,
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await resumeFromWebhook.call(this);
	}
}

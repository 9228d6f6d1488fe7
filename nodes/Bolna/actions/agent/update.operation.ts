import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { bolnaRequest } from '../../transport';
import { requireUrl } from './tool';

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed; the rest of the agent stays as it is',
		options: [
			{
				displayName: 'Agent Name',
				name: 'agentName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Prompt',
				name: 'systemPrompt',
				type: 'string',
				typeOptions: { rows: 8 },
				default: '',
				description: 'The system prompt of the agent (agent_prompts.task_1.system_prompt)',
			},
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook/bolna',
				description:
					'Where Bolna sends every status change of every call of this agent. Leave empty to remove the webhook.',
			},
			{
				displayName: 'Welcome Message',
				name: 'welcomeMessage',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'What the agent says first when the call is answered',
			},
		],
	},
];

export const description = forOperation('agent', 'update', properties);

/** PATCH /v2/agent/{id} with only the fields the user added. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;

	const agentConfig: IDataObject = {};
	const body: IDataObject = {};
	if (fields.agentName !== undefined) {
		const name = String(fields.agentName).trim();
		if (name === '') throw new NodeOperationError(node, '"Agent Name" must not be empty', { itemIndex });
		agentConfig.agent_name = name;
	}
	if (fields.welcomeMessage !== undefined) {
		agentConfig.agent_welcome_message = String(fields.welcomeMessage);
	}
	if (fields.webhookUrl !== undefined) {
		const url = String(fields.webhookUrl).trim();
		agentConfig.webhook_url = url === '' ? null : requireUrl(node, url, 'Webhook URL', itemIndex, ['http:', 'https:']);
	}
	if (Object.keys(agentConfig).length) body.agent_config = agentConfig;
	if (fields.systemPrompt !== undefined) {
		const prompt = String(fields.systemPrompt);
		if (prompt.trim() === '') throw new NodeOperationError(node, '"Prompt" must not be empty', { itemIndex });
		body.agent_prompts = { task_1: { system_prompt: prompt } };
	}
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, 'Add at least one field under "Update Fields"', {
			itemIndex,
			description: 'Nothing to change, so no request was sent.',
		});
	}

	const response = await bolnaRequest.call(this, {
		method: 'PATCH',
		path: `/v2/agent/${pathSegment(agentId)}`,
		body,
		itemIndex,
	});
	return {
		agentId,
		message: response.message ?? null,
		state: response.state ?? null,
		updated: body,
	};
}

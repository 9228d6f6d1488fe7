import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { pathSegment } from '../../../shared/transport/request';
import { parseJsonField } from '../../../shared/validation/json';
import { requireResourceId, requireString } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { agentSecrets } from '../../shaping';
import { bolnaRequest } from '../../transport';
import type { BolnaAgent, BolnaToolParams, BolnaToolSpec } from '../../types';
import {
	CUSTOM_TOOL_KEY,
	defaultParamTemplate,
	replaceRequest,
	requireUrl,
	ToolConfigError,
	upsertTool,
	validateParametersSchema,
	validateParamTemplate,
	validateToolName,
} from './tool';

const properties: INodeProperties[] = [
	{
		displayName:
			'Adds the tool to the agent, or replaces the custom tool with the same name. Bolna changes tools only by replacing the whole agent, so the node reads the agent and sends it back with just this tool changed; a setting Bolna does not return when the agent is read (welcome message, webhook URL, calling hours) cannot be kept and is listed in the output. During calls Bolna sends the tool request from its servers (GET or POST, 10-second timeout).',
		name: 'upsertToolNotice',
		type: 'notice',
		default: '',
	},
	agentLocator,
	{
		displayName: 'Tool Name',
		name: 'toolName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. lookup_customer',
		description: 'Unique name of the function the agent calls (letters, digits, _ and -)',
	},
	{
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. Call this after the caller gives their customer ID, to look up their account',
		description: 'Tells the agent exactly when to call the tool',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'POST',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
		description: 'GET sends the parameters as the query string, POST as a JSON body',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://api.example.com/customers',
		description: 'HTTPS endpoint Bolna calls with the parameters',
	},
	{
		displayName: 'Parameters (JSON Schema)',
		name: 'parametersSchema',
		type: 'json',
		required: true,
		default: '',
		description: 'What the agent must collect before calling the tool, as a JSON Schema object',
		hint: 'Example: {"type": "object", "properties": {"customer_id": {"type": "string", "description": "Customer ID the caller gave"}}, "required": ["customer_id"]}',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'API Token',
				name: 'apiToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Sent verbatim as the Authorization header of the tool request, so include the scheme, e.g. "Bearer abc123"',
			},
			{
				displayName: 'Headers (JSON)',
				name: 'headers',
				type: 'json',
				default: '{}',
				description: 'Extra request headers as a JSON object of strings',
			},
			{
				displayName: 'Param Template',
				name: 'paramTemplate',
				type: 'string',
				default: '',
				placeholder: '{"customer_id": "%(customer_id)s", "source": "phone"}',
				description:
					'The request parameters with %(name)s placeholders for the arguments. Empty builds one from the schema (%(name)i for integers, %(name)f for numbers).',
			},
			{
				displayName: 'Pre-Call Message',
				name: 'preCallMessage',
				type: 'string',
				default: '',
				placeholder: 'e.g. One moment while I look that up.',
				description: 'What the agent says while the request runs',
			},
		],
	},
];

export const description = forOperation('agent', 'upsertCustomTool', properties);

/**
 * GET the agent, change only the named tool in its conversation task's `api_tools`, and PUT the
 * whole agent back: Bolna's `PATCH /v2/agent/{id}` (AgentPatchRequest) does not take `tasks`,
 * `PUT /v2/agent/{id}` takes the full AgentRequestV2. Everything is validated before the first
 * request; nothing is written when the agent as read cannot be sent back whole.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const name = validateToolName(node, this.getNodeParameter('toolName', itemIndex, ''), itemIndex);
	const toolDescription = requireString.call(this, 'toolDescription', itemIndex, 'Tool Description');
	const method = this.getNodeParameter('method', itemIndex, 'POST') as string;
	if (method !== 'GET' && method !== 'POST') {
		throw new NodeOperationError(node, `"Method" must be GET or POST (got ${JSON.stringify(method)})`, { itemIndex });
	}
	const url = requireUrl(node, this.getNodeParameter('url', itemIndex, ''), 'URL', itemIndex);
	const schemaInput = parseJsonField(
		node,
		this.getNodeParameter('parametersSchema', itemIndex, ''),
		'Parameters (JSON Schema)',
		itemIndex,
	);
	if (!schemaInput) {
		throw new NodeOperationError(node, '"Parameters (JSON Schema)" is required', { itemIndex });
	}
	const schema = validateParametersSchema(node, schemaInput, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const headers = parseJsonField(node, options.headers, 'Headers (JSON)', itemIndex) ?? {};
	for (const [key, value] of Object.entries(headers)) {
		if (typeof value !== 'string') {
			throw new NodeOperationError(node, `"Headers (JSON)" value of ${JSON.stringify(key)} must be a string`, {
				itemIndex,
			});
		}
	}
	const template = typeof options.paramTemplate === 'string' ? options.paramTemplate.trim() : '';
	const param = template
		? validateParamTemplate(node, template, schema, itemIndex)
		: defaultParamTemplate(schema);
	const apiToken = typeof options.apiToken === 'string' && options.apiToken !== '' ? options.apiToken : null;
	const preCallMessage = typeof options.preCallMessage === 'string' ? options.preCallMessage.trim() : '';

	const spec: BolnaToolSpec = {
		name,
		description: toolDescription,
		parameters: schema,
		key: CUSTOM_TOOL_KEY,
		...(preCallMessage ? { pre_call_message: preCallMessage } : {}),
	};
	const params: BolnaToolParams = { method, url, param, api_token: apiToken, headers };

	const path = `/v2/agent/${pathSegment(agentId)}`;
	const agent = (await bolnaRequest.call(this, { method: 'GET', path, itemIndex })) as BolnaAgent;
	let result;
	let request;
	try {
		result = upsertTool(agent, spec, params);
		request = replaceRequest(agent, result.tasks);
	} catch (error) {
		if (error instanceof ToolConfigError) {
			throw new NodeOperationError(node, `Agent ${agentId} ${error.message}`, {
				itemIndex,
				description: 'The agent was not changed.',
			});
		}
		throw new NodeOperationError(node, error as Error, { itemIndex });
	}
	const response = await bolnaRequest.call(this, {
		method: 'PUT',
		path,
		body: request.body,
		itemIndex,
		// The agent carries every tool's token and headers and the trigger's token: keep them out of any error.
		secrets: [...(apiToken ? [apiToken] : []), ...agentSecrets(request.body as unknown as IDataObject)],
	});

	return {
		agentId,
		toolName: name,
		action: result.action,
		taskIndex: result.taskIndex,
		toolCount: result.toolCount,
		tool: spec,
		request: {
			method,
			url,
			param,
			headerNames: Object.keys(headers),
			hasApiToken: apiToken !== null,
		},
		settingsNotReturned: request.notReturned,
		status: response.status ?? response.state ?? null,
	};
}

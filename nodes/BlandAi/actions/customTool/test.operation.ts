import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../../shared/descriptions/updateDisplayOptions';
import { parseJsonField } from '../../../shared/validation/json';
import { requireResourceId } from '../../../shared/validation/params';
import { customToolLocator } from '../../descriptions/fields';
import {
	buildToolRequest,
	extractResponse,
	maskToolSecrets,
	maskUrl,
	toolFromResponse,
	urlWithoutQuery,
	validateToolDefinition,
} from '../../toolDefinition';
import type { ToolDefinition } from '../../types';
import { toolEndpointRequest } from '../../transport';
import { readDefinition } from './create.operation';
import {
	throwIfProblems,
	toolDescriptionField,
	toolNameField,
	toolOptionFields,
	toolUrlField,
} from './definition';
import { fetchTool } from './get.operation';

/** The test waits at most this long for the tool endpoint, whatever the tool's own timeout. */
export const TEST_TIMEOUT_CAP_MS = 60_000;
const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

const fromDefinition = { show: { toolSource: ['definition'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			"Performs the tool's HTTP request from n8n with the sample input, as Bland would during a call, and shows the variables the response mappings extract. The Bland API key is never sent to the tool endpoint.",
		name: 'testToolNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Tool Source',
		name: 'toolSource',
		type: 'options',
		noDataExpression: true,
		default: 'toolId',
		options: [
			{ name: 'Existing Tool', value: 'toolId', description: 'Load a saved tool from Bland by ID' },
			{ name: 'Definition Below', value: 'definition', description: 'Test the fields entered in this node' },
		],
	},
	{ ...customToolLocator, displayOptions: { show: { toolSource: ['toolId'] } } },
	...updateDisplayOptions(fromDefinition, [{ ...toolNameField, required: false }, toolUrlField]),
	{ ...toolDescriptionField, required: false, displayOptions: fromDefinition },
	{
		displayName: 'Tool Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: toolOptionFields,
		displayOptions: fromDefinition,
	},
	{
		displayName: 'Sample Input (JSON)',
		name: 'sampleInput',
		type: 'json',
		default: '{}',
		description: 'What the agent would pass as {{input}}',
		hint: 'Example: {"date": "2026-04-20", "service": "Haircut"}',
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variables',
		type: 'json',
		default: '{}',
		description: 'Call variables for {{name}} placeholders (request data, phone_number, call_id, …)',
		hint: 'Example: {"phone_number": "+14155550123", "call_id": "test-call"}',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customTool'], operation: ['test'] } },
	properties,
);

async function loadDefinition(this: IExecuteFunctions, itemIndex: number): Promise<ToolDefinition> {
	const source = this.getNodeParameter('toolSource', itemIndex, 'toolId') as string;
	if (source === 'definition') return readDefinition.call(this, itemIndex);
	const toolId = requireResourceId.call(this, 'toolId', itemIndex, 'Custom Tool');
	return toolFromResponse(await fetchTool.call(this, toolId, itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const definition = await loadDefinition.call(this, itemIndex);
	const problems = validateToolDefinition(definition);
	// A description is only needed to save a tool; an http:// URL can be tested (e.g. a local
	// stub) but Bland would refuse it, so it is reported as a warning.
	const warnings = problems.filter((p) => p.code === 'url-not-https').map((p) => `"${p.at}" ${p.message}`);
	throwIfProblems(
		this,
		problems.filter((p) => p.code !== 'url-not-https' && p.code !== 'description-required'),
		itemIndex,
	);

	const input = parseJsonField(node, this.getNodeParameter('sampleInput', itemIndex, '{}'), 'Sample Input (JSON)', itemIndex) ?? {};
	const variables = parseJsonField(node, this.getNodeParameter('variables', itemIndex, '{}'), 'Variables (JSON)', itemIndex) ?? {};
	const { request, unresolved } = buildToolRequest(definition, input, variables);
	if (!/^https?:\/\//i.test(request.url)) {
		throw new NodeOperationError(node, `The tool URL after substitution is not an http(s) URL: "${maskUrl(urlWithoutQuery(request.url))}"`, { itemIndex });
	}

	const timeoutMs = Math.min(Number(definition.timeout) || DEFAULT_TOOL_TIMEOUT_MS, TEST_TIMEOUT_CAP_MS);
	let response: { statusCode: number; body: unknown };
	try {
		response = await toolEndpointRequest.call(this, { ...request, timeoutMs });
	} catch (error) {
		const e = error as { code?: string; cause?: { code?: string }; message?: string };
		// A URL quoted in the reason loses its query string, which may carry a key.
		const reason = String(e.code ?? e.cause?.code ?? e.message ?? 'request failed').replace(
			/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi,
			(url) => maskUrl(urlWithoutQuery(url)),
		);
		// The reason goes in the description: n8n rewrites messages that contain error codes.
		throw new NodeOperationError(node, `The tool endpoint ${request.method} ${maskUrl(urlWithoutQuery(request.url))} could not be reached`, {
			itemIndex,
			description: `Reason: ${reason}. Is the endpoint running and reachable from n8n?`,
		});
	}

	return {
		request: maskToolSecrets(request),
		response: { statusCode: response.statusCode, body: response.body as IDataObject },
		extracted: extractResponse(definition.response, response.body),
		...(unresolved.length ? { unresolvedPlaceholders: unresolved } : {}),
		...(warnings.length ? { warnings } : {}),
	};
}

import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BolnaAgent, BolnaApiTools, BolnaToolParams, BolnaToolSpec } from '../../types';

/** Keys of Bolna's built-in tools; a custom tool may not take these names. */
export const BUILT_IN_TOOL_KEYS = new Set([
	'transfer_call',
	'calendar_slot_availability',
	'calendar_book',
	'book_appointment',
	'check_availability_of_slots',
]);

/** The `key` Bolna gives custom HTTP function tools. */
export const CUSTOM_TOOL_KEY = 'custom_task';

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fail(node: INode, message: string, itemIndex: number, description?: string): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, ...(description ? { description } : {}) });
}

/** A URL with one of the allowed protocols; the error names the field. */
export function requireUrl(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	protocols: string[] = ['https:'],
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !protocols.includes(url.protocol)) {
		const kinds = protocols.map((p) => p.replace(':', '')).join(' or ');
		throw fail(node, `"${field}" must be an ${kinds} URL (got ${JSON.stringify(text)})`, itemIndex);
	}
	return text;
}

export function validateToolName(node: INode, value: unknown, itemIndex: number): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (!TOOL_NAME.test(name)) {
		throw fail(
			node,
			`"Tool Name" must start with a letter and use only letters, digits, _ and - (at most 64 characters; got ${JSON.stringify(name)})`,
			itemIndex,
		);
	}
	if (BUILT_IN_TOOL_KEYS.has(name)) {
		throw fail(node, `"Tool Name" ${name} is the name of a Bolna built-in tool; choose another name`, itemIndex);
	}
	return name;
}

/**
 * The tool's parameters: a JSON Schema object as used by OpenAI function calling. Property names
 * must be usable as `%(name)s` placeholders, `required` must list existing properties.
 */
export function validateParametersSchema(node: INode, schema: IDataObject, itemIndex: number): IDataObject {
	const field = '"Parameters (JSON Schema)"';
	if (schema.type !== 'object') {
		throw fail(node, `${field} must have "type": "object"`, itemIndex, 'Example: {"type": "object", "properties": {"customer_id": {"type": "string"}}, "required": ["customer_id"]}');
	}
	const properties = schema.properties ?? {};
	if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
		throw fail(node, `${field} "properties" must be an object`, itemIndex);
	}
	for (const [name, definition] of Object.entries(properties as IDataObject)) {
		if (!PARAM_NAME.test(name)) {
			throw fail(node, `${field} property ${JSON.stringify(name)} must use only letters, digits and _`, itemIndex);
		}
		if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
			throw fail(node, `${field} property "${name}" must be an object such as {"type": "string"}`, itemIndex);
		}
	}
	if (schema.required !== undefined) {
		if (!Array.isArray(schema.required)) {
			throw fail(node, `${field} "required" must be an array of property names`, itemIndex);
		}
		for (const name of schema.required) {
			if (typeof name !== 'string' || !(name in (properties as IDataObject))) {
				throw fail(node, `${field} "required" lists ${JSON.stringify(name)}, which is not a property`, itemIndex);
			}
		}
	}
	return { ...schema, properties };
}

/**
 * The `param` template Bolna fills from the model's arguments: `%(name)i` / `%(name)f` for
 * integer / number properties, `"%(name)s"` for everything else.
 */
export function defaultParamTemplate(schema: IDataObject): string {
	const properties = (schema.properties ?? {}) as IDataObject;
	const entries = Object.entries(properties).map(([name, definition]) => {
		const type = (definition as IDataObject).type;
		const value = type === 'integer' ? `%(${name})i` : type === 'number' ? `%(${name})f` : `"%(${name})s"`;
		return `${JSON.stringify(name)}:${value}`;
	});
	return `{${entries.join(',')}}`;
}

/** Checks a hand-written `param` template: JSON once the placeholders are filled, known names only. */
export function validateParamTemplate(
	node: INode,
	template: string,
	schema: IDataObject,
	itemIndex: number,
): string {
	const field = '"Param Template"';
	const properties = (schema.properties ?? {}) as IDataObject;
	for (const match of template.matchAll(/%\((\w+)\)[sifd]/g)) {
		if (!(match[1] in properties)) {
			throw fail(node, `${field} uses %(${match[1]})…, which is not a property of the parameters schema`, itemIndex);
		}
	}
	let filled: unknown;
	try {
		filled = JSON.parse(template.replace(/%\(\w+\)[sifd]/g, '0'));
	} catch (error) {
		throw fail(node, `${field} is not valid JSON once its placeholders are filled: ${(error as Error).message}`, itemIndex);
	}
	if (!filled || typeof filled !== 'object' || Array.isArray(filled)) {
		throw fail(node, `${field} must be a JSON object, e.g. {"customer_id": "%(customer_id)s"}`, itemIndex);
	}
	return template;
}

/** An agent's task list: `GET /v2/agent/{id}` has it at the top level, some shapes under `agent_config`. */
export function tasksOf(agent: BolnaAgent): IDataObject[] | undefined {
	const nested = (agent.agent_config as IDataObject | undefined)?.tasks;
	const tasks = Array.isArray(nested) ? nested : agent.tasks;
	return Array.isArray(tasks) ? (tasks as IDataObject[]) : undefined;
}

function parseOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** A problem with the agent's current tool configuration that stops the upsert. */
export class ToolConfigError extends Error {}

export interface UpsertResult {
	tasks: IDataObject[];
	taskIndex: number;
	action: 'created' | 'replaced';
	toolCount: number;
}

/**
 * Adds or replaces one custom tool (by name) in the conversation task's
 * `tools_config.api_tools`, leaving every other tool, task and setting as it was. `tools` keeps
 * the form the agent had (array or JSON string); a new `api_tools` uses an array.
 */
export function upsertTool(agent: BolnaAgent, spec: BolnaToolSpec, params: BolnaToolParams): UpsertResult {
	const tasks = tasksOf(agent);
	if (!tasks || tasks.length === 0) throw new ToolConfigError('has no tasks to add a tool to');
	const conversation = tasks.findIndex((task) => task?.task_type === 'conversation');
	const taskIndex = conversation === -1 ? 0 : conversation;
	const task = tasks[taskIndex] ?? {};
	const toolsConfig = (task.tools_config ?? {}) as IDataObject;
	const apiTools = (toolsConfig.api_tools ?? {}) as BolnaApiTools;

	let tools: BolnaToolSpec[];
	const stringForm = typeof apiTools.tools === 'string';
	if (apiTools.tools === undefined || apiTools.tools === null || apiTools.tools === '') {
		tools = [];
	} else if (typeof apiTools.tools === 'string') {
		const parsed = parseOrUndefined(apiTools.tools);
		if (parsed === undefined) throw new ToolConfigError('has api_tools.tools that is not valid JSON');
		tools = parsed as BolnaToolSpec[];
	} else {
		tools = apiTools.tools;
	}
	if (!Array.isArray(tools)) throw new ToolConfigError('has api_tools.tools that is not a list');

	const index = tools.findIndex((tool) => tool?.name === spec.name);
	if (index !== -1) {
		const key = tools[index].key;
		if (key !== undefined && key !== null && key !== CUSTOM_TOOL_KEY) {
			throw new ToolConfigError(
				`already has a "${key}" tool named ${spec.name}; only custom function tools are replaced, choose another name`,
			);
		}
	}
	const nextTools = index === -1 ? [...tools, spec] : tools.map((tool, i) => (i === index ? spec : tool));
	const nextApiTools: BolnaApiTools = {
		...apiTools,
		tools: stringForm ? JSON.stringify(nextTools) : nextTools,
		tools_params: { ...((apiTools.tools_params ?? {}) as IDataObject), [spec.name]: params } as BolnaApiTools['tools_params'],
	};
	const nextTasks = tasks.map((t, i) =>
		i === taskIndex ? { ...task, tools_config: { ...toolsConfig, api_tools: nextApiTools } } : t,
	);
	return { tasks: nextTasks, taskIndex, action: index === -1 ? 'created' : 'replaced', toolCount: nextTools.length };
}

/**
 * The keys of `agent_config` in `PUT /v2/agent/{id}` (Bolna's OpenAPI `AgentConfigV2`). Bolna's
 * PATCH accepts only agent_name, agent_welcome_message, webhook_url, synthesizer, agent_prompts
 * and ingest_source_config, so tools change through PUT, which replaces the whole agent.
 */
export const AGENT_CONFIG_KEYS = [
	'agent_name',
	'agent_welcome_message',
	'webhook_url',
	'agent_type',
	'tasks',
	'ingest_source_config',
	'calling_guardrails',
] as const;

/** Settings a PUT replaces that Bolna's documented `GET /v2/agent/{id}` (AgentV2) does not return. */
export const SETTINGS_GET_MAY_OMIT = ['agent_welcome_message', 'webhook_url', 'calling_guardrails'] as const;

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface ReplaceRequest {
	body: { agent_config: IDataObject; agent_prompts: IDataObject };
	/** Settings the agent as read did not include: the PUT cannot keep what it was not told. */
	notReturned: string[];
}

/**
 * The whole agent for `PUT /v2/agent/{id}` (`AgentRequestV2`): every documented configuration
 * field the agent as read has (a nested `agent_config` wins over the top level), with `tasks`
 * replaced, and its `agent_prompts`. Null values are left out (the fields are typed as strings or
 * objects).
 */
export function replaceRequest(agent: BolnaAgent, tasks: IDataObject[]): ReplaceRequest {
	const source: IDataObject = { ...agent, ...(isPlainObject(agent.agent_config) ? agent.agent_config : {}) };
	if (typeof source.agent_name !== 'string' || source.agent_name === '') {
		throw new ToolConfigError('was read without an agent_name; Bolna needs the whole agent to change its tools');
	}
	if (!isPlainObject(source.agent_prompts)) {
		throw new ToolConfigError('was read without agent_prompts; Bolna needs the whole agent to change its tools');
	}
	const config: IDataObject = {};
	for (const key of AGENT_CONFIG_KEYS) {
		const value = key === 'tasks' ? tasks : source[key];
		if (value !== undefined && value !== null) config[key] = value;
	}
	return {
		body: { agent_config: config, agent_prompts: source.agent_prompts },
		notReturned: SETTINGS_GET_MAY_OMIT.filter((key) => source[key] === undefined),
	};
}

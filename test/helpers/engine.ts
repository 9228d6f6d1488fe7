/**
 * Runs the package's nodes through n8n-core's real engine (WorkflowExecute, WebhookContext,
 * HookContext), so expressions, pairing, credential authentication and continueOnFail behave as
 * they do in n8n. HTTP goes through n8n-core's axios client; tests intercept it with nock or point
 * the credential's base URL at the simulator.
 */
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { BlandAiApi } from '../../credentials/BlandAiApi.credentials';
import { BolnaApi } from '../../credentials/BolnaApi.credentials';

/** The published package each of our node types comes from (node types are `<package>.<node>`). */
export function packageOf(nodeName: string): string {
	return nodeName.startsWith('blandAi') ? 'n8n-nodes-voice-agents-bland-ai' : 'n8n-nodes-voice-agents-bolna';
}

const credentialTypes: Record<string, ICredentialType> = {
	bolnaApi: new BolnaApi(),
	blandAiApi: new BlandAiApi(),
};

/** Node classes are registered lazily so a test file only loads what it uses. */
const nodeTypeRegistry: Record<string, INodeType | IVersionedNodeType> = {};

export function registerNodeType(name: string, nodeType: INodeType | IVersionedNodeType): string {
	const full = `${packageOf(name)}.${name}`;
	nodeTypeRegistry[full] = nodeType;
	return full;
}

/** A few core node types the fixtures use upstream of ours. */
class NoOpNode implements INodeType {
	description = {
		displayName: 'No Op',
		name: 'noOp',
		group: ['transform'],
		version: 1,
		description: 'passes items through',
		defaults: { name: 'No Op' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: import('n8n-workflow').IExecuteFunctions) {
		return [this.getInputData()];
	}
}
nodeTypeRegistry['n8n-nodes-base.noOp'] = new NoOpNode();

export const nodeTypes: INodeTypes = {
	getByName(nodeType: string) {
		const t = nodeTypeRegistry[nodeType];
		if (!t) throw new Error(`Unknown node type ${nodeType}`);
		return t;
	},
	getByNameAndVersion(nodeType: string, version?: number) {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	},
	getKnownTypes() {
		return {};
	},
};

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const out: IHttpRequestOptions = { ...requestOptions, headers: { ...(requestOptions.headers ?? {}) } };
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials } as IDataObject,
						undefined,
						'',
					)
				: value;
		for (const [key, value] of Object.entries(auth.properties.headers ?? {})) {
			(out.headers as IDataObject)[key] = resolve(value) as string;
		}
		for (const [key, value] of Object.entries(auth.properties.qs ?? {})) {
			out.qs = { ...(out.qs ?? {}), [key]: resolve(value) as string };
		}
		return out;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials for ${type}`);
		return data;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export const WEBHOOK_BASE = 'http://localhost:5678';

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: 'test-execution',
		restApiUrl: `${WEBHOOK_BASE}/rest`,
		instanceBaseUrl: `${WEBHOOK_BASE}/`,
		webhookBaseUrl: `${WEBHOOK_BASE}/webhook`,
		webhookWaitingBaseUrl: `${WEBHOOK_BASE}/webhook-waiting`,
		webhookTestBaseUrl: `${WEBHOOK_BASE}/webhook-test`,
		formWaitingBaseUrl: `${WEBHOOK_BASE}/form-waiting`,
		variables: {},
		currentNodeExecutionIndex: 0,
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowFixture {
	nodes: INode[];
	connections?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** Output items of `nodeName` (first run, first output). */
	output(nodeName: string): INodeExecutionData[];
	error: IRun['data']['resultData']['error'];
}

/**
 * Executes a workflow starting at `startNode` with `inputItems`, as n8n's manual run does.
 * Downstream nodes run as the connections say.
 */
export async function runWorkflow(options: {
	nodes: INode[];
	connections?: IDataObject;
	startNode: string;
	inputItems?: INodeExecutionData[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	additionalData?: Partial<IWorkflowExecuteAdditionalData>;
	/** Continue an earlier run (e.g. one that is waiting) instead of starting a new one. */
	resume?: IRunExecutionData;
	/** The execution mode; `retry` is what n8n's "Retry execution" runs in. */
	mode?: 'manual' | 'retry' | 'trigger' | 'webhook';
	executionId?: string;
}): Promise<RunResult> {
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: options.nodes,
		connections: (options.connections ?? {}) as never,
		active: false,
		nodeTypes,
		staticData: options.staticData ?? {},
	});
	const start = workflow.getNode(options.startNode);
	if (!start) throw new Error(`No node ${options.startNode}`);

	let resolveRun: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (resolveRun = resolve));
	const mode = options.mode ?? 'manual';
	const executionId = options.executionId ?? 'test-execution';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: 'test-workflow',
		name: 'test',
		active: false,
		nodes: options.nodes,
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolveRun(run));

	const additionalData = additionalDataFor(options.credentials, { hooks, executionId, ...options.additionalData } as never);
	const runExecutionData: IRunExecutionData = options.resume ?? ({
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [options.inputItems ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	} as unknown as IRunExecutionData);

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await done;
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName: string) {
			const taskData = run.data.resultData.runData[nodeName]?.[0];
			return (taskData?.data?.main?.[0] ?? []) as INodeExecutionData[];
		},
	};
}

/** A node entry for a workflow fixture. */
export function node(
	name: string,
	type: string,
	parameters: IDataObject,
	extra: Partial<INode> = {},
): INode {
	return {
		id: name.replace(/\W/g, '-').toLowerCase(),
		name,
		type: type.includes('.') ? type : `${packageOf(type)}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	} as INode;
}

export interface FakeResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, string>;
	ended: boolean;
}

export interface WebhookCall {
	result: IWebhookResponseData;
	response: FakeResponse;
	staticData: IDataObject;
}

/**
 * Calls a trigger's `webhook()` through n8n-core's WebhookContext with a fake HTTP request.
 * `rawBody` defaults to the JSON of `body`.
 */
export async function callWebhook(options: {
	node: INode;
	body: unknown;
	rawBody?: Buffer | string;
	headers?: Record<string, string>;
	query?: IDataObject;
	ip?: string;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	webhookName?: string;
}): Promise<WebhookCall> {
	const staticData = options.staticData ?? {};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [options.node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
	const nodeType = nodeTypes.getByNameAndVersion(options.node.type, options.node.typeVersion) as INodeType;
	const headers = Object.fromEntries(
		Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const raw =
		options.rawBody === undefined
			? Buffer.from(JSON.stringify(options.body ?? null))
			: Buffer.isBuffer(options.rawBody)
				? options.rawBody
				: Buffer.from(options.rawBody);
	const response: FakeResponse = { statusCode: 200, body: undefined, headers: {}, ended: false };
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		send(body?: unknown) {
			response.body = body;
			response.ended = true;
			return res;
		},
		json(body?: unknown) {
			response.body = body;
			response.ended = true;
			return res;
		},
		end(body?: unknown) {
			if (body !== undefined) response.body = body;
			response.ended = true;
			return res;
		},
		setHeader(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
		header(name: string, value: string) {
			response.headers[name.toLowerCase()] = value;
			return res;
		},
	};
	const req = {
		body: options.body,
		rawBody: raw,
		headers,
		query: options.query ?? {},
		params: {},
		ip: options.ip ?? '127.0.0.1',
		socket: { remoteAddress: options.ip ?? '127.0.0.1' },
		method: 'POST',
		header: (name: string) => headers[name.toLowerCase()],
		get: (name: string) => headers[name.toLowerCase()],
	};
	const additionalData = additionalDataFor(options.credentials, {
		httpRequest: req,
		httpResponse: res,
	} as never);
	const description = nodeType.description.webhooks?.find(
		(w) => w.name === (options.webhookName ?? 'default'),
	);
	const webhookData = {
		httpMethod: 'POST',
		node: options.node.name,
		path: 'webhook',
		webhookDescription: description,
		workflowId: 'test-workflow',
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const ctx = new WebhookContext(workflow, options.node, additionalData, 'webhook', webhookData, [], null);
	const result = await nodeType.webhook!.call(ctx);
	return { result, response, staticData };
}

/** Runs one of a trigger's webhook lifecycle methods through n8n-core's HookContext. */
export async function callHook(options: {
	node: INode;
	method: 'checkExists' | 'create' | 'delete';
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	activation?: WorkflowActivateMode;
	webhookName?: string;
}): Promise<{ result: boolean; staticData: IDataObject; webhookUrl: string }> {
	const staticData = options.staticData ?? {};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [options.node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
	});
	const nodeType = nodeTypes.getByNameAndVersion(options.node.type, options.node.typeVersion) as INodeType;
	const additionalData = additionalDataFor(options.credentials);
	const description = nodeType.description.webhooks?.find(
		(w) => w.name === (options.webhookName ?? 'default'),
	);
	const webhookData = {
		httpMethod: 'POST',
		node: options.node.name,
		path: 'webhook',
		webhookDescription: description,
		workflowId: 'test-workflow',
		workflowExecuteAdditionalData: additionalData,
		webhookId: options.node.webhookId,
	} as unknown as IWebhookData;
	const ctx = new HookContext(
		workflow,
		options.node,
		additionalData,
		'trigger',
		options.activation ?? 'activate',
		webhookData,
	);
	const methods = nodeType.webhookMethods?.[(options.webhookName ?? 'default') as 'default'];
	if (!methods) throw new Error('node has no webhook methods');
	const result = await methods[options.method].call(ctx);
	return { result: result as boolean, staticData, webhookUrl: ctx.getNodeWebhookUrl('default') ?? '' };
}

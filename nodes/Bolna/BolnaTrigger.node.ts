import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionListSubtitle, outputModeField, type OutputMode } from '../shared/descriptions/common';
import { pathSegment } from '../shared/transport/request';
import { eventKey } from '../shared/webhook/dedupe';
import { BOLNA_WEBHOOK_IPS, clientIpOf, ipAllowed, parseIpList } from '../shared/webhook/ipAllowList';
import { BOLNA_MAX_BODY_BYTES } from '../shared/webhook/payloadLimits';
import {
	derivedToken,
	ownWebhookUrl,
	register,
	slotHolds,
	storedRegistration,
	unlessNotFound,
	unregister,
	type WebhookSlot,
} from '../shared/webhook/registration';
import { queryOf, readJsonBody, requestOf } from '../shared/webhook/request';
import {
	acknowledge,
	answerWithoutThrowing,
	emitOnce,
	reject,
	triggerWebhooks,
} from '../shared/webhook/respond';
import { keepUnprocessedEvents } from '../shared/webhook/processedEvents';
import { describeZodError } from '../shared/webhook/validate';
import { safeEqual } from '../shared/webhook/verify';
import { agentLocator } from './descriptions/fields';
import { bolnaWebhookSchema, DEFAULT_STATUSES, statusOptions } from './events';
import { listSearch } from './methods';
import { agentSecrets, executionIdOf, shapeExecution } from './shaping';
import { bolnaRequest } from './transport';

const autoOnly = { show: { registerAutomatically: [true] } };
const manualOnly = { show: { registerAutomatically: [false] } };

/** The agent's webhook URL as Bolna stores it (`agent_config.webhook_url`; flat in some responses). */
function webhookUrlOf(agent: IDataObject): string | null {
	const config = agent.agent_config as IDataObject | undefined;
	const url = (config && typeof config === 'object' ? config.webhook_url : undefined) ?? agent.webhook_url;
	return typeof url === 'string' && url !== '' ? url : null;
}

/**
 * Whether Bolna's answer says what the agent's webhook URL is. Its documented `GET /v2/agent/{id}`
 * response has no `webhook_url` (Bolna's OpenAPI, AgentV2 response); some live answers carry it.
 */
function reportsWebhookUrl(agent: IDataObject): boolean {
	const config = agent.agent_config as IDataObject | undefined;
	return (config !== null && typeof config === 'object' && 'webhook_url' in config) || 'webhook_url' in agent;
}

/** "Webhook URL After Deactivation": where to point the agent when Bolna does not report its URL. */
function afterDeactivationUrl(ctx: IHookFunctions): string | null {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const url = typeof options.webhookUrlAfterDeactivation === 'string' ? options.webhookUrlAfterDeactivation.trim() : '';
	return url === '' ? null : url;
}

/**
 * The agent's `webhook_url` as a slot the trigger can point at itself and restore. `reported` says,
 * after a read, whether Bolna's answer carried the URL at all.
 */
function agentSlot(ctx: IHookFunctions, agentId: string): WebhookSlot {
	const path = `/v2/agent/${pathSegment(agentId)}`;
	return {
		target: agentId,
		async read() {
			const agent = await unlessNotFound(ctx.getNode(), async () => await bolnaRequest.call(ctx, { method: 'GET', path }));
			if (agent === undefined) return undefined;
			this.reported = reportsWebhookUrl(agent);
			return webhookUrlOf(agent);
		},
		async write(url) {
			await bolnaRequest.call(ctx, {
				method: 'PATCH',
				path,
				body: { agent_config: { webhook_url: url } },
				secrets: url ? agentSecrets({ webhook_url: url }) : [],
			});
		},
	};
}

function withToken(url: string, token: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}token=${token}`;
}

function registersAutomatically(ctx: IHookFunctions | IWebhookFunctions): boolean {
	return ctx.getNodeParameter('registerAutomatically', true) !== false;
}

function configuredAgentId(ctx: IHookFunctions): string {
	const id = String(ctx.getNodeParameter('agentId', '', { extractValue: true }) ?? '').trim();
	if (!id) throw new NodeOperationError(ctx.getNode(), 'Choose the Bolna agent whose calls should trigger this workflow');
	return id;
}

const MIN_MANUAL_TOKEN_LENGTH = 24;

/** The token of the URL registered on the agent: derived from the credential, never stored. */
async function registrationToken(ctx: IHookFunctions | IWebhookFunctions): Promise<string> {
	const credentials = await ctx.getCredentials('bolnaApi');
	return derivedToken(String(credentials.apiKey ?? ''), 'bolna-trigger', String(ctx.getWorkflow().id ?? ''), ctx.getNode().id);
}

/** At least 24 characters, no white space, and not one character repeated. */
function isStrongToken(token: unknown): token is string {
	return (
		typeof token === 'string' &&
		token.length >= MIN_MANUAL_TOKEN_LENGTH &&
		!/\s/.test(token) &&
		new Set(token).size > 1
	);
}

/** authenticate → parse → filter → dedupe → shape. Every refusal is answered here; nothing runs. */
async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const expectedToken = registersAutomatically(this)
		? await registrationToken(this)
		: String(this.getNodeParameter('token', '') ?? '');
	// A short or blank manual token is guessable: refuse every request until a proper one is set.
	if (!isStrongToken(expectedToken)) {
		return reject(this, 401, 'Unauthorized: the trigger has no token of at least 24 characters without spaces');
	}
	if (!safeEqual(queryOf(this, 'token'), expectedToken)) {
		return reject(this, 401, 'Unauthorized: missing or wrong token');
	}

	const options = this.getNodeParameter('options', {}) as IDataObject;
	if (options.allowedSourceIps !== undefined) {
		const allowList = parseIpList(options.allowedSourceIps);
		const ip = clientIpOf(requestOf(this));
		if (allowList.length > 0 && !ipAllowed(ip, allowList)) {
			return reject(this, 403, 'Forbidden: source IP is not allowed');
		}
	}

	const body = readJsonBody(this, BOLNA_MAX_BODY_BYTES);
	if (!body.ok) return reject(this, 400, body.message);
	const parsed = bolnaWebhookSchema.safeParse(body.value);
	if (!parsed.success) {
		return reject(this, 400, `Not a Bolna execution event: ${describeZodError(parsed.error)}`);
	}
	const execution = body.value as IDataObject;
	const status = parsed.data.status;

	const statuses = this.getNodeParameter('statuses', DEFAULT_STATUSES) as string[];
	if (!Array.isArray(statuses) || !statuses.includes(status)) {
		return acknowledge(this, `status "${status}" is not selected`);
	}

	const mode = this.getNodeParameter('outputMode', 'simplified') as OutputMode;
	return emitOnce(this, eventKey(executionIdOf(execution), status), () => shapeExecution(execution, mode));
}

export class BolnaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bolna Trigger',
		name: 'bolnaTrigger',
		icon: { light: 'file:bolna.svg', dark: 'file:bolna.dark.svg' },
		group: ['trigger'],
		// Version 2 has the same parameters and behaviour. n8n evaluates a leftover expression
		// ($parameter["options"]["binaryData"], from its own Webhook node) for every event to a trigger
		// of version 1, which takes an expression isolate even with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE;
		// for version 2 it does not (docs/performance.md). Version 1 workflows keep working.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: optionListSubtitle('Statuses', 'statuses', statusOptions),
		description: 'Starts the workflow when a Bolna call changes status (completed, no answer, failed…)',
		defaults: { name: 'Bolna Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// The credential registers the URL and derives its token. With a manual token nothing needs
		// it, and n8n checks a node's credential access before every execution (a database query
		// per event) only while the credential is shown. `hide`, not `show`: n8n 1.x's editor takes
		// a field named in a credential's `show` for an authentication selector and hides it.
		credentials: [{ name: 'bolnaApi', required: true, displayOptions: { hide: { registerAutomatically: [false] } } }],
		webhooks: triggerWebhooks,
		properties: [
			{
				displayName: 'Register Automatically',
				name: 'registerAutomatically',
				type: 'boolean',
				default: true,
				description:
					"Whether to set this trigger's URL as the agent's webhook URL when the workflow is activated, and put the previous URL back when it is deactivated",
			},
			{ ...agentLocator, displayOptions: autoOnly },
			{
				displayName:
					'Bolna does not sign its webhooks, so this trigger only accepts requests carrying your token. In Bolna, open the agent → Analytics → "Push all execution data to webhook", paste the Production URL shown above followed by <code>?token=</code> and the Token below (e.g. <code>https://n8n.example.com/webhook/…/webhook?token=YOUR_TOKEN</code>), then save the agent.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: manualOnly,
			},
			{
				displayName: 'Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				required: true,
				default: '',
				description:
					'A long random secret of your choice (at least 24 characters, no spaces). Requests without ?token= set to this value are refused with 401.',
				displayOptions: manualOnly,
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: statusOptions,
				default: [...DEFAULT_STATUSES],
				description:
					'Statuses that start the workflow; other deliveries are acknowledged and dropped. Completed is the event with transcript, cost and extracted data; Call Disconnected arrives first with those fields still empty.',
			},
			outputModeField(
				"The agent's extracted data as the item (filled in only on Completed), plus executionId, status and agentId",
			),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Webhook URL After Deactivation',
						name: 'webhookUrlAfterDeactivation',
						type: 'string',
						default: '',
						placeholder: 'https://crm.example.com/hooks/bolna',
						description:
							"Where the agent's webhook URL points once this workflow is deactivated, when Bolna does not report the URL the agent had before (its documented API does not). Empty clears it.",
						displayOptions: { show: { '/registerAutomatically': [true] } },
					},
					{
						displayName: 'Allowed Source IPs',
						name: 'allowedSourceIps',
						type: 'string',
						default: BOLNA_WEBHOOK_IPS.join(', '),
						description:
							"Only accept requests from these addresses (comma-separated IPs or IPv4 CIDR ranges). Defaults to Bolna's documented webhook IPs. Leave the option out to accept any address. Behind a reverse proxy, set N8N_PROXY_HOPS on n8n so it sees the real client address.",
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			/** Auto mode: whether the agent already points at this trigger with the stored token. Manual mode: nothing to check. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!registersAutomatically(this)) return true;
				const stored = storedRegistration(this.getWorkflowStaticData('node'));
				const agentId = configuredAgentId(this);
				if (!stored || stored.target !== agentId) return false;
				const url = withToken(ownWebhookUrl(this), await registrationToken(this));
				return await slotHolds(agentSlot(this, agentId), url);
			},

			/** Auto mode: PATCH the agent's webhook URL to this trigger's URL with its token. Manual mode: no-op. */
			async create(this: IHookFunctions): Promise<boolean> {
				if (!registersAutomatically(this)) return true;
				const agentId = configuredAgentId(this);
				const url = withToken(ownWebhookUrl(this), await registrationToken(this));
				const slot = agentSlot(this, agentId);
				const done = await register(this.getWorkflowStaticData('node'), slot, url);
				if (done && slot.reported === false && afterDeactivationUrl(this) === null) {
					this.logger.warn(
						`Bolna Trigger "${this.getNode().name}": Bolna did not report agent ${agentId}'s previous webhook URL, so deactivating the workflow will clear it. Set the option "Webhook URL After Deactivation" to restore one.`,
					);
				}
				if (!done) {
					throw new NodeOperationError(this.getNode(), `Bolna agent ${agentId} was not found`, {
						description: 'Check the Agent field: the agent does not exist or belongs to another account.',
					});
				}
				return true;
			},

			/**
			 * Puts the agent's previous webhook URL back if it still points at this trigger, then forgets
			 * the registration. When Bolna does not report the agent's URL (its documented GET has none),
			 * neither the previous URL nor whether the agent still points here can be known: the URL is
			 * set to "Webhook URL After Deactivation", or cleared.
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregister(this.getWorkflowStaticData('node'), (agentId) => agentSlot(this, agentId), afterDeactivationUrl(this));
				return true;
			},
		},
	};

	/** Runs inside the run a delivery started: drops an event that already ran (n8n's processed-data store). */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await keepUnprocessedEvents.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWithoutThrowing(this, 'Bolna Trigger', handleWebhook);
	}
}

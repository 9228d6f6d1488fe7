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
import { inboundNumberLocator } from './descriptions/fields';
import { searchInboundNumbers } from './methods/listSearch';
import { pathSegment } from '../shared/transport/request';
import { compactNumber } from '../shared/validation/destinations';
import { BLAND_MAX_BODY_BYTES } from '../shared/webhook/payloadLimits';
import {
	ownWebhookUrl,
	register,
	slotHolds,
	storedRegistration,
	unlessNotFound,
	unregister,
	type WebhookSlot,
} from '../shared/webhook/registration';
import { headerOf, rawBodyOf, readJsonBody } from '../shared/webhook/request';
import {
	acknowledge,
	answerWithoutThrowing,
	emitOnce,
	reject,
	triggerWebhooks,
} from '../shared/webhook/respond';
import { keepUnprocessedEvents } from '../shared/webhook/processedEvents';
import { describeZodError } from '../shared/webhook/validate';
import { verifyHmacSha256Hex } from '../shared/webhook/verify';
import {
	batchStatusOptions,
	blandEventKey,
	blandSchemas,
	callStatusOptions,
	classifyBlandPayload,
	eventOptions,
	shapeBlandEvent,
	type BlandEventKind,
	liveEventCategoryOptions,
} from './events';
import { blandRequest, unwrapData } from './transport';

const SIGNATURE_HEADER = 'x-webhook-signature';

const inboundOnly = { show: { registration: ['inboundNumber'] } };
const manualOnly = { show: { registration: ['manual'] } };

/**
 * An inbound number's `webhook` setting as a slot the trigger can point at itself and restore.
 * Bland's update requires the number's `prompt`, so the prompt read just before is sent back
 * unchanged with the new webhook (registration always reads before it writes).
 */
function inboundSlot(ctx: IHookFunctions, phoneNumber: string): WebhookSlot {
	const path = `/v1/inbound/${pathSegment(phoneNumber)}`;
	let prompt: string | undefined;
	return {
		target: phoneNumber,
		async read() {
			const body = await unlessNotFound(ctx.getNode(), async () => await blandRequest.call(ctx, { method: 'GET', path }));
			if (body === undefined) return undefined;
			const number = unwrapData<IDataObject | null>(body);
			prompt = typeof number?.prompt === 'string' && number.prompt !== '' ? number.prompt : undefined;
			const url = number?.webhook;
			return typeof url === 'string' && url !== '' ? url : null;
		},
		async write(url) {
			const body = await blandRequest.call(ctx, {
				method: 'POST',
				path,
				body: { ...(prompt !== undefined ? { prompt } : {}), webhook: url },
			});
			const failed = body.failed_updates;
			const webhookFailed = failed && typeof failed === 'object' && 'webhook' in (failed as IDataObject);
			if (body.status === 'error' || webhookFailed) {
				throw new NodeOperationError(
					ctx.getNode(),
					`Bland AI refused to update the webhook of ${phoneNumber}: ${String(body.message ?? 'no reason given')}`,
				);
			}
		},
	};
}

function registration(ctx: IHookFunctions): 'manual' | 'inboundNumber' {
	return ctx.getNodeParameter('registration', 'manual') === 'inboundNumber' ? 'inboundNumber' : 'manual';
}

function configuredNumber(ctx: IHookFunctions): string {
	const raw = ctx.getNodeParameter('inboundPhoneNumber', '', { extractValue: true });
	// A number of the account (Bland checks it): its E.164 form is enough; nothing is dialled.
	const phone = compactNumber(raw);
	if (!phone) {
		throw new NodeOperationError(ctx.getNode(), 'Inbound Phone Number must be in E.164 format, e.g. +14155550123');
	}
	return phone;
}

/** authenticate → parse → filter → dedupe → shape. Every refusal is answered here; nothing runs. */
async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials('blandAiApi');
	const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';

	if (secret !== '') {
		const signature = headerOf(this, SIGNATURE_HEADER);
		if (signature === undefined) return reject(this, 401, 'Unauthorized: missing X-Webhook-Signature');
		// The signature covers the bytes Bland sent. Only when n8n kept no raw body is the
		// re-serialised JSON checked instead (what Bland's own example signs).
		const raw = rawBodyOf(this);
		const fallback = raw ? undefined : readJsonBody(this, BLAND_MAX_BODY_BYTES);
		const signed = raw ?? (fallback?.ok ? JSON.stringify(fallback.value) : undefined);
		if (signed === undefined || !verifyHmacSha256Hex(signed, signature, secret)) {
			return reject(this, 401, 'Unauthorized: X-Webhook-Signature does not match');
		}
	}

	const body = readJsonBody(this, BLAND_MAX_BODY_BYTES);
	if (!body.ok) return reject(this, 400, body.message);
	const payload = body.value as IDataObject;
	const kind = classifyBlandPayload(payload);
	if (!kind) {
		return reject(
			this,
			400,
			'Not a Bland webhook payload: expected a call (call_id with status, completed or concatenated_transcript), a live event (call_id, message, category or log_level) or a batch status (batch_id, status)',
		);
	}
	const parsed = blandSchemas[kind].safeParse(payload);
	if (!parsed.success) {
		return reject(this, 400, `Not a valid Bland ${kind} payload: ${describeZodError(parsed.error)}`);
	}

	const events = this.getNodeParameter('events', ['callCompleted']) as BlandEventKind[];
	if (!Array.isArray(events) || !events.includes(kind)) return acknowledge(this, `event "${kind}" is not selected`);
	if (kind === 'callCompleted') {
		const statuses = this.getNodeParameter('callStatuses', []) as string[];
		if (Array.isArray(statuses) && statuses.length > 0 && !statuses.includes(String(payload.status))) {
			return acknowledge(this, `call status "${String(payload.status)}" is not selected`);
		}
	}
	if (kind === 'liveEvent') {
		const categories = this.getNodeParameter('liveEventCategories', []) as string[];
		if (Array.isArray(categories) && categories.length > 0 && !categories.includes(String(payload.category))) {
			return acknowledge(this, `live event category "${String(payload.category ?? '')}" is not selected`);
		}
	}
	if (kind === 'batchStatus') {
		const statuses = this.getNodeParameter('batchStatuses', []) as string[];
		if (Array.isArray(statuses) && statuses.length > 0 && !statuses.includes(String(payload.status))) {
			return acknowledge(this, `batch status "${String(payload.status)}" is not selected`);
		}
	}

	const mode = this.getNodeParameter('outputMode', 'simplified') as OutputMode;
	return emitOnce(this, blandEventKey(kind, payload), () => shapeBlandEvent(kind, payload, mode));
}

export class BlandAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bland AI Trigger',
		name: 'blandAiTrigger',
		icon: { light: 'file:blandAi.svg', dark: 'file:blandAi.dark.svg' },
		group: ['trigger'],
		// Version 2 has the same parameters and behaviour. n8n evaluates a leftover expression
		// ($parameter["options"]["binaryData"], from its own Webhook node) for every event to a trigger
		// of version 1, which takes an expression isolate even with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE;
		// for version 2 it does not (docs/performance.md). Version 1 workflows keep working.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: optionListSubtitle('Events', 'events', eventOptions),
		description: 'Starts the workflow when a Bland AI call ends, a live call event arrives or a batch changes status',
		defaults: { name: 'Bland AI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'blandAiApi', required: true }],
		webhooks: triggerWebhooks,
		properties: [
			{
				displayName:
					'Requests are checked against the Webhook Signing Secret of the credential (from Bland: Account Settings → Keys): with one set, only deliveries with a valid X-Webhook-Signature start the workflow. A credential without a secret accepts any request to this URL.',
				name: 'signatureNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				default: 'manual',
				options: [
					{
						name: 'Automatic on an Inbound Number',
						value: 'inboundNumber',
						description:
							"Set this trigger's URL as the webhook of one of your inbound numbers while the workflow is active, and restore the previous one afterwards",
					},
					{
						name: 'Manual (Paste the URL)',
						value: 'manual',
						description: 'Paste the Production URL wherever Bland asks for a webhook; nothing is changed in Bland',
					},
				],
			},
			{
				displayName:
					'Paste the Production URL shown above into the Webhook field of the Bland AI node\'s Make Call (or Create Batch\'s Status Webhook), or in Bland under an inbound number\'s settings → Webhook. Activating or deactivating the workflow changes nothing in Bland.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: manualOnly,
			},
			{ ...inboundNumberLocator, displayOptions: inboundOnly },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventOptions,
				default: ['callCompleted'],
				description: 'Deliveries that start the workflow; others are acknowledged and dropped',
			},
			{
				displayName: 'Call Statuses',
				name: 'callStatuses',
				type: 'multiOptions',
				options: callStatusOptions,
				default: [],
				description: 'Only start the workflow for completed-call deliveries with these statuses. Empty means every status.',
				displayOptions: { show: { events: ['callCompleted'] } },
			},
			{
				displayName: 'Live Event Categories',
				name: 'liveEventCategories',
				type: 'multiOptions',
				options: liveEventCategoryOptions,
				default: [],
				description: 'Only start the workflow for live events of these categories. Empty means every category.',
				displayOptions: { show: { events: ['liveEvent'] } },
			},
			{
				displayName: 'Batch Statuses',
				name: 'batchStatuses',
				type: 'multiOptions',
				options: batchStatusOptions,
				default: [],
				description: 'Only start the workflow for batch updates with these statuses. Empty means every status.',
				displayOptions: { show: { events: ['batchStatus'] } },
			},
			outputModeField(
				"The call's analysis and variables as the item, plus dispositionTag, callId and status (live events and batch updates stay simplified)",
			),
		],
	};

	methods = { listSearch: { searchInboundNumbers } };

	webhookMethods = {
		default: {
			/** Inbound-number mode: whether the number's webhook is this trigger's URL. Manual mode: nothing to check (true). */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (registration(this) === 'manual') return true;
				const stored = storedRegistration(this.getWorkflowStaticData('node'));
				const phone = configuredNumber(this);
				if (!stored || stored.target !== phone) return false;
				return await slotHolds(inboundSlot(this, phone), stored.registeredUrl);
			},

			/** Inbound-number mode: set the number's webhook to this trigger's URL, remembering the old one. Manual mode: no-op. */
			async create(this: IHookFunctions): Promise<boolean> {
				if (registration(this) === 'manual') return true;
				const phone = configuredNumber(this);
				const done = await register(this.getWorkflowStaticData('node'), inboundSlot(this, phone), ownWebhookUrl(this));
				if (!done) {
					throw new NodeOperationError(this.getNode(), `Inbound number ${phone} was not found in Bland AI`, {
						description: 'Check the Inbound Phone Number: it must be a number of this Bland account.',
					});
				}
				return true;
			},

			/** Restores the number's previous webhook if it still points at this trigger, then forgets the registration. No-op when nothing was registered. */
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregister(this.getWorkflowStaticData('node'), (phone) => inboundSlot(this, phone));
				return true;
			},
		},
	};

	/** Runs inside the run a delivery started: drops an event that already ran (n8n's processed-data store). */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await keepUnprocessedEvents.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await answerWithoutThrowing(this, 'Bland AI Trigger', handleWebhook);
	}
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outputModeField } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { waitForCompletionFields } from '../../../shared/descriptions/wait';
import { requireAllowedNumbersIn } from '../../../shared/request/numbers';
import { compact } from '../../../shared/validation/params';
import { blandTime, fromBlandTime, guardCall, sendGuarded } from '../../../shared/guard/call';
import { requireDestination } from '../../../shared/validation/phone';
import { blandCallGuard } from '../../guard';
import { buildCallSettings, buildRouting, CALLER_ID_KEYS, optionalVoice, requireAllowedPathway } from '../../callBody';
import { callSettingOptions } from '../../descriptions/callSettings';
import {
	agentIdField,
	callUsingField,
	pathwayLocator,
	pathwayOptionsField,
	personaIdField,
	taskField,
	voiceLocator,
} from '../../descriptions/fields';
import { blandAllowedPrefixes, blandRequest } from '../../transport';
import { resumeTargetFor, usesWebhookResume, waitForCalls, waitModeField } from '../../waitForCompletion';

const properties: INodeProperties[] = [
	{
		displayName:
			"This dials a real person and is billed to your Bland account. Numbers outside the credential's allowed destination prefixes are refused before anything is sent.",
		name: 'makeCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550123',
		description: 'Number to call, in E.164 format (+ country code + number)',
	},
	callUsingField,
	taskField,
	{ ...pathwayLocator, displayOptions: { show: { callUsing: ['pathway'] } } },
	pathwayOptionsField,
	personaIdField,
	agentIdField,
	voiceLocator,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: callSettingOptions,
	},
	...waitForCompletionFields([
		waitModeField,
		outputModeField(
			'The item is the call\'s analysis and variables, plus disposition tag, call ID and status',
		),
	]),
];

export const description = forOperation('call', 'make', properties);

/**
 * Builds and validates the POST /v1/calls body for one item; throws before any request on bad
 * input (number, allow-list, JSON fields, https webhook, settings a pathway would ignore).
 */
export async function buildMakeCallBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const prefixes = await blandAllowedPrefixes.call(this);
	const phoneNumber = requireDestination(
		node,
		this.getNodeParameter('phoneNumber', itemIndex, ''),
		'Phone Number',
		itemIndex,
		prefixes,
	);
	const callUsing = this.getNodeParameter('callUsing', itemIndex, 'task') as string;
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const settings = buildCallSettings(node, fields, itemIndex, {
		callUsing,
		where: 'Additional Fields',
		allowedPrefixes: prefixes,
		timeZone: this.getTimezone(),
	});

	const routing = buildRouting.call(this, itemIndex);

	const body = compact({
		phone_number: phoneNumber,
		...routing,
		voice: optionalVoice(this, itemIndex),
		...settings,
	});
	requireAllowedNumbersIn(node, body, 'The call', itemIndex, prefixes, CALLER_ID_KEYS);
	await requireAllowedPathway.call(this, routing, prefixes, itemIndex);
	return body;
}

/** The credential's Call Guard for this item's call (calling hours, cooldown, cap). */
async function guardFor(this: IExecuteFunctions, body: IDataObject, itemIndex: number) {
	const guard = await blandCallGuard.call(this);
	const start = fromBlandTime(body.start_time, body.timezone);
	const decision = await guardCall.call(this, guard, String(body.phone_number), start, 'Phone Number', itemIndex);
	return { guard, decision };
}

/** Sends the call exactly once: a retry after a 5xx or a dropped connection could dial the person twice. */
export async function sendCall(this: IExecuteFunctions, body: IDataObject, itemIndex: number): Promise<IDataObject> {
	return await blandRequest.call(this, { method: 'POST', path: '/v1/calls', body, retry: 'once', itemIndex });
}

/** The output item of a queued call. */
export function queuedCallOutput(response: IDataObject): IDataObject {
	return {
		callId: response.call_id ?? null,
		status: response.status ?? null,
		message: response.message ?? null,
		batchId: response.batch_id ?? null,
	};
}

/**
 * Checks every item before any call is placed. With Wait for Completion resuming on Bland's
 * webhook, the call's webhook is this execution's resume URL, so the item must not set its own,
 * and Bland must be able to reach it (Bland posts only to https).
 */
export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const body = await buildMakeCallBody.call(this, itemIndex);
	await guardFor.call(this, body, itemIndex);
	if (!usesWebhookResume.call(this, itemIndex)) return;
	if (body.webhook !== undefined || body.webhook_events !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			'"Webhook" and "Webhook Events" cannot be set while Wait for Completion resumes on Bland\'s webhook',
			{
				itemIndex,
				description: 'The call reports to this execution. Clear them, or set Wait Mode to "Poll Bland".',
			},
		);
	}
	// Refuses a resume URL Bland cannot reach (loopback, plain http) before any call is placed.
	await resumeTargetFor.call(this, itemIndex);
}

/** Places calls: n8n's Retry On Fail is refused for it (see the router). */
export const placesCalls = true;

/** With Wait for Completion, the placed calls are awaited (resume on webhook, or polled together). */
export const afterAll = waitForCalls;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await buildMakeCallBody.call(this, itemIndex);
	if (usesWebhookResume.call(this, itemIndex)) {
		const target = await resumeTargetFor.call(this, itemIndex);
		body.webhook = target.url;
		body.metadata = { ...((body.metadata as IDataObject | undefined) ?? {}), ...target.metadata };
	}
	const { guard, decision } = await guardFor.call(this, body, itemIndex);
	if (decision?.deferredTo !== undefined) body.start_time = blandTime(decision.deferredTo);
	const response = await sendGuarded.call(
		this,
		guard,
		[String(body.phone_number)],
		[itemIndex],
		async () => await sendCall.call(this, body, itemIndex),
		(answer) => answer.call_id,
		'Phone Number',
	);
	return {
		...queuedCallOutput(response),
		...(decision ? { startTime: body.start_time ?? null, guard: decision.note } : {}),
	};
}

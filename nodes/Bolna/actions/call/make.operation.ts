import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outputModeField, variablePairsField } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { waitForCompletionFields } from '../../../shared/descriptions/wait';
import { requireAllowedNumbersIn } from '../../../shared/request/numbers';
import { parseJsonField } from '../../../shared/validation/json';
import { compact, keyValuePairs, requireResourceId } from '../../../shared/validation/params';
import { guardCall, offsetIso, sendGuarded } from '../../../shared/guard/call';
import { optionalCallerId, requireDestination } from '../../../shared/validation/phone';
import { bolnaCallGuard } from '../../guard';
import { toOffsetIso } from '../../../shared/validation/time';
import { agentLocator } from '../../descriptions/fields';
import { bolnaAllowedPrefixes, bolnaRequest } from '../../transport';
import { waitForExecutions } from '../../waitForCompletion';

const properties: INodeProperties[] = [
	{
		displayName:
			'This places a real phone call and is billed to your Bolna account. Calls outside the credential\'s allowed destination prefixes are refused before anything is sent.',
		name: 'makeCallNotice',
		type: 'notice',
		default: '',
	},
	agentLocator,
	{
		displayName: 'Recipient Phone Number',
		name: 'recipientPhoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155550123',
		description: 'Number to call, in E.164 format (+ country code + number)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Bypass Call Guardrails',
				name: 'bypassCallGuardrails',
				type: 'boolean',
				default: false,
				description:
					"Whether to call even outside the agent's calling hours (otherwise Bolna reschedules the call)",
			},
			{
				displayName: 'From Phone Number',
				name: 'fromPhoneNumber',
				type: 'string',
				default: '',
				placeholder: '+14155550100',
				description: 'Caller ID, one of your Bolna numbers (E.164). Empty uses the agent default.',
			},
			{
				displayName: 'Retry Config (JSON)',
				name: 'retryConfig',
				type: 'json',
				default: '',
				description: 'Automatic redial settings (Bolna retry_config). Empty: no redial.',
				hint: 'Example: {"enabled": true, "max_retries": 2, "retry_on_statuses": ["no-answer", "busy", "failed"], "retry_intervals_minutes": [30, 60]}',
			},
			{
				displayName: 'Scheduled At',
				name: 'scheduledAt',
				type: 'dateTime',
				default: '',
				description:
					"When to place the call. A time without a zone (as the date picker gives) is read in the workflow's time zone; it is sent with a numeric offset, as Bolna requires.",
			},
			variablePairsField('User Data', 'userData', 'Variables for the agent prompt, e.g. {customer_name}'),
			{
				displayName: 'User Data (JSON)',
				name: 'userDataJson',
				type: 'json',
				default: '{}',
				description:
					'Variables for the agent prompt as a JSON object, e.g. {"customer_name": "Ada"}. Merged with the User Data pairs (the pairs win).',
			},
			{
				displayName: 'Voice ID',
				name: 'voiceId',
				type: 'string',
				default: '',
				description: "Per-call voice override (agent_data.voice_id), within the agent's voice provider",
			},
		],
	},
	...waitForCompletionFields([
		{
			displayName:
				'Bolna reports a call only to the agent\'s webhook, so the node checks the call\'s status (one request per call per check, with growing pauses) until it ends. To react to calls without keeping this execution open, use the Bolna Trigger instead.',
			name: 'waitNotice',
			type: 'notice',
			default: '',
		},
		outputModeField(
			'The item is the extracted_data of the finished call, plus execution ID, status and agent ID',
		),
	]),
];

export const description = forOperation('call', 'make', properties);

/** Builds and validates the POST /call body; throws before any request on bad input. */
export async function buildMakeCallBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const prefixes = await bolnaAllowedPrefixes.call(this);
	const recipient = requireDestination(
		node,
		this.getNodeParameter('recipientPhoneNumber', itemIndex, ''),
		'Recipient Phone Number',
		itemIndex,
		prefixes,
	);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const userData = {
		...(parseJsonField(node, fields.userDataJson, 'User Data (JSON)', itemIndex) ?? {}),
		...keyValuePairs(fields.userData as IDataObject | undefined),
	};
	const retryConfig = parseJsonField(node, fields.retryConfig, 'Retry Config (JSON)', itemIndex);
	if (fields.voiceId !== undefined && typeof fields.voiceId !== 'string') {
		throw new NodeOperationError(node, `"Voice ID" must be text (got ${fields.voiceId === null ? 'null' : typeof fields.voiceId})`, { itemIndex });
	}
	const body = compact({
		agent_id: agentId,
		recipient_phone_number: recipient,
		from_phone_number: optionalCallerId(node, fields.fromPhoneNumber, 'From Phone Number', itemIndex),
		scheduled_at:
			fields.scheduledAt !== undefined && fields.scheduledAt !== ''
				? toOffsetIso(node, fields.scheduledAt, 'Scheduled At', itemIndex, this.getTimezone())
				: undefined,
		user_data: Object.keys(userData).length ? userData : undefined,
		agent_data: fields.voiceId ? { voice_id: fields.voiceId } : undefined,
		retry_config: retryConfig,
		bypass_call_guardrails: fields.bypassCallGuardrails === true ? true : undefined,
	});
	// User data reaches the agent's prompt and tools ({transfer_to}): every number in the body is held to the prefixes.
	requireAllowedNumbersIn(node, body, 'The call', itemIndex, prefixes, ['from_phone_number']);
	return body;
}

/** The credential's Call Guard for this item's call (calling hours, cooldown, cap). */
async function guardFor(this: IExecuteFunctions, body: IDataObject, itemIndex: number) {
	const guard = await bolnaCallGuard.call(this);
	const decision = await guardCall.call(
		this,
		guard,
		String(body.recipient_phone_number),
		body.scheduled_at as string | undefined,
		'Recipient Phone Number',
		itemIndex,
	);
	return { guard, decision };
}

/** Every item is checked before any call is placed: one bad row never strands calls already made. */
export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const body = await buildMakeCallBody.call(this, itemIndex);
	await guardFor.call(this, body, itemIndex);
}

/** Places calls: n8n's Retry On Fail is refused for it (see the router). */
export const placesCalls = true;

/** With Wait for Completion, all placed calls are awaited together. */
export const afterAll = waitForExecutions;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = await buildMakeCallBody.call(this, itemIndex);
	const { guard, decision } = await guardFor.call(this, body, itemIndex);
	if (decision?.deferredTo !== undefined) body.scheduled_at = offsetIso(decision.deferredTo);
	// Sent once: a retry after a 5xx or a dropped connection could dial the person twice.
	const response = await sendGuarded.call(
		this,
		guard,
		[String(body.recipient_phone_number)],
		[itemIndex],
		async () => await bolnaRequest.call(this, { method: 'POST', path: '/call', body, retry: 'once', itemIndex }),
		(answer) => answer.execution_id,
		'Recipient Phone Number',
	);
	return {
		executionId: response.execution_id,
		status: response.status,
		message: response.message,
		agentId: body.agent_id,
		recipientPhoneNumber: body.recipient_phone_number,
		...(decision ? { scheduledAt: body.scheduled_at ?? null, guard: decision.note } : {}),
	};
}

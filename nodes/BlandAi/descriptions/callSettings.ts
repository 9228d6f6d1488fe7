import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseJsonField } from '../../shared/validation/json';
import { compact, keyValuePairs } from '../../shared/validation/params';
import { optionalCallerId, requireDestination } from '../../shared/validation/phone';
import { variablePairsField } from '../../shared/descriptions/common';
import { toOffsetIso } from '../../shared/validation/time';

/** Live events Bland can stream to the call's webhook (`webhook_events`). */
export const WEBHOOK_EVENTS = ['call', 'citations', 'dynamic_data', 'latency', 'queue', 'tool', 'webhook'] as const;

export const SUMMARY_PROMPT_MAX = 2000;
export const MAX_KEYWORDS = 20;

/**
 * Settings Bland ignores when the agent runs a pathway (its docs: the pathway replaces the task,
 * model, tools and transfer settings). Hidden in the UI with Call Using = Pathway, and refused
 * when they arrive anyway (an expression, an imported workflow) rather than silently dropped.
 */
export const IGNORED_WITH_PATHWAY: Record<string, string> = {
	firstSentence: 'First Sentence',
	model: 'Model',
	temperature: 'Temperature',
	tools: 'Tool Names or IDs',
	transferList: 'Transfer List (JSON)',
	transferPhoneNumber: 'Transfer Phone Number',
};

/** The same settings by their body keys, for Other Parameters (JSON). */
export const IGNORED_KEYS_WITH_PATHWAY = [
	'task',
	'prompt',
	'first_sentence',
	'model',
	'temperature',
	'tools',
	'dynamic_data',
	'transfer_phone_number',
	'transfer_list',
];

/** Keys that have their own field and may not come in through Other Parameters (JSON). */
const ROUTING_KEYS: Record<string, string> = {
	phone_number: 'the phone number has its own field',
	task: 'use "Call Using: Task"',
	pathway_id: 'use "Call Using: Pathway"',
	persona_id: 'use "Call Using: Persona"',
};

const hideWithPathway = { hide: { '/callUsing': ['pathway'] } };

/** The call settings shared by Make Call (Additional Fields) and Create Batch (Global Settings). */
export const callSettingOptions: INodeProperties[] = [
	{
		displayName: 'Analysis Schema (JSON)',
		name: 'analysisSchema',
		type: 'json',
		default: '',
		hint: 'Example: {"appointment_confirmed": "boolean", "preferred_time": "string"}',
		description: 'Fields to extract from the call after it ends (field → type or description). Results come back in "analysis".',
	},
	{
		displayName: 'Background Track',
		name: 'backgroundTrack',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Cafe', value: 'cafe' },
			{ name: 'None', value: 'none' },
			{ name: 'Office', value: 'office' },
			{ name: 'Restaurant', value: 'restaurant' },
		],
		description: 'Ambient sound played behind the agent',
	},
	{
		displayName: 'Block Interruptions',
		name: 'blockInterruptions',
		type: 'boolean',
		default: false,
		description: 'Whether the agent ignores the person talking over it',
	},
	{
		displayName: 'Dispositions',
		name: 'dispositions',
		type: 'string',
		default: '',
		placeholder: 'Interested, Not interested, Call back later',
		description: 'Comma-separated outcomes; Bland tags the call with one of them (disposition_tag)',
	},
	{
		displayName: 'First Sentence',
		name: 'firstSentence',
		type: 'string',
		default: '',
		description: 'The first thing the agent says',
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'From Number',
		name: 'fromNumber',
		type: 'string',
		default: '',
		placeholder: '+14155550100',
		description: "Caller ID: a number you own in Bland (E.164). Empty uses Bland's pool. With your own Twilio, set the credential's Encrypted Key.",
	},
	{
		displayName: 'Interruption Threshold (Milliseconds)',
		name: 'interruptionThreshold',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 100,
		description: 'How long the person must pause before the agent answers; higher is more patient',
	},
	{
		displayName: 'Keywords',
		name: 'keywords',
		type: 'string',
		default: '',
		placeholder: 'Bland, n8n:2',
		description: `Comma-separated words the transcriber should favour (at most ${MAX_KEYWORDS}, each under 100 characters; optional :N boost)`,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en',
		description: 'Language code of the conversation, e.g. en, en-US, es, de',
	},
	{
		displayName: 'Max Duration (Minutes)',
		name: 'maxDuration',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: 'The call is ended after this many minutes',
	},
	{
		displayName: 'Metadata (JSON)',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: 'Any JSON object; Bland returns it on the call and in the webhook (e.g. your CRM record ID)',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'base',
		description: 'The Bland model, e.g. base or turbo',
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'Noise Cancellation',
		name: 'noiseCancellation',
		type: 'boolean',
		default: false,
		description: "Whether to filter background noise on the person's side",
	},
	{
		displayName: 'Other Parameters (JSON)',
		name: 'otherParameters',
		type: 'json',
		default: '{}',
		description:
			'Any other Bland call parameters as a JSON object, e.g. {"dynamic_data": [...], "citation_schema_ids": ["..."]}. Fields set above win. Settings a pathway would ignore are refused. A transfer_phone_number or transfer_list given here is checked like the Transfer fields (E.164, inside the credential\'s Allowed Destination Prefixes).',
	},
	{
		displayName: 'Pronunciation Guide (JSON)',
		name: 'pronunciationGuide',
		type: 'json',
		default: '',
		hint: 'Example: [{"word": "n8n", "pronunciation": "n eight n", "case_sensitive": false, "spaced": false}]',
		description: 'How the agent pronounces particular words (a JSON array)',
	},
	{
		displayName: 'Record',
		name: 'record',
		type: 'boolean',
		default: false,
		description: 'Whether to record the call (needed for a recording URL)',
	},
	variablePairsField('Request Data', 'requestData', 'Variables for {{name}} placeholders in the task'),
	{
		displayName: 'Request Data (JSON)',
		name: 'requestDataJson',
		type: 'json',
		default: '{}',
		description: 'Variables as a JSON object, e.g. {"name": "Ada"}. Merged with Request Data (the pairs win).',
	},
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		description:
			'Schedule the call for later. A time without a zone (as the date picker gives) is read in the Timezone below, else in the workflow\'s time zone.',
	},
	{
		displayName: 'Summary Prompt',
		name: 'summaryPrompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: `How Bland should summarise the call (at most ${SUMMARY_PROMPT_MAX} characters)`,
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.7,
		description: 'Randomness of the agent (0–1)',
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		description: 'IANA time zone for the agent (and for a Start Time without offset on Bland\'s side)',
	},
	{
		displayName: 'Tool Names or IDs',
		name: 'tools',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCustomTools' },
		default: [],
		description:
			'Custom tools the agent may use. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'Transfer List (JSON)',
		name: 'transferList',
		type: 'json',
		default: '',
		hint: 'Example: {"default": "+14155550100", "sales": "+14155550101"}',
		description:
			"Named transfer targets the agent may choose from (name → number). Every number must be E.164 and inside the credential's Allowed Destination Prefixes.",
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'Transfer Phone Number',
		name: 'transferPhoneNumber',
		type: 'string',
		default: '',
		placeholder: '+14155550100',
		description:
			"Number the agent transfers the call to when asked for a human (E.164, inside the credential's Allowed Destination Prefixes)",
		displayOptions: hideWithPathway,
	},
	{
		displayName: 'Voicemail Action',
		name: 'voicemailAction',
		type: 'options',
		default: 'hangup',
		options: [
			{ name: 'Hang Up', value: 'hangup' },
			{ name: 'Ignore (Keep Talking)', value: 'ignore' },
			{ name: 'Leave Message', value: 'leave_message' },
			{ name: 'Leave Message and SMS', value: 'leave_message_and_sms' },
		],
		description: 'What to do when voicemail answers',
	},
	{
		displayName: 'Voicemail Message',
		name: 'voicemailMessage',
		type: 'string',
		default: '',
		description: 'Message left on voicemail (with Voicemail Action "Leave Message")',
	},
	{
		displayName: 'Wait for Greeting',
		name: 'waitForGreeting',
		type: 'boolean',
		default: false,
		description: 'Whether the agent waits for the person to speak first',
	},
	{
		displayName: 'Webhook Events',
		name: 'webhookEvents',
		type: 'multiOptions',
		default: [],
		options: [
			{ name: 'Call (Connect/End)', value: 'call' },
			{ name: 'Citations', value: 'citations' },
			{ name: 'Dynamic Data', value: 'dynamic_data' },
			{ name: 'Latency', value: 'latency' },
			{ name: 'Queue', value: 'queue' },
			{ name: 'Tool', value: 'tool' },
			{ name: 'Webhook', value: 'webhook' },
		],
		description: 'Live events streamed to the Webhook URL during the call, on top of the post-call payload',
	},
	{
		displayName: 'Webhook URL',
		name: 'webhook',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/bland',
		description: 'Bland POSTs the finished call here (https only), e.g. a Bland AI Trigger URL',
	},
];

function fail(node: INode, itemIndex: number, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, ...(description ? { description } : {}) });
}

function present(value: unknown): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.length > 0;
	return true;
}

/** A webhook URL Bland will POST to: must be https (http is refused here, never sent). */
export function requireHttpsUrl(node: INode, value: unknown, field: string, itemIndex: number): string | undefined {
	if (!present(value)) return undefined;
	const text = String(value).trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fail(node, itemIndex, `"${field}" is not a valid URL (got "${text}")`);
	}
	if (url.protocol === 'http:') {
		throw fail(
			node,
			itemIndex,
			`"${field}" must use https:// — Bland does not deliver webhooks to http:// URLs (got "${text}")`,
			'Use your n8n instance\'s public https URL, or a tunnel that provides one.',
		);
	}
	if (url.protocol !== 'https:') throw fail(node, itemIndex, `"${field}" must be an https:// URL (got "${text}")`);
	return text;
}

/** A comma-separated list (or an array from an expression) as trimmed, non-empty strings. */
export function listOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return parts.map((p) => String(p).trim()).filter((p) => p !== '');
}

/**
 * Bland's start_time format: `YYYY-MM-DD HH:MM:SS +HH:MM`. A time without a zone (as n8n's date
 * picker gives) is read in `timeZone`.
 */
export function blandStartTime(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	timeZone?: string,
): string {
	const iso = toOffsetIso(node, value, field, itemIndex, timeZone);
	return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${iso.slice(19)}`;
}

/**
 * A transfer list (name → number): every number E.164 and inside the allow-list, normalised.
 * Errors name the entry, e.g. `"Transfer List (JSON).sales"`.
 */
function checkTransferList(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	allowedPrefixes: string[],
): IDataObject {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw fail(node, itemIndex, `"${field}" must be a JSON object of name → phone number, e.g. {"sales": "+14155550101"}`);
	}
	return Object.fromEntries(
		Object.entries(value as IDataObject).map(([name, number]) => [
			name,
			requireDestination(node, number, `${field}.${name}`, itemIndex, allowedPrefixes),
		]),
	);
}

/**
 * Refuses settings Bland would ignore for a pathway call, so nothing is silently dropped.
 * `fields` are the collection values; the error names the first offending field.
 */
export function rejectIgnoredWithPathway(node: INode, fields: IDataObject, itemIndex: number, where: string): void {
	for (const [key, label] of Object.entries(IGNORED_WITH_PATHWAY)) {
		if (present(fields[key])) {
			throw fail(
				node,
				itemIndex,
				`"${label}" is ignored by Bland when the call uses a pathway; remove it from ${where}`,
				'The pathway defines the agent\'s words, model, tools and transfers. Switch "Call Using" to Task to see and clear this field, or clear it in the expression that sets it.',
			);
		}
	}
}

/**
 * Turns the call-settings collection into the `/v1/calls` body fragment (snake_case), validating
 * every value: JSON fields, https webhook, phone numbers, keyword and summary limits. Transfer
 * numbers (the fields, or the same keys in Other Parameters) must be inside `allowedPrefixes`.
 */
export function buildCallSettings(
	node: INode,
	fields: IDataObject,
	itemIndex: number,
	options: {
		callUsing: string;
		where: string;
		allowedPrefixes: string[];
		/** Zone for a Start Time without one: the Timezone field, else this (the workflow's). */
		timeZone?: string;
	},
): IDataObject {
	if (options.callUsing === 'pathway') rejectIgnoredWithPathway(node, fields, itemIndex, options.where);

	const keywords = listOf(fields.keywords);
	if (keywords.length > MAX_KEYWORDS) {
		throw fail(node, itemIndex, `"Keywords" has ${keywords.length} entries; Bland accepts at most ${MAX_KEYWORDS}`);
	}
	const longKeyword = keywords.find((k) => k.length >= 100);
	if (longKeyword) throw fail(node, itemIndex, `"Keywords" entry "${longKeyword.slice(0, 40)}…" is 100 characters or longer`);

	const summaryPrompt = present(fields.summaryPrompt) ? String(fields.summaryPrompt) : undefined;
	if (summaryPrompt && summaryPrompt.length > SUMMARY_PROMPT_MAX) {
		throw fail(node, itemIndex, `"Summary Prompt" is ${summaryPrompt.length} characters; Bland accepts at most ${SUMMARY_PROMPT_MAX}`);
	}

	const webhookEvents = listOf(fields.webhookEvents);
	const unknownEvent = webhookEvents.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
	if (unknownEvent) {
		throw fail(node, itemIndex, `"Webhook Events" has an unknown event "${unknownEvent}" (known: ${WEBHOOK_EVENTS.join(', ')})`);
	}
	const webhook = requireHttpsUrl(node, fields.webhook, 'Webhook URL', itemIndex);
	if (webhookEvents.length && !webhook) {
		throw fail(node, itemIndex, '"Webhook Events" needs a "Webhook URL" to deliver them to');
	}

	const prefixes = options.allowedPrefixes;
	const transferPhoneNumber = present(fields.transferPhoneNumber)
		? requireDestination(node, fields.transferPhoneNumber, 'Transfer Phone Number', itemIndex, prefixes)
		: undefined;
	const transferListValue = parseJsonField(node, fields.transferList, 'Transfer List (JSON)', itemIndex, 'any');
	const transferList =
		transferListValue === undefined
			? undefined
			: checkTransferList(node, transferListValue, 'Transfer List (JSON)', itemIndex, prefixes);

	const requestData = {
		...(parseJsonField(node, fields.requestDataJson, 'Request Data (JSON)', itemIndex) ?? {}),
		...keyValuePairs(fields.requestData as IDataObject | undefined),
	};

	const voicemailAction = present(fields.voicemailAction) ? String(fields.voicemailAction) : undefined;
	const voicemailMessage = present(fields.voicemailMessage) ? String(fields.voicemailMessage) : undefined;
	if (voicemailAction?.startsWith('leave_message') && !voicemailMessage) {
		throw fail(node, itemIndex, `"Voicemail Message" is required with Voicemail Action "${voicemailAction}"`);
	}
	const voicemail = voicemailAction || voicemailMessage
		? compact({ action: voicemailAction ?? 'leave_message', message: voicemailMessage })
		: undefined;

	const other = parseJsonField(node, fields.otherParameters, 'Other Parameters (JSON)', itemIndex) ?? {};
	for (const [key, why] of Object.entries(ROUTING_KEYS)) {
		if (key in other) throw fail(node, itemIndex, `"Other Parameters (JSON)" may not set "${key}": ${why}`);
	}
	if (options.callUsing === 'pathway') {
		const ignored = IGNORED_KEYS_WITH_PATHWAY.filter((key) => key in other);
		if (ignored.length) {
			throw fail(
				node,
				itemIndex,
				`"Other Parameters (JSON)" sets ${ignored.map((k) => `"${k}"`).join(', ')}, which Bland ignores when the call uses a pathway; remove ${ignored.length > 1 ? 'them' : 'it'}`,
			);
		}
	}

	// The transfer keys are checked here too, so they cannot bypass the allow-list.
	if (present(other.transfer_phone_number)) {
		other.transfer_phone_number = requireDestination(
			node,
			other.transfer_phone_number,
			'Other Parameters (JSON).transfer_phone_number',
			itemIndex,
			prefixes,
		);
	}
	if (other.transfer_list !== undefined && other.transfer_list !== null) {
		other.transfer_list = checkTransferList(
			node,
			other.transfer_list,
			'Other Parameters (JSON).transfer_list',
			itemIndex,
			prefixes,
		);
	}

	const tools = listOf(fields.tools);
	const numberOf = (key: string) => (present(fields[key]) ? Number(fields[key]) : undefined);
	const boolOf = (key: string) => (typeof fields[key] === 'boolean' ? fields[key] : undefined);

	const own = compact({
		first_sentence: present(fields.firstSentence) ? String(fields.firstSentence) : undefined,
		language: present(fields.language) ? String(fields.language) : undefined,
		model: present(fields.model) ? String(fields.model) : undefined,
		temperature: numberOf('temperature'),
		interruption_threshold: numberOf('interruptionThreshold'),
		wait_for_greeting: boolOf('waitForGreeting'),
		block_interruptions: boolOf('blockInterruptions'),
		noise_cancellation: boolOf('noiseCancellation'),
		background_track: present(fields.backgroundTrack) ? String(fields.backgroundTrack) : undefined,
		keywords,
		pronunciation_guide: parseJsonField(node, fields.pronunciationGuide, 'Pronunciation Guide (JSON)', itemIndex, 'array'),
		request_data: Object.keys(requestData).length ? requestData : undefined,
		metadata: parseJsonField(node, fields.metadata, 'Metadata (JSON)', itemIndex),
		tools,
		transfer_phone_number: transferPhoneNumber,
		transfer_list: transferList,
		voicemail,
		record: boolOf('record'),
		max_duration: numberOf('maxDuration'),
		start_time: present(fields.startTime)
			? blandStartTime(
					node,
					fields.startTime,
					'Start Time',
					itemIndex,
					present(fields.timezone) ? String(fields.timezone) : options.timeZone,
				)
			: undefined,
		timezone: present(fields.timezone) ? String(fields.timezone) : undefined,
		from: optionalCallerId(node, fields.fromNumber, 'From Number', itemIndex),
		webhook,
		webhook_events: webhookEvents,
		summary_prompt: summaryPrompt,
		dispositions: listOf(fields.dispositions),
		analysis_schema: parseJsonField(node, fields.analysisSchema, 'Analysis Schema (JSON)', itemIndex),
	});
	return { ...compact(other), ...own };
}

/** The voice from the resource locator (or a plain string from an expression); empty → undefined. */
export function optionalVoice(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = ctx.getNodeParameter('voice', itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	const text = value === undefined || value === null ? '' : String(value).trim();
	return text === '' ? undefined : text;
}

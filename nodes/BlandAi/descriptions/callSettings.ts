import type { INodeProperties } from 'n8n-workflow';

import { variablePairsField } from '../../shared/descriptions/common';

/*
 * The UI of the call settings. The request body they become, and every check on it, is built
 * in ../callBody.ts.
 */

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
		displayName: 'Answering Machine Detection',
		name: 'amd',
		type: 'boolean',
		default: false,
		description: 'Whether to detect answering machines and voicemail before speaking (helps with phone trees and leaving voicemails)',
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
		typeOptions: { minValue: 0, maxValue: 10000, numberPrecision: 0 },
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
		typeOptions: { minValue: 1, maxValue: 1440, numberPrecision: 0 },
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
			'Any other Bland call parameters as a JSON object, e.g. {"dynamic_data": [...], "citation_schema_ids": ["..."]}. Fields set above win. Settings a pathway would ignore are refused. Every phone number in it, whatever its key (transfer, backup, SMS, dialing strategy…), must be inside the credential\'s Allowed Destination Prefixes.',
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

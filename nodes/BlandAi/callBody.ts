import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireAllowedNumbersIn } from '../shared/request/numbers';
import { pathSegment } from '../shared/transport/request';
import { checkNumber } from '../shared/request/values';
import { parseJsonField } from '../shared/validation/json';
import { compact, keyValuePairs, requireResourceId, requireString } from '../shared/validation/params';
import { optionalCallerId, requireDestination } from '../shared/validation/phone';
import { toOffsetIso } from '../shared/validation/time';
import {
	IGNORED_KEYS_WITH_PATHWAY,
	IGNORED_WITH_PATHWAY,
	MAX_KEYWORDS,
	SUMMARY_PROMPT_MAX,
	WEBHOOK_EVENTS,
} from './descriptions/callSettings';
import { blandRequest } from './transport';

/*
 * The one place a Bland call body (POST /v1/calls, and the `global` block of a batch) is built
 * and checked. Every value is checked at run time, and at the end the whole body goes through
 * the structural destination check, so a field added later cannot skip the allow-list.
 */

/** Keys that have their own field and may not come in through Other Parameters (JSON). */
const ROUTING_KEYS: Record<string, string> = {
	phone_number: 'the phone number has its own field',
	task: 'use "Call Using: Task"',
	pathway_id: 'use "Call Using: Pathway"',
	persona_id: 'use "Call Using: Persona"',
	agent_id: 'use "Call Using: Agent"',
};

/** Caller-ID keys: numbers of the account, not destinations (checked as E.164 on their own). */
export const CALLER_ID_KEYS = ['from'];

/** What Bland does when voicemail answers (its docs: voicemail_action). */
export const VOICEMAIL_ACTIONS = ['hangup', 'ignore', 'leave_message', 'leave_message_and_sms'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
	if (typeof value !== 'string') throw fail(node, itemIndex, `"${field}" must be a URL (got ${typeof value})`);
	const text = value.trim();
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
 * Bland's start_time, in the documented form `YYYY-MM-DD HH:MM:SS -HH:MM` (Send Call docs and the
 * community spec: "Scheduled time in format YYYY-MM-DD HH:MM:SS -HH:MM"; the sign is + or -).
 * A time without a zone (as n8n's date picker gives) is read in `timeZone`.
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

/** A number setting, checked at run time whatever the editor allowed; undefined when not set. */
function numberSetting(
	node: INode,
	fields: IDataObject,
	key: string,
	label: string,
	itemIndex: number,
	limits: { minValue: number; maxValue: number; integer?: boolean },
): number | undefined {
	if (fields[key] === undefined || fields[key] === '') return undefined;
	return checkNumber(node, fields[key], label, itemIndex, limits);
}

/** A boolean setting: true/false only (the text "false" would be sent as a truthy value). */
function booleanSetting(node: INode, fields: IDataObject, key: string, label: string, itemIndex: number): boolean | undefined {
	const value = fields[key];
	if (value === undefined) return undefined;
	if (typeof value !== 'boolean') throw fail(node, itemIndex, `"${label}" must be true or false (got ${JSON.stringify(value)})`);
	return value;
}

/** A text setting: refuses objects, lists and null, which would reach Bland as "[object Object]" or "null". */
function textSetting(node: INode, fields: IDataObject, key: string, label: string, itemIndex: number): string | undefined {
	const value = fields[key];
	if (value === undefined || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw fail(node, itemIndex, `"${label}" must be text (got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value})`);
	}
	const text = String(value);
	return text.trim() === '' ? undefined : text;
}

/** An option setting: one of the field's values. */
function optionSetting(
	node: INode,
	fields: IDataObject,
	key: string,
	label: string,
	allowed: string[],
	itemIndex: number,
): string | undefined {
	const value = fields[key];
	if (value === undefined || value === '') return undefined;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw fail(node, itemIndex, `"${label}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
	}
	return value;
}

/**
 * Turns the call-settings collection into the `/v1/calls` body fragment (snake_case), validating
 * every value: numbers in range, booleans, options, text, JSON fields, https webhook, phone
 * numbers, keyword and summary limits. Every phone number in the result — the transfer fields and
 * anything in Other Parameters (JSON), whatever its key — must be inside `allowedPrefixes`.
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
	if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
		throw fail(node, itemIndex, `"${options.where}" must be a set of fields`);
	}
	if (options.callUsing === 'pathway') rejectIgnoredWithPathway(node, fields, itemIndex, options.where);

	const keywords = listOf(fields.keywords);
	if (keywords.length > MAX_KEYWORDS) {
		throw fail(node, itemIndex, `"Keywords" has ${keywords.length} entries; Bland accepts at most ${MAX_KEYWORDS}`);
	}
	const longKeyword = keywords.find((k) => k.length >= 100);
	if (longKeyword) throw fail(node, itemIndex, `"Keywords" entry "${longKeyword.slice(0, 40)}…" is 100 characters or longer`);

	const summaryPrompt = textSetting(node, fields, 'summaryPrompt', 'Summary Prompt', itemIndex);
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

	// Bland's Send Call docs: `voicemail_message` (string) and `voicemail_action` (the seeds type
	// it "object" with no shape; Bland's own n8n node and every example send the action's name).
	const voicemailAction = optionSetting(node, fields, 'voicemailAction', 'Voicemail Action', VOICEMAIL_ACTIONS, itemIndex);
	const voicemailMessage = textSetting(node, fields, 'voicemailMessage', 'Voicemail Message', itemIndex);
	if (voicemailAction?.startsWith('leave_message') && !voicemailMessage) {
		throw fail(node, itemIndex, `"Voicemail Message" is required with Voicemail Action "${voicemailAction}"`);
	}

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
	// The transfer keys keep their own, entry-named check (E.164 and allow-list).
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
	if (other.from !== undefined) other.from = optionalCallerId(node, other.from, 'Other Parameters (JSON).from', itemIndex);

	const timezone = textSetting(node, fields, 'timezone', 'Timezone', itemIndex);
	const own = compact({
		first_sentence: textSetting(node, fields, 'firstSentence', 'First Sentence', itemIndex),
		language: textSetting(node, fields, 'language', 'Language', itemIndex),
		model: textSetting(node, fields, 'model', 'Model', itemIndex),
		temperature: numberSetting(node, fields, 'temperature', 'Temperature', itemIndex, { minValue: 0, maxValue: 1 }),
		interruption_threshold: numberSetting(node, fields, 'interruptionThreshold', 'Interruption Threshold (Milliseconds)', itemIndex, {
			minValue: 0,
			maxValue: 10000,
			integer: true,
		}),
		amd: booleanSetting(node, fields, 'amd', 'Answering Machine Detection', itemIndex),
		wait_for_greeting: booleanSetting(node, fields, 'waitForGreeting', 'Wait for Greeting', itemIndex),
		block_interruptions: booleanSetting(node, fields, 'blockInterruptions', 'Block Interruptions', itemIndex),
		noise_cancellation: booleanSetting(node, fields, 'noiseCancellation', 'Noise Cancellation', itemIndex),
		background_track: optionSetting(
			node,
			fields,
			'backgroundTrack',
			'Background Track',
			['cafe', 'none', 'office', 'restaurant'],
			itemIndex,
		),
		keywords,
		pronunciation_guide: parseJsonField(node, fields.pronunciationGuide, 'Pronunciation Guide (JSON)', itemIndex, 'array'),
		request_data: Object.keys(requestData).length ? requestData : undefined,
		metadata: parseJsonField(node, fields.metadata, 'Metadata (JSON)', itemIndex),
		tools: listOf(fields.tools),
		transfer_phone_number: transferPhoneNumber,
		transfer_list: transferList,
		voicemail_action: voicemailAction,
		voicemail_message: voicemailMessage,
		record: booleanSetting(node, fields, 'record', 'Record', itemIndex),
		max_duration: numberSetting(node, fields, 'maxDuration', 'Max Duration (Minutes)', itemIndex, {
			minValue: 1,
			maxValue: 1440,
			integer: true,
		}),
		start_time: present(fields.startTime)
			? blandStartTime(node, fields.startTime, 'Start Time', itemIndex, timezone ?? options.timeZone)
			: undefined,
		timezone,
		from: optionalCallerId(node, fields.fromNumber, 'From Number', itemIndex),
		webhook,
		webhook_events: webhookEvents,
		summary_prompt: summaryPrompt,
		dispositions: listOf(fields.dispositions),
		analysis_schema: parseJsonField(node, fields.analysisSchema, 'Analysis Schema (JSON)', itemIndex),
	});
	const settings = { ...compact(other), ...own };
	requireAllowedNumbersIn(node, settings, `"${options.where}"`, itemIndex, prefixes, CALLER_ID_KEYS);
	return settings;
}

/** The voice from the resource locator (or a plain string from an expression); empty → undefined. */
export function optionalVoice(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = ctx.getNodeParameter('voice', itemIndex, '', { extractValue: true }) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as IDataObject).value : raw;
	if (value !== undefined && value !== null && typeof value !== 'string') {
		throw fail(ctx.getNode(), itemIndex, `"Voice" must be a voice name or ID (got ${typeof value})`);
	}
	const text = value === undefined || value === null ? '' : value.trim();
	return text === '' ? undefined : text;
}

/**
 * The routing part of a call body: exactly one of task, pathway (with version and start node),
 * persona or agent. `allowed` lists the ways this operation supports.
 */
export function buildRouting(
	this: IExecuteFunctions,
	itemIndex: number,
	allowed: string[] = ['task', 'pathway', 'persona', 'agent'],
): IDataObject {
	const node = this.getNode();
	const callUsing = this.getNodeParameter('callUsing', itemIndex, 'task') as string;
	if (!allowed.includes(callUsing)) {
		throw fail(node, itemIndex, `"Call Using" must be ${allowed.join(', ')} (got ${JSON.stringify(callUsing)})`);
	}
	const routing: IDataObject = {};
	if (callUsing === 'task') {
		routing.task = requireString.call(this, 'task', itemIndex, 'Task');
		return routing;
	}
	// The API takes one way only; a task left over from another setting would be ignored or refused.
	const task = callUsing === 'persona' ? undefined : (this.getNodeParameter('task', itemIndex, '') as unknown);
	if (typeof task === 'string' ? task.trim() !== '' : task !== undefined && task !== null) {
		throw fail(node, itemIndex, `"Task" is ignored by Bland when the call uses ${callUsing === 'agent' ? 'an agent' : 'a pathway'}; clear it`);
	}
	if (callUsing === 'pathway') {
		routing.pathway_id = requireResourceId.call(this, 'pathwayId', itemIndex, 'Pathway');
		const pathwayOptions = this.getNodeParameter('pathwayOptions', itemIndex, {}) as IDataObject;
		if (pathwayOptions.pathwayVersion !== undefined && pathwayOptions.pathwayVersion !== '') {
			routing.pathway_version = checkNumber(node, pathwayOptions.pathwayVersion, 'Pathway Version', itemIndex, {
				minValue: 0,
				integer: true,
			});
		}
		if (pathwayOptions.startNodeId !== undefined && typeof pathwayOptions.startNodeId !== 'string') {
			throw fail(node, itemIndex, `"Start Node ID" must be text (got ${typeof pathwayOptions.startNodeId})`);
		}
		routing.start_node_id = pathwayOptions.startNodeId;
	} else if (callUsing === 'persona') {
		routing.persona_id = requireString.call(this, 'personaId', itemIndex, 'Persona ID');
	} else {
		const agentId = requireString.call(this, 'agentId', itemIndex, 'Agent ID');
		if (!UUID.test(agentId)) throw fail(node, itemIndex, `"Agent ID" must be a UUID (got "${agentId}")`);
		routing.agent_id = agentId;
	}
	return routing;
}

/** Pathway checks already made in this run, so N items calling one pathway cost one GET. */
const checkedPathways = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * With an allow-list, a call that runs a pathway is checked against the pathway itself: its
 * Transfer Call and SMS nodes dial or text numbers of their own (a transfer is a second billed
 * call), and a pathway may have been edited in Bland's own editor, where this node's checks do not
 * run. The version the call will use (`pathway_version`, else the live one, `0` in Bland's docs for
 * GET /v1/pathway/{id}/version/{version_id}) is read and every number in it held to the prefixes.
 * One GET per pathway and version per run; nothing is read without an allow-list.
 */
export async function requireAllowedPathway(
	this: IExecuteFunctions,
	routing: IDataObject,
	allowedPrefixes: string[],
	itemIndex: number,
): Promise<void> {
	if (allowedPrefixes.length === 0 || routing.pathway_id === undefined) return;
	const version = routing.pathway_version === undefined ? 0 : Number(routing.pathway_version);
	const key = `${String(routing.pathway_id)}@${version}`;
	let cache = checkedPathways.get(this);
	if (!cache) {
		cache = new Map();
		checkedPathways.set(this, cache);
	}
	let check = cache.get(key);
	if (!check) {
		check = (async () => {
			const node = this.getNode();
			let graph: IDataObject;
			try {
				graph = await blandRequest.call(this, {
					method: 'GET',
					path: `/v1/pathway/${pathSegment(String(routing.pathway_id))}/version/${pathSegment(version)}`,
					itemIndex,
				});
			} catch (error) {
				throw new NodeOperationError(
					node,
					`The pathway's numbers could not be checked against the allowed destination prefixes: ${(error as Error).message}`,
					{ itemIndex, description: 'No call was placed. With an allow-list set, a pathway call is placed only after its Transfer Call and SMS numbers are checked.' },
				);
			}
			requireAllowedNumbersIn(
				node,
				{ nodes: graph.nodes, edges: graph.edges },
				`Pathway ${String(routing.pathway_id)} (version ${version === 0 ? 'live' : version})`,
				itemIndex,
				allowedPrefixes,
			);
		})();
		cache.set(key, check);
	}
	await check;
}

import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import type { OutputMode } from '../shared/descriptions/common';
import { eventKey } from '../shared/webhook/dedupe';
import { BLAND_CALL_STATUSES, extractedDataOnly, simplifyCall } from './shaping';

/**
 * The four kinds of POST Bland sends to a webhook URL:
 * - `callCompleted`: the post-call webhook, the full call object once the call has ended;
 * - `correctedTranscript`: the second delivery 30–60 s later with `corrected_transcript`;
 * - `liveEvent`: a `webhook_events` message during the call (`call_id`, `message`, `category`,
 *   `log_level`; older deliveries carry `level`);
 * - `batchStatus`: a batch's `status_webhook` update (`batch_id`, `status`).
 */
export type BlandEventKind = 'callCompleted' | 'correctedTranscript' | 'liveEvent' | 'batchStatus';

export const eventOptions: INodePropertyOptions[] = [
	{
		name: 'Batch Status',
		value: 'batchStatus',
		description: "A batch's status webhook: validating, dispatching, in progress, completed, failed…",
	},
	{
		name: 'Call Completed',
		value: 'callCompleted',
		description: 'The post-call webhook: the full call with transcript, summary, analysis and variables',
	},
	{
		name: 'Corrected Transcript',
		value: 'correctedTranscript',
		description:
			'The second post-call delivery, 30–60 seconds later, with the corrected transcript and citations. Leave it out to ignore it.',
	},
	{
		name: 'Live Event',
		value: 'liveEvent',
		description: "Events during the call (queue, call, tool, latency…) sent when the call's webhook_events are set",
	},
];

export const callStatusOptions: INodePropertyOptions[] = BLAND_CALL_STATUSES.map((value) => ({
	name: value
		.split('-')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' '),
	value,
})).sort((a, b) => a.name.localeCompare(b.name));

export const BLAND_BATCH_STATUSES = [
	'validating',
	'dispatching',
	'in_progress',
	'in_progress_chunked',
	'waiting_for_scheduled_calls',
	'completed',
	'failed',
	'completed_partial',
] as const;

export const batchStatusOptions: INodePropertyOptions[] = BLAND_BATCH_STATUSES.map((value) => ({
	name: value
		.split('_')
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' '),
	value,
})).sort((a, b) => a.name.localeCompare(b.name));

const id = z.union([z.string().min(1), z.number()]);
const optionalText = z.string().nullish();
const timestamp = z.union([z.string(), z.number()]).nullish();

/** Each kind's required keys; everything else passes through untouched (lenient). */
export const blandSchemas = {
	callCompleted: z
		.object({
			call_id: id,
			status: optionalText,
			completed: z.boolean().nullish(),
			concatenated_transcript: optionalText,
		})
		.passthrough(),
	correctedTranscript: z
		.object({
			call_id: id,
			corrected_transcript: z.unknown().refine((v) => v !== undefined && v !== null, {
				message: '"corrected_transcript" must not be empty',
			}),
		})
		.passthrough(),
	// Live events come as `{call_id, message, category, log_level}` (Bland's own n8n node documents
	// this shape) or, in older deliveries, with `level`: either is accepted.
	liveEvent: z
		.object({
			call_id: id,
			level: optionalText,
			log_level: optionalText,
			message: z.unknown(),
			category: optionalText,
			timestamp,
		})
		.passthrough(),
	batchStatus: z
		.object({
			batch_id: id,
			status: z.string().min(1),
			message: optionalText,
			timestamp,
		})
		.passthrough(),
} satisfies Record<BlandEventKind, z.ZodTypeAny>;

function has(body: IDataObject, key: string): boolean {
	return body[key] !== undefined && body[key] !== null;
}

/**
 * Which kind of delivery a body is, from the keys each kind carries (Bland sends no event name).
 * `undefined` when it is none of them.
 */
export function classifyBlandPayload(body: IDataObject): BlandEventKind | undefined {
	if (has(body, 'call_id')) {
		if (has(body, 'corrected_transcript')) return 'correctedTranscript';
		const live = typeof body.level === 'string' || typeof body.log_level === 'string' || typeof body.category === 'string';
		if (live && 'message' in body && !has(body, 'concatenated_transcript')) return 'liveEvent';
		if (has(body, 'completed') || has(body, 'concatenated_transcript') || has(body, 'status')) {
			return 'callCompleted';
		}
		return undefined;
	}
	if (has(body, 'batch_id') && typeof body.status === 'string') return 'batchStatus';
	return undefined;
}

function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The key a repeated delivery of the same event has in common with the first one. */
export function blandEventKey(kind: BlandEventKind, body: IDataObject): string {
	switch (kind) {
		case 'liveEvent':
			return eventKey(
				kind,
				text(body.call_id),
				text(body.level ?? body.log_level),
				text(body.category),
				text(body.timestamp),
				text(body.message),
			);
		case 'batchStatus':
			return eventKey(kind, text(body.batch_id), text(body.status), text(body.timestamp));
		default:
			return eventKey(kind, text(body.call_id));
	}
}

const orNull = (value: unknown) => (value === undefined ? null : value);

/** The item a delivery becomes, per output mode. Raw is always the payload as received. */
export function shapeBlandEvent(kind: BlandEventKind, body: IDataObject, mode: OutputMode): IDataObject {
	if (mode === 'raw') return body;
	switch (kind) {
		case 'callCompleted':
			return mode === 'extractedDataOnly'
				? extractedDataOnly(body)
				: { event: kind, ...simplifyCall(body) };
		case 'correctedTranscript':
			return mode === 'extractedDataOnly'
				? extractedDataOnly(body)
				: {
						event: kind,
						callId: orNull(body.call_id),
						status: orNull(body.status),
						correctedTranscript: body.corrected_transcript,
						citations: Array.isArray(body.citations) ? body.citations : [],
					};
		case 'liveEvent':
			return {
				event: kind,
				callId: body.call_id,
				level: orNull(body.level ?? body.log_level),
				category: orNull(body.category),
				message: orNull(body.message),
				timestamp: orNull(body.timestamp),
			};
		case 'batchStatus':
			return {
				event: kind,
				batchId: body.batch_id,
				status: body.status,
				message: orNull(body.message),
				timestamp: orNull(body.timestamp),
				callsTotal: orNull(body.calls_total ?? body.total_calls),
				callsSuccessful: orNull(body.calls_successful),
				callsFailed: orNull(body.calls_failed),
				code: orNull(body.code),
				reason: orNull(body.reason),
			};
	}
}

/** Categories of live events Bland sends during a call (its webhook_events setting). */
export const liveEventCategoryOptions = ['call', 'citations', 'dynamic_data', 'latency', 'queue', 'tool', 'webhook'].map(
	(value) => ({ name: value === 'dynamic_data' ? 'Dynamic Data' : value[0].toUpperCase() + value.slice(1), value }),
);

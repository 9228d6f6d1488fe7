import type { IDataObject } from 'n8n-workflow';

import type { OutputMode } from '../shared/descriptions/common';
import { asNumber as num, asObject as obj } from '../shared/values';

/** Call statuses Bland reports on a finished call. */
export const BLAND_CALL_STATUSES = ['completed', 'failed', 'busy', 'no-answer', 'canceled', 'unknown'] as const;

/** Whether the call object describes a finished call (post-call webhook or a finished GET). */
export function isCallFinished(call: IDataObject): boolean {
	return call.completed === true || call.queue_status === 'complete' || call.queue_status === 'error'
		|| ['completed', 'failed', 'busy', 'no-answer', 'canceled'].includes(String(call.status ?? ''));
}

/**
 * The fields a workflow usually needs from a Bland call, with units made explicit:
 * `call_length` is minutes, `corrected_duration` seconds (as a string), `price` USD.
 */
export function simplifyCall(call: IDataObject): IDataObject {
	const minutes = num(call.call_length);
	const corrected = num(call.corrected_duration);
	return {
		callId: call.call_id ?? call.c_id ?? null,
		batchId: call.batch_id ?? null,
		pathwayId: call.pathway_id ?? null,
		status: call.status ?? null,
		queueStatus: call.queue_status ?? null,
		completed: call.completed ?? null,
		to: call.to ?? null,
		from: call.from ?? null,
		inbound: call.inbound ?? null,
		answeredBy: call.answered_by ?? null,
		durationSeconds: corrected ?? (minutes === null ? null : Math.round(minutes * 60)),
		callLengthMinutes: minutes,
		priceUsd: num(call.price),
		endedBy: call.call_ended_by ?? null,
		errorMessage: call.error_message ?? null,
		summary: call.summary ?? null,
		transcript: call.concatenated_transcript ?? null,
		recordingUrl: call.recording_url ?? null,
		dispositionTag: call.disposition_tag ?? null,
		analysis: call.analysis ?? null,
		variables: obj(call.variables),
		metadata: obj(call.metadata),
		createdAt: call.created_at ?? null,
		endedAt: call.end_at ?? null,
	};
}

/**
 * The call's extracted results as the item: `analysis` fields and `variables`, plus the
 * disposition, call id and status. Analysis keys win over variables of the same name.
 */
export function extractedDataOnly(call: IDataObject): IDataObject {
	return {
		...obj(call.variables),
		...obj(call.analysis),
		dispositionTag: call.disposition_tag ?? null,
		callId: call.call_id ?? call.c_id ?? null,
		status: call.status ?? null,
	};
}

export function shapeCall(call: IDataObject, mode: OutputMode): IDataObject {
	if (mode === 'raw') return call;
	if (mode === 'extractedDataOnly') return extractedDataOnly(call);
	return simplifyCall(call);
}

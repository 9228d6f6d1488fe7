import type { IDataObject } from 'n8n-workflow';

import type { OutputMode } from '../shared/descriptions/common';
import { asNumber as num, asObject as obj } from '../shared/values';

/** Every status Bolna reports, in lifecycle order, then the terminal alternatives. */
export const BOLNA_STATUSES = [
	'scheduled',
	'queued',
	'rescheduled',
	'initiated',
	'ringing',
	'in-progress',
	'call-disconnected',
	'completed',
	'balance-low',
	'busy',
	'no-answer',
	'canceled',
	'failed',
	'stopped',
	'error',
] as const;

/** Statuses after which nothing more will happen to the execution. */
export const BOLNA_TERMINAL_STATUSES = new Set<string>([
	'completed',
	'balance-low',
	'busy',
	'no-answer',
	'canceled',
	'failed',
	'stopped',
	'error',
]);

/** Execution id as a string: the docs show an integer id, the API a uuid. */
export function executionIdOf(execution: IDataObject): string {
	const id = execution.id ?? execution.execution_id;
	return id === undefined || id === null ? '' : String(id);
}

/**
 * The fields a workflow usually needs from a Bolna execution, with units made explicit:
 * Bolna reports cost in cents and `telephony_data.duration` as a string of seconds.
 */
export function simplifyExecution(execution: IDataObject): IDataObject {
	const telephony = obj(execution.telephony_data);
	const context = obj(execution.context_details);
	const totalCostCents = num(execution.total_cost);
	return {
		executionId: executionIdOf(execution),
		agentId: execution.agent_id ?? null,
		batchId: execution.batch_id ?? null,
		status: execution.status ?? null,
		errorMessage: execution.error_message ?? null,
		toNumber: telephony.to_number ?? context.recipient_phone_number ?? null,
		fromNumber: telephony.from_number ?? null,
		callType: telephony.call_type ?? null,
		durationSeconds: num(telephony.duration) ?? num(execution.conversation_duration ?? execution.conversation_time),
		conversationDurationSeconds: num(execution.conversation_duration ?? execution.conversation_time),
		totalCostCents,
		totalCostUsd: totalCostCents === null ? null : Math.round(totalCostCents) / 100,
		answeredByVoiceMail: execution.answered_by_voice_mail ?? null,
		hangupBy: telephony.hangup_by ?? null,
		hangupReason: telephony.hangup_reason ?? null,
		transcript: execution.transcript ?? null,
		summary: execution.summary ?? null,
		recordingUrl: telephony.recording_url ?? null,
		extractedData: obj(execution.extracted_data),
		createdAt: execution.created_at ?? null,
		updatedAt: execution.updated_at ?? null,
	};
}

/**
 * `extracted_data` as the item itself, plus what identifies it. Extracted data exists only once
 * the execution is `completed`; earlier it is an empty object.
 */
export function extractedDataOnly(execution: IDataObject): IDataObject {
	return {
		...obj(execution.extracted_data),
		executionId: executionIdOf(execution),
		status: execution.status ?? null,
		agentId: execution.agent_id ?? null,
	};
}

export function shapeExecution(execution: IDataObject, mode: OutputMode): IDataObject {
	if (mode === 'raw') return execution;
	if (mode === 'extractedDataOnly') return extractedDataOnly(execution);
	return simplifyExecution(execution);
}

const MASK = '***';
const HARMLESS_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);

/** A URL with the value of its `token` query parameter (the Bolna Trigger's secret) masked. */
function maskTokenInUrl(url: string): string {
	return url.replace(/([?&]token=)[^&#]*/gi, `$1${MASK}`);
}

/**
 * Walks an agent and calls `onSecret` for every secret in it: tool `api_token`s, tool header
 * values (other than format headers) and the trigger token in `webhook_url`. Returns the agent
 * with those values replaced by what `onSecret` returns.
 */
function mapAgentSecrets(value: unknown, onSecret: (secret: string) => string, key = ''): unknown {
	if (typeof value === 'string') {
		if (key === 'api_token' && value !== '') return onSecret(value);
		if (key === 'webhook_url') {
			const token = /[?&]token=([^&#]*)/i.exec(value)?.[1];
			if (token) onSecret(decodeURIComponent(token));
			return token ? maskTokenInUrl(value) : value;
		}
		return value;
	}
	if (Array.isArray(value)) return value.map((v) => mapAgentSecrets(v, onSecret, key));
	if (!value || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(value as IDataObject)) {
		if (k === 'headers' && v && typeof v === 'object' && !Array.isArray(v)) {
			out[k] = Object.fromEntries(
				Object.entries(v as IDataObject).map(([h, hv]) => [
					h,
					typeof hv === 'string' && !HARMLESS_HEADERS.has(h.toLowerCase()) && hv !== '' ? onSecret(hv) : hv,
				]),
			);
		} else {
			out[k] = mapAgentSecrets(v, onSecret, k) as IDataObject[string];
		}
	}
	return out;
}

/** The agent as output: tool API tokens, tool header values and the trigger's token masked. */
export function redactAgent(agent: IDataObject): IDataObject {
	return mapAgentSecrets(agent, () => MASK) as IDataObject;
}

/** The secret values inside an agent, to keep them out of error messages. */
export function agentSecrets(agent: IDataObject): string[] {
	const secrets: string[] = [];
	mapAgentSecrets(agent, (secret) => {
		secrets.push(secret);
		return MASK;
	});
	return secrets;
}

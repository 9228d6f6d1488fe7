import type { INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { BOLNA_STATUSES } from './shaping';

export type BolnaStatus = (typeof BOLNA_STATUSES)[number];

/** What each status means to a workflow; shown in the trigger's status picker. */
const STATUS_DESCRIPTIONS: Record<BolnaStatus, { name: string; description: string }> = {
	scheduled: { name: 'Scheduled', description: 'The call is scheduled for later' },
	queued: { name: 'Queued', description: 'Bolna received the call and queued it' },
	rescheduled: { name: 'Rescheduled', description: 'The call was moved to a later time' },
	initiated: { name: 'Initiated', description: "The call was placed from Bolna's servers" },
	ringing: { name: 'Ringing', description: 'The phone is ringing' },
	'in-progress': { name: 'In Progress', description: 'The call was answered and is in progress' },
	'call-disconnected': {
		name: 'Call Disconnected',
		description:
			'The call just ended. Duration, cost, recording URL and extracted data are still empty here: use Completed for call results.',
	},
	completed: {
		name: 'Completed',
		description:
			'Post-processing finished (about 2–3 minutes after hang-up). The only event where transcript, cost, recording and extracted data are filled in.',
	},
	'balance-low': { name: 'Balance Low', description: 'The call was not placed: the Bolna balance is too low' },
	busy: { name: 'Busy', description: 'The callee was busy' },
	'no-answer': { name: 'No Answer', description: 'The phone rang but nobody answered' },
	canceled: { name: 'Canceled', description: 'The call was canceled' },
	failed: { name: 'Failed', description: 'The call failed' },
	stopped: {
		name: 'Stopped',
		description: 'The call was stopped by the user or the telephony provider did not respond',
	},
	error: { name: 'Error', description: 'An error occurred while placing the call' },
};

/** Status picker options, sorted by name. */
export const statusOptions: INodePropertyOptions[] = BOLNA_STATUSES.map((value) => ({
	name: STATUS_DESCRIPTIONS[value].name,
	value,
	description: STATUS_DESCRIPTIONS[value].description,
})).sort((a, b) => a.name.localeCompare(b.name));

/** Default selection: the final result plus every way a call can end without one. */
export const DEFAULT_STATUSES: BolnaStatus[] = [
	'balance-low',
	'busy',
	'canceled',
	'completed',
	'error',
	'failed',
	'no-answer',
	'stopped',
];

const idSchema = z.union([z.string().min(1), z.number()]);

/**
 * A Bolna execution as POSTed to the agent's webhook URL on every status change. Lenient: only
 * what the trigger relies on is checked and every other key passes through untouched.
 */
export const bolnaWebhookSchema = z
	.object({
		id: idSchema.nullish(),
		execution_id: idSchema.nullish(),
		status: z.string({
			required_error: '"status" is required',
			invalid_type_error: '"status" must be a string',
		}).min(1, '"status" must not be empty'),
	})
	.passthrough()
	.refine((v) => (v.id ?? v.execution_id ?? null) !== null, {
		message: '"id" (or "execution_id") is required',
		path: ['id'],
	});

export type BolnaWebhookPayload = z.infer<typeof bolnaWebhookSchema>;

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { buildMultipart } from '../../../shared/transport/multipart';
import { pathSegment } from '../../../shared/transport/request';
import { requireString } from '../../../shared/validation/params';
import { toOffsetIso } from '../../../shared/validation/time';
import { batchIdField } from '../../descriptions/fields';
import { NodeOperationError } from 'n8n-workflow';

import { bolnaCallGuard } from '../../guard';
import { allowedPrefixesOf } from '../../../shared/validation/destinations';
import { bolnaAllowedPrefixes, bolnaRequest } from '../../transport';
import type { BolnaBatchState } from '../../types';
import { formField } from './form';

/** Scheduled At + Bypass Call Guardrails, shared with Create Batch's "Schedule" option. */
export const scheduleFields: INodeProperties[] = [
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		required: true,
		default: '',
		placeholder: 'e.g. 2026-05-19T18:30:00+05:30',
		description:
			'When the batch starts dialling. A time without a zone (as the date picker gives) is read in the workflow\'s time zone; it is sent with a numeric offset. Bolna needs at least 2 minutes of lead time and rounds up to the next 10-minute mark.',
	},
	{
		displayName: 'Bypass Call Guardrails',
		name: 'bypassCallGuardrails',
		type: 'boolean',
		default: false,
		description:
			"Whether to call even outside the agent's calling hours (otherwise Bolna reschedules those calls)",
	},
];

const properties: INodeProperties[] = [
	{
		displayName:
			'Scheduling makes Bolna dial every contact of the batch. Calls are billed to your Bolna account.',
		name: 'scheduleBatchNotice',
		type: 'notice',
		default: '',
	},
	batchIdField,
	...scheduleFields,
];

export const description = forOperation('batch', 'schedule', properties);

/** Reads and validates Scheduled At (numeric offset, never `Z`) before any request. */
export function readSchedule(
	this: IExecuteFunctions,
	itemIndex: number,
): { scheduledAt: string; bypassCallGuardrails: boolean } {
	return {
		scheduledAt: toOffsetIso(
			this.getNode(),
			this.getNodeParameter('scheduledAt', itemIndex, ''),
			'Scheduled At',
			itemIndex,
			this.getTimezone(),
		),
		bypassCallGuardrails: this.getNodeParameter('bypassCallGuardrails', itemIndex, false) === true,
	};
}

/** POST /batches/{id}/schedule (multipart). Sent once: scheduling makes the batch dial. */
export async function scheduleBatch(
	this: IExecuteFunctions,
	batchId: string,
	schedule: { scheduledAt: string; bypassCallGuardrails: boolean },
	itemIndex: number,
): Promise<BolnaBatchState> {
	const multipart = buildMultipart([
		formField('scheduled_at', schedule.scheduledAt),
		formField('bypass_call_guardrails', String(schedule.bypassCallGuardrails)),
	]);
	return (await bolnaRequest.call(this, {
		method: 'POST',
		path: `/batches/${pathSegment(batchId)}/schedule`,
		body: multipart.body,
		headers: { 'Content-Type': multipart.contentType },
		retry: 'once',
		itemIndex,
	})) as BolnaBatchState;
}

/** Places calls: n8n's Retry On Fail is refused for it (see the router). */
export const placesCalls = true;

/**
 * With an allow-list, a batch this node did not create cannot be scheduled: Bolna's API does not
 * return a batch's contacts (GET /batches/{id} has only counts), so nothing could check whom it
 * would dial. Create Batch with "Schedule" on checks every contact and schedules in one step.
 */
async function refuseUncheckedBatch(this: IExecuteFunctions, batchId: string, itemIndex: number): Promise<void> {
	const rules = await bolnaAllowedPrefixes.call(this);
	const allowed = allowedPrefixesOf(rules);
	const guarded = (await bolnaCallGuard.call(this)).active;
	const limits = [
		...(allowed.length ? [`limits destinations to ${allowed.join(', ')}`] : []),
		...(rules.length > allowed.length ? ['has a do-not-call list'] : []),
		...(guarded ? ['sets Call Guard rules (calling hours, cooldown or daily cap)'] : []),
	];
	if (limits.length === 0) return;
	throw new NodeOperationError(
		this.getNode(),
		`Batch ${batchId} cannot be scheduled: the credential ${limits.join(' and ')}, and this node cannot check whom a batch it did not create would dial`,
		{
			itemIndex,
			description:
				'No request was sent. Bolna does not return a batch\'s contacts, so they cannot be held against the credential\'s rules. Create the batch with Batch → Create Batch and turn "Schedule" on: every contact is checked before the upload and the batch is scheduled in the same step. To schedule batches made elsewhere, use a credential without these rules.',
		},
	);
}

/** Every item is checked before any batch is scheduled (a scheduled batch starts dialling). */
export async function validate(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	readSchedule.call(this, itemIndex);
	await refuseUncheckedBatch.call(this, batchId, itemIndex);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const batchId = requireString.call(this, 'batchId', itemIndex, 'Batch ID');
	const schedule = readSchedule.call(this, itemIndex);
	await refuseUncheckedBatch.call(this, batchId, itemIndex);
	const response = await scheduleBatch.call(this, batchId, schedule, itemIndex);
	return {
		batchId,
		state: response.state ?? null,
		message: response.message ?? null,
		scheduledAt: schedule.scheduledAt,
		bypassCallGuardrails: schedule.bypassCallGuardrails,
	};
}

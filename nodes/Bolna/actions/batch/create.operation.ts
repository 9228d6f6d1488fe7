import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { streamMultipart, type StreamedPart } from '../../../shared/transport/multipart';
import { parseJsonField } from '../../../shared/validation/json';
import { requireResourceId } from '../../../shared/validation/params';
import { offsetIso, sendGuarded } from '../../../shared/guard/call';
import type { CallGuard } from '../../../shared/guard/guard';
import { batchWindow, guardRows } from '../../../shared/guard/rows';
import { optionalCallerId } from '../../../shared/validation/phone';
import { bolnaCallGuard } from '../../guard';
import type { ContactPlan } from '../../csv';
import {
	CONTACT_COLUMN,
	csvByteLength,
	csvChunks,
	CsvFormatError,
	describeRejected,
	planFromCsv,
	planFromItems,
} from '../../csv';
import { agentLocator } from '../../descriptions/fields';
import { bolnaAllowedPrefixes, bolnaRequest } from '../../transport';
import type { BolnaBatchCreated, BolnaBatchState } from '../../types';
import { formField } from './form';
import { readSchedule, scheduleBatch, scheduleFields } from './schedule.operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'A scheduled batch dials every contact for real, and each call is billed to your Bolna account. All input items become ONE batch. Numbers outside the credential\'s allowed destination prefixes are refused before anything is sent.',
		name: 'createBatchNotice',
		type: 'notice',
		default: '',
	},
	agentLocator,
	{
		displayName: 'Contacts From',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		default: 'items',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'One input item is one contact; its other fields become CSV columns ({variables})',
			},
			{
				name: 'CSV File (Binary)',
				value: 'binaryCsv',
				description: `A CSV file in the first input item, with a "${CONTACT_COLUMN}" column`,
			},
		],
	},
	{
		displayName: 'Phone Number Field',
		name: 'phoneNumberField',
		type: 'string',
		required: true,
		default: 'phone',
		placeholder: 'e.g. phone or customer.phone',
		description:
			'Name of the item field that holds the phone number (E.164). Every other top-level field becomes a column the agent can use as a {variable}; nested values are sent as JSON.',
		displayOptions: { show: { inputMode: ['items'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: `Name of the binary property of the first input item that holds the CSV file (UTF-8, header row with "${CONTACT_COLUMN}")`,
		displayOptions: { show: { inputMode: ['binaryCsv'] } },
	},
	{
		displayName: 'Invalid Rows',
		name: 'invalidRows',
		type: 'options',
		default: 'fail',
		description:
			'What to do with contacts whose number is not E.164, is outside the allowed prefixes, or is a duplicate',
		options: [
			{
				name: 'Stop With an Error',
				value: 'fail',
				description: 'Stop with an error listing every invalid row; no batch is created',
			},
			{
				name: 'Skip and Report',
				value: 'skip',
				description: 'Create the batch with the valid rows and list the skipped ones in the output (skippedRows)',
			},
		],
	},
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'boolean',
		default: false,
		description:
			'Whether to schedule the batch right after creating it. A batch that is only created does not dial anyone until it is scheduled.',
	},
	...scheduleFields.map((field) => ({
		...field,
		displayOptions: { show: { schedule: [true] } },
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: 'contacts.csv',
				description: 'Name of the uploaded CSV file, as shown in the Bolna dashboard',
			},
			{
				displayName: 'From Phone Numbers',
				name: 'fromPhoneNumbers',
				type: 'string',
				default: '',
				placeholder: '+14155550100, +14155550101',
				description:
					'Comma-separated caller IDs (your Bolna numbers, E.164) the batch calls from. Empty uses the agent default.',
			},
			{
				displayName: 'Retry Config (JSON)',
				name: 'retryConfig',
				type: 'json',
				default: '',
				description: 'Automatic redial settings for the batch (Bolna retry_config). Empty: no redial.',
				hint: 'Example: {"enabled": true, "max_retries": 2, "retry_intervals_minutes": [15, 30]}',
			},
		],
	},
];

export const description = forOperation('batch', 'create', properties);

/** Reads the contacts of the whole input; rows are checked, nothing is sent. */
async function readContacts(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	prefixes: string[],
): Promise<ContactPlan> {
	const node = this.getNode();
	const mode = this.getNodeParameter('inputMode', 0, 'items') as string;
	if (mode === 'binaryCsv') {
		const property = String(this.getNodeParameter('binaryPropertyName', 0, 'data')).trim();
		this.helpers.assertBinaryData(0, property);
		const buffer = await this.helpers.getBinaryDataBuffer(0, property);
		try {
			return planFromCsv(buffer.toString('utf8'), prefixes);
		} catch (error) {
			if (error instanceof CsvFormatError) {
				throw new NodeOperationError(
					node,
					`The CSV file in "Input Binary Field" (${property}) ${error.message}`,
					{ itemIndex: 0, description: 'No request was sent.' },
				);
			}
			throw new NodeOperationError(node, error as Error, { itemIndex: 0 });
		}
	}
	const field = String(this.getNodeParameter('phoneNumberField', 0, 'phone')).trim();
	if (field === '') {
		throw new NodeOperationError(node, '"Phone Number Field" is required', { itemIndex: 0 });
	}
	return planFromItems(
		items.map((item) => item.json),
		field,
		prefixes,
	);
}

function callerIds(this: IExecuteFunctions, value: unknown): string[] {
	// Comma-separated text, or a list from an expression.
	const text = Array.isArray(value) ? value.join(',') : value;
	if (typeof text !== 'string' || text.trim() === '') return [];
	return text
		.split(/[,;\n]/)
		.map((n) => n.trim())
		.filter((n) => n !== '')
		.map((n) => optionalCallerId(this.getNode(), n, 'From Phone Numbers', 0) as string);
}

/** Rounds up to Bolna's 10-minute schedule marks. */
const TEN_MINUTES = 10 * 60 * 1000;
const toScheduleMark = (ms: number) => Math.ceil(ms / TEN_MINUTES) * TEN_MINUTES;

/**
 * The credential's Call Guard on a batch that is scheduled in this step: each row counts as a
 * call for the cooldown and the daily cap (refused rows join the invalid rows), and the whole
 * batch starts inside the calling hours of every zone its numbers ring in — refused, or moved to
 * the next opening with "defer". A batch that is only created dials nobody, so it is not held to
 * these rules here (and Batch → Schedule refuses to schedule it while the rules are set).
 */
async function guardContacts(
	this: IExecuteFunctions,
	guard: CallGuard,
	plan: ContactPlan,
	schedule: { scheduledAt: string } | undefined,
): Promise<{ contacts: ContactPlan; phones: string[]; note?: IDataObject }> {
	if (!guard.active) return { contacts: plan, phones: [] };
	if (!schedule) {
		return {
			contacts: plan,
			phones: [],
			note: { reason: 'not scheduled: the batch dials nobody until it is scheduled, so the calling hours, cooldown and cap were not applied', deferredTo: null },
		};
	}
	const phones = [...plan.rows()].map((cells) => cells[0]);
	const verdicts = await guardRows(guard, phones);
	const rejected = [...plan.rejected];
	const keep: boolean[] = phones.map((phone, index) => {
		const reason = verdicts.refused.get(index);
		if (reason === undefined) return true;
		rejected.push({ ...sourceOf(this, plan.source(index)), value: phone, reason });
		return false;
	});
	const keptPhones = phones.filter((_, index) => keep[index]);
	const keptSources = Int32Array.from(keep.flatMap((kept, index) => (kept ? [plan.source(index)] : [])));
	const requested = Math.max(Date.parse(schedule.scheduledAt), Date.now());
	const window = batchWindow(guard, keptPhones, requested, toScheduleMark);
	if (!window.ok) {
		throw new NodeOperationError(this.getNode(), `The batch was not created: ${window.reason}`, {
			itemIndex: 0,
			description: 'No request was sent. The credential\'s Call Guard ("Calling Hours") refused the batch.',
		});
	}
	// Moved further than Bolna's own rounding would move it: scheduled for the next opening.
	const deferred = window.startAt > toScheduleMark(requested);
	if (deferred) schedule.scheduledAt = offsetIso(window.startAt);
	return {
		contacts: {
			columns: plan.columns,
			count: keptSources.length,
			source: (k) => keptSources[k],
			rejected,
			rows: function* () {
				let index = 0;
				for (const row of plan.rows()) if (keep[index++]) yield row;
			},
		},
		phones: keptPhones,
		note: {
			reason: window.reason,
			deferredTo: deferred ? new Date(window.startAt).toISOString() : null,
			zones: window.zones,
			refusedRows: verdicts.refused.size,
		},
	};
}

/** Where a row came from, as the rejected rows say it (item index or CSV row). */
function sourceOf(ctx: IExecuteFunctions, source: number): { itemIndex?: number; row?: number } {
	const mode = ctx.getNodeParameter('inputMode', 0, 'items') as string;
	return mode === 'binaryCsv' ? { row: source } : { itemIndex: source };
}

/**
 * N input items → one CSV → one POST /batches (never retried once sent), then optionally one
 * schedule request. Everything is validated before the first request.
 */
/** Places calls: n8n's Retry On Fail is refused for it (see the router). */
export const placesCalls = true;

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const agentId = requireResourceId.call(this, 'agentId', 0, 'Agent');
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const fromPhoneNumbers = callerIds.call(this, options.fromPhoneNumbers);
	const retryConfig = parseJsonField(node, options.retryConfig, 'Retry Config (JSON)', 0);
	const fileName = typeof options.fileName === 'string' && options.fileName.trim() !== ''
		? options.fileName.trim()
		: 'contacts.csv';
	const schedule = this.getNodeParameter('schedule', 0, false) === true
		? readSchedule.call(this, 0)
		: undefined;

	const prefixes = await bolnaAllowedPrefixes.call(this);
	const guard = await bolnaCallGuard.call(this);
	const guarded = await guardContacts.call(this, guard, await readContacts.call(this, items, prefixes), schedule);
	const contacts = guarded.contacts;
	const invalidRows = this.getNodeParameter('invalidRows', 0, 'fail') as string;
	if (contacts.rejected.length > 0 && invalidRows !== 'skip') {
		const n = contacts.rejected.length;
		throw new NodeOperationError(
			node,
			`${n} contact${n === 1 ? '' : 's'} cannot be called, so no batch was created:\n${describeRejected(contacts.rejected)}`,
			{
				itemIndex: contacts.rejected[0].itemIndex ?? 0,
				description:
					'No request was sent. Fix the numbers (E.164, e.g. +14155550123, inside the allowed prefixes, no duplicates) or set "Invalid Rows" to "Skip and Report".',
			},
		);
	}
	if (contacts.count === 0) {
		throw new NodeOperationError(node, 'There are no valid contacts, so no batch was created', {
			itemIndex: 0,
			description: contacts.rejected.length
				? `No request was sent. Every row was invalid:\n${describeRejected(contacts.rejected)}`
				: 'No request was sent. The input has no contacts.',
		});
	}

	// The CSV is written twice and kept neither time: once for its exact size (Content-Length),
	// once to the socket, in chunks.
	const csv = { length: csvByteLength(contacts), chunks: () => csvChunks(contacts) };
	const parts: StreamedPart[] = [
		formField('agent_id', agentId),
		formField('file', csv, { filename: fileName, contentType: 'text/csv' }),
		...fromPhoneNumbers.map((number) => formField('from_phone_numbers', number)),
	];
	if (retryConfig) parts.push(formField('retry_config', JSON.stringify(retryConfig)));
	const multipart = streamMultipart(parts);

	// Sent once: after a 5xx or a dropped connection the batch may exist already.
	const created = (await sendGuarded.call(
		this,
		guard,
		schedule ? guarded.phones : [],
		guarded.phones.map((_, index) => index),
		async () =>
			await bolnaRequest.call(this, {
				method: 'POST',
				path: '/batches',
				body: multipart.body,
				headers: { 'Content-Type': multipart.contentType, 'Content-Length': multipart.length },
				retry: 'once',
				itemIndex: 0,
			}),
		(answer) => answer.batch_id,
		'Contacts',
	)) as BolnaBatchCreated;
	const batchId = String(created.batch_id ?? '');

	let scheduled: BolnaBatchState | undefined;
	if (schedule) {
		if (batchId === '') {
			throw new NodeOperationError(node, 'Bolna created the batch but returned no batch_id, so it was not scheduled', {
				itemIndex: 0,
				description: 'Find the batch in the Bolna dashboard (or with Get Many Batches) and schedule it there.',
			});
		}
		try {
			scheduled = await scheduleBatch.call(this, batchId, schedule, 0);
		} catch (error) {
			throw new NodeOperationError(
				node,
				`Batch ${batchId} was created, but scheduling it failed: ${(error as Error).message}`,
				{
					itemIndex: 0,
					description:
						'Do not run Create Batch again: it would upload the contacts a second time. Schedule this batch with the Batch → Schedule operation.',
				},
			);
		}
	}

	const json: IDataObject = {
		batchId: batchId || null,
		state: scheduled?.state ?? created.state ?? null,
		agentId,
		contactCount: contacts.count,
		skippedRows: contacts.rejected as unknown as IDataObject[],
		...(guarded.note ? { guard: guarded.note } : {}),
		schedule: schedule
			? {
					scheduledAt: schedule.scheduledAt,
					bypassCallGuardrails: schedule.bypassCallGuardrails,
					state: scheduled?.state ?? null,
					message: scheduled?.message ?? null,
				}
			: null,
	};
	return [{ json, pairedItem: items.map((_, item) => ({ item })) }];
}

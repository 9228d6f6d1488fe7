import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { redactSecrets, secretsOf } from '../../../shared/transport/redact';
import { extractApiMessage } from '../../../shared/transport/request';
import { compact, requireString } from '../../../shared/validation/params';
import { blandTime, fromBlandTime, sendGuarded } from '../../../shared/guard/call';
import type { CallGuard } from '../../../shared/guard/guard';
import { guardRows } from '../../../shared/guard/rows';
import { destinationProblem } from '../../../shared/validation/destinations';
import { checkPhone } from '../../../shared/validation/phone';
import { blandCallGuard } from '../../guard';
import { parseCsv } from '../../csv';
import { findPhoneNumbers, requireAllowedNumbersIn } from '../../../shared/request/numbers';
import { buildCallSettings, buildRouting, CALLER_ID_KEYS, optionalVoice, requireAllowedPathway, requireHttpsUrl } from '../../callBody';
import { callSettingOptions } from '../../descriptions/callSettings';
import { callUsingField, pathwayLocator, pathwayOptionsField, taskField, voiceLocator } from '../../descriptions/fields';
import { BLAND, blandAllowedPrefixes, blandRequest, unwrapData } from '../../transport';

export const BATCH_DESCRIPTION_MAX = 60;
/** Column Bland's own batch CSVs use for the number. */
export const CSV_PHONE_COLUMN = 'phone_number';
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const properties: INodeProperties[] = [
	{
		displayName:
			"Creating a batch dials every contact and is billed to your Bland account. All rows are checked (E.164, the credential's allowed prefixes, duplicates) before anything is sent, and the whole input goes out in one request.",
		name: 'createBatchNotice',
		type: 'notice',
		default: '',
	},
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
				description: 'One call per input item; the other fields of the item become call variables',
			},
			{
				name: 'CSV File (Binary)',
				value: 'binaryCsv',
				description: `A CSV file with a "${CSV_PHONE_COLUMN}" column; the other columns become call variables`,
			},
		],
	},
	{
		displayName: 'Phone Number Field',
		name: 'phoneNumberField',
		type: 'string',
		required: true,
		default: 'phone',
		description: 'Name of the item field holding the number to call (E.164)',
		displayOptions: { show: { inputMode: ['items'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'Name of the binary field holding the CSV file (every input item that has it is read)',
		displayOptions: { show: { inputMode: ['binaryCsv'] } },
	},
	{
		...callUsingField,
		options: (callUsingField.options ?? []).filter((o) => 'value' in o && o.value !== 'persona' && o.value !== 'agent'),
	},
	taskField,
	{ ...pathwayLocator, displayOptions: { show: { callUsing: ['pathway'] } } },
	pathwayOptionsField,
	voiceLocator,
	{
		displayName: 'Batch Description',
		name: 'batchDescription',
		type: 'string',
		default: '',
		placeholder: 'Spring renewal campaign',
		description: `Label of the batch in Bland (at most ${BATCH_DESCRIPTION_MAX} characters)`,
	},
	{
		displayName: 'Status Webhook URL',
		name: 'statusWebhook',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/bland-batch',
		description: 'Bland POSTs the batch status (validating, in progress, completed…) here; https only',
	},
	{
		displayName: 'Invalid Rows',
		name: 'invalidRows',
		type: 'options',
		default: 'fail',
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
		displayName: 'Global Settings',
		name: 'globalSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Settings shared by every call of the batch',
		options: callSettingOptions,
	},
];

export const description = forOperation('batch', 'create', properties);

interface Row {
	label: string;
	rawPhone: unknown;
	variables: IDataObject;
}

interface SkippedRow extends IDataObject {
	row: string;
	phoneNumber: string;
	reason: string;
}

async function rowsFromInput(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<Row[]> {
	const node = this.getNode();
	const mode = this.getNodeParameter('inputMode', 0, 'items') as string;
	const rows: Row[] = [];
	if (mode === 'binaryCsv') {
		const property = requireString.call(this, 'binaryPropertyName', 0, 'Input Binary Field');
		for (let i = 0; i < items.length; i++) {
			if (!items[i].binary?.[property]) continue;
			const buffer = await this.helpers.getBinaryDataBuffer(i, property);
			let parsed: ReturnType<typeof parseCsv>;
			try {
				parsed = parseCsv(buffer.toString('utf8'));
			} catch (error) {
				throw new NodeOperationError(node, `The CSV in item ${i} is not valid: ${(error as Error).message}`, {
					itemIndex: i,
				});
			}
			if (!parsed.headers.includes(CSV_PHONE_COLUMN)) {
				throw new NodeOperationError(
					node,
					`The CSV in item ${i} has no "${CSV_PHONE_COLUMN}" column (columns: ${parsed.headers.join(', ') || 'none'})`,
					{ itemIndex: i },
				);
			}
			for (const record of parsed.records) {
				const variables: IDataObject = {};
				for (const [key, value] of Object.entries(record.values)) {
					if (key !== CSV_PHONE_COLUMN && !UNSAFE_KEYS.has(key)) variables[key] = value;
				}
				rows.push({ label: `item ${i} line ${record.line}`, rawPhone: record.values[CSV_PHONE_COLUMN], variables });
			}
		}
		if (rows.length === 0) {
			throw new NodeOperationError(node, `No input item has a CSV with rows in the binary field "${property}"`);
		}
		return rows;
	}

	const field = requireString.call(this, 'phoneNumberField', 0, 'Phone Number Field');
	items.forEach((item, i) => {
		const variables: IDataObject = {};
		for (const [key, value] of Object.entries(item.json)) {
			if (key !== field && !UNSAFE_KEYS.has(key)) variables[key] = value;
		}
		rows.push({ label: `item ${i}`, rawPhone: item.json[field], variables });
	});
	return rows;
}

/** Checks every row (E.164, allow-list, duplicates) and returns the call objects and the refused rows. */
function checkRows(rows: Row[], prefixes: string[]): { callObjects: IDataObject[]; labels: string[]; invalid: SkippedRow[] } {
	const seen = new Map<string, string>();
	const callObjects: IDataObject[] = [];
	const labels: string[] = [];
	const invalid: SkippedRow[] = [];
	for (const row of rows) {
		const shown = row.rawPhone === undefined || row.rawPhone === null ? '' : String(row.rawPhone);
		const checked = checkPhone(row.rawPhone);
		const phone = 'phone' in checked ? checked.phone : '';
		let reason: string | undefined;
		if ('problem' in checked) reason = shown.trim() === '' ? 'no phone number' : checked.problem === 'not in E.164 format' ? 'not an E.164 phone number' : checked.problem;
		else if (destinationProblem(phone, prefixes)) reason = destinationProblem(phone, prefixes);
		else if (seen.has(phone)) reason = `duplicate of ${seen.get(phone)}`;
		else {
			// The row's variables reach the call too ({{backup}} in a transfer): every number in them is held to the prefixes.
			for (const found of findPhoneNumbers(row.variables)) {
				const refused = destinationProblem(found.phone, prefixes);
				if (refused) {
					reason = `field "${found.path}" holds ${found.phone}, ${refused}`;
					break;
				}
			}
		}
		if (reason) {
			invalid.push({ row: row.label, phoneNumber: shown, reason });
			continue;
		}
		seen.set(phone, row.label);
		labels.push(row.label);
		callObjects.push(
			compact({
				phone_number: phone,
				request_data: Object.keys(row.variables).length ? row.variables : undefined,
			}),
		);
	}
	return { callObjects, labels, invalid };
}

/**
 * The credential's Call Guard on every row: rows it refuses (cooldown, daily cap, calling hours)
 * join the invalid rows; rows outside the calling hours with "defer" get their own `start_time`.
 */
async function guardBatchRows(
	this: IExecuteFunctions,
	global: IDataObject,
	checked: { callObjects: IDataObject[]; labels: string[]; invalid: SkippedRow[] },
): Promise<{ guard: CallGuard; callObjects: IDataObject[]; note?: IDataObject }> {
	const guard = await blandCallGuard.call(this);
	if (!guard.active) return { guard, callObjects: checked.callObjects };
	const startTime = fromBlandTime(global.start_time, global.timezone);
	if (startTime === null) {
		throw new NodeOperationError(this.getNode(), 'The batch\'s start time cannot be read, so the credential\'s Call Guard cannot check it', {
			description: 'No request was sent. Give the start time as YYYY-MM-DD HH:MM:SS ±HH:MM, or leave it empty.',
		});
	}
	const requested = Date.parse(startTime ?? '');
	const start = Number.isFinite(requested) ? Math.max(requested, Date.now()) : Date.now();
	const phones = checked.callObjects.map((c) => String(c.phone_number));
	const verdicts = await guardRows(guard, phones, () => start);
	const kept: IDataObject[] = [];
	const deferredRows: IDataObject[] = [];
	checked.callObjects.forEach((callObject, index) => {
		const refused = verdicts.refused.get(index);
		if (refused !== undefined) {
			checked.invalid.push({ row: checked.labels[index], phoneNumber: phones[index], reason: refused });
			return;
		}
		const deferredTo = verdicts.deferred.get(index);
		if (deferredTo !== undefined) {
			callObject.start_time = blandTime(deferredTo);
			deferredRows.push({ row: checked.labels[index], phoneNumber: phones[index], deferredTo: new Date(deferredTo).toISOString() });
		}
		kept.push(callObject);
	});
	return {
		guard,
		callObjects: kept,
		note: { checkedRows: phones.length, refusedRows: verdicts.refused.size, deferredRows },
	};
}

/**
 * The `global` block: task or pathway plus shared settings. It never holds a phone number to
 * call; transfer numbers are checked against the allow-list.
 */
function buildGlobal(this: IExecuteFunctions, allowedPrefixes: string[]): IDataObject {
	const node = this.getNode();
	const callUsing = this.getNodeParameter('callUsing', 0, 'task') as string;
	const fields = this.getNodeParameter('globalSettings', 0, {}) as IDataObject;
	const settings = buildCallSettings(node, fields, 0, {
		callUsing,
		where: 'Global Settings',
		allowedPrefixes,
		timeZone: this.getTimezone(),
	});
	const routing = buildRouting.call(this, 0, ['task', 'pathway']);
	const global = compact({ ...routing, voice: optionalVoice(this, 0), ...settings });
	delete global.phone_number;
	requireAllowedNumbersIn(node, global, '"Global Settings"', 0, allowedPrefixes, CALLER_ID_KEYS);
	return global;
}

/** Builds and validates the whole POST /v2/batches/create body; nothing is sent on bad input. */
export async function buildBatchBody(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<{ body: IDataObject; skippedRows: SkippedRow[]; guard: CallGuard; guardNote?: IDataObject }> {
	const node = this.getNode();
	const batchDescription = String(this.getNodeParameter('batchDescription', 0, '') ?? '').trim();
	if (batchDescription.length > BATCH_DESCRIPTION_MAX) {
		throw new NodeOperationError(
			node,
			`"Batch Description" is ${batchDescription.length} characters; Bland accepts at most ${BATCH_DESCRIPTION_MAX}`,
		);
	}
	const statusWebhook = requireHttpsUrl(node, this.getNodeParameter('statusWebhook', 0, ''), 'Status Webhook URL', 0);
	const prefixes = await blandAllowedPrefixes.call(this);
	const global = buildGlobal.call(this, prefixes);
	await requireAllowedPathway.call(this, global, prefixes, 0);

	const rows = await rowsFromInput.call(this, items);
	const checked = checkRows(rows, prefixes);
	const { guard, callObjects, note } = await guardBatchRows.call(this, global, checked);
	const invalid = checked.invalid;
	const invalidRows = this.getNodeParameter('invalidRows', 0, 'fail') as string;
	if (invalid.length && invalidRows !== 'skip') {
		const listed = invalid.slice(0, 20).map((r) => `${r.row} (${r.phoneNumber || 'empty'}): ${r.reason}`);
		const more = invalid.length > 20 ? `; and ${invalid.length - 20} more` : '';
		throw new NodeOperationError(node, `${invalid.length} of ${rows.length} rows are invalid: ${listed.join('; ')}${more}`, {
			description: 'No batch was created. Fix the rows, or set "Invalid Rows" to "Skip and Report".',
		});
	}
	if (callObjects.length === 0) {
		throw new NodeOperationError(node, `None of the ${rows.length} rows has a valid phone number; no batch was created`);
	}
	return {
		body: compact({
			call_objects: callObjects,
			global,
			description: batchDescription || undefined,
			status_webhook: statusWebhook,
		}),
		skippedRows: invalid,
		guard,
		guardNote: note,
	};
}

/** Places calls: n8n's Retry On Fail is refused for it (see the router). */
export const placesCalls = true;

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { body, skippedRows, guard, guardNote } = await buildBatchBody.call(this, items);
	const callObjects = body.call_objects as IDataObject[];
	// One request for the whole input, sent once: a retry could create (and dial) the batch twice.
	// `POST /v2/batches/create` with `call_objects` + `global`: Bland's current docs "Create Batch"
	// (https://docs.bland.ai/api-v2/post/batches). The seed docs' `POST /v1/batches` with
	// `base_prompt` + `call_data` is the older, legacy form of the same endpoint.
	const response = await sendGuarded.call(
		this,
		guard,
		callObjects.map((c) => String(c.phone_number)),
		callObjects.map((_, index) => index),
		async () => await blandRequest.call(this, { method: 'POST', path: '/v2/batches/create', body, retry: 'once' }),
		(answer) => unwrapData<IDataObject | null>(answer)?.batch_id ?? answer.batch_id,
		'Rows',
	);
	const data = unwrapData<IDataObject | null>(response);
	const batchId = data?.batch_id ?? response.batch_id;
	if (!batchId) {
		// Only Bland's message goes into the error, never the raw response, and without secrets.
		const secrets = secretsOf(await this.getCredentials<ICredentialDataDecryptedObject>(BLAND.credentialType));
		const message = redactSecrets(extractApiMessage(response) ?? 'no batch_id in the response', secrets);
		throw new NodeOperationError(this.getNode(), `Bland AI API error: ${message}`, {
			description: 'Bland answered without a batch ID. Check the batches in Bland before running this again.',
		});
	}
	const errors = Array.isArray(response.errors) && response.errors.length ? response.errors : undefined;
	return [
		{
			json: compact({
				batchId,
				callCount: (body.call_objects as IDataObject[]).length,
				description: body.description,
				skippedRows: skippedRows.length ? skippedRows : undefined,
				guard: guardNote,
				errors,
			}),
			pairedItem: items.map((_, item) => ({ item })),
		},
	];
}

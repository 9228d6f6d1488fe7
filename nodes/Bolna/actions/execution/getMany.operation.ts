import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputMode } from '../../../shared/descriptions/common';
import { outputModeField, returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { paginate } from '../../../shared/transport/paginate';
import { asArray, pathSegment } from '../../../shared/transport/request';
import { compact, getLimit, requireResourceId } from '../../../shared/validation/params';
import { agentLocator } from '../../descriptions/fields';
import { BOLNA_STATUSES, shapeExecution } from '../../shaping';
import { bolnaRequest } from '../../transport';
import type { BolnaExecutionPage } from '../../types';

/** Bolna's maximum `page_size` on `GET /v2/agent/{id}/executions`. */
export const MAX_PAGE_SIZE = 50;

/**
 * The longest `from`–`to` window one request may ask for. Bolna's OpenAPI marks `from`/`to` as
 * optional, but Bolna's own MCP server (bolna-ai/mcp src/tools/read.ts) reports that the live
 * endpoint requires both, at most 7 days apart, and defaults them to the last 7 days.
 */
export const WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const properties: INodeProperties[] = [
	{ ...agentLocator, description: 'The agent whose calls to list' },
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Answered by Voice Mail',
				name: 'answeredByVoiceMail',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only calls a voicemail answered (on) or only calls a voicemail did not answer (off)',
			},
			{
				displayName: 'Batch ID',
				name: 'batchId',
				type: 'string',
				default: '',
				description: 'Only calls of this batch',
			},
			{
				displayName: 'Call Type',
				name: 'callType',
				type: 'options',
				default: 'outbound',
				options: [
					{ name: 'Inbound', value: 'inbound' },
					{ name: 'Outbound', value: 'outbound' },
				],
			},
			{
				displayName: 'Created From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					'Only calls created at or after this time (default: 7 days before Created To). Bolna serves at most 7 days per request, so a longer range is read 7 days at a time. A time without a zone is read as UTC.',
			},
			{
				displayName: 'Created To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only calls created at or before this time (default: now). A time without a zone is read as UTC.',
			},
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				default: 'twilio',
				options: [
					{ name: 'Plivo', value: 'plivo' },
					{ name: 'Twilio', value: 'twilio' },
					{ name: 'Web Call', value: 'web-call' },
					{ name: 'Websocket', value: 'websocket' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				options: [...BOLNA_STATUSES]
					.sort()
					.map((status) => ({ name: status, value: status })),
			},
		],
	},
	outputModeField('Only the fields the agent extracted from each call, plus its ID and status'),
];

export const description = forOperation('execution', 'getMany', properties);

/**
 * A filter date as Bolna wants it: ISO 8601 in UTC (`2025-05-07T00:00:00.000Z`). A value with an
 * offset is converted; one without a zone is taken as UTC.
 */
export function toUtcIso(node: INode, value: unknown, field: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let input: unknown = value;
	if (input && typeof input === 'object' && typeof (input as { toISO?: unknown }).toISO === 'function') {
		input = (input as { toISO: () => string }).toISO();
	}
	let ms = NaN;
	if (input instanceof Date) ms = input.getTime();
	else if (typeof input === 'number') ms = input;
	else if (typeof input === 'string') {
		const text = input.trim();
		const hasZone = /(Z|z|[+-]\d{2}:?\d{2})$/.test(text);
		const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
		ms = Date.parse(hasZone ? text : dateOnly ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`);
	}
	if (Number.isNaN(ms)) {
		throw new NodeOperationError(node, `"${field}" is not a valid date (got ${JSON.stringify(value)})`, {
			itemIndex,
			description: 'Use ISO 8601, e.g. 2026-05-01T00:00:00Z.',
		});
	}
	return new Date(ms).toISOString();
}

/**
 * The windows of at most 7 days that cover `from`–`to`, newest first (the API lists newest
 * first, so the output stays in that order). Windows do not overlap: each ends 1 ms before the
 * next newer one starts.
 */
export function executionWindows(fromMs: number, toMs: number): Array<{ from: string; to: string }> {
	const windows: Array<{ from: string; to: string }> = [];
	let end = toMs;
	while (end >= fromMs) {
		const start = Math.max(fromMs, end - WINDOW_MS);
		windows.push({ from: new Date(start).toISOString(), to: new Date(end).toISOString() });
		end = start - 1;
	}
	return windows;
}

/**
 * GET /v2/agent/{agent_id}/executions, window by window (at most 7 days each, newest first) and
 * page by page within a window (`page_number` from 1, `page_size` ≤ 50, `has_more`), with the
 * fewest requests: Limit 30 is one request with page_size=30, and no older window is read once
 * the limit is reached.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const node = this.getNode();
	const agentId = requireResourceId.call(this, 'agentId', itemIndex, 'Agent');
	const limit = getLimit.call(this, itemIndex);
	const mode = this.getNodeParameter('outputMode', itemIndex, 'simplified') as OutputMode;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query = compact({
		status: filters.status,
		batch_id: typeof filters.batchId === 'string' ? filters.batchId.trim() : undefined,
		call_type: filters.callType,
		provider: filters.provider,
		answered_by_voice_mail:
			typeof filters.answeredByVoiceMail === 'boolean' ? String(filters.answeredByVoiceMail) : undefined,
	});
	const to = toUtcIso(node, filters.to, 'Created To', itemIndex);
	const from = toUtcIso(node, filters.from, 'Created From', itemIndex);
	const toMs = to === undefined ? Date.now() : Date.parse(to);
	const fromMs = from === undefined ? toMs - WINDOW_MS : Date.parse(from);
	if (fromMs > toMs) {
		throw new NodeOperationError(node, '"Created From" is after "Created To"', { itemIndex });
	}

	const executions: IDataObject[] = [];
	for (const window of executionWindows(fromMs, toMs)) {
		const remaining = limit - executions.length;
		if (remaining <= 0) break;
		const page = await paginate(
			async (pageIndex, pageSize) => {
				const body = (await bolnaRequest.call(this, {
					method: 'GET',
					path: `/v2/agent/${pathSegment(agentId)}/executions`,
					qs: { ...query, ...window, page_number: pageIndex + 1, page_size: pageSize },
					itemIndex,
				})) as BolnaExecutionPage;
				const items = asArray(body, 'data');
				const hasMore = typeof body.has_more === 'boolean' ? body.has_more : items.length >= pageSize;
				return { items, hasMore };
			},
			remaining,
			MAX_PAGE_SIZE,
		);
		executions.push(...page);
	}
	return executions.map((execution) => shapeExecution(execution, mode));
}

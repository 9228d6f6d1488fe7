import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions/common';
import { forOperation } from '../../../shared/descriptions/updateDisplayOptions';
import { asArray } from '../../../shared/transport/request';
import { paginate } from '../../../shared/transport/paginate';
import { compact, getLimit } from '../../../shared/validation/params';
import { blandRequest } from '../../transport';

/** Bland returns at most this many calls per request. */
export const CALLS_PAGE_MAX = 1000;

const properties: INodeProperties[] = [
	...returnAllAndLimit(10000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Answered By',
				name: 'answeredBy',
				type: 'options',
				default: 'human',
				options: [
					{ name: 'Human', value: 'human' },
					{ name: 'No Answer', value: 'no-answer' },
					{ name: 'Unknown', value: 'unknown' },
					{ name: 'Voicemail', value: 'voicemail' },
				],
			},
			{
				displayName: 'Ascending',
				name: 'ascending',
				type: 'boolean',
				default: false,
				description: 'Whether to return the oldest calls first',
			},
			{
				displayName: 'Batch ID',
				name: 'batchId',
				type: 'string',
				default: '',
				description: 'Only calls of this batch',
			},
			{
				displayName: 'Completed',
				name: 'completed',
				type: 'boolean',
				default: true,
				description: 'Whether to return only completed calls (true) or only unfinished ones (false)',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'Calls on or before this date',
			},
			{
				displayName: 'From Number',
				name: 'fromNumber',
				type: 'string',
				default: '',
				description: 'Calls placed from this number',
			},
			{
				displayName: 'Inbound',
				name: 'inbound',
				type: 'boolean',
				default: false,
				description: 'Whether to return only inbound calls (true) or only outbound ones (false)',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'string',
				default: '',
				placeholder: 'YYYY-MM-DD',
				description: 'Calls on or after this date',
			},
			{
				displayName: 'To Number',
				name: 'toNumber',
				type: 'string',
				default: '',
				description: 'Calls placed to this number',
			},
		],
	},
];

export const description = forOperation('call', 'getMany', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs = compact({
		from_number: filters.fromNumber,
		to_number: filters.toNumber,
		start_date: filters.startDate,
		end_date: filters.endDate,
		completed: filters.completed,
		batch_id: filters.batchId,
		answered_by: filters.answeredBy,
		inbound: filters.inbound,
		ascending: filters.ascending,
	});
	// Index windows [from, to): page n covers from = n·size to (n+1)·size. total_count tells when
	// the last window was reached, so no request is spent on an empty page.
	return await paginate<IDataObject>(
		async (pageIndex, pageSize) => {
			const from = pageIndex * pageSize;
			const body = await blandRequest.call(this, {
				method: 'GET',
				path: '/v1/calls',
				qs: { ...qs, from, to: from + pageSize, limit: pageSize },
				itemIndex,
			});
			const calls = asArray(body, 'calls');
			const total = Number(body.total_count);
			const hasMore =
				calls.length >= pageSize && (!Number.isFinite(total) || from + calls.length < total);
			return { items: calls, hasMore };
		},
		limit,
		CALLS_PAGE_MAX,
	);
}

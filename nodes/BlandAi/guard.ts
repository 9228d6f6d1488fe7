import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallGuard, CallHistory, CallRecord } from '../shared/guard/guard';
import { callGuardFor } from '../shared/guard/forRun';
import { paginate } from '../shared/transport/paginate';
import { asArray } from '../shared/transport/request';
import { normalizeE164 } from '../shared/validation/phone';
import { BLAND, blandRequest } from './transport';

const PAGE_SIZE = 1000;

/**
 * Bland's call history as the guard reads it: `GET /v1/calls`, newest first, from the day before
 * the moment (its `start_date` is a date), filtered by `to_number` when only a few numbers matter,
 * read page by page until the calls are older than the moment.
 */
function blandHistory(ctx: IExecuteFunctions): CallHistory {
	const read = async (since: number, toNumber?: string): Promise<CallRecord[]> => {
		const startDate = new Date(since - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
		const calls = await paginate<IDataObject>(
			async (pageIndex, pageSize) => {
				const from = pageIndex * pageSize;
				const body = await blandRequest.call(ctx, {
					method: 'GET',
					path: '/v1/calls',
					qs: { ...(toNumber ? { to_number: toNumber } : {}), start_date: startDate, from, to: from + pageSize, limit: pageSize },
				});
				const items = asArray(body, 'calls');
				const oldest = Date.parse(String(items[items.length - 1]?.created_at ?? ''));
				return { items, hasMore: items.length >= pageSize && !(oldest < since) };
			},
			Number.MAX_SAFE_INTEGER,
			PAGE_SIZE,
		);
		return calls.flatMap((call) => {
			const to = toE164(call.to ?? call.to_number);
			const at = Date.parse(String(call.created_at ?? ''));
			if (!to || !Number.isFinite(at) || at < since || call.inbound === true) return [];
			return [
				{
					to,
					at,
					id: typeof call.call_id === 'string' ? call.call_id : undefined,
					batchId: typeof call.batch_id === 'string' ? call.batch_id : undefined,
				},
			];
		});
	};
	return {
		byNumber: true,
		async callsSince(since: number, numbers?: string[]): Promise<CallRecord[]> {
			if (!numbers) return await read(since);
			const records: CallRecord[] = [];
			for (const number of numbers) records.push(...(await read(since, number)));
			return records;
		},
	};
}

/** Bland lists numbers with or without `+` (a bare 10-digit number is a US number there). */
function toE164(value: unknown): string | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (/^\d{10}$/.test(text)) return normalizeE164(`+1${text}`);
	return normalizeE164(/^\d{11,15}$/.test(text) ? `+${text}` : text);
}

/** The Bland AI credential's Call Guard for this node run. */
export async function blandCallGuard(this: IExecuteFunctions): Promise<CallGuard> {
	return await callGuardFor.call(this, BLAND.credentialType, blandHistory);
}

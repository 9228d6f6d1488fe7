import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CallGuard, CallHistory, CallRecord } from '../shared/guard/guard';
import { callGuardFor } from '../shared/guard/forRun';
import { paginate } from '../shared/transport/paginate';
import { asArray, pathSegment } from '../shared/transport/request';
import { normalizeE164 } from '../shared/validation/phone';
import { executionWindows, MAX_PAGE_SIZE } from './actions/execution/getMany.operation';
import { BOLNA, bolnaRequest } from './transport';
import type { BolnaExecutionPage } from './types';

/**
 * Bolna's call history as the guard reads it: every agent's executions created since the moment
 * (`GET /v2/agent/all`, then `GET /v2/agent/{id}/executions` in windows of at most 7 days, 50 per
 * page). Bolna cannot filter executions by number, so the numbers are matched here.
 */
function bolnaHistory(ctx: IExecuteFunctions): CallHistory {
	return {
		byNumber: false,
		async callsSince(since: number): Promise<CallRecord[]> {
			const agents = asArray(await bolnaRequest.call(ctx, { method: 'GET', path: '/v2/agent/all' }));
			const records: CallRecord[] = [];
			for (const agent of agents) {
				const agentId = String(agent.id ?? agent.agent_id ?? '');
				if (agentId === '') continue;
				for (const window of executionWindows(since, Date.now())) {
					const executions = await paginate(
						async (pageIndex, pageSize) => {
							const body = (await bolnaRequest.call(ctx, {
								method: 'GET',
								path: `/v2/agent/${pathSegment(agentId)}/executions`,
								qs: { ...window, page_number: pageIndex + 1, page_size: pageSize },
							})) as BolnaExecutionPage;
							const items = asArray(body, 'data');
							return { items, hasMore: typeof body.has_more === 'boolean' ? body.has_more : items.length >= pageSize };
						},
						Number.MAX_SAFE_INTEGER,
						MAX_PAGE_SIZE,
					);
					for (const execution of executions) records.push(...recordOf(execution));
				}
			}
			return records;
		},
	};
}

function recordOf(execution: IDataObject): CallRecord[] {
	const telephony = (execution.telephony_data ?? {}) as IDataObject;
	const to = normalizeE164(telephony.to_number ?? execution.user_number);
	const at = Date.parse(String(execution.created_at ?? ''));
	if (!to || !Number.isFinite(at)) return [];
	return [
		{
			to,
			at,
			id: typeof execution.id === 'string' ? execution.id : undefined,
			batchId: typeof execution.batch_id === 'string' ? execution.batch_id : undefined,
		},
	];
}

/** The Bolna credential's Call Guard for this node run. */
export async function bolnaCallGuard(this: IExecuteFunctions): Promise<CallGuard> {
	return await callGuardFor.call(this, BOLNA.credentialType, bolnaHistory);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { OutputMode } from '../shared/descriptions/common';
import { readWaitSettings, settleWaited } from '../shared/descriptions/wait';
import { pollAllUntil } from '../shared/transport/poll';
import { pathSegment } from '../shared/transport/request';
import type { ItemResult } from '../shared/types';
import { BOLNA_TERMINAL_STATUSES, shapeExecution } from './shaping';
import { bolnaRequest } from './transport';

/**
 * Waits for the executions placed by Make Call to end. Bolna webhooks are per agent, not per call,
 * so this polls `GET /executions/{id}` for every placed call together (one request per pending
 * call per round, backoff between rounds) until each reaches a terminal status or the wait ends.
 * Settings (max wait, interval, output) are read from the first item.
 */
export async function waitForExecutions(
	this: IExecuteFunctions,
	results: ItemResult[],
): Promise<ItemResult[]> {
	const first = results[0];
	if (!first) return results;
	const settings = readWaitSettings.call(this, first.itemIndex);
	if (!settings.enabled) return results;
	const mode = this.getNodeParameter('outputMode', first.itemIndex, 'simplified') as OutputMode;

	const idOf = (r: ItemResult) => String((r.data as IDataObject).executionId ?? '');
	const ids = results.map(idOf).filter((id) => id !== '');
	const polled = await pollAllUntil<IDataObject>(
		ids,
		async (id) => await bolnaRequest.call(this, { method: 'GET', path: `/executions/${pathSegment(id)}` }),
		(execution) => BOLNA_TERMINAL_STATUSES.has(String(execution.status)),
		(id) => ({ id, status: 'queued' }),
		{ intervalMs: settings.intervalMs, maxIntervalMs: settings.maxIntervalMs, maxWaitMs: settings.maxWaitMs },
	);

	return settleWaited(
		this,
		results,
		idOf,
		polled,
		settings,
		(execution) => shapeExecution(execution, mode),
		(execution) => execution.status,
	);
}

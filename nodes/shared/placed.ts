import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * What was already placed (calls, batches) by this node in this execution, and what n8n's
 * "Retry execution" must not place again.
 *
 * n8n's retry (POST /rest/executions/:id/retry, the "Retry" button of a failed execution) starts a
 * new execution in mode `retry` from the failed execution's saved data: the failed node's error
 * run is dropped and the node runs again with the same input items, so every item would be
 * placed again. The saved data also holds the node's context (`getContext('node')`), which n8n
 * stores with the execution and hands back unchanged on retry. A placed item is written there as
 * soon as the vendor confirms it; in a retry, an item found there with the same input and
 * parameters is not sent again: its earlier result is output, marked `alreadyPlaced`.
 */

export interface PlacedItem {
	itemIndex: number;
	id: string;
}

interface Remembered {
	data: IDataObject | IDataObject[];
	executionId: string;
}

const ID_KEYS = ['callId', 'executionId', 'batchId', 'call_id', 'execution_id', 'batch_id'];

/** The ID of what an operation placed, from its output (call, execution or batch ID). */
export function placedIdOf(data: unknown): string {
	const first = Array.isArray(data) ? data[0] : data;
	if (!first || typeof first !== 'object') return '';
	for (const key of ID_KEYS) {
		const value = (first as IDataObject)[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return '';
}

/** One line naming what was placed, for an error: `item 0 → call-1, item 1 → call-2`. */
export function describePlaced(placed: PlacedItem[]): string {
	return placed.map((p) => `item ${p.itemIndex} → ${p.id || '(no ID returned)'}`).join(', ');
}

function store(ctx: IExecuteFunctions): IDataObject | undefined {
	try {
		if (typeof ctx.getContext !== 'function') return undefined;
		const context = ctx.getContext('node') as IDataObject;
		context.placed = (context.placed as IDataObject | undefined) ?? {};
		return context.placed as IDataObject;
	} catch {
		// Not every context has node context (e.g. a node run as an AI Agent tool).
		return undefined;
	}
}

/** Identifies an item's placement: its position, its input and the node's parameters. */
function keyOf(ctx: IExecuteFunctions, itemIndex: number | 'all', items: INodeExecutionData[]): string {
	const input = itemIndex === 'all' ? items.map((i) => i.json) : items[itemIndex]?.json;
	const hash = createHash('sha256')
		.update(JSON.stringify({ parameters: ctx.getNode().parameters, input }))
		.digest('hex')
		.slice(0, 32);
	const runIndex = (ctx as unknown as { runIndex?: number }).runIndex ?? 0;
	return `${runIndex}:${itemIndex}:${hash}`;
}

/** Records that an item (or the whole input, for a batch) was placed. */
export function rememberPlaced(
	ctx: IExecuteFunctions,
	itemIndex: number | 'all',
	data: IDataObject | IDataObject[],
	items = ctx.getInputData(),
): void {
	const placed = store(ctx);
	if (!placed) return;
	placed[keyOf(ctx, itemIndex, items)] = { data, executionId: String(ctx.getExecutionId()) } as unknown as IDataObject;
}

/**
 * In an execution started by n8n's "Retry", what an item placed in the failed execution, marked
 * so the output says it was not placed again. Undefined outside a retry, or when not placed.
 */
export function recallPlaced(
	ctx: IExecuteFunctions,
	itemIndex: number | 'all',
	items = ctx.getInputData(),
): IDataObject | IDataObject[] | undefined {
	if (typeof ctx.getMode !== 'function' || ctx.getMode() !== 'retry') return undefined;
	const remembered = store(ctx)?.[keyOf(ctx, itemIndex, items)] as unknown as Remembered | undefined;
	if (!remembered) return undefined;
	const mark = (d: IDataObject): IDataObject => ({ ...d, alreadyPlaced: true, placedInExecution: remembered.executionId });
	return Array.isArray(remembered.data) ? remembered.data.map(mark) : mark(remembered.data);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describePlaced, placedIdOf, recallPlaced, rememberPlaced, type PlacedItem } from './placed';
import { checkParameters } from './request/values';
import type { ItemResult, OperationMap } from './types';

function errorItem(error: Error, pairedItem: INodeExecutionData['pairedItem']): INodeExecutionData {
	const e = error as Error & { description?: string; httpCode?: string };
	return {
		json: {
			error: e.message,
			...(e.description ? { errorDescription: e.description } : {}),
			...(e.httpCode ? { httpCode: e.httpCode } : {}),
		},
		pairedItem,
	};
}

/**
 * Adds to an error what was already placed before it, so nobody runs those items again by
 * re-running the workflow (n8n's own "Retry" of this execution does not place them again).
 */
function withPlaced<E extends Error>(error: E, placed: PlacedItem[]): E {
	if (placed.length === 0) return error;
	const e = error as E & { description?: string | null };
	const line = describePlaced(placed);
	e.message = `${e.message} [already placed: ${line}; do not run ${placed.length > 1 ? 'these items' : 'this item'} again]`;
	e.description = `${e.description ? `${e.description}\n\n` : ''}Already placed, billed and not undone: ${line}. Do not run the workflow again with these items: it would place them a second time. n8n's "Retry" of this execution does not place them again (this node remembers them in the execution), it only tries the items that failed.`;
	return error;
}

/** Keeps n8n errors as they are (adding the item index), wraps anything else. */
function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context && error.context.itemIndex === undefined) {
			error.context.itemIndex = itemIndex;
		}
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, itemIndex !== undefined ? { itemIndex } : {});
}

/**
 * The one item loop of an action node: dispatches `resource:operation`, validates every item
 * before any is executed, pairs every output item with its input, and handles "Continue On
 * Fail" in one place for every operation.
 */
export async function route(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = operations[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}

	if (module.placesCalls && this.getNode().retryOnFail === true) {
		throw new NodeOperationError(
			this.getNode(),
			'"Retry On Fail" cannot be used on an operation that places calls or batches',
			{
				description:
					'A retry after an error could dial the same people again. Turn it off in the node\'s Settings: the node already waits out rate limits (429) on its own and never resends a call the server may have received.',
			},
		);
	}

	if (module.executeAll) {
		try {
			if (items.length) checkParameters.call(this, module.description, 0);
			const recalled = module.placesCalls ? recallPlaced(this, 'all', items) : undefined;
			if (recalled) {
				return [
					(Array.isArray(recalled) ? recalled : [recalled]).map((json) => ({
						json,
						pairedItem: items.map((_, item) => ({ item })),
					})),
				];
			}
			const output = await module.executeAll.call(this, items);
			if (module.placesCalls) rememberPlaced(this, 'all', output.map((o) => o.json), items);
			return [output];
		} catch (error) {
			if (this.continueOnFail()) {
				return [[errorItem(error as Error, items.map((_, item) => ({ item })))]];
			}
			throw asNodeError(this, error);
		}
	}

	let results: ItemResult[] = items.map((_, itemIndex) => ({ itemIndex }));

	// Every value of every item is checked against its field before anything is sent.
	for (const result of results) {
		try {
			checkParameters.call(this, module.description, result.itemIndex);
			if (module.validate) await module.validate.call(this, result.itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, result.itemIndex);
			result.error = error as Error;
		}
	}

	const execute = module.execute!;
	const placed: PlacedItem[] = [];
	for (const result of results) {
		if (result.error) continue;
		const recalled = module.placesCalls ? recallPlaced(this, result.itemIndex, items) : undefined;
		if (recalled) {
			result.data = recalled;
			placed.push({ itemIndex: result.itemIndex, id: placedIdOf(recalled) });
			continue;
		}
		try {
			result.data = await execute.call(this, result.itemIndex);
			if (module.placesCalls) {
				rememberPlaced(this, result.itemIndex, result.data, items);
				placed.push({ itemIndex: result.itemIndex, id: placedIdOf(result.data) });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw withPlaced(asNodeError(this, error, result.itemIndex), placed);
			result.error = error as Error;
		}
	}

	if (module.afterAll) {
		const done = results.filter((r) => !r.error);
		const failed = results.filter((r) => r.error);
		let after: ItemResult[] = [];
		try {
			after = done.length ? await module.afterAll.call(this, done) : [];
		} catch (error) {
			// The items' work is done (e.g. the calls are placed); never lose what was placed.
			const message = (error as Error).message;
			if (!this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), message, {
					description: `Already done for these items, do not run them again: ${JSON.stringify(done.map((r) => r.data))}`,
				});
			}
			after = done.map((r) => ({
				itemIndex: r.itemIndex,
				data: Array.isArray(r.data) ? r.data : { ...(r.data ?? {}), error: message },
			}));
		}
		results = [...failed, ...after].sort((a, b) => a.itemIndex - b.itemIndex);
	}

	const returnData: INodeExecutionData[] = [];
	for (const result of results) {
		if (result.error) {
			if (!this.continueOnFail()) throw withPlaced(asNodeError(this, result.error, result.itemIndex), placed);
			const item = errorItem(result.error, { item: result.itemIndex });
			// With Continue On Fail the run succeeds: the error item says what was placed before it.
			const before = placed.filter((p) => p.itemIndex < result.itemIndex);
			if (before.length) item.json.alreadyPlaced = before.map((p) => ({ item: p.itemIndex, id: p.id }));
			returnData.push(item);
			continue;
		}
		returnData.push(
			...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result.data ?? {}), {
				itemData: { item: result.itemIndex },
			}),
		);
	}
	return [returnData];
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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
			return [await module.executeAll.call(this, items)];
		} catch (error) {
			if (this.continueOnFail()) {
				return [[errorItem(error as Error, items.map((_, item) => ({ item })))]];
			}
			throw asNodeError(this, error);
		}
	}

	let results: ItemResult[] = items.map((_, itemIndex) => ({ itemIndex }));

	if (module.validate) {
		for (const result of results) {
			try {
				await module.validate.call(this, result.itemIndex);
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this, error, result.itemIndex);
				result.error = error as Error;
			}
		}
	}

	const execute = module.execute!;
	for (const result of results) {
		if (result.error) continue;
		try {
			result.data = await execute.call(this, result.itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this, error, result.itemIndex);
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
			if (!this.continueOnFail()) throw asNodeError(this, result.error, result.itemIndex);
			returnData.push(errorItem(result.error, { item: result.itemIndex }));
			continue;
		}
		if (module.returnsItem) {
			returnData.push({ ...(result.data as INodeExecutionData), pairedItem: { item: result.itemIndex } });
			continue;
		}
		returnData.push(
			...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray((result.data ?? {}) as IDataObject), {
				itemData: { item: result.itemIndex },
			}),
		);
	}
	return [returnData];
}

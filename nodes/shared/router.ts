import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationMap } from './types';

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
 * The one item loop of an action node: dispatches `resource:operation`, pairs every output
 * item with its input, and handles "Continue On Fail" in one place for every operation.
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

	const execute = module.execute!;
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const data = await execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error as Error, { item: itemIndex }));
				continue;
			}
			throw asNodeError(this, error, itemIndex);
		}
	}
	return [returnData];
}

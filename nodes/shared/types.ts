import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * One operation of an action node: read parameters of one item, validate, request, shape.
 * The router owns the item loop, pairing and continueOnFail; an operation never loops over items.
 */
export type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/**
 * An operation that takes the whole input at once (Create Batch: N items → one upload).
 * It returns output items that already carry `pairedItem`.
 */
export type AllItemsOperation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** Exactly one of `execute` (per item) and `executeAll` (whole input) is set. */
export interface OperationModule {
	description: INodeProperties[];
	execute?: Operation;
	executeAll?: AllItemsOperation;
}

/** `resource` → `operation` → module. The router dispatches on this map. */
export type OperationMap = Record<string, Record<string, OperationModule>>;

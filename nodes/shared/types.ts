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
) => Promise<IDataObject | IDataObject[] | INodeExecutionData>;

/**
 * An operation that takes the whole input at once (Create Batch: N items → one upload).
 * It returns output items that already carry `pairedItem`.
 */
export type AllItemsOperation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** The result of one item's `execute`, or its error. */
export interface ItemResult {
	itemIndex: number;
	data?: IDataObject | IDataObject[] | INodeExecutionData;
	error?: Error;
}

/**
 * Exactly one of `execute` (per item) and `executeAll` (whole input) is set.
 * - `validate` runs for every item before any item executes, so one bad row is refused before
 *   money is spent on the others (a call placed for item 1 is never lost because item 3 was bad).
 * - `afterAll` runs once with every item's result, e.g. to wait for all placed calls together.
 */
export interface OperationModule {
	description: INodeProperties[];
	execute?: Operation;
	executeAll?: AllItemsOperation;
	validate?: (this: IExecuteFunctions, itemIndex: number) => Promise<void>;
	/** Set on operations that place calls or batches: n8n's "Retry On Fail" would place them again. */
	placesCalls?: boolean;
	/** Set when `execute` returns a whole item `{json, binary?}` (e.g. a downloaded recording). */
	returnsItem?: boolean;
	afterAll?: (this: IExecuteFunctions, results: ItemResult[]) => Promise<ItemResult[]>;
}

/** `resource` → `operation` → module. The router dispatches on this map. */
export type OperationMap = Record<string, Record<string, OperationModule>>;

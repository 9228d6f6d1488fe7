import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkNumber } from '../request/values';
import type { PollAllResult } from '../transport/poll';
import type { ItemResult } from '../types';

/** The floor of the poll interval: a lower (or non-numeric) value would hammer the vendor's API. */
export const MIN_POLL_SECONDS = 1;
/** The cap of Max Wait: one day. */
export const MAX_WAIT_MINUTES = 1440;

/** The Wait for Completion switch and its settings, shared by both Make Call operations. */
export function waitForCompletionFields(extra: INodeProperties[] = []): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the call has ended and output its result (transcript, extracted data, cost) instead of only the queued call',
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0.01, maxValue: MAX_WAIT_MINUTES },
			default: 15,
			description: 'How long to wait at most for the call to end',
			displayOptions: { show: { waitForCompletion: [true] } },
		},
		...extra.map((p) => ({
			...p,
			displayOptions: { show: { ...(p.displayOptions?.show ?? {}), waitForCompletion: [true] } },
		})),
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { waitForCompletion: [true] } },
			options: [
				{
					displayName: 'On Timeout',
					name: 'onTimeout',
					type: 'options',
					default: 'output',
					options: [
						{
							name: 'Output Last Known State',
							value: 'output',
							description: 'Output the call as last seen, with timedOut set to true',
						},
						{
							name: 'Fail',
							value: 'fail',
							description: 'Stop with an error (or an error item with Continue On Fail)',
						},
					],
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollIntervalSeconds',
					type: 'number',
					typeOptions: { minValue: MIN_POLL_SECONDS, maxValue: 600 },
					default: 10,
					description:
						'First wait between status checks when polling; later waits grow up to 6 times this',
				},
			],
		},
	];
}

export interface WaitSettings {
	enabled: boolean;
	maxWaitMs: number;
	onTimeout: 'output' | 'fail';
	intervalMs: number;
	maxIntervalMs: number;
}

/**
 * Reads the wait settings of an item. Max Wait is capped and the poll interval has a floor, and
 * both are refused with their field's name when not a number (NaN once made the wait poll in a
 * tight loop).
 */
export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const node = this.getNode();
	const enabled = this.getNodeParameter('waitForCompletion', itemIndex, false);
	if (typeof enabled !== 'boolean') {
		throw new NodeOperationError(node, `"Wait for Completion" must be true or false (got ${JSON.stringify(enabled)})`, { itemIndex });
	}
	if (!enabled) return { enabled, maxWaitMs: 0, onTimeout: 'output', intervalMs: 0, maxIntervalMs: 0 };
	const minutes = checkNumber(node, this.getNodeParameter('maxWaitMinutes', itemIndex, 15), 'Max Wait (Minutes)', itemIndex, {
		minValue: 0.01,
		maxValue: MAX_WAIT_MINUTES,
	});
	const options = this.getNodeParameter('waitOptions', itemIndex, {}) as IDataObject;
	const intervalSeconds = checkNumber(node, options.pollIntervalSeconds ?? 10, 'Poll Interval (Seconds)', itemIndex, {
		minValue: MIN_POLL_SECONDS,
		maxValue: 600,
	});
	return {
		enabled,
		maxWaitMs: minutes * 60_000,
		onTimeout: options.onTimeout === 'fail' ? 'fail' : 'output',
		intervalMs: intervalSeconds * 1000,
		maxIntervalMs: intervalSeconds * 6000,
	};
}

/**
 * Turns each awaited call's outcome into the item's result: the final call shaped for output with
 * `timedOut`, or, when it did not end in time and On Timeout is Fail, an error naming the call.
 */
export function settleWaited<T extends IDataObject>(
	ctx: IExecuteFunctions,
	results: ItemResult[],
	idOf: (result: ItemResult) => string,
	outcomes: Map<string, PollAllResult<T>>,
	settings: WaitSettings,
	shape: (value: T) => IDataObject,
	statusOf: (value: T) => unknown,
): ItemResult[] {
	return results.map((result) => {
		const id = idOf(result);
		const outcome = outcomes.get(id);
		if (!outcome) return result;
		if (!outcome.done && settings.onTimeout === 'fail') {
			return {
				itemIndex: result.itemIndex,
				error: new NodeOperationError(
					ctx.getNode(),
					`Call ${id} did not end within ${settings.maxWaitMs / 60_000} minutes (last status: ${String(statusOf(outcome.value))})`,
					{ itemIndex: result.itemIndex },
				),
			};
		}
		return { itemIndex: result.itemIndex, data: { ...shape(outcome.value), timedOut: !outcome.done } };
	});
}

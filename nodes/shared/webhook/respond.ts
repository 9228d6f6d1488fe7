import type {
	IDataObject,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { eventIdOf, recentEvents } from './dedupe';

/** What the triggers need from n8n's HTTP response object (Express). */
interface ResponseLike {
	status(code: number): ResponseLike;
	json?(body: unknown): unknown;
	send?(body: unknown): unknown;
	end?(body?: unknown): unknown;
	setHeader?(name: string, value: string): unknown;
}

/**
 * Writes `status` + a JSON body and tells n8n the response is already sent. The workflow does
 * not run. Used for every request a trigger refuses or accepts without running.
 */
export function respondJson(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const res = ctx.getResponseObject() as unknown as ResponseLike;
	res.status(status);
	if (typeof res.json === 'function') {
		res.json(body);
	} else {
		res.setHeader?.('content-type', 'application/json; charset=utf-8');
		if (typeof res.send === 'function') res.send(JSON.stringify(body));
		else res.end?.(JSON.stringify(body));
	}
	return { noWebhookResponse: true };
}

/** Refuses the request with `status` and `{ error: message }`; no workflow run. */
export function reject(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	return respondJson(ctx, status, { error: message });
}

/** 200 without a workflow run (event filtered out or already seen). */
export function acknowledge(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	return respondJson(ctx, 200, { received: true, ignored: reason });
}

/** The webhook of both triggers: answers an empty 200 once accepted; refusals are answered by the node. */
export const triggerWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: 'noData',
		path: 'webhook',
	},
];

/**
 * The last step of a trigger: an event this n8n process has already started a run for is
 * acknowledged without a run (first dedupe layer, see dedupe.ts); otherwise the event is shaped
 * and emitted as one item carrying its stable `eventId`. Test events (the editor's "listen for test
 * event") are never held back, so a sample can be sent again while building.
 */
export function emitOnce(
	ctx: IWebhookFunctions,
	key: string,
	shape: () => IDataObject,
): IWebhookResponseData {
	const eventId = eventIdOf(key);
	if (ctx.getMode() !== 'manual') {
		const scope = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}`;
		if (!recentEvents.claim(scope, eventId)) return acknowledge(ctx, 'duplicate delivery');
	}
	return { workflowData: [[{ json: { ...shape(), eventId } }]] };
}

/**
 * Runs a trigger's webhook handler so that nothing is ever thrown out of `webhook()`: n8n would
 * start an error execution, a run from a request that may not even be authenticated. Anything
 * unexpected is logged (message only) and answered with 500.
 */
export async function answerWithoutThrowing(
	ctx: IWebhookFunctions,
	triggerName: string,
	handler: (this: IWebhookFunctions) => Promise<IWebhookResponseData>,
): Promise<IWebhookResponseData> {
	try {
		return await handler.call(ctx);
	} catch (error) {
		ctx.logger.error(`${triggerName} could not process a webhook: ${(error as Error).message}`);
		return reject(ctx, 500, 'The trigger could not process this request');
	}
}

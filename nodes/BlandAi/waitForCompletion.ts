import { createHmac } from 'node:crypto';

import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputMode } from '../shared/descriptions/common';
import { readWaitSettings, settleWaited } from '../shared/descriptions/wait';
import { pollAllUntil } from '../shared/transport/poll';
import { pathSegment } from '../shared/transport/request';
import type { ItemResult } from '../shared/types';
import { queryOf, rawBodyOf, headerOf } from '../shared/webhook/request';
import { reject, respondJson } from '../shared/webhook/respond';
import { safeEqual, verifyHmacSha256Hex } from '../shared/webhook/verify';
import { isCallFinished, shapeCall } from './shaping';
import { BLAND, blandRequest } from './transport';

/** How Make Call waits: Bland reports back to this execution, or n8n asks Bland. */
export const waitModeField: INodeProperties = {
	displayName: 'Wait Mode',
	name: 'waitMode',
	type: 'options',
	default: 'webhook',
	options: [
		{
			name: 'Resume on Bland Webhook',
			value: 'webhook',
			description:
				"The execution pauses (no requests while waiting, survives restarts) and resumes when Bland posts the call's result. n8n must be reachable from Bland over public HTTPS. With several input items, the calls are polled instead.",
		},
		{
			name: 'Poll Bland',
			value: 'polling',
			description: "Check the call's status periodically. Works when Bland cannot reach this n8n.",
		},
	],
};

/**
 * The resume webhook of Make Call (n8n's wait/resume mechanism, as its "send and wait"
 * operations use): Bland's post-call POST to `<webhook-waiting>/<execution>/<node id>` resumes
 * the paused execution.
 */
export const resumeWebhooks: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: 'POST',
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	},
];

const TOKEN_PARAM = 'resumeToken';

/** The metadata key that marks the call an execution waits for. */
export const CALL_MARK = 'n8n_wait_mark';

function callMark(apiKey: string, executionId: string, nodeId: string): string {
	return createHmac('sha256', apiKey).update(`bland-wait-call:${executionId}:${nodeId}`).digest('hex').slice(0, 32);
}

/**
 * A token only this credential can produce for this execution and node, checked when Bland posts
 * back. Derived (HMAC of the API key), so nothing needs storing while the execution waits.
 */
function resumeToken(apiKey: string, executionId: string, nodeId: string): string {
	return createHmac('sha256', apiKey).update(`bland-resume:${executionId}:${nodeId}`).digest('hex');
}

function isLocalHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || /^127\./.test(host);
}

/**
 * Bland posts results only to public https addresses. A resume URL on this machine's loopback or
 * over plain http (n8n started without WEBHOOK_URL — in queue mode, a worker without it) would leave
 * the execution waiting until Max Wait: refuse before the call is placed. Allowed when the
 * credential's own API address is local (the simulator, which runs beside n8n).
 */
function assertReachable(ctx: IExecuteFunctions, url: URL, apiBaseUrl: string, itemIndex: number): void {
	let apiIsLocal = false;
	try {
		apiIsLocal = isLocalHost(new URL(apiBaseUrl).hostname);
	} catch {
		apiIsLocal = false;
	}
	if (apiIsLocal || (url.protocol === 'https:' && !isLocalHost(url.hostname))) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Wait for Completion: Bland cannot reach this n8n at ${url.origin}, so the call was not placed`,
		{
			itemIndex,
			description:
				"Bland posts the finished call only to a public https address. Set WEBHOOK_URL to n8n's public https URL on every n8n process (in queue mode on the workers too) and restart n8n, or set Wait Mode to Poll Bland.",
		},
	);
}

/**
 * Where Bland must post the finished call so it resumes this execution, and the mark the call
 * carries so only that call can: n8n's resume URL (`$execution.resumeUrl`, which on current n8n
 * carries the execution's own resume token) with this node's ID as the path suffix the resume
 * webhook listens on, plus our token; and a key in the call's `metadata`, which Bland returns with
 * the finished call. Both are derived (HMAC of the API key), so nothing is stored while waiting.
 */
export async function resumeTargetFor(
	this: IExecuteFunctions,
	itemIndex = 0,
): Promise<{ url: string; metadata: IDataObject }> {
	const credentials = await this.getCredentials(BLAND.credentialType);
	const node = this.getNode();
	const url = new URL(String(this.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex)));
	assertReachable(this, url, String(credentials.baseUrl ?? ''), itemIndex);
	const executionId = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
	const apiKey = String(credentials.apiKey ?? '');
	url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(node.id)}`;
	url.searchParams.set(TOKEN_PARAM, resumeToken(apiKey, executionId, node.id));
	return { url: url.toString(), metadata: { [CALL_MARK]: callMark(apiKey, executionId, node.id) } };
}

/** Whether this run waits by webhook resume (single item, webhook mode, wait enabled). */
export function usesWebhookResume(this: IExecuteFunctions, itemIndex: number): boolean {
	if (!readWaitSettings.call(this, itemIndex).enabled) return false;
	const mode = this.getNodeParameter('waitMode', itemIndex, 'webhook') as string;
	return mode === 'webhook' && this.getInputData().length === 1;
}

function lastKnown(callId: string, status: string): IDataObject {
	return { call_id: callId, status, queue_status: status };
}

/**
 * Runs after Make Call placed every item's call. Webhook mode (one item): pause the execution
 * until Bland posts the result or the wait ends. Otherwise poll `GET /v1/calls/{id}` for all
 * calls together.
 */
export async function waitForCalls(this: IExecuteFunctions, results: ItemResult[]): Promise<ItemResult[]> {
	const first = results[0];
	if (!first) return results;
	const settings = readWaitSettings.call(this, first.itemIndex);
	if (!settings.enabled) return results;
	const mode = this.getNodeParameter('outputMode', first.itemIndex, 'simplified') as OutputMode;
	const idOf = (r: ItemResult) => String((r.data as IDataObject).callId ?? '');

	if (usesWebhookResume.call(this, first.itemIndex)) {
		await this.putExecutionToWait(new Date(Date.now() + settings.maxWaitMs));
		// When the wait ends without a webhook, n8n continues with this node's input as its output.
		// Put the last known state there, so a timeout yields the call with timedOut: true.
		const input = this.getInputData();
		for (const result of results) {
			const item = input[result.itemIndex];
			if (item) item.json = { ...shapeCall(lastKnown(idOf(result), 'queued'), mode), timedOut: true };
		}
		return results;
	}

	const ids = results.map(idOf).filter((id) => id !== '');
	const polled = await pollAllUntil<IDataObject>(
		ids,
		async (id) => await blandRequest.call(this, { method: 'GET', path: `/v1/calls/${pathSegment(id)}` }),
		isCallFinished,
		(id) => lastKnown(id, 'queued'),
		{ intervalMs: settings.intervalMs, maxIntervalMs: settings.maxIntervalMs, maxWaitMs: settings.maxWaitMs },
	);
	return settleWaited(
		this,
		results,
		idOf,
		polled,
		settings,
		(call) => shapeCall(call, mode),
		(call) => call.status ?? call.queue_status,
	);
}

/**
 * The execution being resumed: from the resume URL's path (`…/webhook-waiting/<id>/<node>`),
 * which n8n routes by, else from the context.
 */
function resumedExecutionId(ctx: IWebhookFunctions): string {
	const req = ctx.getRequestObject() as unknown as { originalUrl?: string; url?: string };
	const path = String(req.originalUrl ?? req.url ?? '').split('?')[0];
	const match = /\/webhook-waiting\/([^/]+)\//.exec(path);
	return match ? decodeURIComponent(match[1]) : String(ctx.getExecutionId());
}

/**
 * Handles Bland's POST to the resume URL. Only a finished call from the right sender resumes the
 * execution; anything else is answered and leaves it waiting.
 */
export async function resumeFromWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await this.getCredentials(BLAND.credentialType);
	const expected = resumeToken(String(credentials.apiKey ?? ''), resumedExecutionId(this), this.getNode().id);
	if (!safeEqual(queryOf(this, TOKEN_PARAM), expected)) {
		return reject(this, 401, 'Invalid resume token');
	}
	const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
	if (secret !== '') {
		const raw = rawBodyOf(this) ?? Buffer.from(JSON.stringify(this.getBodyData()));
		if (!verifyHmacSha256Hex(raw, headerOf(this, 'x-webhook-signature'), secret)) {
			return reject(this, 401, 'Invalid signature');
		}
	}
	const body = this.getBodyData();
	if (!body || typeof body !== 'object' || (!body.call_id && !body.c_id) || !isCallFinished(body)) {
		// A live event or anything else: acknowledge and keep waiting for the finished call.
		return respondJson(this, 200, { received: true, resumed: false });
	}
	// A finished call, signed by Bland, but maybe not the one this execution placed: only the call
	// carrying this execution's mark resumes it.
	const metadata = (body.metadata && typeof body.metadata === 'object' ? body.metadata : {}) as IDataObject;
	const expectedMark = callMark(String(credentials.apiKey ?? ''), resumedExecutionId(this), this.getNode().id);
	if (!safeEqual(typeof metadata[CALL_MARK] === 'string' ? (metadata[CALL_MARK] as string) : undefined, expectedMark)) {
		return respondJson(this, 200, { received: true, resumed: false, ignored: 'not the call this execution waits for' });
	}
	const userMetadata = { ...metadata };
	delete userMetadata[CALL_MARK];
	const mode = this.getNodeParameter('outputMode', 'simplified') as OutputMode;
	respondJson(this, 200, { received: true, resumed: true });
	return {
		noWebhookResponse: true,
		workflowData: [[{ json: { ...shapeCall({ ...body, metadata: userMetadata }, mode), timedOut: false }, pairedItem: { item: 0 } }]],
	};
}

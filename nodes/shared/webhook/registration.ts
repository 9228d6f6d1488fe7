import { createHmac } from 'crypto';

import type { IDataObject, IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A provider-side place that holds one webhook URL (a Bolna agent's `webhook_url`, a Bland inbound
 * number's `webhook`). The trigger points it at itself on activation and puts back what was there
 * before on deactivation.
 */
export interface WebhookSlot {
	/** What the slot belongs to (agent id, phone number); stored to undo the registration later. */
	target: string;
	/** The URL set now: `null` when none, `undefined` when the target no longer exists (404). */
	read(): Promise<string | null | undefined>;
	/** Sets the URL (`null` clears it). */
	write(url: string | null): Promise<void>;
}

/** What the trigger remembers in its static data between activation and deactivation. */
export interface StoredRegistration {
	target: string;
	registeredUrl: string;
	previousUrl: string | null;
}

/** True for an API error with HTTP status 404. */
export function isNotFound(error: unknown): boolean {
	const e = error as { httpCode?: unknown; cause?: { httpCode?: unknown } };
	return String(e?.httpCode ?? e?.cause?.httpCode ?? '') === '404';
}

/**
 * Runs a read against the provider; a 404 gives `undefined` (the target is gone), any other
 * failure propagates as a NodeApiError (the transport's own errors already are one, with the
 * provider's message and no secrets, and come out unchanged).
 */
export async function unlessNotFound<T>(node: INode, read: () => Promise<T>): Promise<T | undefined> {
	try {
		return await read();
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw new NodeApiError(node, error as JsonObject);
	}
}

export function storedRegistration(staticData: IDataObject): StoredRegistration | undefined {
	const { target, registeredUrl, previousUrl } = staticData;
	if (typeof target !== 'string' || typeof registeredUrl !== 'string') return undefined;
	return { target, registeredUrl, previousUrl: typeof previousUrl === 'string' && previousUrl !== '' ? previousUrl : null };
}

/** Forgets everything the trigger kept: registration, token, dedupe memory. */
export function clearStaticData(staticData: IDataObject): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
}

/** URL without its query string, to recognise an older registration of this same trigger. */
function withoutQuery(url: string): string {
	const i = url.indexOf('?');
	return i === -1 ? url : url.slice(0, i);
}

/** Whether the slot exists and holds exactly `url`. */
export async function slotHolds(slot: WebhookSlot, url: string): Promise<boolean> {
	const current = await slot.read();
	return current === url;
}

/**
 * A trigger's URL token derived from the API key (HMAC), the workflow and the node: the same in
 * every process and after restarts, never stored, and unknowable without the key. Rotating the
 * key changes it: re-activate the workflow to register the new one.
 */
export function derivedToken(apiKey: string, purpose: string, workflowId: string, nodeId: string): string {
	return createHmac('sha256', apiKey).update(`${purpose}:${workflowId}:${nodeId}`).digest('hex').slice(0, 48);
}

/**
 * Points the slot at `url`, remembering the URL it held before. When the slot already holds this
 * trigger's own address (an older registration whose cleanup never ran), the remembered previous
 * URL of that registration is kept instead, so deactivation never "restores" the trigger itself.
 * Returns false when the target does not exist.
 */
export async function register(
	staticData: IDataObject,
	slot: WebhookSlot,
	url: string,
	extra: IDataObject = {},
): Promise<boolean> {
	const current = await slot.read();
	if (current === undefined) return false;
	let previousUrl: string | null = current === '' ? null : current;
	if (current && withoutQuery(current) === withoutQuery(url)) {
		const earlier = storedRegistration(staticData);
		previousUrl = earlier && earlier.target === slot.target ? earlier.previousUrl : null;
	}
	await slot.write(url);
	clearStaticData(staticData);
	// Kept without its query string: a secret token in it would be readable in the workflow JSON.
	Object.assign(staticData, { ...extra, target: slot.target, registeredUrl: withoutQuery(url), previousUrl });
	return true;
}

/**
 * Undoes `register`: puts the previous URL back (or clears it) only when the slot still holds
 * this trigger's URL, so a URL someone set since is left alone. A target that no longer exists
 * counts as done. Always forgets the stored state afterwards; other API errors propagate.
 */
export async function unregister(
	staticData: IDataObject,
	slotFor: (target: string) => WebhookSlot,
): Promise<void> {
	const stored = storedRegistration(staticData);
	if (stored) {
		const slot = slotFor(stored.target);
		const current = await slot.read();
		if (current !== undefined && current !== null && withoutQuery(current) === stored.registeredUrl) {
			await slot.write(stored.previousUrl);
		}
	}
	clearStaticData(staticData);
}

/** The production URL n8n gives this trigger, which the trigger registers with the provider. */
export function ownWebhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this trigger');
	return url;
}

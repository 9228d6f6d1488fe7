import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { ApiRequest, RequestContext } from '../shared/transport/request';
import { apiRequest, type Provider } from '../shared/transport/request';
import { parseAllowedPrefixes } from '../shared/validation/destinations';

/**
 * The requests Bland's docs give an `encrypted_key` header (Bring Your Own Twilio): Send Call and
 * batch create (the call goes out through the Twilio account), the call list and call details,
 * and the inbound number list and update, which it filters to the Twilio account's numbers
 * ("only return inbound numbers associated with that account sid"). Anywhere else (pathways,
 * tools, voices, /v1/me…) the key has no documented use, so it is not sent: a secret goes only
 * where it is needed.
 */
const BYOT_REQUESTS: Array<[string, RegExp]> = [
	['POST', /^\/v1\/calls$/],
	['GET', /^\/v1\/calls$/],
	['GET', /^\/v1\/calls\/[^/]+$/],
	['GET', /^\/v1\/inbound$/],
	['GET', /^\/v1\/inbound\/[^/]+$/],
	['POST', /^\/v1\/inbound\/[^/]+$/],
	['POST', /^\/v2\/batches\/create$/],
	['POST', /^\/v1\/batches$/],
];

/** Whether a request to Bland carries the BYOT `encrypted_key` header. */
export function takesEncryptedKey(method: string, path: string): boolean {
	const bare = path.split('?')[0];
	return BYOT_REQUESTS.some(([m, pattern]) => m === method.toUpperCase() && pattern.test(bare));
}

export const BLAND: Provider = {
	name: 'Bland AI',
	credentialType: 'blandAiApi',
	defaultBaseUrl: 'https://api.bland.ai',
	// Bring Your Own Twilio: Bland reads the encrypted key from a header, never from the body.
	extraHeaders: (credentials, request) =>
		typeof credentials.encryptedKeySecret === 'string' &&
		credentials.encryptedKeySecret !== '' &&
		takesEncryptedKey(request.method, request.path)
			? { encrypted_key: credentials.encryptedKeySecret }
			: {},
};

/** A request to the Bland AI API with the account's credential. */
export async function blandRequest(
	this: RequestContext,
	request: ApiRequest,
): Promise<IDataObject> {
	return await apiRequest.call(this, BLAND, request);
}

/** The credential's allowed destination prefixes (empty = every number allowed). */
export async function blandAllowedPrefixes(this: RequestContext): Promise<string[]> {
	const credentials = await this.getCredentials(BLAND.credentialType);
	return parseAllowedPrefixes(credentials.allowedDestinations, credentials.doNotCall);
}

/** Bland's newer endpoints wrap results as `{data, errors}`; older ones return the object itself. */
export function unwrapData<T = IDataObject>(body: unknown): T {
	if (body && typeof body === 'object' && 'data' in (body as IDataObject) && 'errors' in (body as IDataObject)) {
		return (body as { data: T }).data;
	}
	return body as T;
}

/** A request to a custom tool's own endpoint (not the Bland API). */
export interface ToolEndpointRequest {
	method: string;
	url: string;
	headers: IDataObject;
	query: IDataObject;
	body?: IDataObject | string;
	timeoutMs: number;
}

/**
 * Performs a custom tool's HTTP request from n8n, as Bland would during a call. The endpoint is
 * the user's, not Bland's: no credential is read here, so the Bland API key can never reach it.
 * HTTP error statuses are returned, not thrown, so they can be inspected.
 */
export async function toolEndpointRequest(
	this: IExecuteFunctions,
	request: ToolEndpointRequest,
): Promise<{ statusCode: number; headers: IDataObject; body: unknown }> {
	const isJson = request.body !== undefined && typeof request.body === 'object';
	const response = (await this.helpers.httpRequest({
		method: request.method as IHttpRequestMethods,
		url: request.url,
		headers: {
			...(isJson ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		qs: Object.keys(request.query).length ? request.query : undefined,
		body: request.body,
		json: isJson,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs,
	})) as { statusCode: number; headers: IDataObject; body: unknown };
	let body = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string' && body.trim() !== '') {
		try {
			body = JSON.parse(body);
		} catch {
			// not JSON: keep the text
		}
	}
	return { statusCode: response.statusCode, headers: response.headers ?? {}, body };
}

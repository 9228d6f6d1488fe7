import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, RequestContext } from '../shared/transport/request';
import { apiRequest, type Provider } from '../shared/transport/request';
import { parseAllowedPrefixes } from '../shared/validation/phone';

export const BLAND: Provider = {
	name: 'Bland AI',
	credentialType: 'blandAiApi',
	defaultBaseUrl: 'https://api.bland.ai',
	// Bring Your Own Twilio: Bland reads the encrypted key from a header, never from the body.
	extraHeaders: (credentials) =>
		typeof credentials.encryptedKey === 'string' && credentials.encryptedKey !== ''
			? { encrypted_key: credentials.encryptedKey }
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
	return parseAllowedPrefixes(credentials.allowedDestinations);
}

/** Bland's newer endpoints wrap results as `{data, errors}`; older ones return the object itself. */
export function unwrapData<T = IDataObject>(body: unknown): T {
	if (body && typeof body === 'object' && 'data' in (body as IDataObject) && 'errors' in (body as IDataObject)) {
		return (body as { data: T }).data;
	}
	return body as T;
}

import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, RequestContext } from '../shared/transport/request';
import { apiRequest, type Provider } from '../shared/transport/request';
import { parseAllowedPrefixes } from '../shared/validation/destinations';

export const BOLNA: Provider = {
	name: 'Bolna',
	credentialType: 'bolnaApi',
	defaultBaseUrl: 'https://api.bolna.ai',
};

/** A request to the Bolna API with the account's credential. */
export async function bolnaRequest(
	this: RequestContext,
	request: ApiRequest,
): Promise<IDataObject> {
	return await apiRequest.call(this, BOLNA, request);
}

/** The credential's allowed destination prefixes (empty = every number allowed). */
export async function bolnaAllowedPrefixes(this: RequestContext): Promise<string[]> {
	const credentials = await this.getCredentials(BOLNA.credentialType);
	return parseAllowedPrefixes(credentials.allowedDestinations, credentials.doNotCall);
}

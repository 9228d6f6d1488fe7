import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { accountKey, CallGuard, type CallHistory } from './guard';
import { readGuardRules } from './rules';

/** One guard per node run: the history is read once, the numbers planned in the run are shared. */
const guards = new WeakMap<object, CallGuard>();

/**
 * The credential's Call Guard for this node run. `history` reads the provider's calls; it is
 * only called when the cooldown or the cap is set.
 */
export async function callGuardFor(
	this: IExecuteFunctions,
	credentialType: string,
	history: (ctx: IExecuteFunctions) => CallHistory,
): Promise<CallGuard> {
	const known = guards.get(this);
	if (known) return known;
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	const guard = new CallGuard(
		readGuardRules(this.getNode(), credentials),
		history(this),
		accountKey(credentials.apiKey, credentials.baseUrl),
	);
	guards.set(this, guard);
	return guard;
}

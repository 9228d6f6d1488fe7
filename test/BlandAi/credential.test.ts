import nock from 'nock';

import { BlandAiApi } from '../../credentials/BlandAiApi.credentials';
import { API_KEY, BLAND, ENCRYPTED_KEY, runBland } from './helpers';

describe('Bland AI credential: Encrypted Key (BYOT)', () => {
	const field = new BlandAiApi().properties.find((p) => p.name === 'encryptedKeySecret');

	it('says what the transport does: sent as the encrypted_key header on every request to Bland', () => {
		expect(field?.description).toBe(
			'Only for Bring Your Own Twilio: the encrypted_key Bland returned for your Twilio account. When set, it is sent as the encrypted_key header on every request to Bland.',
		);
	});

	it('is indeed sent on a request that is neither a call nor a batch', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY } })
			.get('/v1/tools')
			.reply(200, { status: 'success', tools: [] });
		const run = await runBland(
			{ resource: 'customTool', operation: 'getMany', returnAll: true },
			{ credentials: { encryptedKeySecret: ENCRYPTED_KEY } },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

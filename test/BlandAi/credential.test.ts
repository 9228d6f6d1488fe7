import nock from 'nock';

import { BlandAiApi } from '../../credentials/BlandAiApi.credentials';
import { takesEncryptedKey } from '../../nodes/BlandAi/transport';
import { API_KEY, BLAND, ENCRYPTED_KEY, runBland } from './helpers';

describe('Bland AI credential: Encrypted Key (BYOT) goes only where the docs use it', () => {
	const field = new BlandAiApi().properties.find((p) => p.name === 'encryptedKeySecret');

	it('says what the transport does', () => {
		expect(field?.description).toBe(
			'Only for Bring Your Own Twilio: the encrypted_key Bland returned for your Twilio account. When set, it is sent as the encrypted_key header where the Bland docs use it: sending calls and batches, listing and reading calls, and inbound numbers.',
		);
	});

	it.each([
		['POST', '/v1/calls', true],
		['GET', '/v1/calls', true],
		['GET', '/v1/calls/c-1', true],
		['GET', '/v1/inbound', true],
		['POST', '/v1/inbound/+14155550100', true],
		['POST', '/v2/batches/create', true],
		['POST', '/v1/batches', true],
		['GET', '/v1/tools', false],
		['POST', '/v1/pathway/p-1', false],
		['GET', '/v1/voices', false],
		['GET', '/v1/me', false],
		['POST', '/v1/calls/c-1/analyze', false],
		['POST', '/v1/calls/c-1/stop', false],
	])('%s %s → header %s', (method, path, expected) => {
		expect(takesEncryptedKey(method, path)).toBe(expected);
	});

	it('is not sent on a request that is neither a call, a batch nor an inbound number', async () => {
		const scope = nock(BLAND, { badheaders: ['encrypted_key'], reqheaders: { authorization: API_KEY } })
			.get('/v1/tools')
			.reply(200, { status: 'success', tools: [] });
		const run = await runBland(
			{ resource: 'customTool', operation: 'getMany', returnAll: true },
			{ credentials: { encryptedKeySecret: ENCRYPTED_KEY } },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});

	it('is sent on Send Call, where Bland dials through the Twilio account', async () => {
		const scope = nock(BLAND, { reqheaders: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY } })
			.post('/v1/calls')
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland(
			{ resource: 'call', operation: 'make', phoneNumber: '+14155550101', callUsing: 'task', task: 'Hi' },
			{ credentials: { encryptedKeySecret: ENCRYPTED_KEY } },
		);
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

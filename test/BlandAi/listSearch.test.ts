import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchInboundNumbers } from '../../nodes/BlandAi/methods/listSearch';

/** A load-options context whose HTTP helper answers one request with `body` and records it. */
function context(body: unknown) {
	const requests: IHttpRequestOptions[] = [];
	const ctx = {
		getCredentials: async () => ({ apiKey: 'sk-test-key-456', baseUrl: 'https://api.bland.ai', encryptedKeySecret: '', allowedDestinations: '' }),
		getNode: () => ({ name: 'Bland AI Trigger', type: 'blandAiTrigger', typeVersion: 1, parameters: {}, position: [0, 0], id: 'n' }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				requests.push(options);
				return { statusCode: 200, headers: {}, body };
			},
		},
	} as unknown as ILoadOptionsFunctions;
	return { ctx, requests };
}

describe('Bland AI Trigger: inbound number search', () => {
	const body = {
		inbound_numbers: [
			{ phone_number: '+14155550100', label: 'Front desk' },
			{ phone_number: '+14155550199' },
			{ label: 'no number' },
		],
	};

	it('lists the account numbers from GET /v1/inbound, the value being the number', async () => {
		const { ctx, requests } = context(body);
		const result = await searchInboundNumbers.call(ctx);
		expect(requests.map((r) => [r.method, r.url])).toEqual([['GET', 'https://api.bland.ai/v1/inbound']]);
		expect(result.results).toEqual([
			{ name: '+14155550100 (Front desk)', value: '+14155550100' },
			{ name: '+14155550199', value: '+14155550199' },
		]);
	});

	it('filters by number or label', async () => {
		expect((await searchInboundNumbers.call(context(body).ctx, 'front')).results.map((r) => r.value)).toEqual(['+14155550100']);
		expect((await searchInboundNumbers.call(context(body).ctx, '0199')).results.map((r) => r.value)).toEqual(['+14155550199']);
	});
});

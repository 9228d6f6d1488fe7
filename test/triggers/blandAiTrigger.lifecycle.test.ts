import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BlandAiTrigger } from '../../nodes/BlandAi/BlandAiTrigger.node';
import { callHook, node, registerNodeType } from '../helpers/engine';

const BLAND = 'https://api.bland.ai';
const PHONE = '+14155550123';
const PATH = '/v1/inbound/%2B14155550123';
const OUR_URL = 'http://localhost:5678/webhook/wh-bland-1/webhook';
const credentials = { blandAiApi: { apiKey: 'sk-test-key-456', baseUrl: BLAND, webhookSecret: '', encryptedKeySecret: '', allowedDestinations: '' } };
const type = registerNodeType('blandAiTrigger', new BlandAiTrigger());
const STATIC_KEY = 'node:Bland AI Trigger';

function trigger(parameters: Record<string, unknown> = {}) {
	return node(
		'Bland AI Trigger',
		type,
		{ registration: 'inboundNumber', inboundPhoneNumber: '+1 (415) 555-0123', ...parameters },
		{ webhookId: 'wh-bland-1', credentials: { blandAiApi: { id: '2', name: 'Bland' } } },
	);
}

const bland = () => nock(BLAND, { reqheaders: { authorization: 'sk-test-key-456' } });
const inbound = (webhook: string | null) => ({
	created_at: '2023-11-27T17:21:38.33359+00:00',
	phone_number: PHONE,
	prompt: 'You are Blandie.',
	webhook,
	max_duration: 30,
});

describe('Bland AI Trigger registration (through n8n-core HookContext)', () => {
	describe('Manual registration (default)', () => {
		it.each(['checkExists', 'create', 'delete'] as const)('%s is a documented no-op that returns true', async (method) => {
			const scope = bland().get(/.*/).reply(200, inbound(null)).post(/.*/).reply(200, {});
			const staticData: IDataObject = {};
			const { result } = await callHook({ node: trigger({ registration: 'manual' }), method, credentials, staticData });
			expect(result).toBe(true);
			expect(scope.isDone()).toBe(false);
			expect(scope.pendingMocks()).toHaveLength(2);
			expect({ ...((staticData[STATIC_KEY] as object) ?? {}) }).toEqual({});
		});
	});

	describe('Automatic on an inbound number', () => {
		it('create remembers the number’s webhook and sets ours with the exact body', async () => {
			const posts: unknown[] = [];
			const scope = bland()
				.get(PATH)
				.reply(200, inbound('https://crm.example.com/bland'))
				.post(PATH, (body) => {
					posts.push(body);
					return true;
				})
				.reply(200, { status: 'success', message: `Successfully updated number ${PHONE}.` });

			const { result, staticData } = await callHook({ node: trigger(), method: 'create', credentials });

			scope.done();
			expect(result).toBe(true);
			expect(posts).toEqual([{ prompt: 'You are Blandie.', webhook: OUR_URL }]);
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({
				target: PHONE,
				registeredUrl: OUR_URL,
				previousUrl: 'https://crm.example.com/bland',
			});
		});

		it('create reads a {data, errors} envelope too', async () => {
			const scope = bland()
				.get(PATH)
				.reply(200, { data: inbound('https://crm.example.com/bland'), errors: null })
				.post(PATH)
				.reply(200, { status: 'success' });
			const { staticData } = await callHook({ node: trigger(), method: 'create', credentials });
			scope.done();
			expect((staticData[STATIC_KEY] as Record<string, unknown>).previousUrl).toBe('https://crm.example.com/bland');
		});

		it('create reports Bland’s refusal ({status: "error"})', async () => {
			const scope = bland()
				.get(PATH)
				.reply(200, inbound(null))
				.post(PATH)
				.reply(200, { status: 'error', message: 'Number not owned by this account' });
			await expect(callHook({ node: trigger(), method: 'create', credentials })).rejects.toThrow(
				`Bland AI refused to update the webhook of ${PHONE}: Number not owned by this account`,
			);
			scope.done();
		});

		it('create fails clearly for an unknown number and sends nothing else', async () => {
			const scope = bland().get(PATH).reply(404, { status: 'error', message: 'Not found' });
			const post = bland().post(/.*/).reply(200, {});
			await expect(callHook({ node: trigger(), method: 'create', credentials })).rejects.toThrow(
				`Inbound number ${PHONE} was not found in Bland AI`,
			);
			scope.done();
			expect(post.isDone()).toBe(false);
		});

		it('create refuses a number that is not E.164 before any request', async () => {
			const scope = bland().get(/.*/).reply(200, inbound(null));
			await expect(
				callHook({ node: trigger({ inboundPhoneNumber: '415 555' }), method: 'create', credentials }),
			).rejects.toThrow('Inbound Phone Number must be in E.164 format, e.g. +14155550123');
			expect(scope.isDone()).toBe(false);
		});

		const registered = (previousUrl: string | null) => ({
			[STATIC_KEY]: { target: PHONE, registeredUrl: OUR_URL, previousUrl },
		});

		it('checkExists is true only when the number’s webhook is our URL', async () => {
			let scope = bland().get(PATH).reply(200, inbound(OUR_URL));
			expect((await callHook({ node: trigger(), method: 'checkExists', credentials, staticData: registered(null) })).result).toBe(true);
			scope.done();
			scope = bland().get(PATH).reply(200, inbound('https://crm.example.com/bland'));
			expect((await callHook({ node: trigger(), method: 'checkExists', credentials, staticData: registered(null) })).result).toBe(false);
			scope.done();
			scope = bland().get(PATH).reply(200, inbound(OUR_URL));
			expect((await callHook({ node: trigger(), method: 'checkExists', credentials })).result).toBe(false);
			expect(scope.isDone()).toBe(false);
		});

		it('sends only the webhook for a number without a prompt (a pathway number)', async () => {
			const posts: unknown[] = [];
			const scope = bland()
				.get(PATH)
				.reply(200, { ...inbound(null), prompt: null, pathway_id: 'pw-1' })
				.post(PATH, (body) => {
					posts.push(body);
					return true;
				})
				.reply(200, { status: 'success' });
			await callHook({ node: trigger(), method: 'create', credentials });
			scope.done();
			expect(posts).toEqual([{ webhook: OUR_URL }]);
		});

		it('fails activation when Bland lists the webhook under failed_updates', async () => {
			const scope = bland()
				.get(PATH)
				.reply(200, inbound(null))
				.post(PATH)
				.reply(200, { status: 'success', message: 'Partially updated.', failed_updates: { webhook: OUR_URL } });
			await expect(callHook({ node: trigger(), method: 'create', credentials })).rejects.toThrow(
				`Bland AI refused to update the webhook of ${PHONE}: Partially updated.`,
			);
			scope.done();
		});

		it('delete restores the previous webhook and clears static data', async () => {
			const posts: unknown[] = [];
			const scope = bland()
				.get(PATH)
				.reply(200, inbound(OUR_URL))
				.post(PATH, (body) => {
					posts.push(body);
					return true;
				})
				.reply(200, { status: 'success' });
			const staticData = registered('https://crm.example.com/bland');
			const { result } = await callHook({ node: trigger(), method: 'delete', credentials, staticData });
			scope.done();
			expect(result).toBe(true);
			expect(posts).toEqual([{ prompt: 'You are Blandie.', webhook: 'https://crm.example.com/bland' }]);
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({});
		});

		it('delete clears our webhook (null) when there was none before', async () => {
			const posts: unknown[] = [];
			const scope = bland()
				.get(PATH)
				.reply(200, inbound(OUR_URL))
				.post(PATH, (body) => {
					posts.push(body);
					return true;
				})
				.reply(200, { status: 'success' });
			await callHook({ node: trigger(), method: 'delete', credentials, staticData: registered(null) });
			scope.done();
			expect(posts).toEqual([{ prompt: 'You are Blandie.', webhook: null }]);
		});

		it('delete leaves a webhook someone set since alone, and treats 404 as done', async () => {
			const post = bland().post(/.*/).reply(200, {});
			let scope = bland().get(PATH).reply(200, inbound('https://new.example.com/hook'));
			let staticData = registered('https://crm.example.com/bland');
			expect((await callHook({ node: trigger(), method: 'delete', credentials, staticData })).result).toBe(true);
			scope.done();
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({});

			scope = bland().get(PATH).reply(404, { status: 'error', message: 'Not found' });
			staticData = registered('https://crm.example.com/bland');
			expect((await callHook({ node: trigger(), method: 'delete', credentials, staticData })).result).toBe(true);
			scope.done();
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({});
			expect(post.isDone()).toBe(false);
		});

		it('delete undoes an earlier automatic registration even after switching to Manual', async () => {
			const scope = bland().get(PATH).reply(200, inbound(OUR_URL)).post(PATH, { prompt: 'You are Blandie.', webhook: null }).reply(200, { status: 'success' });
			await callHook({
				node: trigger({ registration: 'manual' }),
				method: 'delete',
				credentials,
				staticData: registered(null),
			});
			scope.done();
		});
	});
});

import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { BolnaTrigger } from '../../nodes/Bolna/BolnaTrigger.node';
import { derivedToken } from '../../nodes/shared/webhook/registration';
import { callHook, node, registerNodeType } from '../helpers/engine';

const BOLNA = 'https://api.bolna.ai';
const AGENT = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const OUR_URL = 'http://localhost:5678/webhook/wh-bolna-1/webhook';
const credentials = { bolnaApi: { apiKey: 'bn-test-key-123', baseUrl: BOLNA, allowedDestinations: '' } };
const type = registerNodeType('bolnaTrigger', new BolnaTrigger());
const STATIC_KEY = 'node:Bolna Trigger';
/** The URL token: derived from the API key, the workflow and the node; never stored. */
const TOKEN = derivedToken('bn-test-key-123', 'bolna-trigger', 'test-workflow', 'bolna-trigger');

function trigger(parameters: Record<string, unknown> = {}) {
	return node(
		'Bolna Trigger',
		type,
		{
			registerAutomatically: true,
			agentId: { __rl: true, mode: 'id', value: AGENT },
			...parameters,
		},
		{ webhookId: 'wh-bolna-1', credentials: { bolnaApi: { id: '1', name: 'Bolna' } } },
	);
}

function agent(webhookUrl: string | null) {
	return { id: AGENT, agent_name: 'Alfred', agent_config: { agent_name: 'Alfred', webhook_url: webhookUrl } };
}

const bolna = () => nock(BOLNA, { reqheaders: { authorization: 'Bearer bn-test-key-123' } });

describe('Bolna Trigger registration (create / checkExists / delete through n8n-core HookContext)', () => {
	describe('create', () => {
		it('remembers the previous URL, registers our URL with the derived token and sends the exact PATCH body', async () => {
			const patches: unknown[] = [];
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent('https://crm.example.com/bolna-hook'))
				.patch(`/v2/agent/${AGENT}`, (body) => {
					patches.push(body);
					return true;
				})
				.reply(200, { status: 'success' });

			const { result, staticData, webhookUrl } = await callHook({ node: trigger(), method: 'create', credentials });

			scope.done();
			expect(result).toBe(true);
			expect(webhookUrl).toBe(OUR_URL);
			const stored = staticData[STATIC_KEY] as Record<string, string>;
			expect(TOKEN).toMatch(/^[0-9a-f]{48}$/);
			// No token in static data (readable by anyone who can open the workflow).
			expect({ ...stored }).toEqual({
				target: AGENT,
				registeredUrl: OUR_URL,
				previousUrl: 'https://crm.example.com/bolna-hook',
			});
			expect(patches).toEqual([{ agent_config: { webhook_url: `${OUR_URL}?token=${TOKEN}` } }]);
		});

		it('reads the URL flat on the agent too and stores null when the agent had none', async () => {
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, { id: AGENT, agent_name: 'Alfred', webhook_url: null })
				.patch(`/v2/agent/${AGENT}`)
				.reply(200, {});

			const { staticData } = await callHook({ node: trigger(), method: 'create', credentials });

			scope.done();
			expect((staticData[STATIC_KEY] as Record<string, unknown>).previousUrl).toBeNull();
		});

		it('registers the same token on every activation (any process, after restarts) and another for another key', async () => {
			const urls: unknown[] = [];
			for (const apiKey of ['bn-test-key-123', 'bn-test-key-123', 'bn-rotated-key']) {
				const scope = nock(BOLNA)
					.get(`/v2/agent/${AGENT}`)
					.reply(200, agent(null))
					.patch(`/v2/agent/${AGENT}`, (body) => {
						urls.push(body.agent_config.webhook_url);
						return true;
					})
					.reply(200, {});
				await callHook({ node: trigger(), method: 'create', credentials: { bolnaApi: { ...credentials.bolnaApi, apiKey } } });
				scope.done();
			}
			expect(urls[0]).toBe(`${OUR_URL}?token=${TOKEN}`);
			expect(urls[1]).toBe(urls[0]);
			expect(urls[2]).not.toBe(urls[0]);
		});

		it('keeps the original previous URL when the agent still points at an older registration of this trigger', async () => {
			const staticData = {
				[STATIC_KEY]: {
					target: AGENT,
					token: 'old-token',
					registeredUrl: `${OUR_URL}?token=old-token`,
					previousUrl: 'https://crm.example.com/bolna-hook',
				},
			};
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent(`${OUR_URL}?token=old-token`))
				.patch(`/v2/agent/${AGENT}`)
				.reply(200, {});

			await callHook({ node: trigger(), method: 'create', credentials, staticData });

			scope.done();
			const stored = staticData[STATIC_KEY] as Record<string, string>;
			expect(stored.previousUrl).toBe('https://crm.example.com/bolna-hook');
		});

		it('fails with a clear error and sends no PATCH when the agent does not exist', async () => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(404, { detail: 'Agent not found' });
			const patch = bolna().patch(`/v2/agent/${AGENT}`).reply(200, {});

			await expect(callHook({ node: trigger(), method: 'create', credentials })).rejects.toThrow(
				`Bolna agent ${AGENT} was not found`,
			);
			scope.done();
			expect(patch.isDone()).toBe(false);
		});

		it('encodes the agent ID in the path', async () => {
			const odd = 'agent/../x y';
			const scope = bolna()
				.get('/v2/agent/agent%2F..%2Fx%20y')
				.reply(200, agent(null))
				.patch('/v2/agent/agent%2F..%2Fx%20y')
				.reply(200, {});
			await callHook({
				node: trigger({ agentId: { __rl: true, mode: 'id', value: odd } }),
				method: 'create',
				credentials,
			});
			scope.done();
		});
	});

	describe('checkExists', () => {
		const registered = () => ({
			[STATIC_KEY]: {
				target: AGENT,
				registeredUrl: OUR_URL,
				previousUrl: null,
			},
		});

		it('is true only when the agent points at exactly our URL with our token', async () => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(200, agent(`${OUR_URL}?token=${TOKEN}`));
			const { result } = await callHook({ node: trigger(), method: 'checkExists', credentials, staticData: registered() });
			scope.done();
			expect(result).toBe(true);
		});

		it.each([
			['another token', `${OUR_URL}?token=other`],
			['no token', OUR_URL],
			['someone else’s URL', 'https://crm.example.com/bolna-hook'],
			['no URL', null],
		])('is false when the agent has %s', async (_label, url) => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(200, agent(url));
			const { result } = await callHook({ node: trigger(), method: 'checkExists', credentials, staticData: registered() });
			scope.done();
			expect(result).toBe(false);
		});

		it('is false without asking Bolna when nothing was registered', async () => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(200, agent(OUR_URL));
			const { result } = await callHook({ node: trigger(), method: 'checkExists', credentials });
			expect(result).toBe(false);
			expect(scope.isDone()).toBe(false);
		});

		it('is false when the registration was for another agent', async () => {
			const staticData = registered();
			(staticData[STATIC_KEY] as Record<string, unknown>).target = 'another-agent-id';
			const scope = bolna().get(/.*/).reply(200, agent(`${OUR_URL}?token=tok123`));
			const { result } = await callHook({ node: trigger(), method: 'checkExists', credentials, staticData });
			expect(result).toBe(false);
			expect(scope.isDone()).toBe(false);
		});

		it('is false when the agent is gone (404)', async () => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(404, { detail: 'Agent not found' });
			const { result } = await callHook({ node: trigger(), method: 'checkExists', credentials, staticData: registered() });
			scope.done();
			expect(result).toBe(false);
		});
	});

	describe('delete', () => {
		const registered = (previousUrl: string | null) => ({
			[STATIC_KEY]: {
				target: AGENT,
				registeredUrl: OUR_URL,
				previousUrl,
			},
		});

		it('restores the previous URL and clears the static data', async () => {
			const patches: unknown[] = [];
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent(`${OUR_URL}?token=tok123`))
				.patch(`/v2/agent/${AGENT}`, (body) => {
					patches.push(body);
					return true;
				})
				.reply(200, {});
			const staticData = registered('https://crm.example.com/bolna-hook');

			const { result } = await callHook({ node: trigger(), method: 'delete', credentials, staticData });

			scope.done();
			expect(result).toBe(true);
			expect(patches).toEqual([{ agent_config: { webhook_url: 'https://crm.example.com/bolna-hook' } }]);
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({});
		});

		it('clears our URL (null) when the agent had none before', async () => {
			const patches: unknown[] = [];
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent(`${OUR_URL}?token=tok123`))
				.patch(`/v2/agent/${AGENT}`, (body) => {
					patches.push(body);
					return true;
				})
				.reply(200, {});
			await callHook({ node: trigger(), method: 'delete', credentials, staticData: registered(null) });
			scope.done();
			expect(patches).toEqual([{ agent_config: { webhook_url: null } }]);
		});

		it.each([
			['leaves a URL someone set since alone', 200, agent('https://new.example.com/hook')],
			['treats a deleted agent (404) as done', 404, { detail: 'Agent not found' }],
		])('%s: no PATCH, registration forgotten', async (_label, status, body) => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(status, body);
			const patch = bolna().patch(/.*/).reply(200, {});
			const staticData = registered('https://crm.example.com/bolna-hook');
			const { result } = await callHook({ node: trigger(), method: 'delete', credentials, staticData });
			scope.done();
			expect(result).toBe(true);
			expect(patch.isDone()).toBe(false);
			expect({ ...(staticData[STATIC_KEY] as object) }).toEqual({});
		});

		it('reports other API errors and keeps the registration to retry later', async () => {
			const scope = bolna().get(`/v2/agent/${AGENT}`).reply(500, { detail: 'database unavailable' });
			const staticData = registered('https://crm.example.com/bolna-hook');
			await expect(callHook({ node: trigger(), method: 'delete', credentials, staticData })).rejects.toThrow(
				'Bolna API error 500: database unavailable',
			);
			scope.done();
			expect((staticData[STATIC_KEY] as Record<string, unknown>).target).toBe(AGENT);
		});

		it('uses the agent it registered on, even if the Agent field changed since', async () => {
			const scope = bolna()
				.get(`/v2/agent/${AGENT}`)
				.reply(200, agent(`${OUR_URL}?token=tok123`))
				.patch(`/v2/agent/${AGENT}`)
				.reply(200, {});
			await callHook({
				node: trigger({ agentId: { __rl: true, mode: 'id', value: 'ffffffff-0000-0000-0000-000000000000' } }),
				method: 'delete',
				credentials,
				staticData: registered(null),
			});
			scope.done();
		});
	});

	describe('with Register Automatically off', () => {
		const manual = () => trigger({ registerAutomatically: false, token: 'my-own-dummy-token-0123456789' });

		it.each(['checkExists', 'create', 'delete'] as const)('%s returns true and touches nothing', async (method) => {
			const scope = bolna().get(/.*/).reply(200, agent(null)).patch(/.*/).reply(200, {});
			const staticData: IDataObject = {};
			const { result } = await callHook({ node: manual(), method, credentials, staticData });
			expect(result).toBe(true);
			expect(scope.isDone()).toBe(false);
			expect(scope.pendingMocks()).toHaveLength(2);
			expect({ ...((staticData[STATIC_KEY] as object) ?? {}) }).toEqual({});
		});
	});
});

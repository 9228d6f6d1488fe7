/**
 * Agents hold secrets of their own (custom tool tokens and headers, the Bolna Trigger's URL token):
 * Agent Get / Get Many mask them, and an API error that echoes them never shows them.
 */
import nock from 'nock';

import { agentSecrets, redactAgent } from '../../nodes/Bolna/shaping';
import { AGENT, AUTH, BOLNA, agentRl, runBolna } from './helpers';

const agent = {
	id: AGENT,
	agent_name: 'Support',
	agent_prompts: { task_1: { system_prompt: 'Help' } },
	agent_config: {
		webhook_url: 'https://n8n.example.com/webhook/abc/webhook?token=0123456789abcdef0123456789abcdef',
		tasks: [
			{
				tools_config: {
					api_tools: {
						tools: [{ name: 'lookup', key: 'custom_task' }],
						tools_params: {
							lookup: {
								method: 'POST',
								url: 'https://api.example.com/x',
								api_token: 'Bearer tool-secret-1',
								headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'header-secret-2' },
							},
						},
					},
				},
			},
		],
	},
};

const masked = {
	...agent,
	agent_config: {
		webhook_url: 'https://n8n.example.com/webhook/abc/webhook?token=***',
		tasks: [
			{
				tools_config: {
					api_tools: {
						tools: [{ name: 'lookup', key: 'custom_task' }],
						tools_params: {
							lookup: {
								method: 'POST',
								url: 'https://api.example.com/x',
								api_token: '***',
								headers: { 'Content-Type': 'application/json', 'X-Api-Key': '***' },
							},
						},
					},
				},
			},
		],
	},
};

describe('agent secrets', () => {
	it('redactAgent masks tool tokens, secret headers and the trigger token, nothing else', () => {
		expect(redactAgent(agent)).toEqual(masked);
		expect(agentSecrets(agent)).toEqual([
			'0123456789abcdef0123456789abcdef',
			'Bearer tool-secret-1',
			'header-secret-2',
		]);
	});

	it('Agent Get outputs the masked agent', async () => {
		const scope = nock(BOLNA, AUTH).get(`/v2/agent/${AGENT}`).reply(200, agent);
		const result = await runBolna({ resource: 'agent', operation: 'get', agentId: agentRl });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([masked]);
	});

	it('Agent Get Many outputs masked agents', async () => {
		const scope = nock(BOLNA, AUTH).get('/v2/agent/all').reply(200, [agent, { id: 'a2', agent_name: 'Plain' }]);
		const result = await runBolna({ resource: 'agent', operation: 'getMany', returnAll: true });
		scope.done();
		expect(result.items.map((i) => i.json)).toEqual([masked, { id: 'a2', agent_name: 'Plain' }]);
	});

	it('Add or Replace Custom Tool: a 422 that echoes the tasks shows none of their secrets', async () => {
		nock(BOLNA, AUTH)
			.get(`/v2/agent/${AGENT}`)
			.reply(200, agent)
			.put(`/v2/agent/${AGENT}`)
			.reply(422, (_uri, body) => ({ detail: [{ loc: ['body', 'agent_config'], msg: 'bad', input: body }] }));
		const result = await runBolna({
			resource: 'agent',
			operation: 'upsertCustomTool',
			agentId: agentRl,
			toolName: 'book_slot',
			toolDescription: 'Book a slot',
			method: 'POST',
			url: 'https://api.example.com/book',
			parametersSchema: '{"type":"object","properties":{"day":{"type":"string"}},"required":["day"]}',
			options: { apiToken: 'Bearer new-tool-secret-3' },
		});
		expect(result.error?.message).toBe('Bolna API error 422: agent_config: bad');
		// The node's own parameters hold the new token (n8n stores them with the workflow); the error must not.
		const error = { ...(result.error as unknown as Record<string, unknown>) };
		delete error.node;
		const stored = JSON.stringify(error);
		expect(stored).toContain('"api_token":"***"');
		for (const secret of ['new-tool-secret-3', 'tool-secret-1', 'header-secret-2']) {
			expect(stored).not.toContain(secret);
		}
	});
});

import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID, SEED } from '../../simulator';
import { simulatorClient } from '../../simulator/client';
import { BOLNA_KEY, bland, bolna, call, startReceiver, startTestSimulator } from './helpers';

const callBody = { agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550000' };

describe('simulator: faults, rate limit and control API', () => {
	let sim: Simulator;

	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterEach(() => sim.reset());
	afterAll(async () => {
		await sim.close();
	});

	describe('faults', () => {
		it('drop: reads the whole request, records it, then destroys the socket without answering or handling it', async () => {
			sim.setFault({ method: 'POST', path: '/call', action: 'drop' });
			await expect(bolna(sim, 'POST', '/call', callBody)).rejects.toThrow();
			expect(sim.requests).toHaveLength(1);
			expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/call', body: callBody, fault: 'drop', responseStatus: null });
			expect(Object.keys(sim.state.bolna.executions)).toHaveLength(0);
			// times defaults to 1: the next request goes through.
			expect((await bolna(sim, 'POST', '/call', callBody)).status).toBe(200);
			expect(sim.faults).toEqual([]);
		});

		it('drop with processFirst: the call is placed but the answer is lost', async () => {
			sim.setFault({ method: 'POST', path: '/call', action: 'drop', processFirst: true });
			await expect(bolna(sim, 'POST', '/call', callBody)).rejects.toThrow();
			expect(sim.requests[0]).toMatchObject({ fault: 'drop', responseStatus: null, handledStatus: 200 });
			expect(Object.keys(sim.state.bolna.executions)).toHaveLength(1);
		});

		it('rateLimit: 429 with Retry-After in the provider error shape', async () => {
			sim.setFault({ path: '/v1/calls', action: 'rateLimit', retryAfter: 3, times: 2 });
			const first = await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x' });
			expect(first.status).toBe(429);
			expect(first.headers.get('retry-after')).toBe('3');
			expect(first.body).toEqual({ status: 'error', message: 'Too many requests' });
			expect((await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x' })).status).toBe(429);
			expect((await bland(sim, 'POST', '/v1/calls', { phone_number: '+14155550000', task: 'x' })).status).toBe(200);
			expect(sim.requests.map((r) => [r.fault, r.responseStatus])).toEqual([
				['rateLimit', 429],
				['rateLimit', 429],
				[null, 200],
			]);
		});

		it('status: answers the given status and body, matching method and a regex path', async () => {
			sim.setFault({ method: 'GET', path: '^/executions/[^/]+$', action: 'status', status: 503, body: { detail: 'down' } });
			expect((await bolna(sim, 'POST', '/call', callBody)).status).toBe(200);
			const res = await bolna(sim, 'GET', '/executions/abc');
			expect(res).toMatchObject({ status: 503, body: { detail: 'down' } });
			const defaultBody = await startTestSimulator({ faults: [{ path: '/v2/batches', times: 0 }] });
			try {
				for (let i = 0; i < 2; i++) {
					const r = await bland(defaultBody, 'GET', '/v2/batches/list');
					expect(r).toMatchObject({ status: 500, body: { data: null, errors: [{ message: 'Simulated failure' }] } });
				}
				expect(defaultBody.faults).toHaveLength(1);
			} finally {
				await defaultBody.close();
			}
		});

		it('delay: answers normally after the delay', async () => {
			sim.setFault({ path: '/user/me', action: 'delay', ms: 30 });
			const res = await bolna(sim, 'GET', '/user/me');
			expect(res.status).toBe(200);
			expect(sim.requests[0]).toMatchObject({ fault: 'delay', responseStatus: 200 });
		});

		it('refuses an unknown action', () => {
			expect(() => sim.setFault({ path: '/call', action: 'explode' as never })).toThrow(/unknown fault action/);
		});
	});

	it('rate limit: 429 with Retry-After past perSecond requests', async () => {
		const limited = await startTestSimulator({ rateLimit: { perSecond: 2 } });
		try {
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push(await bolna(limited, 'GET', '/user/me'));
			expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
			expect(statuses[2].headers.get('retry-after')).toBe('1');
			expect(statuses[2].body).toEqual({ detail: 'Too many requests' });
			expect(limited.requests.map((r) => r.fault)).toEqual([null, null, 'rateLimited']);
		} finally {
			await limited.close();
		}
	});

	it('unknown paths answer 404 in the provider shape, and both APIs share one port', async () => {
		expect(await bolna(sim, 'GET', '/nope')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
		expect(await bland(sim, 'GET', '/v1/nope')).toMatchObject({ status: 404, body: { status: 'error', message: 'Not found' } });
		expect(sim.requests.map((r) => r.provider)).toEqual(['bolna', 'bland']);
	});

	describe('control API over HTTP', () => {
		it('seeds and reads agents, lists requests (control calls excluded), sets faults, resets', async () => {
			const client = simulatorClient(sim.url);
			await client.waitUntilReady(2000);
			expect(await client.seed()).toEqual(JSON.parse(JSON.stringify(SEED)));

			const receiver = await startReceiver();
			try {
				const agent = await client.seedAgent({ id: 'agent-e2e', agent_name: 'E2E Agent', webhook_url: receiver.url });
				expect(agent).toMatchObject({ id: 'agent-e2e', agent_name: 'E2E Agent', webhook_url: receiver.url, agent_config: { webhook_url: receiver.url } });
				expect(await client.getAgent('agent-e2e')).toEqual(agent);
				// The API returns the documented fields only (no webhook_url); the control API shows it all.
				expect((await bolna(sim, 'GET', '/v2/agent/agent-e2e')).body).toMatchObject({ id: 'agent-e2e', agent_name: 'E2E Agent' });
				expect((await bolna(sim, 'GET', '/v2/agent/agent-e2e')).body.webhook_url).toBeUndefined();

				await client.setFault({ method: 'POST', path: '/call', action: 'status', status: 500 });
				expect(await client.listFaults()).toEqual([expect.objectContaining({ method: 'POST', path: '/call', action: 'status', times: 1 })]);
				expect((await bolna(sim, 'POST', '/call', { agent_id: 'agent-e2e', recipient_phone_number: '+14155550000' })).status).toBe(500);
				const made = await bolna(sim, 'POST', '/call', { agent_id: 'agent-e2e', recipient_phone_number: '+14155550000' });
				const id = made.body.execution_id;

				const done = await client.waitFor((state) => state.deliveries.filter((d) => d.entityId === id).length === 6 && state.bolna.executions[id], { timeoutMs: 5000, intervalMs: 20 });
				expect(done.status).toBe('completed');
				expect((await client.listDeliveries()).map((d) => d.status)).toEqual(['queued', 'initiated', 'ringing', 'in-progress', 'call-disconnected', 'completed']);

				const requests = await client.listRequests({ method: 'POST', path: '/call' });
				expect(requests.map((r) => [r.path, r.responseStatus])).toEqual([
					['/call', 500],
					['/call', 200],
				]);
				expect((await client.listRequests()).every((r) => !r.path.startsWith('/__sim'))).toBe(true);

				await client.clearFaults();
				expect(await client.listFaults()).toEqual([]);
				await client.configure({ clockMs: 5 });
				expect(sim.config.clockMs).toBe(5);
				await expect(client.configure({ clockMs: -1 } as never)).rejects.toThrow(/400/);

				await client.reset();
				const state = await client.state();
				expect(Object.keys(state.bolna.agents)).toEqual(SEED.bolna.agentIds);
				expect(state.bolna.executions).toEqual({});
				expect(state.deliveries).toEqual([]);
				expect(await client.listRequests()).toEqual([]);
				await expect(client.getAgent('agent-e2e')).rejects.toThrow(/404/);
			} finally {
				await receiver.close();
				sim.configure({ clockMs: 15 });
			}
		});

		it('seeds pathways with the same graph checks as the API', async () => {
			const client = simulatorClient(sim.url);
			const pathway = await client.seedPathway({ id: 'pw-e2e', name: 'E2E', nodes: [{ id: 'a', type: 'Default', data: { isStart: true } }], edges: [] });
			expect(pathway).toMatchObject({ id: 'pw-e2e', name: 'E2E' });
			expect((await bland(sim, 'GET', '/v1/pathway/pw-e2e')).body).toMatchObject({ name: 'E2E' });
			await expect(client.seedPathway({ name: 'Bad', nodes: [{ id: 'a', type: 'Default', data: {} }], edges: [] })).rejects.toThrow(/start node/);
		});

		it('serves a recording for completed calls without authentication', async () => {
			const res = await fetch(`${sim.url}/__sim/recordings/x.mp3`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('audio/mpeg');
		});
	});

	it('reset stops pending lifecycles; close stops the server', async () => {
		const own = await startTestSimulator({ clockMs: 20 });
		const made = await bolna(own, 'POST', '/call', callBody);
		expect(made.status).toBe(200);
		own.reset();
		// A new call proves the clock still runs; the old execution is gone and never returns.
		const next = await bolna(own, 'POST', '/call', callBody);
		await own.waitFor((s) => s.state.bolna.executions[next.body.execution_id].status === 'completed', 5000);
		expect(Object.keys(own.state.bolna.executions)).toEqual([next.body.execution_id]);
		await own.close();
		await expect(call(`${own.url}/user/me`, { headers: { authorization: `Bearer ${BOLNA_KEY}` } })).rejects.toThrow();
	});
});

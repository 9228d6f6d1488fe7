/**
 * What the Bland call body holds (issue 11 rows D7, D13, agent_id routing, amd) and that a 2xx
 * answer echoing a secret is redacted like an error.
 */
import nock from 'nock';

import { blandStartTime } from '../../nodes/BlandAi/callBody';
import { API_KEY, BLAND, ENCRYPTED_KEY, recordRequests, runBland } from '../BlandAi/helpers';
import { BOLNA, agentRl, runBolna } from '../Bolna/helpers';

const node = { name: 'n' } as never;
const base = { resource: 'call', operation: 'make', phoneNumber: '+14155550101' };
const AGENT_ID = '0e1b2c3d-4e5f-4789-abcd-ef0123456789';

describe('D13: start_time in the documented form YYYY-MM-DD HH:MM:SS -HH:MM', () => {
	const FORM = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/;
	it.each([
		['2026-12-01T10:00:00Z', undefined, '2026-12-01 10:00:00 +00:00'],
		['2026-12-01T10:00:00-05:00', undefined, '2026-12-01 10:00:00 -05:00'],
		['2026-12-01 10:00', 'America/New_York', '2026-12-01 10:00:00 -05:00'],
		['2026-07-01T10:00:00', 'Asia/Kolkata', '2026-07-01 10:00:00 +05:30'],
		[Date.UTC(2026, 11, 1, 10), undefined, '2026-12-01 10:00:00 +00:00'],
	])('%s (zone %s) → %s', (input, zone, expected) => {
		const out = blandStartTime(node, input, 'Start Time', 0, zone);
		expect(out).toBe(expected);
		expect(out).toMatch(FORM);
	});
});

describe('D7: voicemail as voicemail_message + voicemail_action', () => {
	it('sends the two documented keys, not a voicemail object', async () => {
		const scope = nock(BLAND)
			.post('/v1/calls', (body) => body.voicemail_action === 'leave_message' && body.voicemail_message === 'Call us back' && !('voicemail' in body))
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland({ ...base, callUsing: 'task', task: 'Hi', additionalFields: { voicemailAction: 'leave_message', voicemailMessage: 'Call us back' } });
		expect(run.error).toBeUndefined();
		scope.done();
	});
});

describe('Call Using: Agent (agent_id), exclusive with task, pathway and persona; amd', () => {
	it('sends agent_id alone as the routing, with amd', async () => {
		const scope = nock(BLAND)
			.post('/v1/calls', { phone_number: '+14155550101', agent_id: AGENT_ID, amd: true })
			.reply(200, { status: 'success', call_id: 'c-1' });
		const run = await runBland({ ...base, callUsing: 'agent', agentId: AGENT_ID, additionalFields: { amd: true } });
		expect(run.error).toBeUndefined();
		scope.done();
	});

	it.each([
		['pathway_id next to the agent', { callUsing: 'agent', agentId: AGENT_ID, additionalFields: { otherParameters: JSON.stringify({ pathway_id: 'p-1' }) } }, '"Other Parameters (JSON)" may not set "pathway_id": use "Call Using: Pathway"'],
		['persona_id next to the agent', { callUsing: 'agent', agentId: AGENT_ID, additionalFields: { otherParameters: JSON.stringify({ persona_id: 'x' }) } }, '"Other Parameters (JSON)" may not set "persona_id": use "Call Using: Persona"'],
		['no agent ID (an expression giving nothing)', { callUsing: 'agent', agentId: '={{ "" }}' }, '"Agent ID" is required'],
		['an agent ID that is not a UUID', { callUsing: 'agent', agentId: 'my-agent' }, '"Agent ID" must be a UUID (got "my-agent")'],
		['agent_id in Other Parameters', { callUsing: 'task', task: 'Hi', additionalFields: { otherParameters: JSON.stringify({ agent_id: AGENT_ID }) } }, '"Other Parameters (JSON)" may not set "agent_id": use "Call Using: Agent"'],
	])('refuses %s, nothing sent', async (_, params, message) => {
		const seen = recordRequests();
		const run = await runBland({ ...base, ...params });
		seen.stop();
		expect(seen.requests).toEqual([]);
		expect(run.error?.message).toBe(message);
	});
});

describe('2xx responses are redacted like errors', () => {
	it('a Bland answer echoing the API key and the BYOT key reaches the output as ***', async () => {
		nock(BLAND)
			.get('/v1/calls/c-1')
			.reply(200, { call_id: 'c-1', status: 'completed', request: { headers: { authorization: API_KEY, encrypted_key: ENCRYPTED_KEY } }, note: `key ${API_KEY}` });
		const run = await runBland({ resource: 'call', operation: 'get', callId: 'c-1', outputMode: 'raw' }, { credentials: { encryptedKeySecret: ENCRYPTED_KEY } });
		expect(run.error).toBeUndefined();
		const text = JSON.stringify(run.json);
		expect(text).not.toContain(API_KEY);
		expect(text).not.toContain(ENCRYPTED_KEY);
		expect(text).toContain('"note":"key ***"');
	});

	it('a Bolna answer echoing the API key reaches the output as ***', async () => {
		nock(BOLNA).get('/v2/agent/all').reply(200, [{ id: 'a-1', agent_name: 'Ada', tools: { auth: 'Bearer bn-test-key-123' } }]);
		const result = await runBolna({ resource: 'agent', operation: 'getMany', returnAll: true, agentId: agentRl });
		expect(result.error).toBeUndefined();
		const text = JSON.stringify(result.items.map((i) => i.json));
		expect(text).not.toContain('bn-test-key-123');
		expect(text).toContain('Bearer ***');
	});
});

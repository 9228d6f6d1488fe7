/**
 * Get Recording on both nodes: the exact API request, the recording downloaded from the URL the
 * API returned without the account's credentials, the MP3 as n8n binary data; then the same
 * through the engine against the simulator.
 */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { BlandAi } from '../../nodes/BlandAi/BlandAi.node';
import { Bolna } from '../../nodes/Bolna/Bolna.node';
import type { Simulator } from '../../simulator';
import { BOLNA_AGENT_ID, startSimulator } from '../../simulator';
import { node, registerNodeType, runWorkflow } from '../helpers/engine';

const bolnaType = registerNodeType('bolna', new Bolna());
const blandType = registerNodeType('blandAi', new BlandAi());
const BOLNA = 'https://api.bolna.ai';
const BLAND = 'https://api.bland.ai';
const STORAGE = 'https://recordings.example.com';
const MP3 = Buffer.from('ID3fake-mp3-bytes');
const EXECUTION = 'c8098ad0-29f6-456d-1234-7b93ad224059';
const CALL = '9f0e4c2a-1111-4e22-8a33-0123456789ab';

async function run(provider: 'bolna' | 'bland', parameters: IDataObject, baseUrl?: string) {
	const isBolna = provider === 'bolna';
	const credentials = isBolna
		? { bolnaApi: { apiKey: baseUrl ? 'bn-sim-key' : 'bn-test-key-123', baseUrl: baseUrl ?? BOLNA, allowedDestinations: '' } }
		: { blandAiApi: { apiKey: baseUrl ? 'sk-sim-key' : 'sk-test-key-123', baseUrl: baseUrl ?? BLAND, allowedDestinations: '', encryptedKey: '' } };
	const result = await runWorkflow({
		nodes: [
			node('Recording', isBolna ? bolnaType : blandType, parameters, {
				credentials: isBolna ? { bolnaApi: { id: '1', name: 'Bolna' } } : { blandAiApi: { id: '1', name: 'Bland' } },
			}),
		],
		startNode: 'Recording',
		inputItems: [{ json: {} }],
		credentials: credentials as never,
	});
	return { ...result, items: result.output('Recording') };
}

describe('Get Recording (nock)', () => {
	it('Bolna: reads telephony_data.recording_url, downloads it without the API key, outputs binary data', async () => {
		const api = nock(BOLNA, { reqheaders: { authorization: 'Bearer bn-test-key-123' } })
			.get(`/executions/${EXECUTION}`)
			.reply(200, { id: EXECUTION, status: 'completed', telephony_data: { recording_url: `${STORAGE}/b/${EXECUTION}.mp3?X-Amz-Signature=abc` } });
		const storage = nock(STORAGE, { badheaders: ['authorization'] })
			.get(`/b/${EXECUTION}.mp3`)
			.query({ 'X-Amz-Signature': 'abc' })
			.reply(200, MP3, { 'content-type': 'audio/mpeg' });
		const result = await run('bolna', { resource: 'execution', operation: 'getRecording', executionId: EXECUTION });
		api.done();
		storage.done();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toEqual({ executionId: EXECUTION, status: 'completed', recordingUrl: `${STORAGE}/b/${EXECUTION}.mp3?X-Amz-Signature=abc` });
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileName: `bolna-${EXECUTION}.mp3`, fileExtension: 'mp3' });
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(MP3);
	});

	it('Bolna: with Download off, only the URL (one request)', async () => {
		const api = nock(BOLNA)
			.get(`/executions/${EXECUTION}`)
			.reply(200, { id: EXECUTION, status: 'completed', telephony_data: { recording_url: `${STORAGE}/x.mp3` } });
		const result = await run('bolna', { resource: 'execution', operation: 'getRecording', executionId: EXECUTION, download: false });
		api.done();
		expect(result.items).toEqual([{ json: { executionId: EXECUTION, status: 'completed', recordingUrl: `${STORAGE}/x.mp3` }, pairedItem: { item: 0 } }]);
	});

	it('Bolna: a call without a recording yet is an error that says when it comes', async () => {
		nock(BOLNA).get(`/executions/${EXECUTION}`).reply(200, { id: EXECUTION, status: 'call-disconnected', telephony_data: { recording_url: null } });
		const result = await run('bolna', { resource: 'execution', operation: 'getRecording', executionId: EXECUTION });
		expect(result.error?.message).toBe(`Execution ${EXECUTION} has no recording (status call-disconnected)`);
		expect(result.error?.description).toMatch(/once the call is completed/);
	});

	it('Bland: GET /v1/calls/{id}/recording with accept JSON, then the file, into a chosen field', async () => {
		const api = nock(BLAND, { reqheaders: { authorization: 'sk-test-key-123', accept: 'application/json' } })
			.get(`/v1/calls/${CALL}/recording`)
			.reply(200, { status: 'success', url: `${STORAGE}/bland/${CALL}.mp3` });
		const storage = nock(STORAGE, { badheaders: ['authorization', 'encrypted_key'] })
			.get(`/bland/${CALL}.mp3`)
			.reply(200, MP3, { 'content-type': 'audio/mpeg' });
		const result = await run('bland', { resource: 'call', operation: 'getRecording', callId: CALL, binaryPropertyName: 'recording' });
		api.done();
		storage.done();
		const [item] = result.items;
		expect(item.json).toEqual({ callId: CALL, recordingUrl: `${STORAGE}/bland/${CALL}.mp3` });
		expect(Object.keys(item.binary ?? {})).toEqual(['recording']);
		expect(Buffer.from(item.binary!.recording.data, 'base64')).toEqual(MP3);
	});

	it('Bland: a 404 (no recording) names Bland\'s message', async () => {
		nock(BLAND).get(`/v1/calls/${CALL}/recording`).reply(404, { status: 'error', message: 'Recording not found' });
		const result = await run('bland', { resource: 'call', operation: 'getRecording', callId: CALL });
		expect(result.error?.message).toBe('Bland AI API error 404: Recording not found');
	});

	it('refuses a recording URL that is not http(s) without fetching it', async () => {
		nock(BLAND).get(`/v1/calls/${CALL}/recording`).reply(200, { status: 'success', url: 'file:///etc/passwd' });
		const result = await run('bland', { resource: 'call', operation: 'getRecording', callId: CALL });
		expect(result.error?.message).toBe('The recording URL is not an http(s) URL: file:');
	});
});

describe('Get Recording (engine + simulator)', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator({ clockMs: 5 });
	});
	afterAll(async () => {
		await sim.close();
	});

	it('Bolna and Bland: a finished call\'s recording arrives as an MP3', async () => {
		const bolnaCall = await fetch(`${sim.url}/call`, {
			method: 'POST',
			headers: { authorization: 'Bearer bn-sim-key', 'content-type': 'application/json' },
			body: JSON.stringify({ agent_id: BOLNA_AGENT_ID, recipient_phone_number: '+14155550100' }),
		}).then(async (r) => (await r.json()) as { execution_id: string });
		const blandCall = await fetch(`${sim.url}/v1/calls`, {
			method: 'POST',
			headers: { authorization: 'sk-sim-key', 'content-type': 'application/json' },
			body: JSON.stringify({ phone_number: '+14155550100', task: 'Say hi', record: true }),
		}).then(async (r) => (await r.json()) as { call_id: string });
		await sim.waitFor(
			(s) => s.state.bolna.executions[bolnaCall.execution_id]?.status === 'completed' && s.state.bland.calls[blandCall.call_id]?.recording_url,
			5000,
		);

		const bolna = await run('bolna', { resource: 'execution', operation: 'getRecording', executionId: bolnaCall.execution_id }, sim.url);
		expect(bolna.error).toBeUndefined();
		expect(bolna.items[0].json.recordingUrl).toBe(`${sim.url}/__sim/recordings/${bolnaCall.execution_id}.mp3`);
		expect(bolna.items[0].binary?.data.mimeType).toBe('audio/mpeg');

		const bland = await run('bland', { resource: 'call', operation: 'getRecording', callId: blandCall.call_id }, sim.url);
		expect(bland.error).toBeUndefined();
		expect(bland.items[0].binary?.data.fileName).toBe(`bland-${blandCall.call_id}.mp3`);
		const recordingRequests = sim.requests.filter((r) => r.path === `/v1/calls/${blandCall.call_id}/recording`);
		expect(recordingRequests.map((r) => [r.headers.accept, r.responseStatus])).toEqual([['application/json', 200]]);
	});
});

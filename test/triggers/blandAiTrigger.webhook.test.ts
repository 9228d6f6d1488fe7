import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { BlandAiTrigger } from '../../nodes/BlandAi/BlandAiTrigger.node';
import { callWebhook, node, registerNodeType } from '../helpers/engine';
import { fixture, withoutEventIds } from './fixtures';

const SECRET = 'whsec_dummy_5f0b2b7e1c9d4a83b6e2f1a0';
const type = registerNodeType('blandAiTrigger', new BlandAiTrigger());
const baseCredentials = { apiKey: 'sk-test-key-456', baseUrl: 'https://api.bland.ai', encryptedKeySecret: '', allowedDestinations: '' };
const signed = { blandAiApi: { ...baseCredentials, webhookSecret: SECRET } };
const unsigned = { blandAiApi: { ...baseCredentials, webhookSecret: '' } };

const postCall = fixture('bland-post-call.json');
const corrected = fixture('bland-corrected-transcript.json');
const liveEvent = fixture('bland-live-event.json');
const batchStatus = fixture('bland-batch-status.json');
const CALL_ID = 'd9cce3f3-23cf-4fa7-b62c-8be8119b8715';

const sign = (raw: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(raw).digest('hex');

function trigger(parameters: IDataObject = {}, withCredentials = true) {
	return node(
		'Bland AI Trigger',
		type,
		{ registration: 'manual', ...parameters },
		{ webhookId: 'wh-bland-1', ...(withCredentials ? { credentials: { blandAiApi: { id: '2', name: 'Bland' } } } : {}) },
	);
}

async function deliver(
	raw: string,
	options: {
		parameters?: IDataObject;
		headers?: Record<string, string>;
		credentials?: typeof signed;
		staticData?: IDataObject;
		signature?: string | null;
		withCredentials?: boolean;
	} = {},
) {
	const credentials = options.credentials ?? signed;
	const signature =
		options.signature === undefined ? sign(raw) : options.signature === null ? undefined : options.signature;
	let body: unknown = raw;
	try {
		body = JSON.parse(raw);
	} catch {
		// n8n hands the node the text when it is not JSON
	}
	return withoutEventIds(
		await callWebhook({
			node: trigger(options.parameters, options.withCredentials ?? true),
			body,
			rawBody: raw,
			headers: {
				'content-type': 'application/json',
				...(signature !== undefined ? { 'x-webhook-signature': signature } : {}),
				...(options.headers ?? {}),
			},
			credentials,
			staticData: options.staticData ?? {},
		}),
	);
}

type Call = Awaited<ReturnType<typeof deliver>>;

function expectRefused(call: Call, status: number, error: string) {
	expect(call.result).toEqual({ noWebhookResponse: true });
	expect(call.response).toMatchObject({ statusCode: status, body: { error }, ended: true });
}

function expectAcknowledged(call: Call, reason: string) {
	expect(call.result).toEqual({ noWebhookResponse: true });
	expect(call.response).toMatchObject({ statusCode: 200, body: { received: true, ignored: reason }, ended: true });
}

const items = (call: Call) => call.result.workflowData?.[0]?.map((i) => i.json);

const SIMPLIFIED_POST_CALL = {
	event: 'callCompleted',
	callId: CALL_ID,
	batchId: null,
	pathwayId: null,
	status: 'completed',
	queueStatus: 'completed',
	completed: true,
	to: '+12223334444',
	from: '+17163511654',
	inbound: false,
	answeredBy: 'human',
	durationSeconds: 45,
	callLengthMinutes: 0.75,
	priceUsd: 0.068,
	endedBy: 'ASSISTANT',
	errorMessage: null,
	summary:
		'The call was a conversation between a hotel booking service assistant and a customer. The customer expressed interest in booking a hotel room for tomorrow and needing three rooms. The assistant booked book the reservation for three rooms for the next day. Then, the call ended with the assistant thanking the customer for choosing their service.',
	transcript:
		"user: Hello? \n assistant: Hi there! I'm calling from the hotel booking service. I'd love to help you with your reservation. Could you let me know what day you'd like to book your hotel for and how many rooms you'll need? \n user: Hopefully, tomorrow, I'm thinking. ...",
	recordingUrl: null,
	dispositionTag: null,
	analysis: null,
	variables: {
		now: 'Sat Apr 27 2024 18:51:25 GMT-0500 (Central Daylight Time)',
		now_utc: 'Sat, 27 Apr 2024 23:51:25 GMT',
		short_from: '7163511654',
		short_to: '2223334444',
		from: '+17163511654',
		to: '+12223334444',
		call_id: CALL_ID,
		phone_number: '+12223334444',
		city: 'SAN FRANCISCO',
		country: 'US',
		state: 'CA',
		zip: '12345',
		input: { date: '2024-04-28', rooms: 3 },
	},
	metadata: {},
	createdAt: '2024-04-27T23:51:18.025251+00:00',
	endedAt: '2024-04-27T23:52:10.000Z',
};

describe('Bland AI Trigger webhook (through n8n-core WebhookContext)', () => {
	describe('post-call payload (seed example) in each output mode', () => {
		it('Simplified gives the documented item', async () => {
			const call = await deliver(postCall.raw);
			expect(call.result).toEqual({ workflowData: [[{ json: SIMPLIFIED_POST_CALL }]] });
			expect(call.response.ended).toBe(false);
		});

		it('Raw gives the payload exactly as received', async () => {
			const call = await deliver(postCall.raw, { parameters: { outputMode: 'raw' } });
			expect(items(call)).toEqual([postCall.json]);
		});

		it('Extracted Data Only gives variables and analysis plus dispositionTag, callId and status', async () => {
			const call = await deliver(postCall.raw, { parameters: { outputMode: 'extractedDataOnly' } });
			expect(items(call)).toEqual([
				{
					...SIMPLIFIED_POST_CALL.variables,
					dispositionTag: null,
					callId: CALL_ID,
					status: 'completed',
				},
			]);
		});

		it('Extracted Data Only lets analysis fields win over variables of the same name', async () => {
			const raw = JSON.stringify({
				call_id: 'c-1',
				status: 'completed',
				completed: true,
				variables: { city: 'SF', rooms: '2' },
				analysis: { rooms: 3, interested: true },
				disposition_tag: 'Interested',
			});
			const call = await deliver(raw, { parameters: { outputMode: 'extractedDataOnly' } });
			expect(items(call)).toEqual([
				{ city: 'SF', rooms: 3, interested: true, dispositionTag: 'Interested', callId: 'c-1', status: 'completed' },
			]);
		});
	});

	describe('signature (X-Webhook-Signature = hex HMAC-SHA256 of the raw body)', () => {
		it('refuses a request without the header when the credential has a secret', async () => {
			expectRefused(await deliver(postCall.raw, { signature: null }), 401, 'Unauthorized: missing X-Webhook-Signature');
		});

		it('refuses a forged signature (another secret)', async () => {
			expectRefused(
				await deliver(postCall.raw, { signature: sign(postCall.raw, 'guessed-secret') }),
				401,
				'Unauthorized: X-Webhook-Signature does not match',
			);
		});

		it('refuses a valid signature of another body (tampered payload)', async () => {
			const tampered = postCall.raw.replace('"status": "completed"', '"status": "failed"');
			expectRefused(
				await deliver(tampered, { signature: sign(postCall.raw) }),
				401,
				'Unauthorized: X-Webhook-Signature does not match',
			);
		});

		it('refuses garbage and checks the signature before the body', async () => {
			expectRefused(await deliver('not json', { signature: 'zz' }), 401, 'Unauthorized: X-Webhook-Signature does not match');
		});

		it('accepts an uppercase-hex signature of the same bytes', async () => {
			const call = await deliver(postCall.raw, { signature: sign(postCall.raw).toUpperCase() });
			expect(items(call)).toHaveLength(1);
		});

		it('without a secret in the credential, accepts unsigned requests (the node shows a warning notice)', async () => {
			const call = await deliver(postCall.raw, { credentials: unsigned, signature: null });
			expect(items(call)).toEqual([SIMPLIFIED_POST_CALL]);
			const notice = new BlandAiTrigger().description.properties.find((p) => p.name === 'signatureNotice')!;
			expect(notice.type).toBe('notice');
			expect(notice.displayName).toContain('A credential without a secret accepts any request to this URL');
		});
	});

	describe('kinds told apart', () => {
		const all = { events: ['callCompleted', 'correctedTranscript', 'liveEvent', 'batchStatus'] };

		it('the delayed corrected-transcript delivery is ignored by default (200, no run)', async () => {
			expectAcknowledged(await deliver(corrected.raw), 'event "correctedTranscript" is not selected');
		});

		it('the corrected-transcript delivery is its own event when selected', async () => {
			const call = await deliver(corrected.raw, { parameters: all });
			expect(items(call)).toEqual([
				{
					event: 'correctedTranscript',
					callId: CALL_ID,
					status: 'completed',
					correctedTranscript: corrected.json.corrected_transcript,
					citations: [
						{ field: 'rooms', value: 3, utterance: 'I need three rooms', speaker: 'user', confidence: 0.93 },
					],
				},
			]);
		});

		it('a live webhook_events message becomes a liveEvent item', async () => {
			expectAcknowledged(await deliver(liveEvent.raw), 'event "liveEvent" is not selected');
			const call = await deliver(liveEvent.raw, { parameters: all });
			expect(items(call)).toEqual([
				{
					event: 'liveEvent',
					callId: CALL_ID,
					level: 'call',
					category: 'info',
					message: 'Call connected',
					timestamp: '2024-04-27T23:51:25.120Z',
				},
			]);
		});

		it('accepts the documented live-event shape {call_id, message, category, log_level} and filters by category', async () => {
			const event = JSON.stringify({ call_id: CALL_ID, message: 'Tool called', category: 'tool', log_level: 'info' });
			expect(items(await deliver(event, { parameters: all }))).toEqual([
				{ event: 'liveEvent', callId: CALL_ID, level: 'info', category: 'tool', message: 'Tool called', timestamp: null },
			]);
			const onlyCalls = { ...all, liveEventCategories: ['call'] };
			const other = JSON.stringify({ call_id: CALL_ID, message: 'Latency 300 ms', category: 'latency', log_level: 'info' });
			expectAcknowledged(await deliver(other, { parameters: onlyCalls }), 'live event category "latency" is not selected');
			const call = JSON.stringify({ call_id: CALL_ID, message: 'Call ended', category: 'call', log_level: 'info' });
			expect(items(await deliver(call, { parameters: onlyCalls }))).toHaveLength(1);
		});

		it('a batch status_webhook payload becomes a batchStatus item', async () => {
			expectAcknowledged(await deliver(batchStatus.raw), 'event "batchStatus" is not selected');
			const call = await deliver(batchStatus.raw, { parameters: all });
			expect(items(call)).toEqual([
				{
					event: 'batchStatus',
					batchId: '5b1e2c3d-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
					status: 'completed',
					message: 'Batch finished',
					timestamp: '2026-01-01T12:30:00.000Z',
					callsTotal: 20,
					callsSuccessful: 18,
					callsFailed: 2,
					code: null,
					reason: null,
				},
			]);
		});

		it('Extracted Data Only keeps live events and batch updates simplified', async () => {
			const call = await deliver(batchStatus.raw, { parameters: { ...all, outputMode: 'extractedDataOnly' } });
			expect(items(call)?.[0]).toMatchObject({ event: 'batchStatus', status: 'completed' });
		});

		it('a post-call payload with a status but no transcript is still a completed call', async () => {
			const raw = JSON.stringify({ call_id: 'c-2', status: 'no-answer', completed: true, batch_id: 'b-1' });
			const call = await deliver(raw, { parameters: { ...all, outputMode: 'raw' } });
			expect(items(call)).toEqual([JSON.parse(raw)]);
		});
	});

	describe('status filters', () => {
		it('drops completed calls whose status is not selected', async () => {
			expectAcknowledged(
				await deliver(postCall.raw, { parameters: { callStatuses: ['failed', 'no-answer'] } }),
				'call status "completed" is not selected',
			);
			const raw = JSON.stringify({ call_id: 'c-3', status: 'no-answer', completed: true });
			expect(items(await deliver(raw, { parameters: { callStatuses: ['failed', 'no-answer'] } }))).toHaveLength(1);
		});

		it('drops batch updates whose status is not selected', async () => {
			expectAcknowledged(
				await deliver(batchStatus.raw, { parameters: { events: ['batchStatus'], batchStatuses: ['failed'] } }),
				'batch status "completed" is not selected',
			);
		});
	});

	describe('bad bodies (400, no run) — signed, so they pass authentication', () => {
		it.each([
			['not JSON', 'call_id=1', 'Request body is not valid JSON'],
			['empty', '', 'Request body is empty; expected a JSON object'],
			['an array', '[]', 'Request body must be a JSON object'],
			['null', 'null', 'Request body must be a JSON object'],
			[
				'of no known kind',
				'{"hello":"world"}',
				'Not a Bland webhook payload: expected a call (call_id with status, completed or concatenated_transcript), a live event (call_id, message, category or log_level) or a batch status (batch_id, status)',
			],
			[
				'a call_id with nothing else',
				'{"call_id":"c-1"}',
				'Not a Bland webhook payload: expected a call (call_id with status, completed or concatenated_transcript), a live event (call_id, message, category or log_level) or a batch status (batch_id, status)',
			],
			['a call with an object call_id', '{"call_id":{"x":1},"status":"completed"}', 'Not a valid Bland callCompleted payload: call_id: Invalid input'],
			['a call with a non-boolean completed', '{"call_id":"c","completed":"yes"}', 'Not a valid Bland callCompleted payload: completed: Expected boolean, received string'],
			['a live event with a numeric category', '{"call_id":"c","level":"call","message":"m","category":5}', 'Not a valid Bland liveEvent payload: category: Expected string, received number'],
			['a batch status with an empty status', '{"batch_id":"b","status":""}', 'Not a valid Bland batchStatus payload: status: String must contain at least 1 character(s)'],
		])('refuses a body that is %s', async (_label, raw, message) => {
			expectRefused(await deliver(raw), 400, message);
		});

		it('refuses a body over 4 MB', async () => {
			const raw = JSON.stringify({ ...postCall.json, concatenated_transcript: 'x'.repeat(4 * 1024 * 1024) });
			expectRefused(await deliver(raw), 400, 'Request body is larger than 4 MB');
		});
	});

	describe('deduplication on (call id, kind)', () => {
		it('runs once per call and kind; the corrected transcript of the same call still runs', async () => {
			const staticData: IDataObject = {};
			const parameters = { events: ['callCompleted', 'correctedTranscript'] };
			expect(items(await deliver(postCall.raw, { staticData, parameters }))).toHaveLength(1);
			expectAcknowledged(await deliver(postCall.raw, { staticData, parameters }), 'duplicate delivery');
			expect(items(await deliver(corrected.raw, { staticData, parameters }))).toHaveLength(1);
			expectAcknowledged(await deliver(corrected.raw, { staticData, parameters }), 'duplicate delivery');
		});

		it('live events of one call are told apart by level, time and message', async () => {
			const staticData: IDataObject = {};
			const parameters = { events: ['liveEvent'] };
			const second = JSON.stringify({ ...liveEvent.json, message: 'Call ended', timestamp: '2024-04-27T23:52:10.000Z' });
			expect(items(await deliver(liveEvent.raw, { staticData, parameters }))).toHaveLength(1);
			expect(items(await deliver(second, { staticData, parameters }))).toHaveLength(1);
			expectAcknowledged(await deliver(second, { staticData, parameters }), 'duplicate delivery');
		});

		it('batch updates are told apart by status', async () => {
			const staticData: IDataObject = {};
			const parameters = { events: ['batchStatus'] };
			const dispatching = JSON.stringify({ batch_id: batchStatus.json.batch_id, status: 'dispatching', timestamp: 't1' });
			expect(items(await deliver(dispatching, { staticData, parameters }))).toHaveLength(1);
			expect(items(await deliver(batchStatus.raw, { staticData, parameters }))).toHaveLength(1);
			expectAcknowledged(await deliver(dispatching, { staticData, parameters }), 'duplicate delivery');
		});
	});

	it('answers 500, starts nothing and logs the cause when the trigger itself cannot work (no credential set)', async () => {
		// n8n's own logger (what ctx.logger is in a real n8n), silenced here and asserted instead.
		const log = jest.spyOn(Container.get(Logger), 'error').mockImplementation(() => undefined);
		try {
			const call = await deliver(postCall.raw, { withCredentials: false });
			expectRefused(call, 500, 'The trigger could not process this request');
			expect(log).toHaveBeenCalledWith(expect.stringContaining('Bland AI Trigger could not process a webhook'));
		} finally {
			log.mockRestore();
		}
	});
});

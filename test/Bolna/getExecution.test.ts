import nock from 'nock';

import completed from '../fixtures/bolna/completed-execution.json';
import { AUTH, BOLNA, runBolna } from './helpers';

const ID = '7432382142914';

async function getExecution(outputMode: string) {
	const scope = nock(BOLNA, AUTH).get(`/executions/${ID}`).reply(200, completed);
	const result = await runBolna({ resource: 'execution', operation: 'get', executionId: ID, outputMode });
	scope.done();
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
	return result.items[0].json;
}

describe('Bolna Get Execution on the documented completed-call payload', () => {
	it('Simplified: id as a string, cost in cents and USD, numbers, transcript, recording, extracted data', async () => {
		expect(await getExecution('simplified')).toEqual({
			executionId: '7432382142914',
			agentId: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
			batchId: 'd12abbbe-d16d-4c51-b18c-c7d5c3807962',
			status: 'completed',
			errorMessage: null,
			toNumber: '+10123456789',
			fromNumber: '+1987654007',
			callType: 'outbound',
			durationSeconds: 42,
			conversationDurationSeconds: 123,
			totalCostCents: 123,
			totalCostUsd: 1.23,
			answeredByVoiceMail: true,
			hangupBy: null,
			hangupReason: null,
			transcript: '<string>',
			summary: null,
			recordingUrl:
				'https://bolna-call-recordings.s3.us-east-1.amazonaws.com/AC1f3285e7c353c7d4036544f8dac36b98/REb1c182ccde4ddf7969a511a267d3c669',
			extractedData: {
				user_interested: true,
				callback_user: false,
				address: '42 world lane',
				salary_expected: '42 bitcoins',
			},
			createdAt: '2024-01-23T01:14:37Z',
			updatedAt: '2024-01-29T18:31:22Z',
		});
	});

	it('Raw: the payload exactly as Bolna sent it', async () => {
		expect(await getExecution('raw')).toEqual(completed);
	});

	it('Extracted Data Only: extracted_data intact, plus id (string), status and agent', async () => {
		expect(await getExecution('extractedDataOnly')).toEqual({
			user_interested: true,
			callback_user: false,
			address: '42 world lane',
			salary_expected: '42 bitcoins',
			executionId: '7432382142914',
			status: 'completed',
			agentId: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
		});
	});
});

import nock from 'nock';

import completed from '../fixtures/bolna/completed-execution.json';
import { AUTH, BOLNA, runBolna } from './helpers';
import { SIMPLIFIED_COMPLETED } from '../fixtures/bolna/completed-execution.simplified';

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
		expect(await getExecution('simplified')).toEqual(SIMPLIFIED_COMPLETED);
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

'use strict';
/**
 * Bolna Make Call, then (once the simulated call has completed) Get Execution in Extracted Data Only mode.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');
const { simExecution } = require('../lib/sim');

module.exports = async function bolnaMakeCall(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'call', 'make');
	requireOperation(ctx, TYPES.bolna, 'execution', 'get');

	const makeCall = webhookWorkflow('E2E Bolna Make Call', 'e2e-bolna-make-call', [
		node(
			'Make Call',
			TYPES.bolna,
			{
				resource: 'call',
				operation: 'make',
				agentId: byId('={{ $json.body.agentId }}'),
				recipientPhoneNumber: '={{ $json.body.phone }}',
				additionalFields: {
					userData: { values: [{ name: 'customer_name', value: '={{ $json.body.name }}' }] },
				},
			},
			{ credentials: 'bolnaApi' },
		),
	]);
	const getExecution = webhookWorkflow('E2E Bolna Get Execution', 'e2e-bolna-get-execution', [
		node(
			'Get Execution',
			TYPES.bolna,
			{ resource: 'execution', operation: 'get', executionId: '={{ $json.body.executionId }}', outputMode: 'extractedDataOnly' },
			{ credentials: 'bolnaApi' },
		),
	]);
	await n8n.deploy(makeCall, credentials);
	await n8n.deploy(getExecution, credentials);

	const phone = '+14155550124';
	const first = await n8n.webhook('e2e-bolna-make-call', { agentId: seed.BOLNA_AGENT_ID, phone, name: 'Ada Lovelace' });
	assert.equal(first.status, 200, `Make Call workflow answered ${first.status}: ${JSON.stringify(first.data)}`);
	assert.ok(Array.isArray(first.data) && first.data.length === 1, `one item expected: ${JSON.stringify(first.data)}`);
	const queued = first.data[0];
	assert.equal(queued.status, 'queued');
	assert.equal(queued.agentId, seed.BOLNA_AGENT_ID);
	assert.equal(queued.recipientPhoneNumber, phone);
	assert.match(String(queued.executionId), /^[0-9a-f-]{36}$/);

	const posts = requestsTo(sim, 'POST', '/call');
	assert.equal(posts.length, 1, 'exactly one POST /call');
	assert.deepEqual(posts[0].body, {
		agent_id: seed.BOLNA_AGENT_ID,
		recipient_phone_number: phone,
		user_data: { customer_name: 'Ada Lovelace' },
	});
	assert.equal(posts[0].authScheme, 'Bearer');

	const completed = await eventually(
		() => {
			const exec = simExecution(sim, queued.executionId);
			return exec && exec.status === 'completed' ? exec : null;
		},
		{ what: `simulated execution ${queued.executionId} to complete` },
	);

	const second = await n8n.webhook('e2e-bolna-get-execution', { executionId: queued.executionId });
	assert.equal(second.status, 200, `Get Execution workflow answered ${second.status}: ${JSON.stringify(second.data)}`);
	assert.deepEqual(second.data, [
		{ ...completed.extracted_data, executionId: queued.executionId, status: 'completed', agentId: seed.BOLNA_AGENT_ID },
	]);
	assert.equal(completed.extracted_data.customer_name, 'Ada Lovelace');
	assert.equal(requestsTo(sim, 'GET', `/executions/${queued.executionId}`).length, 1, 'one GET /executions/<id>');

	return [
		`Make Call output {executionId, status: queued, agentId, recipientPhoneNumber}; one POST /call with exact body and Bearer key`,
		`Get Execution (Extracted Data Only) = simulator extracted_data ${JSON.stringify(completed.extracted_data)} + ids/status`,
	];
};
module.exports.title = 'Bolna Make Call → Get Execution (Extracted Data Only)';

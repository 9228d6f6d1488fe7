'use strict';
/**
 * API errors surface in n8n's execution data with the provider's message and HTTP code, and no API
 * key appears anywhere in the execution (nor in n8n's log): a wrong-key credential for each
 * provider, plus provider refusals with the right key (unknown execution, Bland 402).
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, requestsTo } = require('../lib/check');

const SECRETS = ['bn-wrong-key-SECRET-0123456789', 'sk-wrong-key-SECRET-0123456789', 'bn-sim-key', 'sk-sim-key', 'whsec-sim'];

async function runFailing(ctx, name, webhookPath, stepNode, credentialMap) {
	const { n8n, N8n } = ctx;
	const wf = await n8n.deploy(webhookWorkflow(name, webhookPath, [stepNode]), credentialMap);
	const res = await n8n.webhook(webhookPath, {});
	assert.equal(res.status, 500, `${name}: expected the workflow to fail, got ${res.status} ${JSON.stringify(res.data)}`);
	const [summary] = await n8n.waitForExecutions(wf.id, 1);
	const execution = await n8n.execution(summary.id);
	assert.equal(execution.status, 'error', `${name}: execution status ${execution.status}`);
	const error = N8n.nodeError(execution, stepNode.name);
	assert.ok(error, `${name}: no node error in the execution`);
	const everything = JSON.stringify({ summary, execution: { ...execution, raw: undefined }, raw: execution.raw });
	for (const secret of SECRETS) assert.ok(!everything.includes(secret), `${name}: "${secret}" found in the execution JSON`);
	assert.ok(!/Bearer\s+[A-Za-z0-9-]/.test(everything), `${name}: a Bearer token in the execution JSON`);
	return error;
}

module.exports = async function errorsRedacted(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'call', 'make');
	requireOperation(ctx, TYPES.bolna, 'execution', 'get');
	requireOperation(ctx, TYPES.blandAi, 'call', 'make');
	const lines = [];

	const bolnaWrong = await runFailing(
		ctx,
		'E2E Bolna wrong key',
		'e2e-bolna-wrong-key',
		node('Make Call', TYPES.bolna, { resource: 'call', operation: 'make', agentId: byId(seed.BOLNA_AGENT_ID), recipientPhoneNumber: '+14155550124', additionalFields: {} }, { credentials: 'bolnaApi' }),
		{ bolnaApi: credentials.bolnaWrongKey },
	);
	assert.equal(bolnaWrong.message, 'Bolna API error 403: Invalid API key');
	assert.equal(String(bolnaWrong.httpCode), '403');
	const sent = requestsTo(sim, 'POST', '/call');
	assert.equal(sent.length, 1, 'Make Call sent once (a 403 is not retried)');
	assert.equal(sent[0].responseStatus, 403);
	lines.push(`Bolna wrong key → execution error "${bolnaWrong.message}" (httpCode 403), one POST /call, no key in the execution`);

	const bolnaMissing = await runFailing(
		ctx,
		'E2E Bolna unknown execution',
		'e2e-bolna-unknown-execution',
		node('Get Execution', TYPES.bolna, { resource: 'execution', operation: 'get', executionId: '00000000-0000-4000-8000-00000000dead', outputMode: 'simplified' }, { credentials: 'bolnaApi' }),
		credentials,
	);
	assert.match(bolnaMissing.message, /^Bolna API error 404: /);
	const simMessage = requestsTo(sim, 'GET', '/executions/00000000-0000-4000-8000-00000000dead');
	assert.equal(simMessage.length, 1, 'one GET (a 404 is not retried)');
	lines.push(`Bolna unknown execution → "${bolnaMissing.message}"`);

	const blandWrong = await runFailing(
		ctx,
		'E2E Bland wrong key',
		'e2e-bland-wrong-key',
		node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: '+14155550124', callUsing: 'task', task: 'Say hello.', additionalFields: {} }, { credentials: 'blandAiApi' }),
		{ blandAiApi: credentials.blandWrongKey },
	);
	assert.equal(blandWrong.message, 'Bland AI API error 401: Invalid API key');
	lines.push(`Bland wrong key → "${blandWrong.message}"`);

	const blandRefused = await runFailing(
		ctx,
		'E2E Bland refused call',
		'e2e-bland-refused',
		node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: '+14155554444', callUsing: 'task', task: 'Say hello.', additionalFields: {} }, { credentials: 'blandAiApi' }),
		credentials,
	);
	assert.match(blandRefused.message, /^Bland AI API error 402: /);
	assert.equal(requestsTo(sim, 'POST', '/v1/calls').length, 2, 'each Make Call sent exactly once');
	lines.push(`Bland refused call → "${blandRefused.message}"`);

	const log = n8n.log();
	for (const secret of SECRETS.slice(0, 2)) assert.ok(!log.includes(secret), `"${secret}" found in n8n's log`);
	lines.push('no API key, signing secret or Bearer token in any execution JSON or in n8n\'s log');
	return lines;
};
module.exports.title = 'Errors carry the provider message and code; no API key in execution data or logs';

'use strict';
/**
 * Money safety in a real n8n (issue 14). With credentials that allow only +1415:
 * - every side path a foreign number (+447911123456) could take is refused with no request sent
 *   (checked on the simulator's request log): Bland Other Parameters (backup number, dialing
 *   strategy, inline tool transfer, voicemail SMS), the batch global block, pathway Transfer Call /
 *   SMS nodes, Bolna Batch → Schedule, Bolna batch columns and call user data;
 * - values that are not what the field says (a Max Duration of "abc", a Poll Interval of "abc")
 *   are refused with the field's name before the call is placed;
 * - three calls, the second refused by Bland (402): the error names the call already placed, and
 *   n8n's "Retry" of the failed execution does not dial it again.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, simRequests, requestsTo } = require('../lib/check');

const FOREIGN = '+447911123456';
const ALLOW = '+1415';

/** Deploys Webhook → step, runs it once, expects the step to fail; returns its error. */
async function refused(ctx, name, webhookPath, stepNode, credentialMap) {
	const { n8n, N8n } = ctx;
	const wf = await n8n.deploy(webhookWorkflow(name, webhookPath, [stepNode]), credentialMap);
	const res = await n8n.webhook(webhookPath, {});
	assert.equal(res.status, 500, `${name}: expected the workflow to fail, got ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
	const [summary] = await n8n.waitForExecutions(wf.id, 1);
	const execution = await n8n.execution(summary.id);
	const error = N8n.nodeError(execution, stepNode.name);
	assert.ok(error, `${name}: no node error in the execution`);
	return error;
}

module.exports = async function moneySafety(ctx) {
	const { n8n, sim, credentials, N8n } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'call', 'make');
	requireOperation(ctx, TYPES.blandAi, 'pathway', 'createVersion');
	requireOperation(ctx, TYPES.bolna, 'batch', 'schedule');
	const baseUrl = sim.url.replace(/\/+$/, '');
	const limited = {
		bolnaApi: await n8n.createCredential('Bolna (only +1415)', 'bolnaApi', { apiKey: 'bn-sim-key', baseUrl, allowedDestinations: ALLOW }),
		blandAiApi: await n8n.createCredential('Bland AI (only +1415)', 'blandAiApi', {
			apiKey: 'sk-sim-key',
			baseUrl,
			webhookSecret: '',
			encryptedKeySecret: '',
			allowedDestinations: ALLOW,
		}),
	};
	const lines = [];

	const blandCall = (additionalFields, extra = {}) =>
		node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: '+14155550101', callUsing: 'task', task: 'Say hello.', additionalFields, ...extra }, { credentials: 'blandAiApi' });
	const graph = (transferNumber, sms) => ({
		nodes: JSON.stringify([
			{ id: '1', type: 'Default', data: { name: 'Start', text: 'Hi', isStart: true } },
			{ id: '2', type: 'Transfer Call', data: { name: 'Transfer', transferNumber } },
			{ id: '3', type: 'SMS', data: { name: 'Text', smsPhoneNumber: sms, message: 'hello' } },
		]),
		edges: JSON.stringify([
			{ id: 'e1', source: '1', target: '2', label: 'human' },
			{ id: 'e2', source: '1', target: '3', label: 'text' },
		]),
	});

	// [title, step node, request that must not have been sent, expected message part]
	const sidePaths = [
		['Bland Make Call, Other Parameters backup_phone_number', blandCall({ otherParameters: JSON.stringify({ backup_phone_number: FOREIGN }) }), ['POST', '/v1/calls'], `${FOREIGN} at backup_phone_number`],
		['Bland Make Call, Other Parameters dialing_strategy.numbers', blandCall({ otherParameters: JSON.stringify({ dialing_strategy: { numbers: [FOREIGN] } }) }), ['POST', '/v1/calls'], `${FOREIGN} at dialing_strategy.numbers[0]`],
		['Bland Make Call, inline tools[].transfer_number', blandCall({ otherParameters: JSON.stringify({ tools: [{ name: 'handoff', transfer_number: FOREIGN }] }) }), ['POST', '/v1/calls'], `${FOREIGN} at tools[0].transfer_number`],
		['Bland Make Call, voicemail.sms.to', blandCall({ otherParameters: JSON.stringify({ voicemail: { sms: { to: FOREIGN } } }) }), ['POST', '/v1/calls'], `${FOREIGN} at voicemail.sms.to`],
		[
			'Bland Create Batch, global block',
			node('Create Batch', TYPES.blandAi, { resource: 'batch', operation: 'create', inputMode: 'items', phoneNumberField: 'phone', callUsing: 'task', task: 'Hi', globalSettings: { otherParameters: JSON.stringify({ backup_phone_number: FOREIGN }) } }, { credentials: 'blandAiApi' }),
			['POST', /batches/],
			`${FOREIGN} at backup_phone_number`,
		],
		[
			'Bland Pathway Create Version, Transfer Call node',
			node('Create Version', TYPES.blandAi, { resource: 'pathway', operation: 'createVersion', pathwayId: byId(seed.BLAND_PATHWAY_ID), ...graph(FOREIGN, '+14155550102') }, { credentials: 'blandAiApi' }),
			['POST', /^\/v1\/pathway/],
			`${FOREIGN} at nodes[1].data.transferNumber`,
		],
		[
			'Bland Pathway Update, SMS node',
			node('Update Pathway', TYPES.blandAi, { resource: 'pathway', operation: 'update', pathwayId: byId(seed.BLAND_PATHWAY_ID), updateFields: { name: 'p', ...graph('+14155550102', FOREIGN) } }, { credentials: 'blandAiApi' }),
			['POST', /^\/v1\/pathway/],
			`${FOREIGN} at nodes[2].data.smsPhoneNumber`,
		],
		[
			'Bolna Batch → Schedule with an allow-list',
			node('Schedule', TYPES.bolna, { resource: 'batch', operation: 'schedule', batchId: '0123456789abcdef0123456789abcdef', scheduledAt: '2030-01-01T10:00:00+00:00' }, { credentials: 'bolnaApi' }),
			['POST', /\/schedule$/],
			'cannot be scheduled: the credential limits destinations to +1415',
		],
		[
			'Bolna Create Batch, a second number column',
			node('Create Batch', TYPES.bolna, { resource: 'batch', operation: 'create', agentId: byId(seed.BOLNA_AGENT_ID), inputMode: 'items', phoneNumberField: 'phone' }, { credentials: 'bolnaApi' }),
			['POST', '/batches'],
			`column "backup_number" holds ${FOREIGN}`,
		],
		[
			'Bolna Make Call, user data',
			node('Make Call', TYPES.bolna, { resource: 'call', operation: 'make', agentId: byId(seed.BOLNA_AGENT_ID), recipientPhoneNumber: '+14155550101', additionalFields: { userDataJson: JSON.stringify({ transfer_to: FOREIGN }) } }, { credentials: 'bolnaApi' }),
			['POST', '/call'],
			`${FOREIGN} at user_data.transfer_to`,
		],
	];

	let i = 0;
	for (const [title, step, [method, pathPattern], expected] of sidePaths) {
		i++;
		const path = `e2e-money-side-${i}`;
		const wf = webhookWorkflow(`E2E money side path ${i}`, path, [
			node('Contact', TYPES.code, { jsCode: `return [{ json: { phone: '+14155550101', backup_number: '${FOREIGN}' } }];` }, { typeVersion: 2 }),
			step,
		]);
		const before = simRequests(sim).length;
		const deployed = await n8n.deploy(wf, limited);
		const res = await n8n.webhook(path, {});
		assert.equal(res.status, 500, `${title}: expected a refusal, got ${res.status} ${JSON.stringify(res.data).slice(0, 300)}`);
		const [summary] = await n8n.waitForExecutions(deployed.id, 1);
		const execution = await n8n.execution(summary.id);
		const error = N8n.nodeError(execution, step.name);
		assert.ok(error && String(error.message).includes(expected), `${title}: error "${error && error.message}" lacks "${expected}"`);
		const sent = simRequests(sim).slice(before).filter((r) => r.method === method && (pathPattern instanceof RegExp ? pathPattern.test(r.path) : r.path === pathPattern));
		assert.equal(sent.length, 0, `${title}: ${sent.length} request(s) reached the simulator`);
		lines.push(`${title} → refused ("${String(error.message).slice(0, 90)}…"), no ${method} ${pathPattern} sent`);
	}

	// A pathway changed outside this credential (here: with the unrestricted one) to transfer abroad:
	// a call through it with the limited credential reads the version, refuses, and places nothing.
	i++;
	const version = await n8n.deploy(
		webhookWorkflow('E2E money pathway version', 'e2e-money-pathway-version', [
			node('Create Version', TYPES.blandAi, { resource: 'pathway', operation: 'createVersion', pathwayId: byId(seed.BLAND_PATHWAY_ID), versionName: 'transfers abroad', ...graph(FOREIGN, '+14155550102') }, { credentials: 'blandAiApi' }),
		]),
		credentials,
	);
	const created = await n8n.webhook('e2e-money-pathway-version', {});
	assert.equal(created.status, 200, `Create Version without an allow-list: ${created.status} ${JSON.stringify(created.data).slice(0, 300)}`);
	const versionNumber = created.data[0].versionNumber;
	assert.ok(Number.isInteger(versionNumber), `version number ${versionNumber}`);
	assert.ok(version.id);
	const callsBefore = requestsTo(sim, 'POST', '/v1/calls').length;
	const pathwayError = await refused(
		ctx,
		'E2E money pathway call',
		'e2e-money-pathway-call',
		node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: '+14155550101', callUsing: 'pathway', pathwayId: byId(seed.BLAND_PATHWAY_ID), pathwayOptions: { pathwayVersion: versionNumber }, additionalFields: {} }, { credentials: 'blandAiApi' }),
		limited,
	);
	assert.ok(pathwayError.message.includes(`Pathway ${seed.BLAND_PATHWAY_ID} (version ${versionNumber}) holds a phone number outside`), pathwayError.message);
	assert.equal(requestsTo(sim, 'POST', '/v1/calls').length, callsBefore, 'a call was placed through the pathway');
	assert.equal(requestsTo(sim, 'GET', `/v1/pathway/${seed.BLAND_PATHWAY_ID}/version/${versionNumber}`).length, 1, 'the version was read once');
	lines.push(`Bland Make Call through a pathway version edited elsewhere to transfer to ${FOREIGN} → refused after one GET of the version, no POST /v1/calls`);
	const tried = sidePaths.length + 1;
	lines.push(`${tried} side paths tried, ${tried} refused with no request sent`);

	// Values that are not what the field says, from expressions: refused before the call is placed.
	const badValues = [
		['Max Duration "abc"', blandCall({ maxDuration: '={{ "abc" }}' }), '"Max Duration (Minutes)" must be a number (got "abc")'],
		['Temperature 1e308', blandCall({ temperature: '={{ 1e308 }}' }), '"Temperature" must be at most 1'],
		['Poll Interval "abc"', blandCall({}, { waitForCompletion: true, waitMode: 'polling', waitOptions: { pollIntervalSeconds: '={{ "abc" }}' } }), '"Poll Interval (Seconds)" must be a number (got "abc")'],
	];
	for (const [title, step, expected] of badValues) {
		i++;
		const before = requestsTo(sim, 'POST', '/v1/calls').length;
		const error = await refused(ctx, `E2E money value ${i}`, `e2e-money-value-${i}`, step, credentials);
		assert.ok(String(error.message).startsWith(expected), `${title}: "${error.message}"`);
		assert.equal(requestsTo(sim, 'POST', '/v1/calls').length, before, `${title}: a call was placed`);
		lines.push(`${title} → "${error.message}", no call placed`);
	}

	// Three calls, the second refused by Bland (402): then n8n's Retry of the failed execution.
	const phones = ['+14155550101', '+14155554444', '+14155550103'];
	const retryPath = 'e2e-money-retry';
	const wf = await n8n.deploy(
		webhookWorkflow('E2E money retry', retryPath, [
			node('Three Leads', TYPES.code, { jsCode: `return ${JSON.stringify(phones)}.map((phone) => ({ json: { phone } }));` }, { typeVersion: 2 }),
			node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: '={{ $json.phone }}', callUsing: 'task', task: 'Say hello.', additionalFields: {} }, { credentials: 'blandAiApi' }),
		]),
		credentials,
	);
	const callsTo = (phone) => requestsTo(sim, 'POST', '/v1/calls').filter((r) => r.body && r.body.phone_number === phone);
	const res = await n8n.webhook(retryPath, {});
	assert.equal(res.status, 500, `retry workflow: expected a failure, got ${res.status}`);
	const [failed] = await n8n.waitForExecutions(wf.id, 1);
	const failedExecution = await n8n.execution(failed.id);
	const error = N8n.nodeError(failedExecution, 'Make Call');
	const placed = Object.values(sim.state.bland.calls).find((c) => c.to === phones[0]);
	assert.ok(placed, 'the first call was placed');
	const placedId = placed.call_id || placed.id;
	assert.match(error.message, new RegExp(`^Bland AI API error 402: .*\\[already placed: item 0 → ${placedId}; do not run this item again\\]$`));
	assert.match(String(error.description), /Do not run the workflow again with these items/);
	assert.equal(callsTo(phones[0]).length, 1);
	lines.push(`item 1 refused (402) after item 0 was placed → "${error.message.slice(0, 140)}"`);

	const retried = await n8n.request('POST', `/rest/executions/${failed.id}/retry`, { loadWorkflow: false });
	const all = await n8n.waitForExecutions(wf.id, 2, 60_000);
	const retryExecution = await n8n.execution(all.find((e) => String(e.id) !== String(failed.id)).id);
	assert.equal(String(retryExecution.mode), 'retry', `the retried execution runs in mode "retry" (got ${retryExecution.mode})`);
	assert.equal(String(retried.retryOf || retryExecution.retryOf), String(failed.id), 'retryOf names the failed execution');
	assert.equal(callsTo(phones[0]).length, 1, `after Retry, ${phones[0]} was dialled ${callsTo(phones[0]).length} times`);
	assert.equal(callsTo(phones[1]).length, 2, 'the failed item was tried again');
	const retryError = N8n.nodeError(retryExecution, 'Make Call');
	assert.ok(retryError && retryError.message.includes(`[already placed: item 0 → ${placedId}`), `retry error: ${retryError && retryError.message}`);
	lines.push(`n8n Retry (mode "retry", retryOf ${failed.id}): ${phones[0]} still dialled once, only the failed item sent again; the retry's error still names item 0 → ${placedId}`);
	return lines;
};
module.exports.title = 'Money safety: side paths refused with no request, values checked, Retry does not dial twice';

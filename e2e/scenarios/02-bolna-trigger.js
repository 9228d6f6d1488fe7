'use strict';
/**
 * The example "Bolna: call new leads and record the outcome": activation registers the Bolna Trigger
 * on the agent, status events start runs only for the selected statuses, Extracted Data Only items
 * carry the simulator's extracted_data, and deactivation restores the agent's previous webhook URL.
 * With Register Automatically off, the trigger activates and runs without any credential.
 */
const seed = require('../../simulator/seed');
const { TYPES, loadExample } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');
const { simAgent, simExecution, deliveries } = require('../lib/sim');

const PREVIOUS_URL = 'https://crm.example.com/hooks/bolna';
const TERMINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'balance-low', 'canceled', 'stopped', 'error']);

module.exports = async function bolnaTrigger(ctx) {
	const { n8n, sim, credentials, N8n } = ctx;
	requireOperation(ctx, TYPES.bolnaTrigger);
	requireOperation(ctx, TYPES.bolna, 'call', 'make');
	const agentId = seed.BOLNA_AGENT_ID;
	simAgent(sim, agentId).agent_config.webhook_url = PREVIOUS_URL;

	const example = loadExample('bolna-lead-call-outcome.json');
	const trigger = example.nodes.find((n) => n.type === TYPES.bolnaTrigger);
	// Bolna's documented GET agent (and so the simulator) does not report the agent's webhook URL:
	// the user says where it should point after deactivation.
	trigger.parameters.options = { ...(trigger.parameters.options || {}), webhookUrlAfterDeactivation: PREVIOUS_URL };
	const workflow = await n8n.deploy(example, credentials);

	// Activation pointed the agent at the trigger's production URL, with a secret token.
	const registered = simAgent(sim, agentId).agent_config.webhook_url;
	const expectedBase = `${n8n.webhookBaseUrl}/webhook/${trigger.webhookId}/webhook`;
	assert.ok(registered.startsWith(`${expectedBase}?token=`), `agent webhook_url is ${registered}`);
	const token = new URL(registered).searchParams.get('token');
	assert.match(token, /^[0-9a-f]{32,}$/);
	assert.equal(requestsTo(sim, 'PATCH', `/v2/agent/${agentId}`).length, 1, 'one PATCH on activation');

	// Without the token (or with a wrong one) the trigger answers 401 and nothing runs.
	const noToken = await n8n.post(expectedBase, { id: 'x', status: 'completed' });
	const wrongToken = await n8n.post(`${expectedBase}?token=${'0'.repeat(token.length)}`, { id: 'x', status: 'completed' });
	assert.equal(noToken.status, 401);
	assert.equal(wrongToken.status, 401);

	// Three leads: answered and interested, busy, answered and not interested.
	const leads = [
		{ name: 'Ada Lovelace', phone: '+14155550124', expected: 'interested' },
		{ name: 'Bob Busy', phone: '+14155551111', expected: 'busy' },
		{ name: 'Cy Odd', phone: '+14155550123', expected: 'not interested' },
	];
	const executionIds = [];
	for (const lead of leads) {
		const res = await n8n.webhook('new-lead', { name: lead.name, phone: lead.phone });
		assert.equal(res.status, 200, `New Lead answered ${res.status}: ${JSON.stringify(res.data)}`);
		assert.equal(res.data.status, 'queued');
		executionIds.push(res.data.executionId);
	}
	assert.equal(requestsTo(sim, 'POST', '/call').length, 3);

	// Wait until the simulator has delivered every status of the three calls to n8n.
	const delivered = await eventually(
		() => {
			const list = deliveries(sim, { provider: 'bolna' }).filter((d) => executionIds.includes(d.entityId));
			return list.filter((d) => TERMINAL.has(d.status)).length === 3 ? list : null;
		},
		{ what: 'the three calls to end and be delivered' },
	);
	assert.equal(delivered.length, 6 + 4 + 6, `status deliveries: ${delivered.map((d) => d.status).join(',')}`);
	assert.ok(delivered.every((d) => d.responseStatus === 200), 'every delivery acknowledged with 200');
	assert.ok(delivered.every((d) => d.url === registered), 'deliveries went to the registered URL');

	// 3 lead runs + 3 trigger runs (completed, busy, completed); the 10 other statuses started nothing.
	await n8n.waitForExecutions(workflow.id, 6);
	const all = await n8n.executions(workflow.id);
	assert.equal(all.length, 6, `executions: ${all.length}`);
	const details = await Promise.all(all.map((e) => n8n.execution(e.id)));
	const triggerRuns = details.filter((d) => d.runData['Call Finished']);
	assert.equal(triggerRuns.length, 3);
	assert.ok(details.every((d) => d.status === 'success'), `statuses: ${details.map((d) => d.status)}`);

	const byExecution = new Map();
	for (const run of triggerRuns) {
		const [item] = N8n.nodeOutput(run, 'Call Finished');
		const [outcome] = N8n.nodeOutput(run, 'Write Outcome');
		byExecution.set(item.executionId, { item, outcome });
	}
	leads.forEach((lead, i) => {
		const id = executionIds[i];
		const simExec = simExecution(sim, id);
		const got = byExecution.get(id);
		assert.ok(got, `no trigger run for ${lead.name} (${id})`);
		const { eventId, ...item } = got.item;
		assert.match(eventId, /^[0-9a-f]{32}$/);
		assert.deepEqual(item, { ...(simExec.extracted_data || {}), executionId: id, status: simExec.status, agentId });
		assert.equal(got.outcome.outcome, lead.expected, `${lead.name}: ${JSON.stringify(got.outcome)}`);
		assert.equal(got.outcome.executionId, id);
	});
	assert.equal(byExecution.get(executionIds[0]).outcome.customerName, 'Ada Lovelace');

	// Deactivation points the agent at the URL chosen for it.
	await n8n.deactivate(workflow.id);
	assert.equal(simAgent(sim, agentId).agent_config.webhook_url, PREVIOUS_URL);
	assert.equal(requestsTo(sim, 'PATCH', `/v2/agent/${agentId}`).length, 2, 'one PATCH on deactivation');

	// With Register Automatically off the trigger needs no credential: a node without one activates,
	// refuses a wrong token and runs once for an event carrying the user's token.
	const manualToken = 'manual-token-5c1e8a3f9d2b47e6a0c4';
	const manualHook = `manual-${trigger.webhookId}`;
	const manual = await n8n.deploy({
		name: 'Bolna Trigger, manual token, no credential',
		nodes: [
			{
				id: 'manual-bolna-trigger',
				name: 'Bolna Trigger',
				type: TYPES.bolnaTrigger,
				typeVersion: 2,
				position: [0, 0],
				webhookId: manualHook,
				parameters: { registerAutomatically: false, token: manualToken, statuses: ['completed'], outputMode: 'raw', options: {} },
			},
		],
		connections: {},
	});
	const manualUrl = `${n8n.webhookBaseUrl}/webhook/${manualHook}/webhook`;
	const event = { ...simExecution(sim, executionIds[0]), id: `manual-${executionIds[0]}` };
	assert.equal((await n8n.post(`${manualUrl}?token=${'x'.repeat(manualToken.length)}`, event)).status, 401);
	const accepted = await n8n.post(`${manualUrl}?token=${manualToken}`, event);
	assert.equal(accepted.status, 200, `manual-token trigger answered ${accepted.status}: ${JSON.stringify(accepted.data)}`);
	await n8n.waitForExecutions(manual.id, 1);
	const [manualRun] = await n8n.executions(manual.id);
	assert.equal(manualRun.status, 'success');
	const [raw] = N8n.nodeOutput(await n8n.execution(manualRun.id), 'Bolna Trigger');
	assert.equal(raw.id, event.id);
	await n8n.deactivate(manual.id);
	assert.equal(requestsTo(sim, 'PATCH', `/v2/agent/${agentId}`).length, 2, 'the manual-token trigger changed nothing in Bolna');

	return [
		`activation PATCHed the agent webhook_url to ${expectedBase}?token=<${token.length} hex>; 401 without/with a wrong token`,
		`16 status deliveries (all 200) → exactly 3 trigger runs (completed, busy, completed) + 3 lead runs`,
		`Extracted Data Only items = simulator extracted_data + executionId/status/agentId; Write Outcome: interested / busy / not interested`,
		`deactivation set the chosen "Webhook URL After Deactivation" ${PREVIOUS_URL} (Bolna's documented GET does not report the agent's URL)`,
		'Register Automatically off, no credential on the node: activated, 401 for a wrong token, 1 successful run for the right one, no request to Bolna',
	];
};
module.exports.title = 'Bolna Trigger (example bolna-lead-call-outcome): register, filter statuses, extracted data, restore';

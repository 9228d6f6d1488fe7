'use strict';
/**
 * Wait for Completion in a real n8n.
 * Bland, "Resume on Bland Webhook": the execution pauses after Make Call (status waiting, no
 * request to Bland while it waits); the simulator's signed post-call POST to the resume URL
 * resumes it, and Make Call's output carries the call's analysis. The corrected-transcript POST
 * that follows does not resume anything again.
 * Bolna: Make Call polls the execution until it completes and outputs its extracted data.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookStart, chain, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');
const { simBlandCall, simExecution, deliveries } = require('../lib/sim');

module.exports = async function waitForCompletion(ctx) {
	const { n8n, sim, credentials, N8n } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'call', 'make');
	requireOperation(ctx, TYPES.bolna, 'call', 'make');

	// --- Bland: pause and resume on the post-call webhook -------------------------------------
	const start = webhookStart('e2e-bland-wait');
	start.parameters.responseMode = 'onReceived';
	const blandWorkflow = await n8n.deploy(
		chain('E2E Bland wait for completion', [
			start,
			node(
				'Call and wait',
				TYPES.blandAi,
				{
					resource: 'call',
					operation: 'make',
					phoneNumber: '={{ $json.body.phone }}',
					callUsing: 'pathway',
					pathwayId: byId(seed.BLAND_PATHWAY_ID),
					additionalFields: {
						analysisSchema: '{"interested": "boolean", "callback_time": "string"}',
					},
					waitForCompletion: true,
					maxWaitMinutes: 5,
					waitMode: 'webhook',
					outputMode: 'extractedDataOnly',
				},
				{ credentials: 'blandAiApi' },
			),
			node('After the call', TYPES.noOp, {}),
		]),
		credentials,
	);
	const before = sim.requests.length;
	const res = await n8n.webhook('e2e-bland-wait', { phone: '+14155550126' });
	assert.equal(res.status, 200, `Bland wait workflow answered ${res.status}`);

	// The start webhook answers on receipt; the call is placed right after.
	const posts = await eventually(
		async () => {
			const failed = (await n8n.executions(blandWorkflow.id)).find((e) => e.status === 'error');
			if (failed) {
				const detail = await n8n.execution(failed.id);
				throw new Error(`the Bland wait workflow failed: ${JSON.stringify(detail.error && detail.error.message)}`);
			}
			const list = requestsTo(sim, 'POST', '/v1/calls').filter((r) => r.id > before);
			return list.length ? list : null;
		},
		{ what: 'the call to be placed' },
	);
	assert.equal(posts.length, 1, 'exactly one POST /v1/calls');
	const resumeUrl = String(posts[0].body.webhook);
	assert.match(resumeUrl, /^https:\/\/127\.0\.0\.1:\d+\/webhook-waiting\/\d+\/[0-9a-f-]+\?/, resumeUrl);

	const waiting = await eventually(
		async () => (await n8n.executions(blandWorkflow.id)).find((e) => e.status === 'waiting'),
		{ what: 'the execution to pause (status waiting)' },
	);

	const finished = await eventually(
		async () => (await n8n.executions(blandWorkflow.id)).find((e) => e.id === waiting.id && e.status === 'success'),
		{ what: 'the execution to resume on the post-call webhook and finish', timeoutMs: 30_000 },
	).catch((error) => {
		const sent = deliveries(sim, { provider: 'bland' }).filter((d) => d.url === resumeUrl);
		throw new Error(`${error.message}; deliveries to the resume URL: ${JSON.stringify(sent.map((d) => [d.kind, d.responseStatus, d.error]))}`);
	});
	const afterPlacement = sim.requests.filter((r) => r.id > posts[0].id);
	assert.equal(
		afterPlacement.filter((r) => r.provider === 'bland').length,
		0,
		`no Bland API request while waiting: ${JSON.stringify(afterPlacement.map((r) => `${r.method} ${r.path}`))}`,
	);

	const postcallDelivery = deliveries(sim, { provider: 'bland' }).find((d) => d.url === resumeUrl && d.kind === 'postcall');
	assert.ok(postcallDelivery, 'the simulator posted the finished call to the resume URL');
	const callId = postcallDelivery.entityId;
	const call = simBlandCall(sim, callId);
	const execution = await n8n.execution(finished.id);
	const out = N8n.nodeOutput(execution, 'Call and wait');
	assert.deepEqual(out, [
		{
			...(call.variables || {}),
			...(call.analysis || {}),
			dispositionTag: call.disposition_tag ?? null,
			callId,
			status: 'completed',
			timedOut: false,
		},
	]);
	assert.deepEqual(Object.keys(call.analysis).sort(), ['callback_time', 'interested']);
	assert.equal(N8n.nodeOutput(execution, 'After the call').length, 1, 'the workflow continued after the call');

	const delivered = await eventually(
		() => {
			const list = deliveries(sim, { provider: 'bland', entityId: callId });
			return list.some((d) => d.kind === 'corrected') ? list : null;
		},
		{ what: 'post-call and corrected-transcript deliveries' },
	);
	const postcall = delivered.find((d) => d.kind === 'postcall');
	const corrected = delivered.find((d) => d.kind === 'corrected');
	assert.equal(postcall.responseStatus, 200, 'the post-call POST resumed the execution');
	assert.notEqual(corrected.responseStatus, 200, 'the later corrected-transcript POST does not resume again');
	assert.equal((await n8n.executions(blandWorkflow.id)).length, 1, 'one execution in all');

	// --- Bolna: poll until completed ------------------------------------------------------------
	await n8n.deploy(
		webhookWorkflow('E2E Bolna wait for completion', 'e2e-bolna-wait', [
			node(
				'Call and wait',
				TYPES.bolna,
				{
					resource: 'call',
					operation: 'make',
					agentId: byId(seed.BOLNA_AGENT_ID),
					recipientPhoneNumber: '={{ $json.body.phone }}',
					waitForCompletion: true,
					maxWaitMinutes: 2,
					waitOptions: { pollIntervalSeconds: 1 },
					outputMode: 'extractedDataOnly',
				},
				{ credentials: 'bolnaApi' },
			),
		]),
		credentials,
	);
	const started = Date.now();
	const bolna = await n8n.webhook('e2e-bolna-wait', { phone: '+14155550128' });
	const elapsedS = (Date.now() - started) / 1000;
	assert.equal(bolna.status, 200, `Bolna wait workflow answered ${bolna.status}: ${JSON.stringify(bolna.data)}`);
	const [item] = bolna.data;
	const exec = simExecution(sim, item.executionId);
	assert.equal(exec.status, 'completed');
	assert.deepEqual(item, {
		...exec.extracted_data,
		executionId: item.executionId,
		status: 'completed',
		agentId: seed.BOLNA_AGENT_ID,
		timedOut: false,
	});
	const polls = requestsTo(sim, 'GET', `/executions/${item.executionId}`).length;
	assert.ok(polls >= 1 && polls <= Math.floor(elapsedS) + 1, `polls ${polls} ≤ ${elapsedS.toFixed(1)} s / 1 s + 1`);

	return [
		`Bland: execution ${waiting.id} paused (waiting) with 0 Bland requests while waiting; the signed post-call POST resumed it; output = analysis + variables + ids; the corrected-transcript POST got ${corrected.responseStatus}`,
		`Bolna: Make Call waited ${elapsedS.toFixed(1)} s with ${polls} status checks; output = simulator extracted_data + ids, timedOut false`,
	];
};
module.exports.title = 'Wait for Completion: Bland resume on webhook, Bolna polling';


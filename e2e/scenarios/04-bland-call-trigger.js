'use strict';
/**
 * The example "Bland AI: call a lead with a pathway and act on the result": Make Call with a
 * seeded pathway whose webhook is the Bland AI Trigger's production URL; the simulator's signed
 * post-call webhook starts exactly one run; a forged signature gets 401 and starts nothing.
 */
const crypto = require('node:crypto');
const seed = require('../../simulator/seed');
const { TYPES, loadExample, localize, PLACEHOLDERS } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');
const { simBlandCall, deliveries } = require('../lib/sim');

module.exports = async function blandCallTrigger(ctx) {
	const { n8n, sim, credentials, N8n } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'call', 'make');
	requireOperation(ctx, TYPES.blandAiTrigger);

	const example = localize(loadExample('bland-pathway-call-trigger.json'), { [PLACEHOLDERS.n8n]: `${n8n.webhookBaseUrl}/` });
	const trigger = example.nodes.find((n) => n.type === TYPES.blandAiTrigger);
	const triggerUrl = `${n8n.webhookBaseUrl}/webhook/${trigger.webhookId}/webhook`;
	const workflow = await n8n.deploy(example, credentials);

	const res = await n8n.webhook('bland-new-lead', { name: 'Ada Lovelace', phone: '+14155550124', leadId: 'L-42' });
	assert.equal(res.status, 200, `New Lead answered ${res.status}: ${JSON.stringify(res.data)}`);
	const callId = res.data.callId;
	assert.match(String(callId), /^[0-9a-f-]{36}$/, JSON.stringify(res.data));

	const posts = requestsTo(sim, 'POST', '/v1/calls');
	assert.equal(posts.length, 1, 'exactly one POST /v1/calls');
	assert.equal(posts[0].authScheme, 'bare');
	assert.deepEqual(posts[0].body, {
		phone_number: '+14155550124',
		pathway_id: seed.BLAND_PATHWAY_ID,
		analysis_schema: {
			interested: 'boolean: whether the lead wants a follow-up',
			callback_time: 'string: when to call back, ISO 8601',
		},
		metadata: { lead_id: 'L-42' },
		record: true,
		request_data: { name: 'Ada Lovelace' },
		webhook: triggerUrl,
	});

	// The simulator ends the call and POSTs the signed post-call webhook, then the corrected transcript.
	const delivered = await eventually(
		() => {
			const list = deliveries(sim, { provider: 'bland', entityId: callId });
			return list.some((d) => d.kind === 'corrected') ? list : null;
		},
		{ what: 'post-call and corrected-transcript deliveries' },
	);
	assert.deepEqual(delivered.map((d) => [d.kind, d.url, d.responseStatus]), [
		['postcall', triggerUrl, 200],
		['corrected', triggerUrl, 200],
	]);
	assert.ok(delivered.every((d) => /^[0-9a-f]{64}$/.test(d.signature)), 'deliveries are signed');

	// A forged signature and a missing one: 401, no run.
	const payload = JSON.stringify({ ...simBlandCall(sim, callId), call_id: crypto.randomUUID() });
	const forged = await n8n.post(triggerUrl, undefined, { rawBody: payload, headers: { 'x-webhook-signature': 'f'.repeat(64) } });
	const unsigned = await n8n.post(triggerUrl, undefined, { rawBody: payload });
	const wrongSecret = crypto.createHmac('sha256', 'not-the-secret').update(payload).digest('hex');
	const forged2 = await n8n.post(triggerUrl, undefined, { rawBody: payload, headers: { 'x-webhook-signature': wrongSecret } });
	assert.deepEqual([forged.status, unsigned.status, forged2.status], [401, 401, 401]);

	// One lead run + one trigger run (the corrected transcript is not a selected event).
	await n8n.waitForExecutions(workflow.id, 2);
	const all = await n8n.executions(workflow.id);
	assert.equal(all.length, 2, `executions: ${all.length}`);
	const details = await Promise.all(all.map((e) => n8n.execution(e.id)));
	const run = details.find((d) => d.runData['Call Completed']);
	assert.ok(run && run.status === 'success', 'one successful trigger run');
	const [item] = N8n.nodeOutput(run, 'Call Completed');
	const call = simBlandCall(sim, callId);
	assert.equal(item.callId, callId);
	assert.equal(item.status, 'completed');
	assert.equal(item.pathwayId, seed.BLAND_PATHWAY_ID);
	assert.deepEqual(item.analysis, call.analysis);
	assert.deepEqual(item.metadata, { lead_id: 'L-42' });
	assert.equal(item.summary, call.summary);
	assert.equal(item.recordingUrl, call.recording_url);
	const [outcome] = N8n.nodeOutput(run, 'Write Outcome');
	assert.deepEqual(outcome, {
		leadId: 'L-42',
		callId,
		outcome: call.analysis.interested ? 'interested' : 'not interested',
		summary: call.summary,
		recordingUrl: call.recording_url,
	});

	return [
		`one POST /v1/calls {phone_number, pathway_id ${seed.BLAND_PATHWAY_ID}, webhook = trigger production URL, …}`,
		`signed post-call + corrected deliveries both 200 → exactly one trigger run; item analysis ${JSON.stringify(call.analysis)}`,
		`forged / missing / wrong-secret signatures → 401, 401, 401 and no run`,
	];
};
module.exports.title = 'Bland Make Call with pathway → Bland AI Trigger (example bland-pathway-call-trigger), signature checked';

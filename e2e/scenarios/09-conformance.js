'use strict';
/**
 * Requests the real APIs accept (issue 11), in a real n8n against the strict simulator:
 * - Bolna Add or Replace Custom Tool: one GET and one PUT of the whole agent (PATCH does not take
 *   tools); the simulator would refuse an undocumented key with 422.
 * - Bolna Execution Get Many, Return All over 10 days: two windows of at most 7 days.
 * - Get Recording on both nodes: the MP3 arrives as n8n binary data.
 * - Bland Pathway Update without a name sends the current one; Bland batch Get and Stop use the
 *   documented v1 paths.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');

/** A Code node that replaces each item's binary `data` by a summary of it. */
const binarySummary = (name) =>
	node(
		name,
		TYPES.code,
		{
			jsCode: [
				'const out = [];',
				'for (const [i, item] of $input.all().entries()) {',
				"  const buffer = await this.helpers.getBinaryDataBuffer(i, 'data');",
				'  out.push({ json: { ...item.json, fileName: item.binary.data.fileName, mimeType: item.binary.data.mimeType, bytes: buffer.length, head: buffer.subarray(0, 3).toString("latin1") } });',
				'}',
				'return out;',
			].join('\n'),
		},
		{ typeVersion: 2 },
	);

async function api(sim, method, path, body, auth) {
	const res = await fetch(`${sim.url}${path}`, {
		method,
		headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, body: await res.json() };
}
const bolnaApi = (sim, method, path, body) => api(sim, method, path, body, 'Bearer bn-sim-key');
const blandApi = (sim, method, path, body) => api(sim, method, path, body, 'sk-sim-key');

async function customTool(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'agent', 'upsertCustomTool');
	await n8n.deploy(
		webhookWorkflow('E2E Bolna custom tool', 'e2e-bolna-upsert-tool', [
			node(
				'Add Tool',
				TYPES.bolna,
				{
					resource: 'agent',
					operation: 'upsertCustomTool',
					agentId: byId(seed.BOLNA_AGENT_ID_2),
					toolName: 'lookup_order',
					toolDescription: 'Look up an order by its number',
					method: 'GET',
					url: 'https://api.example.com/orders',
					parametersSchema: '{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}',
					options: { apiToken: 'Bearer e2e-tool-secret' },
				},
				{ credentials: 'bolnaApi' },
			),
		]),
		credentials,
	);
	const res = await n8n.webhook('e2e-bolna-upsert-tool', {});
	assert.equal(res.status, 200, `custom tool answered ${res.status}: ${JSON.stringify(res.data)}`);
	const [out] = res.data;
	assert.equal(out.action, 'created');
	assert.equal(out.status, 'updated');
	assert.deepEqual(out.settingsNotReturned, ['agent_welcome_message', 'webhook_url', 'calling_guardrails']);
	assert.ok(!JSON.stringify(res.data).includes('e2e-tool-secret'), 'the tool token is not in the output');

	const path = `/v2/agent/${seed.BOLNA_AGENT_ID_2}`;
	assert.equal(requestsTo(sim, 'GET', path).length, 1, 'one GET of the agent');
	assert.equal(requestsTo(sim, 'PATCH', path).length, 0, 'no PATCH (it does not take tools)');
	const puts = requestsTo(sim, 'PUT', path);
	assert.equal(puts.length, 1, 'one PUT of the whole agent');
	assert.equal(puts[0].responseStatus, 200);
	assert.deepEqual(Object.keys(puts[0].body).sort(), ['agent_config', 'agent_prompts']);
	assert.deepEqual(Object.keys(puts[0].body.agent_config).sort(), ['agent_name', 'agent_type', 'tasks']);
	const stored = sim.state.bolna.agents[seed.BOLNA_AGENT_ID_2].agent_config.tasks[0].tools_config.api_tools;
	assert.deepEqual(stored.tools.map((t) => t.name), ['lookup_order']);
	assert.equal(stored.tools_params.lookup_order.api_token, 'Bearer e2e-tool-secret');
	return 'Add or Replace Custom Tool: one GET + one PUT /v2/agent/<id> {agent_config: {agent_name, agent_type, tasks}, agent_prompts}, no PATCH; the tool is stored; the token is not output';
}

async function executionWindows(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'execution', 'getMany');
	const made = await bolnaApi(sim, 'POST', '/call', { agent_id: seed.BOLNA_AGENT_ID, recipient_phone_number: '+14155550136' });
	assert.equal(made.status, 200);
	await n8n.deploy(
		webhookWorkflow('E2E Bolna executions over 10 days', 'e2e-bolna-executions-windows', [
			node(
				'Get Many',
				TYPES.bolna,
				{
					resource: 'execution',
					operation: 'getMany',
					agentId: byId(seed.BOLNA_AGENT_ID),
					returnAll: true,
					filters: { from: '={{ $now.minus({ days: 10 }).toISO() }}' },
					outputMode: 'raw',
				},
				{ credentials: 'bolnaApi' },
			),
		]),
		credentials,
	);
	const res = await n8n.webhook('e2e-bolna-executions-windows', {});
	assert.equal(res.status, 200, `Get Many answered ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}`);
	assert.ok(res.data.some((e) => e.id === made.body.execution_id), 'the new call is listed');
	const lists = requestsTo(sim, 'GET', `/v2/agent/${seed.BOLNA_AGENT_ID}/executions`);
	assert.equal(lists.length, 2, `two windows, got ${lists.length} requests`);
	for (const r of lists) {
		assert.equal(r.responseStatus, 200);
		const span = Date.parse(r.query.to) - Date.parse(r.query.from);
		assert.ok(span > 0 && span <= 7 * 24 * 3600_000, `window of ${span} ms`);
	}
	assert.ok(Date.parse(lists[1].query.to) < Date.parse(lists[0].query.from), 'older window second, no overlap');
	return `Execution Get Many, Return All from 10 days ago: 2 requests with from/to windows ≤ 7 days (newest first), ${res.data.length} executions`;
}

async function recordings(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'execution', 'getRecording');
	requireOperation(ctx, TYPES.blandAi, 'call', 'getRecording');
	const bolnaCall = await bolnaApi(sim, 'POST', '/call', { agent_id: seed.BOLNA_AGENT_ID, recipient_phone_number: '+14155550138' });
	const blandCall = await blandApi(sim, 'POST', '/v1/calls', { phone_number: '+14155550138', task: 'Say hello', record: true });
	const executionId = bolnaCall.body.execution_id;
	const callId = blandCall.body.call_id;
	await eventually(
		() => sim.state.bolna.executions[executionId].status === 'completed' && sim.state.bland.calls[callId].recording_url,
		{ what: 'both simulated calls to end with a recording' },
	);
	await n8n.deploy(
		webhookWorkflow('E2E Bolna recording', 'e2e-bolna-recording', [
			node('Get Recording', TYPES.bolna, { resource: 'execution', operation: 'getRecording', executionId: '={{ $json.body.id }}' }, { credentials: 'bolnaApi' }),
			binarySummary('Summarize'),
		]),
		credentials,
	);
	await n8n.deploy(
		webhookWorkflow('E2E Bland recording', 'e2e-bland-recording', [
			node('Get Recording', TYPES.blandAi, { resource: 'call', operation: 'getRecording', callId: '={{ $json.body.id }}' }, { credentials: 'blandAiApi' }),
			binarySummary('Summarize'),
		]),
		credentials,
	);
	const bolna = await n8n.webhook('e2e-bolna-recording', { id: executionId });
	assert.equal(bolna.status, 200, `Bolna recording answered ${bolna.status}: ${JSON.stringify(bolna.data)}`);
	assert.deepEqual(bolna.data[0], {
		executionId,
		status: 'completed',
		recordingUrl: `${sim.url}/__sim/recordings/${executionId}.mp3`,
		fileName: `bolna-${executionId}.mp3`,
		mimeType: 'audio/mpeg',
		bytes: 15,
		head: 'ID3',
	});
	const bland = await n8n.webhook('e2e-bland-recording', { id: callId });
	assert.equal(bland.status, 200, `Bland recording answered ${bland.status}: ${JSON.stringify(bland.data)}`);
	assert.deepEqual(bland.data[0], {
		callId,
		recordingUrl: `${sim.url}/__sim/recordings/${callId}.mp3`,
		fileName: `bland-${callId}.mp3`,
		mimeType: 'audio/mpeg',
		bytes: 15,
		head: 'ID3',
	});
	const asked = requestsTo(sim, 'GET', `/v1/calls/${callId}/recording`);
	assert.equal(asked.length, 1);
	assert.equal(asked[0].headers.accept, 'application/json');
	return 'Get Recording (Bolna execution, Bland call): the 15-byte MP3 arrives as binary data "data" (audio/mpeg, ID3 header), URL in the JSON';
}

async function blandPathwayAndBatch(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'pathway', 'update');
	requireOperation(ctx, TYPES.blandAi, 'batch', 'get');
	requireOperation(ctx, TYPES.blandAi, 'batch', 'stop');
	await n8n.deploy(
		webhookWorkflow('E2E Bland pathway update without a name', 'e2e-bland-pathway-keep-name', [
			node(
				'Update',
				TYPES.blandAi,
				{ resource: 'pathway', operation: 'update', pathwayId: byId(seed.BLAND_PATHWAY_ID), updateFields: { description: 'Updated from n8n' } },
				{ credentials: 'blandAiApi' },
			),
		]),
		credentials,
	);
	const updated = await n8n.webhook('e2e-bland-pathway-keep-name', {});
	assert.equal(updated.status, 200, `pathway update answered ${updated.status}: ${JSON.stringify(updated.data)}`);
	const posts = requestsTo(sim, 'POST', `/v1/pathway/${seed.BLAND_PATHWAY_ID}`);
	assert.equal(posts.length, 1);
	assert.deepEqual(posts[0].body, { name: seed.BLAND_PATHWAY_NAME, description: 'Updated from n8n' });
	assert.equal(sim.state.bland.pathways[seed.BLAND_PATHWAY_ID].description, 'Updated from n8n');

	const created = await blandApi(sim, 'POST', '/v2/batches/create', {
		global: { task: 'Remind about the appointment' },
		call_objects: [{ phone_number: '+14155559999' }, { phone_number: '+14155550139' }],
	});
	const batchId = created.body.data.batch_id;
	await eventually(() => Object.values(sim.state.bland.calls).filter((c) => c.batch_id === batchId).length === 2, { what: 'the batch to dispatch' });
	await n8n.deploy(
		webhookWorkflow('E2E Bland batch get and stop', 'e2e-bland-batch-get-stop', [
			node('Get', TYPES.blandAi, { resource: 'batch', operation: 'get', batchId: '={{ $json.body.id }}' }, { credentials: 'blandAiApi' }),
			node('Stop', TYPES.blandAi, { resource: 'batch', operation: 'stop', batchId: '={{ $json.batchId }}' }, { credentials: 'blandAiApi' }),
		]),
		credentials,
	);
	const stopped = await n8n.webhook('e2e-bland-batch-get-stop', { id: batchId });
	assert.equal(stopped.status, 200, `batch get/stop answered ${stopped.status}: ${JSON.stringify(stopped.data)}`);
	assert.equal(stopped.data[0].batchId, batchId);
	assert.equal(stopped.data[0].stopped, true);
	assert.ok(stopped.data[0].cancelledCalls >= 1, `cancelled ${stopped.data[0].cancelledCalls}`);
	assert.equal(requestsTo(sim, 'GET', `/v1/batches/${batchId}`)[0].responseStatus, 200);
	assert.equal(requestsTo(sim, 'POST', `/v1/batches/${batchId}/stop`)[0].responseStatus, 200);
	return `Pathway Update without a name: GET then POST {name: "${seed.BLAND_PATHWAY_NAME}", description}; batch Get/Stop on GET /v1/batches/<id> and POST /v1/batches/<id>/stop (${stopped.data[0].cancelledCalls} calls cancelled)`;
}

module.exports = async function conformance(ctx) {
	const lines = [];
	for (const part of [customTool, executionWindows, recordings, blandPathwayAndBatch]) lines.push(await part(ctx));
	return lines;
};
module.exports.title = 'Requests the APIs accept: custom tool by PUT, 7-day execution windows, recordings as binary, pathway name kept, v1 batch get/stop';

'use strict';
/**
 * Bland AI in n8n: Create Batch from the scenario's items (one request); Pathway create + update,
 * and an invalid graph refused inside n8n with an error naming the faulty nodes/edges (nothing
 * sent); the example "create a custom tool and test it" against a local https tool endpoint.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, withWebhookStart, byId, loadExample, localize, PLACEHOLDERS } = require('../lib/workflow');
const { assert, requireOperation, requestsTo } = require('../lib/check');

const itemsFromBody = (name = 'Items From Body') =>
	node(name, TYPES.code, { jsCode: 'return $input.first().json.body.items.map((json) => ({ json }));' }, { typeVersion: 2 });

async function batch(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'batch', 'create');
	const wf = webhookWorkflow('E2E Bland Create Batch', 'e2e-bland-batch', [
		itemsFromBody(),
		node(
			'Create Batch',
			TYPES.blandAi,
			{
				resource: 'batch',
				operation: 'create',
				inputMode: 'items',
				phoneNumberField: 'phone',
				callUsing: 'task',
				task: 'Remind {{name}} of the appointment tomorrow at {{time}}.',
				batchDescription: 'Appointment reminders',
				invalidRows: 'skip',
				globalSettings: { record: true, maxDuration: 5 },
			},
			{ credentials: 'blandAiApi' },
		),
	]);
	await n8n.deploy(wf, credentials);
	const items = [
		{ phone: '+14155550124', name: 'Ada', time: '10:00' },
		{ phone: '+14155550136', name: 'Grace', time: '11:30' },
		{ phone: '12345', name: 'Typo', time: '12:00' },
	];
	const res = await n8n.webhook('e2e-bland-batch', { items });
	assert.equal(res.status, 200, `batch answered ${res.status}: ${JSON.stringify(res.data)}`);
	assert.equal(res.data.length, 1);
	const out = res.data[0];
	assert.equal(out.callCount, 2);
	assert.deepEqual(out.skippedRows, [{ row: 'item 2', phoneNumber: '12345', reason: 'not an E.164 phone number' }]);
	const posts = requestsTo(sim, 'POST', '/v2/batches/create');
	assert.equal(posts.length, 1, 'one POST /v2/batches/create');
	assert.deepEqual(posts[0].body, {
		call_objects: [
			{ phone_number: '+14155550124', request_data: { name: 'Ada', time: '10:00' } },
			{ phone_number: '+14155550136', request_data: { name: 'Grace', time: '11:30' } },
		],
		global: { task: 'Remind {{name}} of the appointment tomorrow at {{time}}.', record: true, max_duration: 5 },
		description: 'Appointment reminders',
	});
	assert.ok(sim.state.bland.batches[out.batchId], `simulator knows batch ${out.batchId}`);
	return `Create Batch: 3 items → one POST /v2/batches/create with 2 call_objects + global (task, record, max_duration); 1 skipped row reported`;
}

const VALID_NODES = [
	{ id: 'greet', type: 'Default', data: { name: 'Greeting', text: 'Hi, this is Acme. Do you have a minute?', isStart: true } },
	{ id: 'bye', type: 'End Call', data: { name: 'Goodbye', prompt: 'Thank them and say goodbye.' } },
];
const VALID_EDGES = [{ id: 'e1', source: 'greet', target: 'bye', label: 'no time' }];

async function pathway(ctx) {
	const { n8n, sim, credentials, N8n } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'pathway', 'create');
	requireOperation(ctx, TYPES.blandAi, 'pathway', 'update');
	const fromBody = (key) => `={{ JSON.stringify($('Run Scenario').first().json.body.${key}) }}`;

	const createAndUpdate = webhookWorkflow('E2E Bland pathway create + update', 'e2e-bland-pathway', [
		node('Create Pathway', TYPES.blandAi, { resource: 'pathway', operation: 'create', pathwayName: 'Renewal Reminder', pathwayDescription: 'Created from n8n' }, { credentials: 'blandAiApi' }),
		node(
			'Update Pathway',
			TYPES.blandAi,
			{ resource: 'pathway', operation: 'update', pathwayId: byId('={{ $json.pathwayId }}'), updateFields: { nodes: fromBody('nodes'), edges: fromBody('edges') } },
			{ credentials: 'blandAiApi' },
		),
	]);
	await n8n.deploy(createAndUpdate, credentials);
	const ok = await n8n.webhook('e2e-bland-pathway', { nodes: VALID_NODES, edges: VALID_EDGES });
	assert.equal(ok.status, 200, `pathway answered ${ok.status}: ${JSON.stringify(ok.data)}`);
	const created = requestsTo(sim, 'POST', '/v1/pathway/create');
	assert.equal(created.length, 1);
	assert.deepEqual(created[0].body, { name: 'Renewal Reminder', description: 'Created from n8n' });
	const pathwayId = ok.data[0].pathwayId;
	const updates = requestsTo(sim, 'POST', `/v1/pathway/${pathwayId}`);
	assert.equal(updates.length, 1, 'one update request');
	// Bland requires a name on every update: the node read the current one and sent it along.
	assert.equal(requestsTo(sim, 'GET', `/v1/pathway/${pathwayId}`).length, 1, 'one read of the current name');
	assert.deepEqual(updates[0].body, { name: 'Renewal Reminder', nodes: VALID_NODES, edges: VALID_EDGES });
	assert.deepEqual(sim.state.bland.pathways[pathwayId].nodes, VALID_NODES);

	// An invalid graph for the seeded pathway: two start nodes and an edge to a missing node.
	const updateOnly = webhookWorkflow('E2E Bland pathway invalid update', 'e2e-bland-pathway-invalid', [
		node(
			'Update Pathway',
			TYPES.blandAi,
			{ resource: 'pathway', operation: 'update', pathwayId: byId(seed.BLAND_PATHWAY_ID_2), updateFields: { nodes: fromBody('nodes'), edges: fromBody('edges') } },
			{ credentials: 'blandAiApi' },
		),
	]);
	const deployed = await n8n.deploy(updateOnly, credentials);
	const badNodes = [VALID_NODES[0], { ...VALID_NODES[1], data: { ...VALID_NODES[1].data, isStart: true } }];
	const badEdges = [{ id: 'e1', source: 'greet', target: 'ghost', label: 'lost' }];
	const refused = await n8n.webhook('e2e-bland-pathway-invalid', { nodes: badNodes, edges: badEdges });
	assert.equal(refused.status, 500, `invalid graph answered ${refused.status}`);
	assert.equal(requestsTo(sim, 'POST', `/v1/pathway/${seed.BLAND_PATHWAY_ID_2}`).length, 0, 'nothing sent to Bland');
	const [summary] = await n8n.waitForExecutions(deployed.id, 1);
	const execution = await n8n.execution(summary.id);
	assert.equal(execution.status, 'error');
	const error = N8n.nodeError(execution, 'Update Pathway') || execution.error;
	assert.equal(
		error.message,
		'The pathway graph is invalid (2 problems): nodes: 2 nodes are marked "isStart" (node "Greeting" (id greet), node "Goodbye" (id bye)); exactly one must be; edge e1: target "ghost" is not a node of this pathway',
	);
	return [
		`Pathway create → update: POST /v1/pathway/create, GET the current name, then POST /v1/pathway/${pathwayId} with name + graph`,
		`invalid graph refused in n8n (execution error: "${error.message.slice(0, 90)}…"), no request sent`,
	];
}

async function customTool(ctx) {
	const { n8n, sim, credentials, tool } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'customTool', 'create');
	requireOperation(ctx, TYPES.blandAi, 'customTool', 'test');
	const example = localize(withWebhookStart(loadExample('bland-custom-tool-test.json'), 'e2e-bland-tool'), {
		[PLACEHOLDERS.tool]: `${tool.url}/`,
	});
	await n8n.deploy(example, credentials);
	const res = await n8n.webhook('e2e-bland-tool', {});
	assert.equal(res.status, 200, `tool workflow answered ${res.status}: ${JSON.stringify(res.data)}`);
	const created = requestsTo(sim, 'POST', '/v1/tools');
	assert.equal(created.length, 1, 'one POST /v1/tools');
	assert.deepEqual(created[0].body, {
		name: 'OrderStatus',
		description: "Looks up the status and delivery date of a customer's order by its order number.",
		url: `${tool.url}/orders/status`,
		speech: 'Let me look up your order.',
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: { order_id: '{{input.order_id}}', caller: '{{phone_number}}' },
		input_schema: {
			type: 'object',
			example: { order_id: 'A-1001' },
			properties: { order_id: 'The order number, e.g. A-1001' },
			required: ['order_id'],
		},
		response: { order_status: '$.order.status', delivery_eta: '$.order.eta' },
		timeout: 5000,
	});
	assert.equal(tool.requests.length, 1, 'the tool endpoint was called once');
	const call = tool.requests[0];
	assert.equal(call.method, 'POST');
	assert.equal(call.url, '/orders/status');
	assert.deepEqual(JSON.parse(call.body), { order_id: 'A-1001', caller: '+14155550123' });
	assert.equal(call.headers.authorization, undefined, 'no Bland key sent to the tool endpoint');
	assert.ok(!JSON.stringify(call.headers).includes('sk-sim-key'));
	const [out] = res.data;
	assert.deepEqual(out.extracted, { order_status: 'shipped', delivery_eta: '2026-12-01' });
	assert.equal(out.response.statusCode, 200);
	assert.equal(out.request.url, `${tool.url}/orders/status`);
	return `Custom Tool (example bland-custom-tool-test): one POST /v1/tools with the exact definition; Test called the local https endpoint once (no Bland key) and extracted ${JSON.stringify(out.extracted)}`;
}

module.exports = async function blandBatchPathwayTool(ctx) {
	const lines = [];
	const failures = [];
	for (const part of [batch, pathway, customTool]) {
		try {
			const result = await part(ctx);
			lines.push(...[].concat(result));
		} catch (error) {
			failures.push(`${part.name}: ${error.message}`);
		}
	}
	if (failures.length) throw new Error(`${failures.length} of 3 parts failed:\n${failures.join('\n')}\npassed parts:\n${lines.join('\n')}`);
	return lines;
};
module.exports.title = 'Bland Create Batch; Pathway create/update + invalid graph refused; Custom Tool create + Test';

'use strict';
/**
 * The example "Bolna: calling campaign from a list of leads" fed 1,000 items: exactly one POST
 * /batches whose CSV has 1,000 rows, one schedule request, then every call of the batch listed
 * with Execution → Get Many (Return All) in the fewest pages.
 */
const seed = require('../../simulator/seed');
const { TYPES, node, loadExample, withWebhookStart, setParams, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, eventually, requestsTo } = require('../lib/check');

const COUNT = 1000;
const TERMINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'balance-low', 'canceled', 'stopped', 'error']);

module.exports = async function bolnaBatch(ctx) {
	const { n8n, sim, credentials } = ctx;
	requireOperation(ctx, TYPES.bolna, 'batch', 'create');
	requireOperation(ctx, TYPES.bolna, 'execution', 'getMany');
	const agentId = seed.BOLNA_AGENT_ID;

	// 1,000 leads with numbers +14155550000 … +14155550999 (all end in a completed call).
	const campaign = setParams(withWebhookStart(loadExample('bolna-batch-from-items.json'), 'e2e-bolna-campaign'), 'Leads', {
		jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { phone: '+1415555' + String(i).padStart(4, '0'), customer_name: 'Lead ' + i, plan: i % 2 ? 'Pro' : 'Team' } }));`,
	});
	await n8n.deploy(campaign, credentials);
	const res = await n8n.webhook('e2e-bolna-campaign', {});
	assert.equal(res.status, 200, `campaign answered ${res.status}: ${JSON.stringify(res.data).slice(0, 500)}`);
	assert.equal(res.data.length, 1, 'one output item for the whole batch');
	const out = res.data[0];
	assert.match(out.batchId, /^[0-9a-f]{32}$/);
	assert.equal(out.contactCount, COUNT);
	assert.deepEqual(out.skippedRows, []);
	assert.equal(out.state, 'scheduled');
	assert.match(out.schedule.scheduledAt, /[+-]\d{2}:\d{2}$/, 'scheduled_at carries a numeric offset');

	const uploads = requestsTo(sim, 'POST', '/batches');
	assert.equal(uploads.length, 1, 'exactly one POST /batches');
	assert.match(uploads[0].contentType, /^multipart\/form-data; boundary=/);
	assert.deepEqual(uploads[0].body.fields.agent_id, [agentId]);
	const [file] = uploads[0].body.files.file;
	assert.equal(file.filename, 'spring-campaign.csv');
	assert.ok(file.text, `CSV recorded (${file.size} bytes)`);
	const lines = file.text.trim().split(/\r?\n/);
	assert.equal(lines.length, COUNT + 1, `CSV lines: ${lines.length}`);
	assert.deepEqual(lines[0].split(','), ['contact_number', 'customer_name', 'plan']);
	assert.equal(lines[1], '+14155550000,Lead 0,Team');
	assert.equal(lines[COUNT], '+14155550999,Lead 999,Pro');
	const schedules = requestsTo(sim, 'POST', `/batches/${out.batchId}/schedule`);
	assert.equal(schedules.length, 1, 'one schedule request');
	assert.deepEqual(schedules[0].body.fields.scheduled_at, [out.schedule.scheduledAt]);

	// The simulator dials the batch; wait until every call has ended.
	await eventually(
		() => {
			const calls = Object.values(sim.state.bolna.executions).filter((e) => e.batch_id === out.batchId);
			return calls.length === COUNT && calls.every((e) => TERMINAL.has(e.status));
		},
		{ timeoutMs: 60_000, what: `${COUNT} batch calls to end` },
	);

	const list = webhookWorkflow('E2E Bolna batch executions', 'e2e-bolna-batch-executions', [
		node(
			'Get Many Executions',
			TYPES.bolna,
			{
				resource: 'execution',
				operation: 'getMany',
				agentId: byId(agentId),
				returnAll: true,
				filters: { batchId: '={{ $json.body.batchId }}' },
				outputMode: 'simplified',
			},
			{ credentials: 'bolnaApi' },
		),
	]);
	await n8n.deploy(list, credentials);
	const listed = await n8n.webhook('e2e-bolna-batch-executions', { batchId: out.batchId });
	assert.equal(listed.status, 200, `list answered ${listed.status}: ${JSON.stringify(listed.data).slice(0, 500)}`);
	assert.equal(listed.data.length, COUNT, `listed ${listed.data.length}`);
	const pages = requestsTo(sim, 'GET', `/v2/agent/${agentId}/executions`);
	assert.equal(pages.length, COUNT / 50, `pages requested: ${pages.length}`);
	assert.ok(pages.every((p) => p.query.page_size === '50' && p.query.batch_id === out.batchId));
	assert.deepEqual(pages.map((p) => Number(p.query.page_number)), Array.from({ length: COUNT / 50 }, (_, i) => i + 1));
	const ids = new Set(listed.data.map((e) => e.executionId ?? e.id));
	assert.equal(ids.size, COUNT, 'every call listed once');

	return [
		`${COUNT} items → one output item; exactly ONE POST /batches (multipart, CSV ${lines.length - 1} rows + header contact_number,customer_name,plan)`,
		`one POST /batches/<id>/schedule with scheduled_at ${out.schedule.scheduledAt}`,
		`Get Many (Return All, batch filter) listed ${COUNT} distinct calls in ${pages.length} requests of page_size 50`,
	];
};
module.exports.title = 'Bolna Create Batch (example bolna-batch-from-items) from 1,000 items → schedule → Get Many Return All';

'use strict';
/**
 * Repeated and concurrent deliveries reach the triggers in a real n8n and start each event's run
 * exactly once: a repeat 2 s and 60 s later, 10 simultaneous copies, 200 distinct events at once
 * (all run) and their replays (none run), and replays after n8n restarts (the in-process memory is
 * gone; n8n's processed-data store ends those runs at the trigger). A signed Bland delivery replayed
 * ten times at once runs once. A "run" is an execution in which the node after the trigger ran.
 * In queue mode the deliveries go to the webhook processor, the runs happen on two workers, and
 * "restart" restarts the webhook processor.
 */
const crypto = require('node:crypto');
const seed = require('../../simulator/seed');
const { SIM_KEYS } = require('../lib/env');
const { TYPES, node, chain } = require('../lib/workflow');
const { assert, sleep, requireOperation } = require('../lib/check');
const { simAgent } = require('../lib/sim');

const REPLAY_LATER_MS = 60_000;
const DISTINCT = 200;

function bolnaWorkflow(webhookId) {
	const trigger = node(
		'Call Event',
		TYPES.bolnaTrigger,
		{
			registerAutomatically: true,
			agentId: { __rl: true, mode: 'id', value: seed.BOLNA_AGENT_ID },
			outputMode: 'simplified',
		},
		{ credentials: 'bolnaApi', webhookId },
	);
	return chain('Duplicate deliveries (Bolna)', [trigger, node('Event Ran', TYPES.noOp)]);
}

function blandWorkflow(webhookId) {
	const trigger = node('Bland Event', TYPES.blandAiTrigger, {}, { credentials: 'blandAiApi', webhookId });
	return chain('Duplicate deliveries (Bland AI)', [trigger, node('Event Ran', TYPES.noOp)]);
}

/** Execution details already read (an execution does not change once finished). */
const detailsById = new Map();

/**
 * Waits until the workflow has at least `executions` executions, all finished and no new one for
 * 3 s, then counts runs and the events they ran.
 */
async function tally(n8n, workflowId, executions) {
	await n8n.waitForExecutions(workflowId, executions, 180_000);
	let finished = [];
	for (let stableSince = Date.now(), last = -1; Date.now() - stableSince < 3_000; await sleep(500)) {
		const list = await n8n.executions(workflowId);
		finished = list.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (list.length !== last || finished.length !== list.length) {
			last = list.length;
			stableSince = Date.now();
		}
	}
	const details = [];
	for (const e of finished) {
		if (!detailsById.has(e.id)) detailsById.set(e.id, await n8n.execution(e.id));
		details.push(detailsById.get(e.id));
	}
	const ran = details.filter((d) => (d.runData['Event Ran'] || []).length > 0);
	const failed = details.filter((d) => d.status !== 'success');
	assert.equal(failed.length, 0, `failed executions: ${JSON.stringify(failed.map((d) => [d.id, d.status, d.error && d.error.message]))}`);
	const events = ran.flatMap((d) => (d.runData['Event Ran'][0].data.main[0] || []).map((i) => i.json));
	return { executions: finished.length, runs: ran.length, events };
}

/** Which events ran more than once, for a failure message. */
function repeats(t) {
	const counts = new Map();
	for (const e of t.events) counts.set(e.executionId, (counts.get(e.executionId) || 0) + 1);
	const twice = [...counts].filter(([, n]) => n > 1);
	return `${t.executions} executions, ${t.events.length} items; ran more than once: ${JSON.stringify(twice.slice(0, 5))}`;
}

/** Posts `bodies` all at once (or `copies` copies of one body) and checks every answer is 200. */
async function deliverAll(n8n, url, bodies) {
	const answers = await Promise.all(bodies.map((b) => n8n.post(url, b)));
	const bad = answers.filter((a) => a.status !== 200);
	assert.equal(bad.length, 0, `non-200 answers: ${JSON.stringify(bad.slice(0, 3))}`);
}

module.exports = async function duplicateDeliveries(ctx) {
	const { n8n, credentials, sim } = ctx;
	requireOperation(ctx, TYPES.bolnaTrigger);
	requireOperation(ctx, TYPES.blandAiTrigger);
	const lines = [];

	const bolnaHook = crypto.randomUUID();
	const bolna = await n8n.deploy(bolnaWorkflow(bolnaHook), credentials);
	const registered = simAgent(sim, seed.BOLNA_AGENT_ID).agent_config.webhook_url;
	assert.ok(registered.includes(`/webhook/${bolnaHook}/webhook?token=`), `agent webhook_url is ${registered}`);
	const url = registered;
	const event = (id, status = 'completed') => ({ id, status, agent_id: seed.BOLNA_AGENT_ID, telephony_data: { to_number: '+14155550124' } });
	let expected = 0;

	// A delivery, repeated 2 s later.
	const first = event(`dup-${crypto.randomUUID()}`);
	const firstAt = Date.now();
	await deliverAll(n8n, url, [first]);
	expected += 1;
	await sleep(2_000);
	await deliverAll(n8n, url, [first]);
	let t = await tally(n8n, bolna.id, expected);
	assert.equal(t.runs, 1, `runs after the repeat 2 s later: ${repeats(t)}`);

	// Ten simultaneous copies of one delivery.
	const copied = event(`par-${crypto.randomUUID()}`);
	await deliverAll(n8n, url, Array.from({ length: 10 }, () => copied));
	expected += 1;
	t = await tally(n8n, bolna.id, expected);
	assert.equal(t.runs, 2, `runs after 10 parallel copies: ${t.runs - 1}; ${repeats(t)}`);

	// 200 distinct events at once, then their replays at once.
	const distinct = Array.from({ length: DISTINCT }, (_, i) => event(`many-${i}-${crypto.randomUUID()}`));
	await deliverAll(n8n, url, distinct);
	expected += DISTINCT;
	t = await tally(n8n, bolna.id, expected);
	assert.equal(t.runs, 2 + DISTINCT, `runs after ${DISTINCT} distinct concurrent events: ${t.runs - 2}; ${repeats(t)}`);
	const ranIds = new Set(t.events.map((e) => e.executionId));
	assert.ok(distinct.every((e) => ranIds.has(e.id)), 'every distinct event ran');
	assert.ok(t.events.every((e) => /^[0-9a-f]{32}$/.test(e.eventId)), 'every item carries an eventId');
	assert.equal(new Set(t.events.map((e) => e.eventId)).size, t.events.length, 'eventIds are distinct per event');
	const beforeReplays = t.executions;
	await deliverAll(n8n, url, distinct);
	t = await tally(n8n, bolna.id, expected);
	assert.equal(t.runs, 2 + DISTINCT, `runs after the ${DISTINCT} replays: ${repeats(t)}`);
	lines.push(
		`Bolna Trigger: repeat 2 s later → 1 run; 10 parallel copies → 1 run; ${DISTINCT} distinct concurrent events → ${DISTINCT} runs, their ${DISTINCT} concurrent replays → 0 runs (${t.executions - beforeReplays} executions started, each ended at the trigger)`,
	);

	// The first delivery again, a minute after it first came.
	await sleep(Math.max(0, firstAt + REPLAY_LATER_MS - Date.now()));
	await deliverAll(n8n, url, [first]);
	await sleep(2_000);
	t = await tally(n8n, bolna.id, expected);
	assert.equal(t.runs, 2 + DISTINCT, `runs after the repeat 60 s later: ${repeats(t)}`);
	lines.push(`repeat ${Math.round((Date.now() - firstAt) / 1000)} s after the first delivery → 0 runs`);

	// A signed Bland delivery replayed ten times at once.
	const blandHook = crypto.randomUUID();
	const bland = await n8n.deploy(blandWorkflow(blandHook), credentials);
	const blandUrl = `${n8n.webhookBaseUrl}/webhook/${blandHook}/webhook`;
	const postCall = JSON.stringify({
		call_id: crypto.randomUUID(),
		to: '+14155550124',
		from: '+14155550000',
		status: 'completed',
		completed: true,
		call_length: 1.2,
		concatenated_transcript: 'user: hello',
	});
	const signature = crypto.createHmac('sha256', SIM_KEYS.blandWebhookSecret).update(postCall).digest('hex');
	const signedPost = () => n8n.post(blandUrl, undefined, { rawBody: postCall, headers: { 'x-webhook-signature': signature } });
	const blandAnswers = await Promise.all(Array.from({ length: 10 }, signedPost));
	assert.ok(blandAnswers.every((a) => a.status === 200), `Bland answers: ${blandAnswers.map((a) => a.status)}`);
	const b = await tally(n8n, bland.id, 1);
	assert.equal(b.runs, 1, `runs for 10 copies of a signed Bland delivery: ${repeats(b)}`);
	lines.push('Bland AI Trigger: one signed post-call delivery replayed 10 times at once → 1 run');

	// After a restart: the in-process memory is gone, n8n's processed-data store remembers.
	await ctx.restart();
	const replays = [first, copied, ...distinct.slice(0, 20)];
	for (const replay of replays) await deliverAll(n8n, url, [replay]);
	const fresh = event(`after-restart-${crypto.randomUUID()}`);
	await deliverAll(n8n, url, [fresh]);
	t = await tally(n8n, bolna.id, t.executions + 1);
	assert.equal(t.runs, 2 + DISTINCT + 1, `runs after the restart: ${t.runs - 2 - DISTINCT} (expected only the new event)`);
	assert.ok(t.events.some((e) => e.executionId === fresh.id), 'the new event ran after the restart');
	const signedAgain = await signedPost();
	assert.equal(signedAgain.status, 200);
	const b2 = await tally(n8n, bland.id, b.executions + 1);
	assert.equal(b2.runs, 1, 'the signed Bland replay after the restart ran');
	lines.push(
		`after a restart of the process receiving webhooks: ${replays.length} Bolna replays and 1 Bland replay → 0 runs (their executions end at the trigger with no items), a new event → 1 run`,
	);

	await n8n.deactivate(bolna.id);
	await n8n.deactivate(bland.id);
	return lines;
};
module.exports.modes = ['regular', 'queue'];
module.exports.title = 'Triggers: repeated and concurrent deliveries run once (2 s, 60 s, 10 parallel, 200 distinct, after a restart)';

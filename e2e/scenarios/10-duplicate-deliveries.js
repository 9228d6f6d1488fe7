'use strict';
/**
 * Repeated and concurrent deliveries reach the triggers in a real n8n and start each event's run
 * exactly once: a repeat 2 s and 60 s later, 10 simultaneous copies, 200 distinct events at once
 * (all run) and their replays (none run), and replays after n8n restarts (the in-process memory is
 * gone; n8n's processed-data store ends those runs at the trigger). A signed Bland delivery replayed
 * ten times at once runs once. A "run" is an execution in which the node after the trigger ran:
 * that node reports each event it ran to a counter on this machine, so runs are counted exactly,
 * whatever n8n's execution list shows.
 * In queue mode the deliveries go to the webhook processor, the runs happen on two workers, and
 * "restart" restarts the webhook processor.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const seed = require('../../simulator/seed');
const { SIM_KEYS } = require('../lib/env');
const { TYPES, node, chain } = require('../lib/workflow');
const { assert, sleep, requireOperation } = require('../lib/check');
const { simAgent } = require('../lib/sim');

const REPLAY_LATER_MS = 60_000;
const DISTINCT = 200;

/** A local counter of the events the workflows ran (POST /ran {eventId, id}). */
async function startCounter() {
	const ran = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			try {
				ran.push(JSON.parse(body));
			} catch {
				ran.push({ unreadable: body });
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}/ran`, ran, close: () => new Promise((r) => server.close(r)) };
}

function eventRan(counterUrl) {
	return node(
		'Event Ran',
		TYPES.httpRequest,
		{
			method: 'POST',
			url: counterUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ eventId: $json.eventId, id: $json.executionId || $json.callId }) }}',
			options: {},
		},
		{ typeVersion: 4.2 },
	);
}

function bolnaWorkflow(webhookId, counterUrl) {
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
	return chain('Duplicate deliveries (Bolna)', [trigger, eventRan(counterUrl)]);
}

function blandWorkflow(webhookId, counterUrl) {
	const trigger = node('Bland Event', TYPES.blandAiTrigger, {}, { credentials: 'blandAiApi', webhookId });
	return chain('Duplicate deliveries (Bland AI)', [trigger, eventRan(counterUrl)]);
}

/**
 * Waits until the counter has at least `atLeast` runs and none came for 3 s, then returns the runs
 * of `source` (the counter's entries whose id passes `belongs`).
 */
async function tally(counter, atLeast, belongs) {
	const deadline = Date.now() + 180_000;
	for (let last = -1, stableSince = Date.now(); ; await sleep(250)) {
		const n = counter.ran.length;
		if (n !== last) {
			last = n;
			stableSince = Date.now();
		}
		const events = counter.ran.filter((e) => belongs(String(e.id)));
		if (events.length >= atLeast && Date.now() - stableSince >= 3_000) return { runs: events.length, events };
		if (Date.now() > deadline) return { runs: events.length, events };
	}
}

/** Which events ran more than once, for a failure message. */
function repeats(t) {
	const counts = new Map();
	for (const e of t.events) counts.set(e.id, (counts.get(e.id) || 0) + 1);
	const twice = [...counts].filter(([, n]) => n > 1);
	return `ran more than once: ${JSON.stringify(twice.slice(0, 5))}`;
}

/**
 * Posts `bodies` at once — at most `inFlight` requests at a time — and checks every answer is 200.
 * In queue mode on this 2-core machine, 200 simultaneous requests exhaust the webhook processor's
 * database pool and n8n itself answers 503 "Database is not ready" before any node runs; there the
 * suite keeps 20 in flight.
 */
let inFlight = Infinity;
async function deliverAll(n8n, url, bodies) {
	const answers = [];
	for (let i = 0; i < bodies.length; i += Math.min(inFlight, bodies.length)) {
		const batch = bodies.slice(i, i + Math.min(inFlight, bodies.length));
		answers.push(...(await Promise.all(batch.map((b) => n8n.post(url, b)))));
	}
	const bad = answers.filter((a) => a.status !== 200);
	assert.equal(bad.length, 0, `non-200 answers: ${JSON.stringify(bad.slice(0, 3))}`);
}

module.exports = async function duplicateDeliveries(ctx) {
	const { n8n, credentials, sim } = ctx;
	inFlight = ctx.mode === 'queue' ? 20 : Infinity;
	requireOperation(ctx, TYPES.bolnaTrigger);
	requireOperation(ctx, TYPES.blandAiTrigger);
	const counter = await startCounter();
	const lines = [];
	try {
		const bolnaHook = crypto.randomUUID();
		const bolna = await n8n.deploy(bolnaWorkflow(bolnaHook, counter.url), credentials);
		const url = simAgent(sim, seed.BOLNA_AGENT_ID).agent_config.webhook_url;
		assert.ok(url.includes(`/webhook/${bolnaHook}/webhook?token=`), `agent webhook_url is ${url}`);
		const event = (id, status = 'completed') => ({ id, status, agent_id: seed.BOLNA_AGENT_ID, telephony_data: { to_number: '+14155550124' } });
		const isBolna = (id) => !id.startsWith('bland-');
		const isBland = (id) => id.startsWith('bland-');

		// A delivery, repeated 2 s later.
		const first = event(`dup-${crypto.randomUUID()}`);
		const firstAt = Date.now();
		await deliverAll(n8n, url, [first]);
		await sleep(2_000);
		await deliverAll(n8n, url, [first]);
		let t = await tally(counter, 1, isBolna);
		assert.equal(t.runs, 1, `runs after the repeat 2 s later: ${repeats(t)}`);

		// Ten simultaneous copies of one delivery.
		const copied = event(`par-${crypto.randomUUID()}`);
		await deliverAll(n8n, url, Array.from({ length: 10 }, () => copied));
		t = await tally(counter, 2, isBolna);
		assert.equal(t.runs, 2, `runs after 10 parallel copies: ${t.runs - 1}; ${repeats(t)}`);

		// 200 distinct events at once, then their replays at once.
		const distinct = Array.from({ length: DISTINCT }, (_, i) => event(`many-${i}-${crypto.randomUUID()}`));
		await deliverAll(n8n, url, distinct);
		t = await tally(counter, 2 + DISTINCT, isBolna);
		assert.equal(t.runs, 2 + DISTINCT, `runs after ${DISTINCT} distinct concurrent events: ${t.runs - 2}; ${repeats(t)}`);
		const ranIds = new Set(t.events.map((e) => e.id));
		assert.ok(distinct.every((e) => ranIds.has(e.id)), 'every distinct event ran');
		assert.ok(t.events.every((e) => /^[0-9a-f]{32}$/.test(e.eventId)), 'every item carries an eventId');
		assert.equal(new Set(t.events.map((e) => e.eventId)).size, t.events.length, 'eventIds are distinct per event');
		await deliverAll(n8n, url, distinct);
		t = await tally(counter, 2 + DISTINCT, isBolna);
		assert.equal(t.runs, 2 + DISTINCT, `runs after the ${DISTINCT} replays: ${repeats(t)}`);
		lines.push(
			`Bolna Trigger: repeat 2 s later → 1 run; 10 parallel copies → 1 run; ${DISTINCT} distinct concurrent events (${inFlight === Infinity ? 'all at once' : `${inFlight} in flight`}) → ${DISTINCT} runs, their ${DISTINCT} replays → 0 runs`,
		);

		// The first delivery again, a minute after it first came.
		await sleep(Math.max(0, firstAt + REPLAY_LATER_MS - Date.now()));
		await deliverAll(n8n, url, [first]);
		t = await tally(counter, 2 + DISTINCT, isBolna);
		assert.equal(t.runs, 2 + DISTINCT, `runs after the repeat 60 s later: ${repeats(t)}`);
		lines.push(`repeat ${Math.round((Date.now() - firstAt) / 1000)} s after the first delivery → 0 runs`);

		// A signed Bland delivery replayed ten times at once.
		const blandHook = crypto.randomUUID();
		const bland = await n8n.deploy(blandWorkflow(blandHook, counter.url), credentials);
		const blandUrl = `${n8n.webhookBaseUrl}/webhook/${blandHook}/webhook`;
		const postCall = JSON.stringify({
			call_id: `bland-${crypto.randomUUID()}`,
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
		let b = await tally(counter, 1, isBland);
		assert.equal(b.runs, 1, `runs for 10 copies of a signed Bland delivery: ${repeats(b)}`);
		lines.push('Bland AI Trigger: one signed post-call delivery replayed 10 times at once → 1 run');

		// After a restart: the in-process memory is gone, n8n's processed-data store remembers.
		await ctx.restart();
		const replays = [first, copied, ...distinct.slice(0, 20)];
		for (const replay of replays) await deliverAll(n8n, url, [replay]);
		const fresh = event(`after-restart-${crypto.randomUUID()}`);
		await deliverAll(n8n, url, [fresh]);
		assert.equal((await signedPost()).status, 200);
		t = await tally(counter, 2 + DISTINCT + 1, isBolna);
		assert.equal(t.runs, 2 + DISTINCT + 1, `runs after the restart: ${t.runs - 2 - DISTINCT} (expected only the new event); ${repeats(t)}`);
		assert.ok(t.events.some((e) => e.id === fresh.id), 'the new event ran after the restart');
		b = await tally(counter, 1, isBland);
		assert.equal(b.runs, 1, `the signed Bland replay after the restart ran: ${repeats(b)}`);
		lines.push(
			`after a restart of the process receiving webhooks: ${replays.length} Bolna replays and 1 Bland replay → 0 runs (n8n's processed-data store ends them at the trigger), a new event → 1 run`,
		);

		await n8n.deactivate(bolna.id);
		await n8n.deactivate(bland.id);
		return lines;
	} finally {
		await counter.close();
	}
};
module.exports.modes = ['regular', 'queue'];
module.exports.title = 'Triggers: repeated and concurrent deliveries run once (2 s, 60 s, 10 parallel, 200 distinct, after a restart)';

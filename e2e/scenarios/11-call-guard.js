'use strict';
/**
 * The Call Guard in a real n8n (issue 12), regular and queue mode.
 * - Calling hours, "defer": with hours that are closed right now in Los Angeles, Bland Make Call is
 *   placed with `start_time` and Bolna Make Call with `scheduled_at` at the next opening in the
 *   recipient's zone (computed here with luxon), and the output's `guard` says so.
 * - Cooldown: the same number called by a second execution within the cooldown is refused, naming
 *   the rule, with no request sent (the simulator's log has one call to the number). In queue mode
 *   the executions run on the workers, so only the provider's history can have told the second one.
 * - Do not call: a listed number is refused with no request.
 */
const { DateTime } = require('luxon');

const seed = require('../../simulator/seed');
const { TYPES, node, webhookWorkflow, byId } = require('../lib/workflow');
const { assert, requireOperation, requestsTo } = require('../lib/check');

const LA_NUMBER = '+14155550101';

/** Hours that are closed now in Los Angeles: a one-hour window starting two hours from now. */
function closedHoursNow() {
	const now = DateTime.now().setZone('America/Los_Angeles');
	const start = (now.hour + 2) % 24;
	const hours = `${String(start).padStart(2, '0')}:00-${start === 23 ? '24:00' : `${String(start + 1).padStart(2, '0')}:00`}`;
	let opening = now.set({ hour: start, minute: 0, second: 0, millisecond: 0 });
	if (opening <= now) opening = opening.plus({ days: 1 });
	return { hours, opening: opening.toUTC() };
}

/** Runs a one-step webhook workflow once; returns the step's output or error. */
async function runOnce(ctx, name, webhookPath, step, credentialMap) {
	const { n8n } = ctx;
	const wf = await n8n.deploy(webhookWorkflow(name, webhookPath, [step]), credentialMap);
	return await runDeployed(ctx, wf, webhookPath, step.name, 1);
}

async function runDeployed(ctx, wf, webhookPath, stepName, nth) {
	const { n8n, N8n } = ctx;
	const res = await n8n.webhook(webhookPath, {});
	const executions = await n8n.waitForExecutions(wf.id, nth);
	const latest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
	const execution = await n8n.execution(latest.id);
	return { status: res.status, output: N8n.nodeOutput(execution, stepName), error: N8n.nodeError(execution, stepName) };
}

module.exports = async function callGuard(ctx) {
	const { n8n, sim } = ctx;
	requireOperation(ctx, TYPES.blandAi, 'call', 'make');
	requireOperation(ctx, TYPES.bolna, 'call', 'make');
	const baseUrl = sim.url.replace(/\/+$/, '');
	const lines = [];
	const stamp = Date.now().toString(36);

	// --- calling hours: deferred to the next opening in the recipient's zone
	const { hours, opening } = closedHoursNow();
	const deferring = {
		bolnaApi: await n8n.createCredential(`Bolna (hours ${hours}) ${stamp}`, 'bolnaApi', { apiKey: 'bn-sim-key', baseUrl, callingHours: hours, callingDays: 'everyDay', outsideCallingHours: 'defer' }),
		blandAiApi: await n8n.createCredential(`Bland (hours ${hours}) ${stamp}`, 'blandAiApi', { apiKey: 'sk-sim-key', baseUrl, webhookSecret: '', encryptedKeySecret: '', callingHours: hours, callingDays: 'everyDay', outsideCallingHours: 'defer' }),
	};
	const blandStart = `${opening.toFormat('yyyy-MM-dd HH:mm:ss')} +00:00`;
	const bolnaStart = opening.toFormat("yyyy-MM-dd'T'HH:mm:ss'+00:00'");
	const deferredTo = opening.toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");

	// [provider, path, body key of the start time, its expected value, step]
	const deferrals = [
		['Bland', '/v1/calls', 'start_time', blandStart, node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: LA_NUMBER, callUsing: 'task', task: 'Say hello.', additionalFields: {} }, { credentials: 'blandAiApi' })],
		['Bolna', '/call', 'scheduled_at', bolnaStart, node('Make Call', TYPES.bolna, { resource: 'call', operation: 'make', agentId: byId(seed.BOLNA_AGENT_ID), recipientPhoneNumber: LA_NUMBER, additionalFields: {} }, { credentials: 'bolnaApi' })],
	];
	for (const [provider, path, key, expected, step] of deferrals) {
		const before = requestsTo(ctx.sim, 'POST', path).length;
		const run = await runOnce(ctx, `E2E guard ${provider} defer ${stamp}`, `e2e-guard-${provider.toLowerCase()}-defer-${stamp}`, step, deferring);
		assert.equal(run.error, undefined, `${provider} deferred call failed: ${run.error && run.error.message}`);
		const sent = requestsTo(ctx.sim, 'POST', path).slice(before);
		assert.equal(sent.length, 1, `${provider}: ${sent.length} calls placed`);
		assert.equal(sent[0].body[key], expected, `${provider} ${key}`);
		assert.equal(run.output[0].guard.deferredTo, deferredTo, `${provider} guard.deferredTo`);
		assert.deepEqual(run.output[0].guard.zones, ['America/Los_Angeles'], `${provider} guard.zones`);
		lines.push(`hours ${hours} closed now in Los Angeles: ${provider} call placed once with ${key} "${expected}", guard.deferredTo ${deferredTo}`);
	}

	// --- cooldown across executions: the second execution is refused, nothing sent
	const cooling = {
		bolnaApi: await n8n.createCredential(`Bolna (cooldown) ${stamp}`, 'bolnaApi', { apiKey: 'bn-sim-key', baseUrl, cooldownMinutes: 60, doNotCall: '+14155550199' }),
		blandAiApi: await n8n.createCredential(`Bland (cooldown) ${stamp}`, 'blandAiApi', { apiKey: 'sk-sim-key', baseUrl, webhookSecret: '', encryptedKeySecret: '', cooldownMinutes: 60, doNotCall: '+14155550199' }),
	};
	const cases = [
		['Bland', '/v1/calls', 'phone_number', '+14155550132', (to) => node('Make Call', TYPES.blandAi, { resource: 'call', operation: 'make', phoneNumber: to, callUsing: 'task', task: 'Say hello.', additionalFields: {} }, { credentials: 'blandAiApi' })],
		['Bolna', '/call', 'recipient_phone_number', '+14155550133', (to) => node('Make Call', TYPES.bolna, { resource: 'call', operation: 'make', agentId: byId(seed.BOLNA_AGENT_ID), recipientPhoneNumber: to, additionalFields: {} }, { credentials: 'bolnaApi' })],
	];
	for (const [provider, path, key, number, step] of cases) {
		const webhookPath = `e2e-guard-${provider.toLowerCase()}-cooldown-${stamp}`;
		const wf = await n8n.deploy(webhookWorkflow(`E2E guard ${provider} cooldown ${stamp}`, webhookPath, [step(number)]), cooling);
		const first = await runDeployed(ctx, wf, webhookPath, 'Make Call', 1);
		assert.equal(first.error, undefined, `${provider} first call failed: ${first.error && first.error.message}`);
		const second = await runDeployed(ctx, wf, webhookPath, 'Make Call', 2);
		assert.ok(second.error, `${provider}: the second execution was not refused`);
		assert.match(String(second.error.message), new RegExp(`${number.replace('+', '\\+')} was called at .*cooldown of 60 minutes allows the next call after`));
		const placed = requestsTo(ctx.sim, 'POST', path).filter((r) => r.body && r.body[key] === number);
		assert.equal(placed.length, 1, `${provider}: ${placed.length} calls to ${number} reached the simulator`);
		lines.push(`${provider} cooldown: execution 1 placed the call, execution 2 refused ("${String(second.error.message).slice(0, 80)}…"); 1 POST ${path} to ${number} in the simulator`);

		// A call placed outside n8n (the provider's dashboard, another tool) with the same account: only
		// the provider's history knows it, and the next n8n execution respects it.
		const outside = `${number.slice(0, -2)}${provider === 'Bland' ? '42' : '43'}`;
		const direct = await fetch(`${sim.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: provider === 'Bland' ? 'sk-sim-key' : 'Bearer bn-sim-key' },
			body: JSON.stringify(provider === 'Bland' ? { phone_number: outside, task: 'Hi' } : { agent_id: seed.BOLNA_AGENT_ID, recipient_phone_number: outside }),
		});
		assert.equal(direct.status, 200, `${provider}: direct call ${direct.status}`);
		const afterDirect = requestsTo(ctx.sim, 'POST', path).length;
		const elsewhere = await runOnce(ctx, `E2E guard ${provider} outside ${stamp}`, `e2e-guard-${provider.toLowerCase()}-outside-${stamp}`, step(outside), cooling);
		assert.ok(elsewhere.error && String(elsewhere.error.message).includes(`${outside} was called at`), `${provider}: a call placed outside n8n was not seen: ${elsewhere.error && elsewhere.error.message}`);
		assert.equal(requestsTo(ctx.sim, 'POST', path).length, afterDirect, `${provider}: the re-dial of a number called outside n8n was sent`);
		lines.push(`${provider} cooldown from the provider's history: a call placed directly with the API, then an n8n execution to the same number → refused, no request`);

		const before = requestsTo(ctx.sim, 'POST', path).length;
		const listed = await runOnce(ctx, `E2E guard ${provider} dnc ${stamp}`, `e2e-guard-${provider.toLowerCase()}-dnc-${stamp}`, step('+14155550199'), cooling);
		assert.ok(listed.error && /do-not-call list/.test(listed.error.message), `${provider} do-not-call: ${listed.error && listed.error.message}`);
		assert.equal(requestsTo(ctx.sim, 'POST', path).length, before, `${provider} do-not-call: a request was sent`);
		lines.push(`${provider} do-not-call: refused ("${listed.error.message}"), no request`);
	}
	return lines;
};

module.exports.modes = ['regular', 'queue'];
module.exports.title = 'Call Guard: deferred to the next calling hour in the recipient’s zone, re-dial refused within the cooldown, do-not-call';

'use strict';
/**
 * `npm run demo`: a real n8n with this package installed, wired to the local Bolna + Bland AI
 * simulator, with the example workflows imported and the trigger workflows active. Nothing is
 * dialled and no account is needed. Ctrl-C stops everything it started.
 *
 * Ports (each falls back to a free one when taken): n8n editor 5678, https webhook base 5680,
 * simulator 4010, example tool endpoint 4011. Env: DEMO_N8N_PORT, DEMO_WEBHOOK_PORT, DEMO_SIM_PORT,
 * DEMO_TOOL_PORT, N8N_E2E_CACHE. The simulator honours Bolna schedules (a batch scheduled for
 * 15 minutes from now dials in 15 minutes).
 */
const { OWNER, startSimulator, createCredentials, bootN8n } = require('./lib/env');
const { freePort, isPortFree } = require('./lib/n8n');
const { startToolServer } = require('./lib/toolServer');
const { TYPES, loadExample, listExamples, localize, PLACEHOLDERS } = require('./lib/workflow');
const seed = require('../simulator/seed');

const say = (line = '') => process.stdout.write(`${line}\n`);

async function pickPort(preferred) {
	return (await isPortFree(preferred)) ? preferred : freePort();
}

/** Trigger nodes that make a workflow worth activating (a Manual Trigger is run from the editor). */
const ACTIVATING = new Set([TYPES.bolnaTrigger, TYPES.blandAiTrigger, TYPES.webhook]);

async function main() {
	const started = [];
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping the demo…');
		for (const fn of started.reverse()) {
			try {
				await fn();
			} catch (error) {
				say(`  (while stopping: ${error.message})`);
			}
		}
		say('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		say('Starting the n8n-nodes-voice-agents demo (first run installs n8n once: ~3-4 min, ~2.2 GB)…');
		const boot = await bootN8n({
			say: (line) => say(`  ${line}`),
			port: await pickPort(Number(process.env.DEMO_N8N_PORT) || 5678),
			webhookPort: await pickPort(Number(process.env.DEMO_WEBHOOK_PORT) || 5680),
		});
		const { n8n } = boot;
		started.push(() => boot.cleanup());
		started.push(() => n8n.stop());

		const sim = await startSimulator({ port: await pickPort(Number(process.env.DEMO_SIM_PORT) || 4010), clockMs: 1500, correctedTranscriptDelayMs: 5000 });
		sim.configure({ honourSchedules: true });
		started.push(() => sim.close());
		const tool = await startToolServer(boot.tlsCert, await pickPort(Number(process.env.DEMO_TOOL_PORT) || 4011));
		started.push(() => tool.close());

		await n8n.setupOwner(OWNER);
		const credentials = await createCredentials(n8n, sim.url);

		const imported = [];
		for (const file of listExamples()) {
			const workflow = localize(loadExample(file), {
				[PLACEHOLDERS.n8n]: `${n8n.webhookBaseUrl}/`,
				[PLACEHOLDERS.tool]: `${tool.url}/`,
			});
			const created = await n8n.createWorkflow(workflow, credentials);
			const activate = workflow.nodes.some((node) => ACTIVATING.has(node.type));
			if (activate) await n8n.activate(created.id, created.versionId);
			imported.push({ file, ...created, active: activate });
		}

		say('');
		say('================================================================================');
		say(' n8n-nodes-voice-agents demo is running (simulated Bolna + Bland AI, no real calls)');
		say('================================================================================');
		say(` Editor:    ${n8n.baseUrl}/`);
		say(` Login:     ${OWNER.email}  /  ${OWNER.password}`);
		say(` Simulator: ${sim.url}  (requests: ${sim.url}/__sim/requests, state: ${sim.url}/__sim/state)`);
		say(` Webhooks:  ${n8n.webhookBaseUrl}/  (https, self-signed; the simulator trusts it)`);
		say(` Credentials: "${credentials.bolnaApi.name}", "${credentials.blandAiApi.name}" (Base URL = simulator)`);
		say('');
		say(' Workflows:');
		for (const wf of imported) say(`   ${wf.active ? '[active] ' : '[manual] '} ${wf.name}  ${n8n.baseUrl}/workflow/${wf.id}`);
		say('');
		say(' Try it:');
		say(`   curl -s -X POST ${n8n.baseUrl}/webhook/new-lead -H 'content-type: application/json' \\`);
		say(`        -d '{"name": "Ada Lovelace", "phone": "+14155550124"}'`);
		say('     → Bolna calls the lead; a few seconds later "Call Finished" runs with the extracted data.');
		say(`   curl -s -X POST ${n8n.baseUrl}/webhook/bland-new-lead -H 'content-type: application/json' \\`);
		say(`        -d '{"name": "Grace Hopper", "phone": "+14155550136", "leadId": "L-7"}'`);
		say('     → Bland calls with the pathway; its signed post-call webhook runs "Call Completed".');
		say('   Open the campaign and custom tool workflows in the editor and click "Execute workflow".');
		say('   Numbers ending 1111 are busy, 2222 no-answer, 3333 failed; anything else completes.');
		say(`   Seeded: Bolna agent ${seed.BOLNA_AGENT_ID} ("${seed.BOLNA_AGENT_NAME}"), Bland pathway ${seed.BLAND_PATHWAY_ID} ("${seed.BLAND_PATHWAY_NAME}").`);
		say('');
		say(` n8n log: ${n8n.logFile}`);
		say(' Press Ctrl-C to stop everything.');
		n8n.exited.then(({ code, signal }) => {
			if (!stopping) {
				say(`n8n exited (${signal || code}); log tail:\n${n8n.logTail(30)}`);
				stop(1);
			}
		});
	} catch (error) {
		say(`Demo failed: ${error && error.stack ? error.stack : error}`);
		await stop(1);
	}
}

main();

'use strict';
/**
 * Browser suite: the real n8n editor in Chromium, with the packed package installed as a user
 * installs it. It signs in, searches the node panel as a user would, adds every node and opens every
 * operation's panel, checks the AI Agent's tool picker, runs an example workflow from the editor and
 * reads its output. Screenshots go to e2e/browser/screenshots/<n8n version>/.
 *
 *   node e2e/browser/run.js                      in n8n 2.41.1
 *   node e2e/browser/run.js --n8n 1.123.81       in another pinned n8n
 *   node e2e/browser/run.js "AI Agent|Bolna"     only the checks whose title matches the pattern
 *
 * Needs Debian's chromium (/usr/bin/chromium; BROWSER_EXECUTABLE to use another). Environment as for
 * the e2e suite: E2E_N8N_VERSION, N8N_E2E_CACHE, E2E_SOURCE=head; BROWSER_SCREENSHOTS sets the folder.
 */
const path = require('node:path');

const { OWNER, startSimulator, createCredentials, bootN8n, timer } = require('../lib/env');
const { selectedVersion } = require('../lib/install');
const { launchBrowser, Editor } = require('../lib/browser');
const { loadExample } = require('../lib/workflow');
const seed = require('../../simulator/seed');

const QUERIES = ['Bolna', 'Bland', 'phone call', 'voice agent', 'AI call', 'outbound call', 'campaign'];
const PROVIDERS = [
	{ search: 'Bolna', app: 'Bolna', tool: 'Bolna Tool' },
	{ search: 'Bland', app: 'Bland AI', tool: 'Bland AI Tool' },
];
const APPS = PROVIDERS.map((p) => p.app);
const MANUAL_TRIGGER = 'When clicking ‘Execute workflow’';
/** The inbound number the simulator's seed gives the Bland account. */
const SIM_INBOUND_NUMBER = seed.BLAND_INBOUND_NUMBER;

function parseArgs(argv) {
	let version = selectedVersion();
	let filter;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') version = argv[++i];
		else if (argv[i].startsWith('--n8n=')) version = argv[i].slice('--n8n='.length);
		else filter = argv[i];
	}
	return { version, filter };
}

function assert(condition, message) {
	if (!condition) throw new Error(message);
}

function includesAll(found, wanted, where) {
	const missing = wanted.filter((name) => !found.includes(name));
	assert(!missing.length, `${where}: ${missing.join(', ')} not listed (got: ${found.join(', ') || 'No results'})`);
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function main() {
	const { version, filter } = parseArgs(process.argv.slice(2));
	const say = (line) => process.stdout.write(`${line}\n`);
	const total = timer();
	const shots = path.resolve(process.env.BROWSER_SCREENSHOTS || path.join(__dirname, 'screenshots'), version);
	const results = { passed: 0, failed: 0 };
	let boot;
	let sim;
	let browser;
	let shotNo = 0;

	const stopAll = async () => {
		if (browser) await browser.close();
		if (boot) await boot.n8n.stop();
		if (sim) await sim.close();
		if (boot) boot.cleanup();
	};
	process.once('SIGINT', async () => {
		await stopAll();
		process.exit(130);
	});

	let editor;
	const shot = async (name) => {
		shotNo++;
		const file = path.join(shots, `${String(shotNo).padStart(2, '0')}-${name}.png`);
		await editor.screenshot(file).catch(() => {});
		return file;
	};
	/** A new workflow holding a Manual Trigger added from the trigger picker. */
	const startWithManualTrigger = async () => {
		await editor.newWorkflow();
		await editor.openNodePanel();
		await editor.search('manual');
		await editor.pick('Manual Trigger');
		await editor.page.waitForTimeout(500);
		await editor.closeNdv();
	};
	/** A new workflow with the provider's trigger added from the trigger picker, its panel open. */
	const openTriggerPanel = async (provider) => {
		await editor.newWorkflow();
		await editor.openNodePanel();
		await editor.search(provider.search);
		await editor.pick(provider.app);
		if (!(await editor.ndv.isVisible())) {
			const actions = await editor.actions();
			assert(actions.length, `${provider.app}: neither a panel nor a list of triggers opened`);
			await editor.pickAction(actions[0].action);
		}
		await editor.waitForNdv();
	};
	/**
	 * Types every query into the open node panel: each provider's name finds its node, every other
	 * query finds both. Returns one line per query with the nodes listed.
	 */
	const searchEverything = async (shotName) => {
		const found = {};
		for (const query of QUERIES) {
			found[query] = await editor.search(query);
			if (query === 'phone call') await shot(shotName);
		}
		for (const provider of PROVIDERS) includesAll(found[provider.search], [provider.app], `"${provider.search}"`);
		for (const query of QUERIES.filter((q) => !PROVIDERS.some((p) => p.search === q))) includesAll(found[query], APPS, `"${query}"`);
		return QUERIES.map((query) => `"${query}" → ${found[query].join(', ') || 'No results'}`);
	};
	/** One check: runs, prints ok/FAIL with what it asserted, never stops the suite. */
	const check = async (title, fn) => {
		if (filter && !new RegExp(filter).test(title) && !title.startsWith('signs in')) return;
		const t = timer();
		try {
			const lines = (await fn()) || [];
			results.passed++;
			say(`ok   ${title} (${t()})`);
			for (const line of lines) say(`       - ${line}`);
		} catch (error) {
			results.failed++;
			say(`FAIL ${title} (${t()})`);
			say(`       ${String(error && error.stack ? error.stack : error).split('\n').slice(0, 6).join('\n       ')}`);
			await shot(`fail-${slug(title)}`);
			if (editor) await editor.page.keyboard.press('Escape').catch(() => {});
		}
	};

	try {
		say(`n8n under test: ${version}`);
		boot = await bootN8n({ say, version });
		sim = await startSimulator();
		await boot.n8n.setupOwner(OWNER);
		const credentials = await createCredentials(boot.n8n, sim.url);
		browser = await launchBrowser();
		editor = new Editor(browser.page, boot.n8n.baseUrl);
		say(`chromium: ${browser.context.browser() ? browser.context.browser().version() : 'started'}; screenshots: ${shots}`);

		await check('signs in as the owner', async () => {
			await editor.signIn(OWNER);
			return [`landed on ${new URL(editor.page.url()).pathname}`];
		});

		await check('trigger picker: search finds both triggers by name and by what users type', async () => {
			await editor.newWorkflow();
			await editor.openNodePanel();
			return searchEverything('trigger-search-phone-call');
		});

		for (const provider of PROVIDERS) {
			await check(`trigger picker: adds the ${provider.app} Trigger and opens its panel without ✨`, async () => {
				await openTriggerPanel(provider);
				const labels = await editor.fieldLabels();
				const buttons = await editor.fromAiButtons();
				await shot(`${slug(provider.app)}-trigger`);
				assert(buttons === 0, `${buttons} "let the model define this parameter" buttons on the plain trigger`);
				await editor.closeNdv();
				return [`fields: ${labels.join(', ')}`];
			});
		}

		await check('Bland AI Trigger: the inbound number is picked from the account\'s numbers', async () => {
			await openTriggerPanel(PROVIDERS.find((p) => p.app === 'Bland AI'));
			await editor.chooseOption('registration', 'Automatic on an Inbound Number');
			const entries = await editor.locatorEntries('inboundPhoneNumber');
			await shot('bland-ai-trigger-inbound-number');
			await editor.page.keyboard.press('Escape');
			await editor.closeNdv();
			assert(entries.some((e) => e.includes(SIM_INBOUND_NUMBER)), `the list shows ${entries.join(', ') || 'nothing'}`);
			return [`listed: ${entries.join(', ')}`];
		});

		await check('Bolna Trigger: asks for the credential only while Register Automatically is on', async () => {
			await openTriggerPanel(PROVIDERS.find((p) => p.app === 'Bolna'));
			const credential = editor.ndv.getByTestId('node-credentials-select');
			const before = await credential.isVisible();
			// The switch element, however the editor version nests it in the parameter input.
			const field = '[data-test-id="parameter-input-registerAutomatically"]';
			await editor.ndv.locator(`${field} .el-switch, ${field}.el-switch, ${field} [role="switch"]`).first().click();
			await editor.page.waitForTimeout(500);
			const after = await credential.isVisible();
			const labels = await editor.fieldLabels();
			await shot('bolna-trigger-manual-token');
			await editor.closeNdv();
			assert(before, 'no credential field with Register Automatically on');
			assert(!after, 'the credential field is still shown with Register Automatically off');
			assert(labels.includes('Token'), `no Token field with Register Automatically off (fields: ${labels.join(', ')})`);
			return [`credential shown: on → ${before}, off → ${after}; fields when off: ${labels.join(', ')}`];
		});

		await check('"What happens next?": search finds both nodes by name and by what users type', async () => {
			await startWithManualTrigger();
			await editor.openNextStepPanel(MANUAL_TRIGGER);
			const lines = await searchEverything('next-step-search-phone-call');
			await editor.closeNodePanel();
			return lines;
		});

		for (const provider of PROVIDERS) {
			let actions = [];
			await check(`${provider.app}: the app lists its actions`, async () => {
				await startWithManualTrigger();
				await editor.openNodePanel();
				await editor.search(provider.search);
				await editor.pick(provider.app);
				actions = await editor.actions();
				await shot(`${slug(provider.app)}-actions`);
				await editor.closeNodePanel();
				assert(actions.length >= 10, `only ${actions.length} actions listed`);
				const names = actions.map((a) => a.action);
				assert(new Set(names).size === names.length, `actions listed more than once: ${names.join('; ')}`);
				return [`${actions.length} actions: ${actions.map((a) => a.action).join('; ')}`];
			});
			for (const { action } of actions) {
				await check(`${provider.app}: "${action}" adds the node and opens its panel without ✨`, async () => {
					await editor.openNodePanel();
					await editor.search(provider.search);
					await editor.pick(provider.app);
					await editor.actions();
					await editor.pickAction(action);
					await editor.waitForNdv();
					const labels = await editor.fieldLabels();
					await shot(`${slug(provider.app)}-${slug(action)}`);
					const buttons = await editor.fromAiButtons();
					await editor.closeNdv();
					assert(labels.length > 0, 'the panel shows no fields');
					assert(buttons === 0, `${buttons} "let the model define this parameter" buttons on the plain node`);
					return [`fields: ${labels.join(', ')}`];
				});
			}
		}

		await check('AI Agent: the tool picker offers "Bolna Tool" and "Bland AI Tool", and their fields can be left to the model', async () => {
			await startWithManualTrigger();
			await editor.openNextStepPanel(MANUAL_TRIGGER);
			await editor.search('AI Agent');
			await editor.pick('AI Agent');
			await editor.waitForNdv();
			await editor.closeNdv();
			const lines = [];
			for (const provider of PROVIDERS) {
				await editor.openToolPicker('AI Agent');
				const names = await editor.search(provider.search);
				lines.push(`tool picker "${provider.search}" → ${names.join(', ') || 'No results'}`);
				includesAll(names, [provider.tool], `tool picker "${provider.search}"`);
				await editor.pick(provider.tool);
				await editor.page.waitForTimeout(500);
				if (!(await editor.ndv.isVisible())) {
					const actions = await editor.actions();
					lines.push(`${provider.tool}: ${actions.length} actions`);
					await shot(`${slug(provider.tool)}-actions`);
					await editor.pickAction(actions.find((a) => /^Get /.test(a.action)).action);
				}
				await editor.waitForNdv();
				const operation = await editor.ndv.getByTestId('parameter-input-operation').locator('input').inputValue();
				lines.push(`${provider.tool} starts on "${operation}"`);
				assert(operation !== 'Make Call', `${provider.tool} starts on the billed Make Call`);
				const buttons = await editor.fromAiButtons();
				await shot(`${slug(provider.tool)}`);
				await editor.closeNdv();
				lines.push(`${provider.tool}: ${buttons} "let the model define this parameter" buttons`);
				assert(buttons > 0, `${provider.tool} offers no "let the model define this parameter" button`);
			}
			await shot('ai-agent-with-tools');
			return lines;
		});

		for (const [type, name] of [['bolnaApi', 'Bolna API'], ['blandAiApi', 'Bland AI API']]) {
			await check(`${name} credential: shows the Call Guard fields`, async () => {
				const labels = await editor.openCredential(credentials[type].id);
				const expected = ['Allowed Destination Prefixes', 'Calling Hours (Recipient’s Local Time)', 'Calling Days', 'Outside Calling Hours', 'Do Not Call', 'Cooldown (Minutes)', 'Daily Call Cap'];
				const missing = expected.filter((label) => !labels.some((shown) => shown.startsWith(label)));
				// The connection test answers first (its banner moves the fields), then the guard fields are shown.
				await editor.page.waitForTimeout(1500);
				await editor.credentialModal.locator('label', { hasText: 'Calling Hours' }).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
				await editor.page.waitForTimeout(300);
				await shot(`${slug(name)}-credential-call-guard`);
				await editor.page.keyboard.press('Escape');
				assert(missing.length === 0, `missing: ${missing.join(', ')} (shown: ${labels.join(', ')})`);
				return [`fields: ${labels.join(', ')}`];
			});
		}

		await check('runs the Bolna campaign example from the editor and reads its output', async () => {
			const workflow = loadExample('bolna-batch-from-items.json');
			const created = await boot.n8n.createWorkflow(workflow, credentials);
			await editor.openWorkflow(created.id);
			await editor.page.getByTestId('execute-workflow-button').first().click();
			const batchNode = workflow.nodes.find((n) => n.parameters && n.parameters.resource === 'batch');
			await editor.page.waitForTimeout(3000);
			await shot('example-run');
			await editor.openNode(batchNode.name);
			const output = editor.ndv.getByTestId('output-panel');
			await output.getByTestId('radio-button-json').click().catch(() => {});
			await editor.page.waitForTimeout(500);
			const text = await output.innerText();
			await shot('example-output');
			await editor.closeNdv();
			assert(/batch_id|batchId/.test(text), `no batch id in the output panel: ${text.slice(0, 300)}`);
			return [`"${batchNode.name}" output: ${text.replace(/\s+/g, ' ').slice(0, 160)}…`];
		});
	} catch (error) {
		results.failed++;
		say(`FAIL set-up: ${error && error.stack ? error.stack : error}`);
		if (boot) say(`--- n8n log (tail) ---\n${boot.n8n.logTail(40)}\n--- end of n8n log ---`);
	} finally {
		await stopAll();
	}
	say(`total ${total()} (n8n ${version}); screenshots in ${shots}`);
	say(`${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed ? 1 : 0);
}

main();

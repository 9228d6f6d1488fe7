'use strict';
/**
 * The system Chromium driven by playwright-core, and the n8n editor pieces the browser suite uses
 * (sign-in, node panel, node details view). Selectors are n8n's own `data-test-id`s.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium, selectors } = require('playwright-core');

/** Debian's package; override with BROWSER_EXECUTABLE. */
const DEFAULT_EXECUTABLE = '/usr/bin/chromium';

/** Without the networking switches Chromium keeps calling Google services, which a closed network refuses. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

selectors.setTestIdAttribute('data-test-id');

/** Starts Chromium with a fresh profile. Returns {context, page, close}. */
async function launchBrowser({ executablePath = process.env.BROWSER_EXECUTABLE || DEFAULT_EXECUTABLE } = {}) {
	if (!fs.existsSync(executablePath)) {
		throw new Error(`no browser at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set BROWSER_EXECUTABLE`);
	}
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1280, height: 800 },
	});
	context.setDefaultTimeout(20_000);
	const page = context.pages()[0] || (await context.newPage());
	const close = async () => {
		await context.close().catch(() => {});
		fs.rmSync(profile, { recursive: true, force: true });
	};
	return { context, page, close };
}

const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim();

class Editor {
	constructor(page, baseUrl) {
		this.page = page;
		this.baseUrl = baseUrl;
	}

	async signIn({ email, password }) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.getByTestId('emailOrLdapLoginId').locator('input').fill(email);
		await page.getByTestId('password').locator('input').fill(password);
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
	}

	async newWorkflow() {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('node-creator-plus-button').waitFor();
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	get creator() {
		return this.page.getByTestId('node-creator');
	}

	/** Opens the node panel from the canvas' + button. */
	async openNodePanel() {
		if (await this.creator.isVisible()) return;
		await this.page.getByTestId('node-creator-plus-button').click();
		await this.creator.waitFor();
	}

	async closeNodePanel() {
		for (let i = 0; i < 3 && (await this.creator.isVisible()); i++) {
			await this.page.keyboard.press('Escape');
			await this.creator.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => {});
		}
	}

	/** Opens the node panel from the + at a node's output (the "What happens next?" panel). */
	async openNextStepPanel(nodeName) {
		await this.page
			.locator(`[data-test-id="canvas-node-output-handle"][data-node-name="${nodeName}"] [data-test-id="canvas-handle-plus"]`)
			.first()
			.click();
		await this.creator.waitFor();
	}

	/** Opens the tool picker of an AI Agent node (the + under its Tool input). */
	async openToolPicker(agentName) {
		await this.page
			.locator(
				`[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"][data-node-name="${agentName}"] [data-test-id="canvas-handle-plus"]`,
			)
			.first()
			.click();
		await this.creator.waitFor();
	}

	/** The texts of the panel's items, once the list stops changing. */
	async panelItems() {
		let previous;
		for (let i = 0; i < 20; i++) {
			await this.page.waitForTimeout(250);
			const texts = (await this.creator.getByTestId('item-iterator-item').allInnerTexts()).map(oneLine);
			const key = JSON.stringify(texts);
			if (key === previous) return texts;
			previous = key;
		}
		return JSON.parse(previous);
	}

	/** Types into the panel's search box; returns the names of the nodes listed ([] for "No results"). */
	async search(query) {
		await this.creator.getByTestId('node-creator-search-bar').fill(query);
		await this.panelItems();
		const names = await this.creator.getByTestId('node-creator-item-name').allInnerTexts();
		return names.map(oneLine);
	}

	/** Clicks the panel item whose name is exactly `name`. */
	async pick(name) {
		await this.creator
			.getByTestId('item-iterator-item')
			.filter({ has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) })
			.first()
			.click();
	}

	/** Actions listed after picking an app: [{section, action}] (section headers end in "actions"/"triggers"). */
	async actions() {
		const items = await this.panelItems();
		const list = [];
		let section = '';
		for (const text of items) {
			if (/ (actions|triggers)$/i.test(text) && text === text.toUpperCase()) section = text;
			else list.push({ section, action: text });
		}
		return list;
	}

	async pickAction(action) {
		await this.creator.getByTestId('item-iterator-item').filter({ hasText: action }).first().click();
	}

	get ndv() {
		return this.page.getByTestId('ndv');
	}

	async waitForNdv() {
		await this.ndv.waitFor();
		await this.ndv.getByTestId('node-parameters').waitFor();
		await this.page.waitForTimeout(300);
	}

	async closeNdv() {
		await this.page.keyboard.press('Escape');
		await this.ndv.waitFor({ state: 'hidden' }).catch(() => {});
	}

	/** The "let the model define this parameter" buttons in the open node panel (hovering every field first). */
	async fromAiButtons() {
		const inputs = this.ndv.getByTestId('node-parameters').locator('[data-test-id^="parameter-input-"]').filter({ visible: true });
		const count = await inputs.count();
		for (let i = 0; i < count; i++) {
			await inputs
				.nth(i)
				.hover({ timeout: 1_000 })
				.catch(() => {});
		}
		return this.ndv.getByTestId('from-ai-override-button').count();
	}

	/** Chooses `option` in the options field `name` of the open node panel. */
	async chooseOption(name, option) {
		await this.ndv.getByTestId(`parameter-input-${name}`).click();
		await this.page.locator('.el-select-dropdown__item').filter({ visible: true }).filter({ hasText: option }).first().click();
	}

	/** Opens the list of the resource locator `name` in the open node panel; returns the entries listed. */
	async locatorEntries(name) {
		await this.ndv.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
		const items = this.page.getByTestId('rlc-item').filter({ visible: true });
		await items.first().waitFor();
		return (await items.allInnerTexts()).map(oneLine);
	}

	/** Labels of the fields shown in the open node panel. */
	async fieldLabels() {
		const labels = await this.ndv
			.getByTestId('node-parameters')
			.locator('[data-test-id="input-label"] label')
			.filter({ visible: true })
			.allInnerTexts();
		return labels.map((label) => oneLine(label.split('\n')[0])).filter(Boolean);
	}

	/** Opens a credential's edit modal; returns the labels of its fields as shown. */
	async openCredential(id) {
		await this.page.goto(`${this.baseUrl}/home/credentials/${id}`);
		const modal = this.page.getByTestId('editCredential-modal');
		await modal.waitFor();
		await modal.locator('[data-test-id="parameter-input"], [data-test-id="credential-connection-parameter"]').first().waitFor();
		const labels = await modal.locator('label').filter({ visible: true }).allInnerTexts();
		return labels.map((label) => oneLine(label.split('\n')[0])).filter(Boolean);
	}

	get credentialModal() {
		return this.page.getByTestId('editCredential-modal');
	}

	async openNode(name) {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first().dblclick();
		await this.waitForNdv();
	}

	async screenshot(file) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await this.page.screenshot({ path: file });
	}
}

module.exports = { launchBrowser, Editor, CHROMIUM_ARGS, DEFAULT_EXECUTABLE, oneLine };

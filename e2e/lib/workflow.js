'use strict';
/** Small builders for the workflows the scenarios create. */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const BOLNA = 'n8n-nodes-voice-agents-bolna';
const BLAND = 'n8n-nodes-voice-agents-bland-ai';
const TYPES = {
	bolna: `${BOLNA}.bolna`,
	bolnaTrigger: `${BOLNA}.bolnaTrigger`,
	blandAi: `${BLAND}.blandAi`,
	blandAiTrigger: `${BLAND}.blandAiTrigger`,
	webhook: 'n8n-nodes-base.webhook',
	code: 'n8n-nodes-base.code',
	noOp: 'n8n-nodes-base.noOp',
	httpRequest: 'n8n-nodes-base.httpRequest',
	set: 'n8n-nodes-base.set',
};

let x = 0;
/** A node; `credentials` is a credential type name (its id is filled in by N8n.createWorkflow). */
function node(name, type, parameters = {}, { typeVersion = 1, credentials, webhookId, extra = {} } = {}) {
	x += 220;
	const n = { id: crypto.randomUUID(), name, type, typeVersion, position: [x % 2000, 300], parameters, ...extra };
	if (credentials) n.credentials = { [credentials]: { id: 'placeholder', name: credentials } };
	if (webhookId) n.webhookId = webhookId;
	return n;
}

/** The Webhook node that starts a scenario and answers with the last node's items. */
function webhookStart(webhookPath, name = 'Run Scenario') {
	return node(
		name,
		TYPES.webhook,
		{ httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		{ typeVersion: 2, webhookId: crypto.randomUUID() },
	);
}

/** Connects the nodes one after another (main output 0 → main input 0). */
function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** A scenario workflow: Webhook (POST /webhook/<path>) → nodes... */
function webhookWorkflow(name, webhookPath, nodes) {
	return chain(name, [webhookStart(webhookPath), ...nodes]);
}

/** Resource locator value in ID mode. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * An example whose Manual Trigger is replaced by a Webhook node of the same name (POST
 * /webhook/<path>, answering with the last node's items), so the suite can run it over HTTP.
 */
function withWebhookStart(workflow, webhookPath) {
	const copy = JSON.parse(JSON.stringify(workflow));
	const index = copy.nodes.findIndex((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (index < 0) throw new Error(`${workflow.name}: no Manual Trigger to replace`);
	const manual = copy.nodes[index];
	copy.nodes[index] = { ...webhookStart(webhookPath, manual.name), id: manual.id, position: manual.position };
	return copy;
}

/** Sets parameters of the named node (a shallow merge). */
function setParams(workflow, nodeName, params) {
	const node = workflow.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`${workflow.name}: no node "${nodeName}"`);
	node.parameters = { ...node.parameters, ...params };
	return workflow;
}

/**
 * Points an example at this instance: every string starting with one of the `replacements` keys
 * (e.g. 'https://n8n.example.com/') gets that prefix replaced.
 */
function localize(workflow, replacements) {
	let text = JSON.stringify(workflow);
	for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
	return JSON.parse(text);
}

/** Placeholder hosts the examples use, which the suite and the demo rewrite. */
const PLACEHOLDERS = { n8n: 'https://n8n.example.com/', tool: 'https://tools.example.com/' };

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

function loadExample(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

function listExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

module.exports = {
	TYPES,
	node,
	webhookStart,
	chain,
	webhookWorkflow,
	withWebhookStart,
	localize,
	PLACEHOLDERS,
	setParams,
	byId,
	loadExample,
	listExamples,
	EXAMPLES_DIR,
};

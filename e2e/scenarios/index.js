'use strict';
/**
 * The scenarios, run in this order. A scenario is a file exporting one async function
 * `(ctx) => string[]` (the lines it asserted) with a `title` property. To add one, create
 * `e2e/scenarios/<nn>-<name>.js` and list it here.
 *
 * ctx: { n8n (lib/n8n.js N8n), sim (the simulator handle), tool (local tool endpoint: url, requests),
 *        credentials ({bolnaApi, blandAiApi, bolnaWrongKey, blandWrongKey} → {id, name}),
 *        nodeTypes (n8n's /types/nodes.json), N8n (the class, for N8n.nodeOutput), say }
 */
const FILES = [
	'01-bolna-make-call.js',
	'02-bolna-trigger.js',
	'03-bolna-batch.js',
	'04-bland-call-trigger.js',
	'05-bland-batch-pathway-tool.js',
	'06-errors-redacted.js',
	'07-wait-for-completion.js',
	'08-money-safety.js',
	'09-conformance.js',
	'09-bolna-resources.js',
	'10-duplicate-deliveries.js',
	'11-call-guard.js',
];

module.exports = FILES.map((file) => {
	// eslint-disable-next-line global-require
	const run = require(`./${file}`);
	// `modes`: where the scenario runs — 'regular' (SQLite, one process; the default) and/or 'queue'.
	return { file, title: run.title || file, run, modes: run.modes || ['regular'] };
});

#!/usr/bin/env node
'use strict';
/**
 * Run the simulator from the command line: `npm run simulator -- --port 4010`.
 * Ctrl-C stops it.
 */
const { startSimulator } = require('./index');
const seed = require('./seed');

const HELP = `Usage: node simulator/cli.js [options]

Serves the Bolna and Bland AI APIs on one local port (plus the control API under /__sim/).

Options:
  --port <n>                 port (default 4010; 0 = any free port)
  --host <addr>              interface (default 127.0.0.1)
  --bolna-key <key>          Bolna API key  (env SIM_BOLNA_KEY, default ${seed.DEFAULT_KEYS.bolnaApiKey})
  --bland-key <key>          Bland API key  (env SIM_BLAND_KEY, default ${seed.DEFAULT_KEYS.blandApiKey})
  --bland-secret <secret>    Bland webhook signing secret (env SIM_BLAND_SECRET, default ${seed.DEFAULT_KEYS.blandWebhookSecret})
  --clock-ms <n>             one call lifecycle step in ms (default 200)
  --corrected-delay-ms <n>   delay before Bland's corrected-transcript webhook (default 1000)
  --rate-limit <n>           answer 429 past n API requests per second (default off)
  --honour-schedules         Bolna: scheduled calls and batches start at their scheduled_at
                             (default: one clock step after scheduling)
  --help                     show this help
`;

/**
 * @param {string[]} argv
 * @returns {Record<string, string>}
 */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const args = {};
	for (let i = 0; i < argv.length; i += 1) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
		const eq = arg.indexOf('=');
		if (eq > 0) args[arg.slice(2, eq)] = arg.slice(eq + 1);
		else if (arg === '--help' || arg === '--honour-schedules') args[arg.slice(2)] = 'true';
		else {
			const value = argv[i + 1];
			if (value === undefined || value.startsWith('--')) throw new Error(`missing value for ${arg}`);
			args[arg.slice(2)] = value;
			i += 1;
		}
	}
	return args;
}

/**
 * @param {string | undefined} value
 * @param {string} name
 */
function number(value, name) {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
	return n;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(HELP);
		return;
	}
	const known = new Set(['port', 'host', 'bolna-key', 'bland-key', 'bland-secret', 'clock-ms', 'corrected-delay-ms', 'rate-limit', 'honour-schedules', 'help']);
	for (const key of Object.keys(args)) if (!known.has(key)) throw new Error(`unknown option --${key}`);
	const bolnaApiKey = args['bolna-key'] ?? process.env.SIM_BOLNA_KEY ?? seed.DEFAULT_KEYS.bolnaApiKey;
	const blandApiKey = args['bland-key'] ?? process.env.SIM_BLAND_KEY ?? seed.DEFAULT_KEYS.blandApiKey;
	const blandWebhookSecret = args['bland-secret'] ?? process.env.SIM_BLAND_SECRET ?? seed.DEFAULT_KEYS.blandWebhookSecret;
	const rate = number(args['rate-limit'], '--rate-limit');
	const sim = await startSimulator({
		port: number(args.port, '--port') ?? 4010,
		host: args.host ?? '127.0.0.1',
		bolnaApiKey,
		blandApiKey,
		blandWebhookSecret,
		clockMs: number(args['clock-ms'], '--clock-ms'),
		correctedTranscriptDelayMs: number(args['corrected-delay-ms'], '--corrected-delay-ms'),
		rateLimit: rate ? { perSecond: rate } : null,
		honourSchedules: args['honour-schedules'] === 'true',
	});
	/** Show a key only when it is the simulator's built-in default. @param {string} value @param {string} def */
	const shown = (value, def) => (value === def ? value : '(as configured)');
	const lines = [
		`Voice agents API simulator listening on ${sim.url}`,
		`  Bolna   base URL ${sim.url}   key ${shown(bolnaApiKey, seed.DEFAULT_KEYS.bolnaApiKey)}`,
		`  Bland   base URL ${sim.url}   key ${shown(blandApiKey, seed.DEFAULT_KEYS.blandApiKey)}   webhook secret ${shown(blandWebhookSecret, seed.DEFAULT_KEYS.blandWebhookSecret)}`,
		`  Control ${sim.url}/__sim/state  (requests, deliveries, faults, reset)`,
		'Seeded:',
		`  Bolna agents   ${seed.BOLNA_AGENT_ID} (${seed.BOLNA_AGENT_NAME}), ${seed.BOLNA_AGENT_ID_2} (${seed.BOLNA_AGENT_NAME_2})`,
		`  Bland pathways ${seed.BLAND_PATHWAY_ID} (${seed.BLAND_PATHWAY_NAME}), ${seed.BLAND_PATHWAY_ID_2} (${seed.BLAND_PATHWAY_NAME_2})`,
		`  Bland voices   ${seed.BLAND_VOICE_IDS.map((id, i) => `${id} (${seed.BLAND_VOICE_NAMES[i]})`).join(', ')}`,
		`  Bland tool     ${seed.BLAND_TOOL_ID}`,
		`  Bland inbound  ${seed.BLAND_INBOUND_NUMBER}`,
		'Outcome by the last digits of the number dialled: 1111 busy, 2222 no-answer, 3333 failed,',
		'  4444 balance-low (Bland: 402), 5555 voicemail, 9999 never ends; anything else completes.',
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err) => {
	process.stderr.write(`simulator: ${err.message}\n`);
	process.exit(1);
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import { batchVsCalls } from './p1-batch-vs-calls';
import { batchVsHttpLoop } from './p1-real-n8n';
import { csvBuild } from './p2-csv';
import { credentialQueries } from './p3-credential-queries';
import { triggerThroughput } from './p3-trigger-throughput';
import { waitRequests } from './p4-wait-requests';
import { footprint } from './p5-footprint';
import { returnAll } from './p5-return-all';
import type { Figure } from './report';
import { machine, table } from './report';

type Bench = { name: string; run: (root: string) => Promise<Figure[]> | Figure[] };

const benches: Bench[] = [
	{ name: 'P1 batch vs calls', run: batchVsCalls },
	{ name: 'P1 real n8n batch vs HTTP Request loop', run: batchVsHttpLoop },
	{ name: 'P2 csv', run: csvBuild },
	{ name: 'P3 trigger throughput', run: triggerThroughput },
	{ name: 'P3 credential queries', run: credentialQueries },
	{ name: 'P4 wait requests', run: waitRequests },
	{ name: 'P5 return all', run: returnAll },
	{ name: 'P5 footprint', run: footprint },
];

/** Runs every benchmark (or those whose name contains an argument) and prints one table. */
export async function main(args: string[]): Promise<number> {
	// Compiled to bench/out/bench/main.js: the repository root is three levels up.
	const root = resolve(__dirname, '..', '..', '..');
	const selected = args.length ? benches.filter((b) => args.some((a) => b.name.includes(a))) : benches;
	// Other work on the machine changes absolute times; ratios measured side by side less so.
	const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
	const load = `load average at start ${one} / ${five} / ${fifteen} (1 / 5 / 15 min) on ${cpus().length} cores`;
	process.stdout.write(`${load}\n`);
	const figures: Figure[] = [];
	for (const bench of selected) {
		process.stdout.write(`running ${bench.name}…\n`);
		try {
			figures.push(...(await bench.run(root)));
		} catch (error) {
			// One broken benchmark does not lose the figures of the others.
			figures.push({ id: bench.name, what: 'failed', ours: 'n/a', baseline: 'n/a', ratio: 'n/a', note: (error as Error).message });
		}
	}
	const date = new Date().toISOString().slice(0, 10);
	// The explanations (bench/notes.md, written by hand) follow the table of the run.
	const notesFile = join(root, 'bench', 'notes.md');
	const notes = existsSync(notesFile) ? `\n${readFileSync(notesFile, 'utf8')}` : '';
	const out = `# Benchmark results\n\nMeasured ${date} on ${machine()}, ${load}.\nEach row compares two things measured side by side in the same run (\`npm run bench\`); where a comparison is repeated, the ratio column gives min / median / max of the per-pair ratios and the number of pairs.\n\n${table(figures)}\n${notes}`;
	process.stdout.write(`\n${out}`);
	if (args.length === 0) writeFileSync(join(root, 'bench', 'RESULTS.md'), out);
	return 0;
}

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Figure } from './report';
import { ratio } from './report';

function sizeOf(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.size;
	return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(0)} KiB`;
}

/** Median wall time of a fresh `node -e` that requires the given modules. */
function loadTimeMs(root: string, modules: string[], runs = 7): number {
	const script = `const t=process.hrtime.bigint();${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		times.push(Number(execFileSync(process.execPath, ['-e', script], { cwd: root }).toString()));
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

/** P5 (footprint part): module load time and shipped size. */
export function footprint(root: string): Figure[] {
	const pkg = require(join(root, 'package.json')) as { n8n: { nodes: string[]; credentials: string[] } };
	const ours = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((p) => join(root, p));
	// n8n-workflow is loaded by n8n anyway; what the package adds is the difference.
	const base = loadTimeMs(root, ['n8n-workflow']);
	const withOurs = loadTimeMs(root, ['n8n-workflow', ...ours]);
	const dist = sizeOf(join(root, 'dist'));
	const deps = ['zod', 'jsonpath-plus', 'csv-stringify'].reduce(
		(sum, d) => sum + sizeOf(join(root, 'node_modules', d)),
		0,
	);
	return [
		{
			id: 'P5b',
			what: 'Load all 4 nodes + 2 credentials (median of 7 fresh processes)',
			ours: `${(withOurs - base).toFixed(0)} ms added`,
			baseline: `${base.toFixed(0)} ms (n8n-workflow alone)`,
			ratio: ratio(withOurs, base, 2),
			note: 'ratio = total load time with our modules / n8n-workflow alone',
		},
		{
			id: 'P5c',
			what: 'Installed size: dist + runtime dependencies',
			ours: kib(dist + deps),
			baseline: `${kib(dist)} (dist alone)`,
			ratio: ratio(dist + deps, dist, 2),
			note: 'dependencies: zod, jsonpath-plus, csv-stringify',
		},
	];
}

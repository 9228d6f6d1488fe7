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

/** Wall time of a fresh `node -e` that requires the given modules. */
function loadTimeMs(root: string, modules: string[]): number {
	const script = `const t=process.hrtime.bigint();${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	return Number(execFileSync(process.execPath, ['-e', script], { cwd: root }).toString());
}

function spread(values: number[], digits = 2): string {
	const sorted = [...values].sort((a, b) => a - b);
	const f = (v: number) => v.toFixed(digits);
	return `${f(sorted[0])} / ${f(sorted[Math.floor(sorted.length / 2)])} / ${f(sorted[sorted.length - 1])}`;
}

const PAIRS = 9;

/**
 * P5 (footprint part), per published package: module load time (paired with n8n-workflow alone,
 * order alternating, min/median/max of the per-pair ratios) and the files a user installs (the
 * packages have no runtime dependencies, so that is the package itself).
 */
export function footprint(root: string): Figure[] {
	const figures: Figure[] = [];
	for (const name of readdirSync(join(root, 'packages'))) {
		const dir = join(root, 'packages', name);
		const pkg = require(join(dir, 'package.json')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
		const ours = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((p) => join(dir, p));
		const ratios: number[] = [];
		const added: number[] = [];
		for (let i = 0; i < PAIRS; i++) {
			const first = i % 2 === 0;
			const a = first ? loadTimeMs(root, ['n8n-workflow']) : loadTimeMs(root, ['n8n-workflow', ...ours]);
			const b = first ? loadTimeMs(root, ['n8n-workflow', ...ours]) : loadTimeMs(root, ['n8n-workflow']);
			const [base, withOurs] = first ? [a, b] : [b, a];
			ratios.push(withOurs / base);
			added.push(withOurs - base);
		}
		const installed = ['dist', 'package.json', 'README.md', 'LICENSE.md']
			.map((f) => join(dir, f))
			.reduce((sum, f) => {
				try {
					return sum + sizeOf(f);
				} catch {
					return sum;
				}
			}, 0);
		figures.push(
			{
				id: `P5b ${name}`,
				what: `${pkg.name}: load its nodes + credential with require() (${PAIRS} pairs of fresh processes, order alternating)`,
				ours: `${spread(added, 0)} ms added (min / median / max)`,
				baseline: 'n8n-workflow alone, same pair',
				ratio: `${spread(ratios)}×`,
				note: 'ratio per pair = load time with our modules / n8n-workflow alone; printed min / median / max. Timed with require(), not n8n\'s own loader (not done yet)',
			},
			{
				id: `P5c ${name}`,
				what: `${pkg.name}: installed size (dist, package.json, README, LICENSE; no runtime dependencies)`,
				ours: kib(installed),
				baseline: `${kib(sizeOf(join(dir, 'dist')))} (dist alone)`,
				ratio: ratio(installed, sizeOf(join(dir, 'dist')), 2),
				note: 'tarball size: `npm run pack` prints it per package',
			},
		);
	}
	return figures;
}

import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Figure } from './report';
import { paired, ratio, ratioSpread, spread } from './report';

function sizeOf(path: string): number {
	const st = statSync(path);
	if (!st.isDirectory()) return st.size;
	return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function kib(bytes: number): string {
	return `${(bytes / 1024).toFixed(0)} KiB`;
}

/**
 * A fresh process that loads n8n-core (whose loaders n8n uses), then — unless `dir` is empty —
 * loads the package in `dir` with `loader` as n8n does at start-up. Returns the wall time from
 * before n8n-core to the end, and whether the loader used the lazy-loading metadata.
 */
function loadTimeMs(root: string, dir: string, loader: 'LazyPackageDirectoryLoader' | 'PackageDirectoryLoader'): { ms: number; lazy: boolean } {
	const script = [
		'const t=process.hrtime.bigint();',
		"const core=require('n8n-core');",
		dir
			? `(async()=>{const l=new core.${loader}(${JSON.stringify(dir)});await l.loadAll();process.stdout.write(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,lazy:Boolean(l.isLazyLoaded),nodes:Object.keys(l.known.nodes).length}))})();`
			: 'process.stdout.write(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,lazy:false,nodes:0}));',
	].join('');
	const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root }).toString()) as { ms: number; lazy: boolean; nodes: number };
	if (dir && out.nodes === 0) throw new Error(`${loader} found no nodes in ${dir}`);
	return out;
}

const PAIRS = 9;

/**
 * P5 (footprint part), per published package: module load time (paired with n8n-workflow alone,
 * order alternating, min/median/max of the per-pair ratios) and the files a user installs (the
 * packages have no runtime dependencies, so that is the package itself).
 */
export async function footprint(root: string): Promise<Figure[]> {
	const figures: Figure[] = [];
	for (const name of readdirSync(join(root, 'packages'))) {
		const dir = join(root, 'packages', name);
		const pkg = require(join(dir, 'package.json')) as { name: string; n8n: { nodes: string[]; credentials: string[] } };
		const loads: Record<string, { ratios: number[]; added: number[]; lazy: boolean }> = {};
		for (const loader of ['LazyPackageDirectoryLoader', 'PackageDirectoryLoader'] as const) {
			const pairs = await paired(
				PAIRS,
				() => loadTimeMs(root, dir, loader),
				() => loadTimeMs(root, '', loader),
			);
			loads[loader] = {
				ratios: pairs.map(([withOurs, base]) => withOurs.ms / base.ms),
				added: pairs.map(([withOurs, base]) => withOurs.ms - base.ms),
				lazy: pairs.every(([withOurs]) => withOurs.lazy),
			};
		}
		const lazy = loads.LazyPackageDirectoryLoader;
		const eager = loads.PackageDirectoryLoader;
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
				what: `${pkg.name}: n8n's start-up load of the package with its own loader for community packages (LazyPackageDirectoryLoader, ${PAIRS} pairs of fresh processes, order rotating)`,
				ours: `${spread(lazy.added, 1)} ms added (min / median / max)${lazy.lazy ? ', lazy: read dist/known + dist/types, no node code required' : ', NOT lazy'}`,
				baseline: 'n8n-core alone, same pair',
				ratio: ratioSpread(lazy.ratios, 3),
				note: `ratio per pair = (n8n-core + loading the package) / n8n-core alone. The eager PackageDirectoryLoader (what n8n falls back to without dist/known) adds ${spread(eager.added, 1)} ms (ratio ${spread(eager.ratios, 3)}).`,
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

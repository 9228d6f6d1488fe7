/**
 * Builds the two published packages from this one repository (packages/<dir>/package.json lists
 * what each ships in its `n8n` section):
 *   packages/bolna     → n8n-nodes-voice-agents-bolna     (bolnaApi, bolna, bolnaTrigger)
 *   packages/bland-ai  → n8n-nodes-voice-agents-bland-ai  (blandAiApi, blandAi, blandAiTrigger)
 *
 *   gulp build   bundles each node and credential with esbuild into packages/<dir>/dist/ (the shared
 *                core and the libraries it uses — zod, csv-stringify, jsonpath-plus — are bundled in,
 *                so a package has no runtime dependencies; n8n-workflow stays a peer), then copies
 *                icons, codex files and the licence, and writes dist/known + dist/types (n8n's
 *                lazy-loading metadata) with n8n-core's generate-metadata.
 *   gulp pack    builds, then `npm pack`s both packages into dist/packages/ and prints their sizes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { series } = require('gulp');
const esbuild = require('esbuild');

const ROOT = __dirname;
const PACKAGES_DIR = path.join(ROOT, 'packages');
const PACK_DIR = path.join(ROOT, 'dist', 'packages');

/** The package directories (each with a package.json whose `n8n` section lists its files). */
function packageDirs() {
	return fs
		.readdirSync(PACKAGES_DIR)
		.map((name) => path.join(PACKAGES_DIR, name))
		.filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

function manifestOf(dir) {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** `dist/nodes/Bolna/Bolna.node.js` → the source it is built from, `nodes/Bolna/Bolna.node.ts`. */
function sourceOf(distFile) {
	return path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/**
 * jsonpath-plus, with its safe evaluator only. Its Node build imports `vm` and its browser build
 * evaluates "native" scripts with the `Function` constructor; n8n's community-package rules forbid
 * both, and the nodes only ever pass `eval: 'safe'` (the jsep-based evaluator). So the browser build
 * (the package's own `browser` export) is bundled with its native evaluator's one line replaced by
 * an error. The build fails if that line is not found exactly once, so a jsonpath-plus update cannot
 * slip the constructor back in unnoticed (and `npm run scan` would flag it).
 */
const NATIVE_EVAL = 'return new Function(...keys, code)(...values);';
const jsonpathSafeEvalOnly = {
	name: 'jsonpath-plus-safe-eval-only',
	setup(build) {
		const browserBuild = path.join(path.dirname(require.resolve('jsonpath-plus/package.json')), 'dist', 'index-browser-esm.js');
		build.onResolve({ filter: /^jsonpath-plus$/ }, () => ({ path: browserBuild }));
		build.onLoad({ filter: /jsonpath-plus[\\/]dist[\\/]index-browser-esm\.js$/ }, () => {
			const source = fs.readFileSync(browserBuild, 'utf8');
			const found = source.split(NATIVE_EVAL).length - 1;
			if (found !== 1) throw new Error(`jsonpath-plus: expected its native evaluator once in ${browserBuild}, found it ${found} times`);
			const contents = source.replace(
				NATIVE_EVAL,
				'throw new Error(\'JSONPath: only eval "safe" is available in this build\');',
			);
			return { contents, loader: 'js' };
		});
	},
};

async function bundle(dir) {
	const manifest = manifestOf(dir);
	const files = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
	const outdir = path.join(dir, 'dist');
	fs.rmSync(outdir, { recursive: true, force: true });
	await esbuild.build({
		entryPoints: files.map(sourceOf),
		outbase: ROOT,
		outdir,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		// ESM builds of the libraries let esbuild drop what the nodes never use.
		mainFields: ['module', 'main'],
		external: Object.keys(manifest.peerDependencies || {}),
		plugins: [jsonpathSafeEvalOnly],
		legalComments: 'inline',
		logLevel: 'warning',
	});
	// Icons and codex files sit next to the node files that name them (`file:bolna.svg`).
	const nodeDirs = new Set(manifest.n8n.nodes.map((file) => path.dirname(sourceOf(file))));
	for (const nodeDir of nodeDirs) {
		const target = path.join(outdir, path.relative(ROOT, nodeDir));
		for (const name of fs.readdirSync(nodeDir)) {
			if (/\.(svg|png)$/.test(name) || /\.node\.json$/.test(name)) {
				fs.copyFileSync(path.join(nodeDir, name), path.join(target, name));
			}
		}
	}
	fs.copyFileSync(path.join(ROOT, 'LICENSE.md'), path.join(dir, 'LICENSE.md'));
	writeMetadata(dir);
}

/**
 * `dist/known/*.json` and `dist/types/*.json`, written by n8n-core's own `generate-metadata` (the
 * script n8n's packages use). n8n loads community packages with `LazyPackageDirectoryLoader`: when
 * these files exist it reads the node and credential descriptions from them at start-up and only
 * requires a node's code the first time the node is used.
 */
function writeMetadata(dir) {
	const script = path.join(ROOT, 'node_modules', 'n8n-core', 'bin', 'generate-metadata');
	execFileSync(process.execPath, [script], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
	for (const file of ['known/nodes.json', 'known/credentials.json', 'types/nodes.json', 'types/credentials.json']) {
		if (!fs.existsSync(path.join(dir, 'dist', file))) throw new Error(`${path.basename(dir)}: generate-metadata wrote no dist/${file}`);
	}
}

async function build() {
	for (const dir of packageDirs()) await bundle(dir);
}

function pack(done) {
	fs.mkdirSync(PACK_DIR, { recursive: true });
	for (const dir of packageDirs()) {
		const out = execFileSync('npm', ['pack', '--json', '--pack-destination', PACK_DIR], { cwd: dir, encoding: 'utf8' });
		const [info] = JSON.parse(out.slice(out.indexOf('[')));
		process.stdout.write(
			`${info.name}@${info.version}: ${info.filename} — ${(info.size / 1024).toFixed(1)} KiB packed, ` +
				`${(info.unpackedSize / 1024).toFixed(1)} KiB installed, ${info.entryCount} files\n`,
		);
	}
	done();
}

exports.build = build;
exports.pack = series(build, pack);

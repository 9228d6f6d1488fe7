'use strict';
/**
 * Runs n8n's verification scanner (`@n8n/scan-community-package`, pinned in e2e/runtime/scanner/)
 * on each package this repository builds, both ways n8n's gate does:
 *   - source leg: the package's source as the scanner finds it in a checkout (the directory whose
 *     package.json carries the package's name, its nodes/ and credentials/), full rule set;
 *   - tarball leg: the packed package exactly as npm would publish it (compiled .js + package.json).
 * It also checks that the published manifest has no `dependencies`.
 *
 *   npm run scan            build, pack and scan both packages; exit 1 on any error or warning
 *
 * The scanner is installed once into the cache ($N8N_E2E_CACHE or ~/.cache/n8n-nodes-voice-agents/),
 * keyed by its lockfile, with install scripts off (a dependency of it builds a native module that it
 * never uses here).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const { REPO_ROOT, cacheRoot, lockHash, run } = require('./lib/install');

const SCANNER_SRC = path.join(REPO_ROOT, 'e2e', 'runtime', 'scanner');
const PACK_DIR = path.join(REPO_ROOT, 'dist', 'packages');

const say = (line) => process.stdout.write(`${line}\n`);

async function ensureScanner() {
	const dir = path.join(cacheRoot(), `scanner-${lockHash(SCANNER_SRC)}`);
	const entry = path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (fs.existsSync(path.join(dir, '.complete')) && fs.existsSync(entry)) return { dir, entry };
	const tmp = `${dir}.partial-${process.pid}`;
	fs.rmSync(tmp, { recursive: true, force: true });
	fs.mkdirSync(tmp, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(SCANNER_SRC, file), path.join(tmp, file));
	say(`[scan] installing n8n's scanner into ${dir} (one-off)`);
	await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: tmp, env: { ...process.env, npm_config_yes: 'true' } });
	fs.writeFileSync(path.join(tmp, '.complete'), `${new Date().toISOString()}\n`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(tmp, dir);
	return { dir, entry };
}

/** Lints `files` of `dir` with the scanner's own configuration; returns ESLint's results. */
async function lint(scanner, ESLint, dir, patterns) {
	const fg = require(require.resolve('fast-glob', { paths: [scanner.dir] }));
	const files = fg.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.module.buildScanConfig(),
	});
	const results = await eslint.lintFiles(files);
	return { files: files.length, results, formatted: await (await eslint.loadFormatter('stylish')).format(results) };
}

async function scanLeg(scanner, ESLint, label, dir, patterns) {
	// The gate itself (pass/fail on errors) and, with the same configuration, the warnings it does not print.
	const verdict = await scanner.module.analyzePackage(dir, patterns);
	const { files, results, formatted } = await lint(scanner, ESLint, dir, patterns);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	say(`  ${label}: ${files} files, ${errors} errors, ${warnings} warnings${verdict.passed ? '' : ` — scanner: ${verdict.message}`}`);
	if (errors || warnings) say(formatted.trimEnd());
	// A failed verdict with no lint error of our own (the analysis itself failed) still counts.
	return { errors: Math.max(errors, verdict.passed ? 0 : 1), warnings };
}

async function main() {
	const scanner = await ensureScanner();
	scanner.module = await import(pathToFileURL(scanner.entry).href);
	const { ESLint } = require(require.resolve('eslint', { paths: [path.dirname(scanner.entry)] }));

	say('[scan] building and packing both packages');
	fs.rmSync(PACK_DIR, { recursive: true, force: true });
	await run('npx', ['gulp', 'pack'], { cwd: REPO_ROOT });

	let failures = 0;
	for (const dirName of fs.readdirSync(path.join(REPO_ROOT, 'packages'))) {
		const sourceDir = path.join(REPO_ROOT, 'packages', dirName);
		const manifest = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8'));
		const tarball = fs.readdirSync(PACK_DIR).find((f) => f.startsWith(`${manifest.name}-${manifest.version}.`));
		say(`${manifest.name}@${manifest.version}`);
		const deps = Object.keys(manifest.dependencies || {});
		say(`  dependencies: ${deps.length ? deps.join(', ') : 'none'}`);
		if (deps.length) failures++;

		const source = await scanLeg(scanner, ESLint, 'source leg ', sourceDir, scanner.module.SOURCE_FILE_PATTERNS);
		const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-agents-scan-'));
		try {
			await run('tar', ['-xzf', path.join(PACK_DIR, tarball), '-C', unpacked]);
			const packed = await scanLeg(scanner, ESLint, 'tarball leg', path.join(unpacked, 'package'), ['**/*.js', 'package.json']);
			failures += source.errors + source.warnings + packed.errors + packed.warnings;
		} finally {
			fs.rmSync(unpacked, { recursive: true, force: true });
		}
	}
	say(failures ? `scan: ${failures} problem(s)` : 'scan: both packages pass n8n\'s scanner with 0 errors and 0 warnings');
	process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});

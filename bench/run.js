#!/usr/bin/env node
// `npm run bench`: compiles the benchmarks (TypeScript, sharing the test engine harness), runs them
// against the local simulator, prints one table of figures measured side by side in this run, and
// writes it to bench/RESULTS.md with the machine description and date.
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.json')], {
	cwd: root,
	stdio: 'inherit',
});
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const { main } = require('./out/bench/main.js');
main(process.argv.slice(2)).then(
	(code) => process.exit(code ?? 0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);

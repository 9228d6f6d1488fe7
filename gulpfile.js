const { src, dest } = require('gulp');

/** Copies node and credential icons next to the compiled files (tsc does not copy them). */
function buildIcons() {
	src('nodes/**/*.{png,svg}').pipe(dest('dist/nodes'));
	return src('credentials/**/*.{png,svg}').pipe(dest('dist/credentials'));
}

exports['build:icons'] = buildIcons;

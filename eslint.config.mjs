// Lint setup equivalent to n8n's `@n8n/node-cli` config (which cannot be installed from every
// registry), built from the same plugins: n8n's community-node rules, the n8n-nodes-base rules for
// nodes and credentials, and typescript-eslint.
//
// The published manifests are packages/*/package.json (one package per service, built by
// gulpfile.js with the libraries bundled in); they get every package.json rule. The root
// package.json is the private development manifest and is not published.
//
// Deliberate deviation, limited to where it applies: test/, bench/ use the config without the
// n8n Cloud restrictions: tests need timers and Node APIs that node code must not use. Node code
// keeps every restriction. `npm run scan` runs n8n's own verification scanner on both packages.
import js from '@eslint/js';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'.e2e/**',
			'**/*.js',
			'**/*.mjs',
			// Links to nodes/ and credentials/ (what n8n's scanner reads as each package's source).
			'packages/*/nodes/**',
			'packages/*/credentials/**',
			'packages/*/dist/**',
		],
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, ...tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'no-console': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		...communityNodes.configs.recommended,
		rules: {
			...communityNodes.configs.recommended.rules,
			// nodes/ and credentials/ hold the sources of both packages; which credentials a node may
			// use is decided per package, and `npm run scan` checks it there (packages/*/).
			'@n8n/community-nodes/no-credential-reuse': 'off',
		},
	},
	{
		// Development code that never ships (tests, benchmarks, the simulator's types): it starts
		// processes, uses fake keys and reads loosely typed simulator state.
		files: ['test/**/*.ts', 'bench/**/*.ts', 'simulator/**/*.ts'],
		...communityNodes.configs.recommendedWithoutN8nCloudSupport,
		rules: {
			...communityNodes.configs.recommendedWithoutN8nCloudSupport.rules,
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{
		files: ['packages/*/package.json'],
		...communityNodes.configs.recommended,
		languageOptions: { parser: jsoncParser },
		plugins: { ...communityNodes.configs.recommended.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...communityNodes.configs.recommended.rules,
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
);

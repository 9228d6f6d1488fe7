/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
	// n8n-core 2.x keeps a handle open after the engine runs; tests themselves clean up nock.
	forceExit: true,
	testTimeout: 30000,
};

import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure domain, milliseconds), `integration` (one real Directus booted once for
// the whole run by test/integration/global-setup.ts, SQLite or TEST_DB=postgres) and, on
// PostgreSQL, `scale` (two Directus replicas on one database with Redis).
const scale = {
	test: {
		name: 'scale',
		include: ['test/scale/**/*.test.ts'],
		globalSetup: ['test/scale/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 300_000,
		fileParallelism: false,
	},
};

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['extensions/salesflow/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
				},
			},
			{
				test: {
					name: 'integration',
					include: ['test/integration/**/*.test.ts'],
					globalSetup: ['test/integration/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 300_000,
					fileParallelism: false,
				},
			},
			// Replicas need a shared server database; SQLite is one process's file.
			...(process.env.TEST_DB === 'postgres' ? [scale] : []),
		],
	},
});

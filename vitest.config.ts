import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure domain, milliseconds) and `integration` (one real Directus booted
// once for the whole run by test/integration/global-setup.ts, SQLite or TEST_DB=postgres).
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
		],
	},
});

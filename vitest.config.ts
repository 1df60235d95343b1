import { defineConfig } from 'vitest/config';

// Projects: `unit` (pure domain, milliseconds), `integration` (one real Directus booted once for
// the whole run by test/integration/global-setup.ts, SQLite or TEST_DB=postgres), on
// PostgreSQL `scale` (two Directus replicas on one database with Redis), and `browser` when asked for.
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
			// The click-through of the main flow in Chromium (`npm run test:browser`, its own CI step): the
			// integration setup's one Directus, on SQLite, one file at a time. Not part of `npm test`.
			...(process.env.VITEST_BROWSER_FLOW === 'true'
				? [
						{
							test: {
								name: 'browser',
								include: ['test/browser/**/*.test.ts'],
								globalSetup: ['test/integration/global-setup.ts'],
								testTimeout: 1_200_000,
								hookTimeout: 300_000,
								fileParallelism: false,
							},
						},
					]
				: []),
			// Replicas need a shared server database; SQLite is one process's file.
			...(process.env.TEST_DB === 'postgres' ? [scale] : []),
		],
	},
});

// Boots one real Directus for the whole integration run: fresh database (temporary SQLite file,
// or a fresh PostgreSQL database with TEST_DB=postgres), our built bundle, schema + access +
// configuration + demo data through the same ensure script `npm start` uses.
import type { TestProject } from 'vitest/node';
import { bootstrap, buildExtension, startDirectus, type RunningDirectus } from '../../scripts/lib/directus-process';
import { directusEnv } from '../../scripts/lib/env';
import { freePort, saveTemplate, scratchDatabase } from '../../scripts/lib/scratch-database';
import { ensure } from '../../scripts/ensure';

let directus: RunningDirectus | undefined;
let cleanup: Array<() => Promise<void> | void> = [];

export default async function setup(project: TestProject) {
	const port = String(await freePort());
	const scratch = await scratchDatabase(process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite', 'test');
	cleanup.push(scratch.drop);
	const dbEnv = scratch.env;
	const env = directusEnv({
		...dbEnv,
		PORT: port,
		HOST: '127.0.0.1',
		SEED_DEMO: 'true',
		// Lets a test send the instant its requests happen at (the X-Salesflow-Clock header, platform/clock.ts).
		SALESFLOW_TEST_CLOCK: 'true',
		PUBLIC_URL: `http://127.0.0.1:${port}`,
		CACHE_ENABLED: 'false',
		// Parallel tests on a small machine must not be shed as load ("Under pressure" 503s).
		PRESSURE_LIMITER_ENABLED: 'false',
		// Tests run the quote-expiry job themselves on their own dates; the hourly run would race them.
		SALESFLOW_CRON_QUOTE_EXPIRY: 'off',
		SALESFLOW_CRON_PUBLIC_POOL: 'off',
		// The late-order notices are triggered by notifications.test.ts on its own dates.
		SALESFLOW_CRON_LATE_ORDERS: 'off',
		// Likewise approval reminders: approval-limits.test.ts runs the job at its own instants.
		SALESFLOW_CRON_APPROVAL_REMINDERS: 'off',
		// The permission matrix compares every row a role reads with what it should read, after the
		// volume tests made thousands of lines; limits.test.ts checks the staff cap on its own instance.
		SALESFLOW_STAFF_QUERY_LIMIT_MAX: '1000000',
		// The outbox job every second and retries a second apart: channels.test.ts waits for real posts.
		SALESFLOW_CRON_OUTBOX: '* * * * * *',
		SALESFLOW_OUTBOX_RETRY_MS: '1000',
	});
	if (process.env.SKIP_BUILD !== 'true') buildExtension();
	const t0 = Date.now();
	bootstrap(env);
	directus = await startDirectus(env);
	let template: Awaited<ReturnType<typeof saveTemplate>>;
	try {
		await ensure(env, (m) => process.env.DEBUG_SETUP && console.log(m));
		// The set-up database, before any test writes to it: tests that boot a Directus of their own
		// (test/integration/faults.ts) start from a copy instead of a setup of their own.
		template = await saveTemplate(env, async (copy) => {
			await directus!.stop();
			try {
				await copy();
			} finally {
				directus = await startDirectus(env);
			}
		});
		cleanup.push(template.drop);
	} catch (e) {
		await directus.stop();
		for (const c of cleanup.reverse()) await c();
		throw e;
	}
	console.log(`integration: Directus ready on ${env.DB_CLIENT} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	project.provide('directusUrl', directus.url);
	project.provide('directusEnv', env);
	project.provide('directusTemplate', template.env);

	return async () => {
		await directus?.stop();
		for (const c of cleanup.reverse()) await c();
		cleanup = [];
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		directusUrl: string;
		directusEnv: Record<string, string>;
		/** A copy of the database (and uploads) as setup left it, for scratchDatabase's `from`. */
		directusTemplate?: Record<string, string>;
	}
}

// The idempotent "ensure" step: schema, database constraints, translations, roles, policies,
// permissions, approval rules, dashboards, then demo data once. Runs against a live Directus.
import knex from 'knex';
import { AdminApi } from './lib/admin-api';
import { directusUrl, knexConfig } from './lib/env';
import { applySchema } from './apply-schema';
import { applyDbConstraints } from './db-constraints';
import { applyTranslations } from './apply-translations';
import { applyAccess } from './apply-access';
import { applyConfiguration } from './apply-configuration';
import { seedDemo } from '../seed/demo';

export async function ensure(env: Record<string, string>, log: (m: string) => void = () => {}): Promise<void> {
	const url = directusUrl(env);
	const api = await AdminApi.login(url, env.ADMIN_EMAIL!, env.ADMIN_PASSWORD!);
	const t0 = Date.now();
	await applySchema(api, log);
	const db = knex(knexConfig(env) as any);
	try {
		await applyDbConstraints(db);
	} finally {
		await db.destroy();
	}
	await applyTranslations(api);
	await applyAccess(api, log);
	await applyConfiguration(api, log);
	log(`schema, access and configuration applied in ${Date.now() - t0} ms`);
	if (env.SEED_DEMO !== 'false') await seedDemo(api, env, log);
}

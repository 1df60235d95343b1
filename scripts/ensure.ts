// The idempotent "ensure" step: schema, database constraints, data migrations, translations, roles, policies,
// permissions, approval rules, dashboards, the company settings, then demo data once. Runs against a
// live Directus, through its readiness gate with the setup token; the server serves everyone else only
// once this step has recorded the setup fingerprint at its very end.
import knex from 'knex';
import { initialSettings } from '../extensions/salesflow/src/platform/settings';
import { SETUP_HEADER, setupFingerprint, setupToken } from '../schema/fingerprint';
import { seedDemo } from '../seed/demo';
import { applyAccess } from './apply-access';
import { applyConfiguration } from './apply-configuration';
import { applySchema } from './apply-schema';
import { applyTranslations } from './apply-translations';
import { applyDbConstraints } from './db-constraints';
import { migrateData } from './migrate-data';
import { AdminApi } from './lib/admin-api';
import { directusUrl, knexConfig } from './lib/env';

export async function ensure(env: Record<string, string>, log: (m: string) => void = () => {}): Promise<void> {
	const url = directusUrl(env);
	const api = await AdminApi.login(url, env.ADMIN_EMAIL!, env.ADMIN_PASSWORD!, { [SETUP_HEADER]: setupToken(env.SECRET ?? '') });
	const t0 = Date.now();
	const db = knex(knexConfig(env) as knex.Knex.Config);
	try {
		await applySchema(api, db, log);
		await applyDbConstraints(db);
		await migrateData(db, log);
	} finally {
		await db.destroy();
	}
	await applyTranslations(api);
	await applyAccess(api, log);
	await ensureSettings(api, env, log);
	await applyConfiguration(api, log);
	log(`schema, access and configuration applied in ${Date.now() - t0} ms`);
	if (env.SEED_DEMO !== 'false') await seedDemo(api, env, log);
	await api.patch('/items/salesflow_settings', { setup_fingerprint: setupFingerprint(), setup_completed_at: new Date().toISOString() });
	log('setup done: serving');
}

/** The settings row, created once with the environment's seeds; an administrator's later edits are kept. */
async function ensureSettings(api: AdminApi, env: Record<string, string>, log: (m: string) => void): Promise<void> {
	const current = await api.get<Record<string, unknown> | null>('/items/salesflow_settings');
	if (current?.id) return;
	log('create the company settings');
	const { logo: _logo, seal: _seal, ...seeds } = initialSettings(env);
	await api.patch('/items/salesflow_settings', seeds);
}

// Shared by backup, restore, schema snapshot and their tests: the database's tables and row counts,
// the PostgreSQL client tools' connection, and Directus' own CLI on a given environment.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import knex from 'knex';
import { knexConfig, ROOT } from './env';

const BIN = join(ROOT, 'node_modules/.bin');
const NODE = existsSync(join(BIN, 'node')) ? join(BIN, 'node') : process.execPath;

/** `directus <args>` (bootstrap, schema snapshot/apply) on the database of `env`; returns its output. */
export function directusCli(env: Record<string, string>, args: string[]): string {
	return execFileSync(NODE, [join(ROOT, 'node_modules/directus/cli.js'), ...args], {
		cwd: ROOT,
		env: { ...env, PATH: `${BIN}:${process.env.PATH}` },
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

export const isPostgres = (env: Record<string, string>) => env.DB_CLIENT === 'pg' || env.DB_CLIENT === 'postgres';

/** libpq's variables for pg_dump / pg_restore, from Directus' DB_* settings. */
export function pgToolEnv(env: Record<string, string>): NodeJS.ProcessEnv {
	if (env.DB_CONNECTION_STRING) return { ...process.env, PGDATABASE: env.DB_CONNECTION_STRING };
	return {
		...process.env,
		PGHOST: env.DB_HOST ?? '127.0.0.1',
		PGPORT: env.DB_PORT ?? '5432',
		PGUSER: env.DB_USER ?? 'postgres',
		PGPASSWORD: env.DB_PASSWORD ?? '',
		PGDATABASE: env.DB_DATABASE ?? 'salesflow',
	};
}

export async function withDb<T>(env: Record<string, string>, fn: (db: knex.Knex) => Promise<T>): Promise<T> {
	const db = knex(knexConfig(env) as knex.Knex.Config);
	try {
		return await fn(db);
	} finally {
		await db.destroy();
	}
}

/** Every table of the database (Directus' and ours), sorted. */
export async function listTables(db: knex.Knex): Promise<string[]> {
	const rows: Array<{ name: string }> =
		db.client.config.client === 'sqlite3'
			? await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
			: (
					await db.raw(
						`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
					)
				).rows;
	return rows.map((r) => r.name).sort();
}

export async function rowCounts(env: Record<string, string>): Promise<Record<string, number>> {
	return withDb(env, async (db) => {
		const out: Record<string, number> = {};
		for (const t of await listTables(db)) out[t] = Number((await db(t).count({ n: '*' }))[0]!.n);
		return out;
	});
}

/** sha256 of every file under `dir`, by relative path. */
export function fileChecksums(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (d: string) => {
		if (!existsSync(d)) return;
		for (const name of readdirSync(d)) {
			const p = join(d, name);
			if (statSync(p).isDirectory()) walk(p);
			else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
		}
	};
	walk(dir);
	return out;
}

// A throw-away database and port for a Directus that tests or the benchmark start themselves:
// a temporary SQLite file, or a fresh PostgreSQL database dropped afterwards — empty, or a copy of a
// template that was set up once (tests that need their own Directus skip the minute-long setup).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';

export const freePort = () =>
	new Promise<number>((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as any).port;
			srv.close(() => resolve(port));
		});
	});

export type ScratchDatabase = { env: Record<string, string>; drop: () => Promise<void> };

/** PostgreSQL server settings of the machine (libpq's variables), and one statement run on it. */
const pgServer = () => ({
	host: process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.PGPORT ?? 5432),
	user: process.env.PGUSER ?? 'postgres',
	password: process.env.PGPASSWORD ?? '',
});
async function onServer(sql: string) {
	const admin = knex({ client: 'pg', connection: { ...pgServer(), database: 'postgres' } });
	try {
		await admin.raw(sql);
	} finally {
		await admin.destroy();
	}
}

/**
 * A throw-away database, with its own uploads folder and Directus temp folder (where it writes the
 * data app's bundle) beside it: CI runs the SQLite and PostgreSQL suites side by side in one checkout.
 * With `from` (a template's env, see saveTemplate) it starts as a copy of that database and its uploads.
 */
export async function scratchDatabase(kind: 'sqlite' | 'postgres', name: string, from?: Record<string, string>): Promise<ScratchDatabase> {
	const dir = mkdtempSync(join(tmpdir(), `salesflow-${name}-`));
	const files = { STORAGE_LOCATIONS: 'local', STORAGE_LOCAL_ROOT: join(dir, 'uploads'), TEMP_PATH: join(dir, 'directus-tmp') };
	if (from?.STORAGE_LOCAL_ROOT && existsSync(from.STORAGE_LOCAL_ROOT))
		cpSync(from.STORAGE_LOCAL_ROOT, files.STORAGE_LOCAL_ROOT, { recursive: true });
	const removeDir = async () => rmSync(dir, { recursive: true, force: true });
	if (kind === 'postgres') {
		const database = `salesflow_${name}_${process.pid}_${Date.now()}`;
		const server = pgServer();
		await onServer(`create database "${database}"${from ? ` template "${from.DB_DATABASE}"` : ''}`);
		return {
			env: {
				DB_CLIENT: 'pg',
				DB_HOST: server.host,
				DB_PORT: String(server.port),
				DB_USER: server.user,
				DB_PASSWORD: server.password,
				DB_DATABASE: database,
				...files,
			},
			drop: async () => {
				await onServer(`drop database if exists "${database}" with (force)`);
				await removeDir();
			},
		};
	}
	const filename = join(dir, `${name}.db`);
	if (from) cpSync(from.DB_FILENAME!, filename);
	return { env: { DB_CLIENT: 'sqlite3', DB_FILENAME: filename, ...files }, drop: removeDir };
}

/**
 * A template of a set-up database and its uploads, for scratchDatabase's `from`. SQLite is copied live
 * (`VACUUM INTO`, one consistent snapshot); PostgreSQL copies a database only while nobody is connected
 * to it, so `offline` runs the copy with its Directus stopped.
 */
export async function saveTemplate(
	env: Record<string, string>,
	offline: (copy: () => Promise<void>) => Promise<void>,
): Promise<ScratchDatabase> {
	if (env.DB_CLIENT === 'pg') {
		let template: ScratchDatabase | undefined;
		await offline(async () => {
			template = await scratchDatabase('postgres', 'template', env);
		});
		return template!;
	}
	const template = await scratchDatabase('sqlite', 'template');
	if (existsSync(env.STORAGE_LOCAL_ROOT!)) cpSync(env.STORAGE_LOCAL_ROOT!, template.env.STORAGE_LOCAL_ROOT!, { recursive: true });
	const db = knex({ client: 'sqlite3', connection: { filename: env.DB_FILENAME! }, useNullAsDefault: true });
	try {
		await db.raw('vacuum into ?', [template.env.DB_FILENAME]);
	} finally {
		await db.destroy();
	}
	return template;
}

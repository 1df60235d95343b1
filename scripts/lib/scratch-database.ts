// A throw-away database and port for a Directus that tests or the benchmark start themselves:
// a temporary SQLite file, or a fresh PostgreSQL database dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * A throw-away database, with its own uploads folder and Directus temp folder (where it writes the
 * data app's bundle) beside it: CI runs the SQLite and PostgreSQL suites side by side in one checkout.
 */
export async function scratchDatabase(kind: 'sqlite' | 'postgres', name: string): Promise<ScratchDatabase> {
	const dir = mkdtempSync(join(tmpdir(), `salesflow-${name}-`));
	const files = { STORAGE_LOCATIONS: 'local', STORAGE_LOCAL_ROOT: join(dir, 'uploads'), TEMP_PATH: join(dir, 'directus-tmp') };
	const removeDir = async () => rmSync(dir, { recursive: true, force: true });
	if (kind === 'postgres') {
		const database = `salesflow_${name}_${process.pid}_${Date.now()}`;
		const server = {
			host: process.env.PGHOST ?? '127.0.0.1',
			port: Number(process.env.PGPORT ?? 5432),
			user: process.env.PGUSER ?? 'postgres',
			password: process.env.PGPASSWORD ?? '',
		};
		const onServer = async (sql: string) => {
			const admin = knex({ client: 'pg', connection: { ...server, database: 'postgres' } });
			try {
				await admin.raw(sql);
			} finally {
				await admin.destroy();
			}
		};
		await onServer(`create database "${database}"`);
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
	return { env: { DB_CLIENT: 'sqlite3', DB_FILENAME: join(dir, `${name}.db`), ...files }, drop: removeDir };
}

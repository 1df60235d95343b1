// Boots one real Directus for the whole integration run: fresh database (temporary SQLite file,
// or a fresh PostgreSQL database with TEST_DB=postgres), our built bundle, schema + access +
// configuration + demo data through the same ensure script `npm start` uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import knex from 'knex';
import { bootstrap, buildExtension, startDirectus, type RunningDirectus } from '../../scripts/lib/directus-process';
import { directusEnv } from '../../scripts/lib/env';
import { ensure } from '../../scripts/ensure';

const freePort = () =>
	new Promise<number>((resolve) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as any).port;
			srv.close(() => resolve(port));
		});
	});

let directus: RunningDirectus | undefined;
let cleanup: Array<() => Promise<void> | void> = [];

export default async function setup(project: TestProject) {
	const port = String(await freePort());
	let dbEnv: Record<string, string>;
	if (process.env.TEST_DB === 'postgres') {
		const database = `salesflow_test_${process.pid}_${Date.now()}`;
		const server = { host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', password: process.env.PGPASSWORD ?? '' };
		const admin = knex({ client: 'pg', connection: { ...server, database: 'postgres' } });
		await admin.raw(`create database "${database}"`);
		await admin.destroy();
		cleanup.push(async () => {
			const a = knex({ client: 'pg', connection: { ...server, database: 'postgres' } });
			await a.raw(`drop database if exists "${database}" with (force)`);
			await a.destroy();
		});
		dbEnv = { DB_CLIENT: 'pg', DB_HOST: server.host, DB_PORT: String(server.port), DB_USER: server.user, DB_PASSWORD: server.password, DB_DATABASE: database };
	} else {
		const dir = mkdtempSync(join(tmpdir(), 'salesflow-test-'));
		cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
		dbEnv = { DB_CLIENT: 'sqlite3', DB_FILENAME: join(dir, 'test.db') };
	}
	const env = directusEnv({ ...dbEnv, PORT: port, HOST: '127.0.0.1', SEED_DEMO: 'true', PUBLIC_URL: `http://127.0.0.1:${port}`, CACHE_ENABLED: 'false' });
	if (process.env.SKIP_BUILD !== 'true') buildExtension();
	const t0 = Date.now();
	bootstrap(env);
	directus = await startDirectus(env);
	try {
		await ensure(env, (m) => process.env.DEBUG_SETUP && console.log(m));
	} catch (e) {
		await directus.stop();
		for (const c of cleanup.reverse()) await c();
		throw e;
	}
	console.log(`integration: Directus ready on ${env.DB_CLIENT} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	project.provide('directusUrl', directus.url);
	project.provide('directusEnv', env);

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
	}
}

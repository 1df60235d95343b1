// `npm run restore -- FILE [--force]`: restores an archive of `npm run backup` into the database and
// uploads folder of the environment (the same DB_* / STORAGE_* variables Directus uses). Stop
// Directus first. A database that already has tables, or an uploads folder with files, is refused
// unless --force, which then replaces them. PostgreSQL: the database must exist (createdb).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type BackupManifest, MANIFEST } from './backup';
import { directusEnv } from './lib/env';
import { isPostgres, listTables, pgToolEnv, withDb } from './lib/ops';

export async function restore(env: Record<string, string>, file: string, opts: { force?: boolean } = {}): Promise<BackupManifest> {
	const pg = isPostgres(env);
	const stage = mkdtempSync(join(tmpdir(), 'salesflow-restore-'));
	try {
		execFileSync('tar', ['-xzf', resolve(file), '-C', stage]);
		const manifest = JSON.parse(readFileSync(join(stage, MANIFEST), 'utf8')) as BackupManifest;
		if (manifest.app !== 'salesflow') throw new Error(`${file} is not a Salesflow backup`);
		if (manifest.dbClient !== (pg ? 'pg' : 'sqlite3')) {
			throw new Error(`${file} holds a ${manifest.dbClient} database; this environment uses ${env.DB_CLIENT}`);
		}
		const tables = !pg && !existsSync(env.DB_FILENAME!) ? [] : await withDb(env, listTables);
		const uploadsRoot = manifest.uploads ? env.STORAGE_LOCAL_ROOT : undefined;
		const files = uploadsRoot && existsSync(uploadsRoot) ? readdirSync(uploadsRoot) : [];
		if ((tables.length || files.length) && !opts.force) {
			throw new Error(
				`refusing to restore into a database with ${tables.length} tables and an uploads folder with ${files.length} entries; ` +
					'restore into an empty database, or pass --force to replace them',
			);
		}
		const database = join(stage, manifest.database);
		if (pg) {
			const tool = pgToolEnv(env);
			// --force: the schema goes with everything in it, then comes back from the archive as it was.
			if (tables.length) await withDb(env, (db) => db.raw('drop schema public cascade; create schema public'));
			execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', '-d', tool.PGDATABASE!, database], {
				env: tool,
				stdio: ['ignore', 'ignore', 'pipe'],
			});
		} else {
			const target = env.DB_FILENAME!;
			mkdirSync(dirname(target), { recursive: true });
			// A write-ahead log left beside the old file would be replayed into the restored one.
			for (const f of [target, `${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(f, { force: true });
			copyFileSync(database, target);
		}
		if (uploadsRoot) {
			rmSync(uploadsRoot, { recursive: true, force: true });
			mkdirSync(uploadsRoot, { recursive: true });
			cpSync(join(stage, 'uploads'), uploadsRoot, { recursive: true });
		}
		return manifest;
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
	const args = process.argv.slice(2);
	const file = args.find((a) => !a.startsWith('--'));
	if (!file) throw new Error('usage: npm run restore -- FILE [--force]');
	const m = await restore(directusEnv(), file, { force: args.includes('--force') });
	console.log(
		`salesflow: restored v${m.version}${m.revision ? ` (${m.revision})` : ''} of ${m.createdAt}; \`npm start\` brings it up to this version`,
	);
}

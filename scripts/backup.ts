// `npm run backup [-- --out DIR]`: one archive (tar.gz) of the database and the uploads folder,
// named with the time and the version, for `npm run restore`. The database is copied consistently
// while Directus keeps serving: SQLite through its online backup API, PostgreSQL with `pg_dump -Fc`
// (one snapshot). Uploads are copied after the database, and files are only ever added, so every
// file the copied database names is in the archive.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import { directusEnv, ROOT } from './lib/env';
import { isPostgres, pgToolEnv } from './lib/ops';

export type BackupManifest = {
	app: 'salesflow';
	version: string;
	revision: string | null;
	createdAt: string;
	dbClient: 'sqlite3' | 'pg';
	database: string;
	/** false when files live elsewhere than the local disk (S3 and the like keep their own backups). */
	uploads: boolean;
};

export const MANIFEST = 'manifest.json';

function revision(): string | null {
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
	} catch {
		return null; // an installation without its git history (a container image)
	}
}

// The driver has the online backup API (Database#backup) but its typings lack it.
type OnlineBackup = {
	completed: boolean;
	failed: boolean;
	step(pages: number, cb: (e: Error | null) => void): void;
	finish(cb: () => void): void;
};

/** SQLite's online backup: a consistent copy of a database another process keeps writing to. */
async function copySqlite(source: string, target: string): Promise<void> {
	const db = await new Promise<sqlite3.Database>((res, rej) => {
		const d = new sqlite3.Database(source, sqlite3.OPEN_READONLY, (e) => (e ? rej(e) : res(d)));
	});
	try {
		const backup = (db as unknown as { backup(file: string): OnlineBackup }).backup(target);
		// One step copies every page under one read lock; a writer holding the lock (BUSY) means try again.
		while (!backup.completed) {
			await new Promise<void>((res) => backup.step(-1, () => res()));
			if (backup.failed) throw new Error(`SQLite backup of ${source} failed`);
			if (!backup.completed) await new Promise((r) => setTimeout(r, 200));
		}
		await new Promise<void>((res) => backup.finish(() => res()));
	} finally {
		await new Promise<void>((res) => db.close(() => res()));
	}
}

/** Writes the archive into `outDir` and returns its path. */
export async function backup(env: Record<string, string>, outDir: string): Promise<string> {
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
	const rev = revision();
	const createdAt = new Date().toISOString();
	const pg = isPostgres(env);
	const stage = mkdtempSync(join(tmpdir(), 'salesflow-backup-'));
	try {
		const database = pg ? 'database.pgdump' : 'database.sqlite';
		if (pg) execFileSync('pg_dump', ['-Fc', '-f', join(stage, database)], { env: pgToolEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
		else await copySqlite(env.DB_FILENAME!, join(stage, database));
		const local = (env.STORAGE_LOCATIONS ?? 'local').split(',').includes('local') && !!env.STORAGE_LOCAL_ROOT;
		mkdirSync(join(stage, 'uploads'));
		if (local && existsSync(env.STORAGE_LOCAL_ROOT!)) cpSync(env.STORAGE_LOCAL_ROOT!, join(stage, 'uploads'), { recursive: true });
		const manifest: BackupManifest = {
			app: 'salesflow',
			version,
			revision: rev,
			createdAt,
			dbClient: pg ? 'pg' : 'sqlite3',
			database,
			uploads: local,
		};
		writeFileSync(join(stage, MANIFEST), `${JSON.stringify(manifest, null, '\t')}\n`);
		mkdirSync(outDir, { recursive: true });
		const stamp = createdAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
		const file = resolve(outDir, `salesflow-${stamp}-v${version}${rev ? `-${rev}` : ''}-${manifest.dbClient}.tar.gz`);
		execFileSync('tar', ['-czf', file, '-C', stage, MANIFEST, database, 'uploads']);
		return file;
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
	const at = process.argv.indexOf('--out');
	const outDir = at > 0 ? resolve(process.argv[at + 1]!) : join(ROOT, 'data/backups');
	console.log(`salesflow: backup written to ${await backup(directusEnv(), outDir)}`);
}

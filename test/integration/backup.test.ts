// Backup and restore (#22): `npm run backup` of the running test instance, `npm run restore` into a
// fresh database, then the restored copy must hold the same rows and files, the same ledger-check findings (none on a clean run)
// and let the demo users log in on a Directus started on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backup } from '../../scripts/backup';
import { Session } from '../../scripts/lib/admin-api';
import { startDirectus } from '../../scripts/lib/directus-process';
import { fileChecksums, rowCounts } from '../../scripts/lib/ops';
import { freePort, scratchDatabase } from '../../scripts/lib/scratch-database';
import { restore } from '../../scripts/restore';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../seed/users';
import { env, ok, tokenFor, url } from './helpers';

const out = mkdtempSync(join(tmpdir(), 'salesflow-backups-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(out, { recursive: true, force: true })];
afterAll(async () => {
	for (const c of cleanup.reverse()) await c();
});

const kind = () => (env().DB_CLIENT === 'sqlite3' ? 'sqlite' : 'postgres');

describe('backup and restore', () => {
	it('restores into a fresh database with every row, every file, the same ledger and working logins', async () => {
		const source = env();
		// A file of our own, so the uploads folder is never empty when the checksums are compared.
		const form = new FormData();
		form.append('file', new Blob([`backup probe ${Date.now()}`], { type: 'text/plain' }), 'probe.txt');
		const upload = await fetch(`${url()}/files`, {
			method: 'POST',
			headers: { authorization: `Bearer ${await tokenFor('admin')}` },
			body: form,
		});
		expect(upload.status).toBe(200);
		const probe = ((await upload.json()) as { data: { id: string } }).data.id;

		// What the ledger check finds in the source (nothing on a clean run; earlier test files may leave findings).
		const sourceLedger = await ok<unknown[]>('finance', 'GET', '/reconciliation/ledger-check');
		// The scheduler may add rows while the backup runs: a table that grew in between may hold either count.
		const before = await rowCounts(source);
		const files = fileChecksums(source.STORAGE_LOCAL_ROOT!);
		const archive = await backup(source, out);
		const after = await rowCounts(source);
		expect(archive).toMatch(/salesflow-\d{8}T\d{6}Z-v\d+\.\d+\.\d+(-[0-9a-f]+)?-(sqlite3|pg)\.tar\.gz$/);

		const target = await scratchDatabase(kind(), 'restore');
		cleanup.push(target.drop);
		const restoredEnv = { ...source, ...target.env };
		const manifest = await restore(restoredEnv, archive);
		expect(manifest.dbClient).toBe(source.DB_CLIENT === 'sqlite3' ? 'sqlite3' : 'pg');

		const restored = await rowCounts(restoredEnv);
		expect(Object.keys(restored)).toEqual(Object.keys(before));
		for (const [table, n] of Object.entries(restored)) {
			expect(n, table).toBeGreaterThanOrEqual(Math.min(before[table]!, after[table]!));
			expect(n, table).toBeLessThanOrEqual(Math.max(before[table]!, after[table]!));
		}
		expect(before.customers, 'the demo data is in the backup').toBeGreaterThan(0);
		expect(fileChecksums(target.env.STORAGE_LOCAL_ROOT!)).toEqual(files);

		// A second restore finds a database in use and refuses, unless forced.
		await expect(restore(restoredEnv, archive)).rejects.toThrow(/refusing to restore into a database with \d+ tables/);
		await restore(restoredEnv, archive, { force: true });
		expect(await rowCounts(restoredEnv)).toEqual(restored);

		const port = String(await freePort());
		const directus = await startDirectus({ ...restoredEnv, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}` });
		cleanup.push(() => directus.stop());
		const password = source.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
		for (const u of DEMO_USERS) await Session.login(directus.url, u.email, password);
		const finance = await Session.login(directus.url, DEMO_USERS.find((u) => u.key === 'finance')!.email, password);
		const headers = { authorization: `Bearer ${await finance.token()}` };
		const ledger = await fetch(`${directus.url}/reconciliation/ledger-check`, { headers });
		expect(ledger.status).toBe(200);
		expect(((await ledger.json()) as { data: unknown[] }).data).toEqual(sourceLedger);
		const admin = await Session.login(directus.url, source.ADMIN_EMAIL!, source.ADMIN_PASSWORD!);
		const asset = await fetch(`${directus.url}/assets/${probe}`, { headers: { authorization: `Bearer ${await admin.token()}` } });
		expect(await asset.text()).toMatch(/^backup probe \d+$/);
	}, 600_000);
});

// Upgrade without loss (#22): the first build (v0.1.0, commit ba316b1) installs itself with demo data
// through its own `npm run setup`, then today's ensure step runs on the same database. Nothing may be
// dropped, fields added since get their defaults on the old rows, the ledger check stays clean and an
// old document still moves through its lifecycle.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../schema';
import type { FieldDef } from '../../schema/model';
import { ensure } from '../../scripts/ensure';
import { AdminApi } from '../../scripts/lib/admin-api';
import { bootstrap, startDirectus } from '../../scripts/lib/directus-process';
import { directusEnv, ROOT } from '../../scripts/lib/env';
import { listTables, rowCounts, withDb } from '../../scripts/lib/ops';
import { freePort, scratchDatabase } from '../../scripts/lib/scratch-database';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '../../seed/users';
import { env } from './helpers';

/** v0.1.0. By commit, not by tag: a fresh CI clone need not have the tags, but it has main's history. */
const FIRST_BUILD = 'ba316b1';

/**
 * Tables whose rows may go by design: the ensure step replaces the permissions with today's access
 * model (schema/access.ts deletes the ones it no longer grants), and Directus itself prunes expired
 * sessions at login. Every other table (ours, users, roles, policies, presets, dashboards, files,
 * activity, revisions) must keep at least its rows.
 */
const REWRITTEN = new Set(['directus_permissions', 'directus_sessions']);

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
	for (const c of cleanup.reverse()) await c();
});

/** Database columns of every table, to tell the fields the upgrade added. */
const columnsOf = (e: Record<string, string>) =>
	withDb(e, async (db) => {
		const out: Record<string, Set<string>> = {};
		for (const t of await listTables(db)) out[t] = new Set(Object.keys(await db(t).columnInfo()));
		return out;
	});

/** A stored value as the model's default reads it (SQLite gives 0/1 and numbers, PostgreSQL strings for decimals). */
const sameAsDefault = (f: FieldDef, v: unknown) =>
	['boolean', 'integer', 'bigInteger', 'decimal'].includes(f.type)
		? Number(v === true ? 1 : v === false ? 0 : v) === Number(f.default === true ? 1 : f.default === false ? 0 : f.default)
		: String(v) === String(f.default);

describe('upgrade from v0.1.0', () => {
	it('keeps every row, defaults the new fields, keeps the ledger clean and the documents movable', async () => {
		const old = mkdtempSync(join(tmpdir(), 'salesflow-v0.1.0-'));
		cleanup.push(() => rmSync(old, { recursive: true, force: true }));
		try {
			execFileSync('sh', ['-c', `git archive ${FIRST_BUILD} | tar -x -C "${old}"`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
		} catch (e) {
			throw new Error(`commit ${FIRST_BUILD} (v0.1.0) is not in this clone; fetch the full history (git fetch --unshallow)\n${e}`);
		}
		// Its dependencies are a subset of today's, at the same versions: today's node_modules serves it.
		symlinkSync(join(ROOT, 'node_modules'), join(old, 'node_modules'));

		const scratch = await scratchDatabase(env().DB_CLIENT === 'sqlite3' ? 'sqlite' : 'postgres', 'upgrade');
		cleanup.push(scratch.drop);
		const port = String(await freePort());
		// The old version's own setup (build, bootstrap, ensure, demo data), with nothing of today's
		// environment but the machine's: its own extension folder and defaults.
		const inherited = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !/^(DB_|STORAGE_|SALESFLOW_|EXTENSIONS_|SKIP_BUILD$|PORT$|PUBLIC_URL$)/.test(k)),
		);
		execFileSync('npm', ['run', 'setup', '--silent'], {
			cwd: old,
			env: { ...inherited, ...scratch.env, PORT: port, PUBLIC_URL: `http://127.0.0.1:${port}`, SEED_DEMO: 'true', LOG_LEVEL: 'error' },
			stdio: process.env.CI ? 'inherit' : 'pipe',
		});
		// v0.1.0 kept the customer review as free text (today: choices, scripts/migrate-data.ts). Its demo
		// left them empty; two customers get what a user could type there then.
		const typed = [
			['吊销，未注销', 'aa级'],
			['存续', ' A '],
		] as const;
		const reviewed = await withDb(scratch.env, async (db) => {
			const ids = (await db('customers').orderBy('id').limit(2).select('id')).map((r) => r.id);
			for (const [i, [status, rating]] of typed.entries())
				await db('customers').where({ id: ids[i] }).update({ enterprise_status: status, credit_rating: rating });
			return ids;
		});
		const before = await rowCounts(scratch.env);
		const columnsBefore = await columnsOf(scratch.env);
		expect(before.customers, 'v0.1.0 seeded its demo data').toBeGreaterThan(0);
		expect(before.quotes).toBeGreaterThan(0);

		// Today's setup on the same database, as `npm run setup` after a deploy runs it.
		const current = directusEnv({
			...scratch.env,
			PORT: port,
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			SEED_DEMO: 'true',
			LOG_LEVEL: 'error',
		});
		bootstrap(current);
		const directus = await startDirectus(current);
		cleanup.push(() => directus.stop());
		await ensure(current);

		const after = await rowCounts(current);
		for (const [table, n] of Object.entries(before)) {
			if (REWRITTEN.has(table)) continue;
			expect(after[table], `${table} is still there`).toBeDefined();
			expect(after[table]!, `${table} kept its rows`).toBeGreaterThanOrEqual(n);
		}
		const columnsAfter = await columnsOf(current);
		for (const [table, cols] of Object.entries(columnsBefore))
			for (const c of cols) expect(columnsAfter[table]?.has(c), `${table}.${c} is kept`).toBe(true);

		// Fields added since v0.1.0 to tables that had rows then: every old row holds the field's default.
		let checked = 0;
		await withDb(current, async (db) => {
			for (const c of COLLECTIONS) {
				if (!before[c.collection] || !columnsBefore[c.collection]) continue;
				for (const f of c.fields) {
					if (f.type === 'alias' || f.default === undefined || f.default === null || columnsBefore[c.collection]!.has(f.field)) continue;
					const values = (await db(c.collection).select(f.field)).map((r) => r[f.field]);
					for (const v of values) expect(sameAsDefault(f, v), `${c.collection}.${f.field} = ${v}, default ${f.default}`).toBe(true);
					checked += 1;
				}
			}
		});
		expect(checked, 'the upgrade added defaulted fields to tables with old rows').toBeGreaterThan(0);

		// The free texts became their choices, each change kept in the customer's history with the text typed.
		await withDb(current, async (db) => {
			const rows = await db('customers').whereIn('id', reviewed).orderBy('id').select('enterprise_status', 'credit_rating');
			expect(rows).toEqual([
				{ enterprise_status: 'revoked', credit_rating: 'AA' },
				{ enterprise_status: 'normal', credit_rating: 'A' },
			]);
			const history = await db('customer_history')
				.whereIn('customer', reviewed)
				.whereIn('kind', ['enterprise_status', 'credit_rating'])
				.orderBy('id')
				.select('kind', 'from_value', 'to_value');
			expect(history).toEqual([
				{ kind: 'enterprise_status', from_value: '吊销，未注销', to_value: 'revoked' },
				{ kind: 'credit_rating', from_value: 'aa级', to_value: 'AA' },
				{ kind: 'enterprise_status', from_value: '存续', to_value: 'normal' },
				{ kind: 'credit_rating', from_value: ' A ', to_value: 'A' },
			]);
		});

		// Delivery notes v0.1.0 wrote got their amount from their lines (scripts/migrate-data.ts).
		await withDb(current, async (db) => {
			const notes = await db('shipments as s')
				.leftJoin('shipment_lines as l', 'l.shipment', 's.id')
				.groupBy('s.id', 's.amount')
				.select('s.id', 's.amount', db.raw('coalesce(sum(round(l.quantity * l.unit_price, 2)), 0) as of_lines'));
			expect(notes.length, 'v0.1.0 left delivery notes').toBeGreaterThan(0);
			for (const n of notes) expect(Number(n.amount).toFixed(2), `shipment ${n.id}`).toBe(Number(n.of_lines).toFixed(2));
		});

		const password = current.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
		const as = (key: string) => AdminApi.login(directus.url, DEMO_USERS.find((u) => u.key === key)!.email, password);
		expect(await (await as('finance')).get<unknown[]>('/reconciliation/ledger-check')).toEqual([]);

		// A draft quote v0.1.0's demo made moves on under today's rules.
		const rep = await as('sales_rep');
		const [draft] = await rep.get<any[]>('/items/quotes?filter[status][_eq]=draft&sort=id&limit=1');
		expect(draft, 'v0.1.0 left a draft quote').toBeDefined();
		const moved = await rep.patch<any>(`/items/quotes/${draft.id}`, { status: 'submitted' });
		expect(moved.status).not.toBe('draft');
	}, 1_200_000);
});

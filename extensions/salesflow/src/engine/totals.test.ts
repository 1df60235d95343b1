// recomputeTotalsBeforeCommit against a real (in-memory SQLite) database: a burst of line writes in one
// transaction reads the lines once, just before COMMIT, and the totals commit with the lines.
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDocument, makeDocuments } from './document-type';
import { recomputeTotalsBeforeCommit } from './totals';

const documents = makeDocuments([
	defineDocument({
		collection: 'sales_orders',
		totals: (db, id) => db('sales_order_lines').where({ order: id }).select('quantity', 'unit_price', 'tax_rate'),
	}),
]);

let db: Knex;
let lineReads = 0;

beforeAll(async () => {
	db = knex({ client: 'sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
	await db.schema.createTable('sales_orders', (t) => {
		t.increments('id');
		t.decimal('total', 14, 2);
		t.decimal('amount_excl', 14, 2);
		t.decimal('tax', 14, 2);
	});
	await db.schema.createTable('sales_order_lines', (t) => {
		t.increments('id');
		t.integer('order');
		t.decimal('quantity', 14, 3);
		t.decimal('unit_price', 14, 2);
		t.decimal('tax_rate', 6, 4);
	});
	db.on('query', (q: { sql: string }) => {
		if (/from [`"]sales_order_lines[`"]/i.test(q.sql)) lineReads++;
	});
});

afterAll(() => db.destroy());

const totalsOf = async (id: number) => {
	const row = await db('sales_orders').where({ id }).first();
	return [row.total, row.amount_excl, row.tax].map(String);
};

describe('recomputeTotalsBeforeCommit', () => {
	it('reads the lines once, after the last line write, and commits exact sums with them', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		// 0.5 × 0.01 = 0.005 → 0.01 (half up), 3 × 33.33 = 99.99 at 13 % → 88.49 + 11.50, 1.5 × 0.03 = 0.045 → 0.05 at 0 %; 0.01 at 13 % is all excl.
		const lines = [
			{ order, quantity: '0.5', unit_price: '0.01', tax_rate: '0.13' },
			{ order, quantity: '3', unit_price: '33.33', tax_rate: '0.13' },
			{ order, quantity: '1.5', unit_price: '0.03', tax_rate: '0' },
		];
		lineReads = 0;
		await db.transaction(async (trx) => {
			for (const line of lines) {
				await recomputeTotalsBeforeCommit(trx, documents, 'sales_orders', order!);
				await trx('sales_order_lines').insert(line);
			}
			expect(lineReads).toBe(0);
		});
		expect(lineReads).toBe(1);
		expect(await totalsOf(order!)).toEqual(['100.05', '88.55', '11.5']);
	});

	it('a rolled-back transaction leaves the totals as they were and runs nothing', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		lineReads = 0;
		await expect(
			db.transaction(async (trx) => {
				await trx('sales_order_lines').insert({ order, quantity: '1', unit_price: '10.00', tax_rate: '0.06' });
				await recomputeTotalsBeforeCommit(trx, documents, 'sales_orders', order!);
				throw new Error('refused');
			}),
		).rejects.toThrow('refused');
		expect(lineReads).toBe(0);
		expect(await totalsOf(order!)).toEqual(['0', '0', '0']);
		expect(await db('sales_order_lines').where({ order }).count({ n: '*' })).toEqual([{ n: 0 }]);
	});

	it('a recompute that fails rolls the lines back with it', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		await expect(
			db.transaction(async (trx) => {
				await trx('sales_order_lines').insert({ order, quantity: '1', unit_price: 'not money', tax_rate: '0.06' });
				await recomputeTotalsBeforeCommit(trx, documents, 'sales_orders', order!);
			}),
		).rejects.toThrow();
		expect(await db('sales_order_lines').where({ order }).count({ n: '*' })).toEqual([{ n: 0 }]);
	});

	it('outside a transaction it recomputes at once', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		await db('sales_order_lines').insert({ order, quantity: '2', unit_price: '7.50', tax_rate: '0' });
		await recomputeTotalsBeforeCommit(db, documents, 'sales_orders', order!);
		expect((await totalsOf(order!))[0]).toBe('15');
	});
});

// recomputeTotalsSoon against a real (in-memory SQLite) database: a burst of after-commit events
// for one document reads its lines once, and the totals are the exact sums of the lines.
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDocument, makeDocuments } from './document-type';
import { recomputeTotalsSoon } from './totals';

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

describe('recomputeTotalsSoon', () => {
	it('coalesces a burst of events into one read and writes exact sums', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		// 0.5 × 0.01 = 0.005 → 0.01 (half up), 3 × 33.33 = 99.99 at 13 % → 88.49 + 11.50, 1.5 × 0.03 = 0.045 → 0.05 at 0 %; 0.01 at 13 % is all excl.
		await db('sales_order_lines').insert([
			{ order, quantity: '0.5', unit_price: '0.01', tax_rate: '0.13' },
			{ order, quantity: '3', unit_price: '33.33', tax_rate: '0.13' },
			{ order, quantity: '1.5', unit_price: '0.03', tax_rate: '0' },
		]);
		lineReads = 0;
		await Promise.all(Array.from({ length: 300 }, () => recomputeTotalsSoon(db, documents, 'sales_orders', order!)));
		expect(lineReads).toBe(1);
		const row = await db('sales_orders').where({ id: order }).first();
		expect([row.total, row.amount_excl, row.tax].map(String)).toEqual(['100.05', '88.55', '11.5']);
	});

	it('a write after the recompute started schedules a fresh one', async () => {
		const [order] = await db('sales_orders').insert({ total: 0, amount_excl: 0, tax: 0 });
		await db('sales_order_lines').insert({ order, quantity: '1', unit_price: '10.00', tax_rate: '0.06' });
		const first = recomputeTotalsSoon(db, documents, 'sales_orders', order!);
		await new Promise((resolve) => setImmediate(resolve)); // the first one has left the queue
		await db('sales_order_lines').insert({ order, quantity: '1', unit_price: '5.00', tax_rate: '0.06' });
		const second = recomputeTotalsSoon(db, documents, 'sales_orders', order!);
		expect(second).not.toBe(first);
		await Promise.all([first, second]);
		expect(String((await db('sales_orders').where({ id: order }).first()).total)).toBe('15');
	});
});

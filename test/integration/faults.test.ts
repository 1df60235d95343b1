// Faults (issue #8 item 3): Directus killed hard in the middle of a load, and PostgreSQL dropping
// Directus' connections in the middle of a loan conversion. Each must leave every document either
// fully written or not at all, the ledgers in agreement, and a Directus that serves again.
// These tests kill and restart Directus, so they run their own instances, not the shared one.
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUMBER_PREFIXES } from '../../extensions/salesflow/src/domain/numbering';
import { Instance, pool, type Kind, type Res } from './faults';

const KIND: Kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

let main: Instance; // the integration database kind: the crash test
let pg: Instance | undefined; // always PostgreSQL: the connection-drop test (main itself when TEST_DB=postgres)

// Booting a Directus (migrations, schema, demo data) takes minutes on a busy 2-core machine: one
// boot per hook, each with room beyond the default 300 s.
const BOOT_TIMEOUT = 480_000;

beforeAll(async () => {
	main = await Instance.boot(KIND, 'faults');
}, BOOT_TIMEOUT);

afterAll(async () => {
	for (const instance of [...Instance.all]) await instance.dispose();
});

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d = new Date()) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const num = (v: unknown) => Number(v ?? 0);
const sumOf = (rows: any[], field: string) => rows.reduce((s, r) => s + num(r[field]), 0);
const is2xx = (r: PromiseSettledResult<Res> | undefined) => r?.status === 'fulfilled' && r.value.status >= 200 && r.value.status < 300;

/** Waits for a condition observed in the system (not for a time); fails after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 30_000) {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe('Directus killed (SIGKILL) in the middle of deliveries, invoice issues and allocations', () => {
	it('after a restart on the same database every document is whole or untouched, and the ledger check is clean', {
		timeout: 240_000,
	}, async () => {
		const d = main;
		expect(await d.ledgerCheck()).toEqual([]);

		const { product, warehouse } = await d.stockedProduct(1000);
		const wh = warehouse.id;
		const order = await d.confirmedOrder('sales_rep', [{ product: product.id, quantity: '100', unit_price: '100.00' }]);
		const orderLine = order.lines[0].id;
		const issueNote = (id: number) => d.ok('warehouse', 'PATCH', `/items/shipments/${id}`, { status: 'issued' });
		const draftInvoice = (shipment: number) =>
			d.ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [shipment] });

		// Draft invoices (issued during the load) of issued 1-unit notes.
		const invoices: any[] = [];
		for (let i = 0; i < 8; i++) {
			const n = await d.submittedNote(order.id, orderLine, wh, '1');
			await issueNote(n.id);
			invoices.push(await draftInvoice(n.id));
		}
		// Two issued invoices of 1000.00 that confirmed 50.00 receipts are allocated to during the load.
		const targets: any[] = [];
		for (let i = 0; i < 2; i++) {
			const n = await d.submittedNote(order.id, orderLine, wh, '10');
			await issueNote(n.id);
			targets.push(await d.ok<any>('finance', 'POST', `/invoicing/invoices/${(await draftInvoice(n.id)).id}/issue`));
		}
		const receipts: any[] = [];
		for (let i = 0; i < 12; i++) {
			const r = await d.ok<any>('finance', 'POST', '/items/receipts', {
				customer: order.customer,
				amount: '50.00',
				received_on: localDay(),
				method: '银行转账',
			});
			await d.ok('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' });
			receipts.push(r);
		}
		// Submitted 1-unit notes the warehouse issues during the load.
		const notes: any[] = [];
		for (let i = 0; i < 16; i++) notes.push(await d.submittedNote(order.id, orderLine, wh, '1'));

		type Op = { kind: 'note' | 'invoice' | 'allocation'; id: number; run: () => Promise<Res> };
		const noteOp = (n: any): Op => ({
			kind: 'note',
			id: n.id,
			run: () => d.call('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' }),
		});
		const invoiceOp = (inv: any): Op => ({
			kind: 'invoice',
			id: inv.id,
			run: () => d.call('finance', 'POST', `/invoicing/invoices/${inv.id}/issue`),
		});
		const allocationOp = (r: any, i: number): Op => ({
			kind: 'allocation',
			id: r.id,
			run: () =>
				d.call('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, {
					allocations: [{ invoice: targets[i % 2].id, amount: '50.00' }],
				}),
		});
		const ops: Op[] = [];
		for (let i = 0; i < 16; i++) {
			if (notes[i]) ops.push(noteOp(notes[i]));
			if (invoices[i]) ops.push(invoiceOp(invoices[i]));
			if (receipts[i]) ops.push(allocationOp(receipts[i], i));
		}

		// Six requests in flight; the kill comes when 12 have completed, so the rest are cut off
		// mid-request (or refused, once the process is gone).
		const KILL_AFTER = 12;
		const inFlight = new Set<number>();
		let cutOff: number[] = [];
		let killed: Promise<void> | undefined;
		const results = await pool(
			ops.map((op, i) => async () => {
				inFlight.add(i);
				try {
					return await op.run();
				} finally {
					inFlight.delete(i);
				}
			}),
			6,
			(_r, done) => {
				if (done === KILL_AFTER) {
					cutOff = [...inFlight];
					killed = d.kill();
				}
			},
		);
		await killed;
		expect(cutOff.length).toBeGreaterThan(0);
		// Every request answered succeeded; the rest were cut off or refused by the dead process.
		for (const r of results) if (r.status === 'fulfilled') expect(r.value.status, JSON.stringify(r.value.errors)).toBe(200);
		expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
		const succeeded = (kind: Op['kind']) => new Set(ops.filter((op, i) => op.kind === kind && is2xx(results[i])).map((op) => op.id));

		await d.start();
		expect(await d.ledgerCheck()).toEqual([]);

		const db = d.db();
		let done: Set<string>;
		try {
			done = await assertWhole(db, { product: product.id, warehouse: wh, orderLine, notes, invoices, receipts, targets, succeeded });
		} finally {
			await db.destroy();
		}

		// What did not happen (a request cut off may still have committed before the kill) can simply
		// be done again: nothing is stuck half-way.
		const redo = ops.filter((op) => !done.has(`${op.kind}:${op.id}`));
		expect(redo.length).toBeGreaterThan(0);
		for (const op of redo) {
			const r = await op.run();
			expect({ op: op.kind, id: op.id, status: r.status, errors: r.errors }).toEqual({
				op: op.kind,
				id: op.id,
				status: 200,
				errors: undefined,
			});
		}
		expect(await d.ledgerCheck()).toEqual([]);
		const again = d.db();
		try {
			const all = (kind: Op['kind']) => new Set(ops.filter((op) => op.kind === kind).map((op) => op.id));
			await assertWhole(again, { product: product.id, warehouse: wh, orderLine, notes, invoices, receipts, targets, succeeded: all });
		} finally {
			await again.destroy();
		}
	});
});

/** Reads the database directly: each document of the load is either fully done or untouched. */
async function assertWhole(
	db: Knex,
	x: {
		product: number;
		warehouse: number;
		orderLine: number;
		notes: any[];
		invoices: any[];
		receipts: any[];
		targets: any[];
		succeeded: (kind: 'note' | 'invoice' | 'allocation') => Set<number>;
	},
): Promise<Set<string>> {
	const done = new Set<string>();
	// Delivery notes: issued with their sales_out move and issue time, or still submitted with none.
	const issuedNotes = x.succeeded('note');
	for (const n of x.notes) {
		const row = await db('shipments').where({ id: n.id }).first('status', 'issued_at');
		const moves = await db('stock_moves')
			.where({ source_collection: 'shipments', source_id: String(n.id) })
			.select('type', 'quantity', 'product', 'warehouse');
		const state = {
			id: n.id,
			status: row.status,
			issued_at: row.issued_at !== null,
			moves: moves.map((m: any) => [m.type, num(m.quantity), m.product, m.warehouse]),
		};
		if (row.status === 'issued') {
			expect(state).toEqual({ id: n.id, status: 'issued', issued_at: true, moves: [['sales_out', -1, x.product, x.warehouse]] });
			done.add(`note:${n.id}`);
		} else expect(state).toEqual({ id: n.id, status: 'submitted', issued_at: false, moves: [] });
		if (issuedNotes.has(n.id)) expect(row.status).toBe('issued'); // acknowledged means durable
	}
	// Stock: on hand = Σ moves, and the order line's shipped quantity = Σ issued delivery lines.
	const level = await db('stock_levels').where({ product: x.product, warehouse: x.warehouse }).first('on_hand');
	const moves = await db('stock_moves').where({ product: x.product, warehouse: x.warehouse }).select('quantity');
	expect(num(level.on_hand)).toBe(sumOf(moves, 'quantity'));
	const delivered = await db('shipment_lines as l')
		.join('shipments as s', 's.id', 'l.shipment')
		.where('l.order_line', x.orderLine)
		.where('s.status', 'issued')
		.select('l.quantity', 'l.invoiced_qty');
	const line = await db('sales_order_lines').where({ id: x.orderLine }).first('shipped_qty', 'invoiced_qty');
	expect(num(line.shipped_qty)).toBe(sumOf(delivered, 'quantity'));
	expect(num(level.on_hand)).toBe(1000 - sumOf(delivered, 'quantity'));

	// Invoices: totals are the sums of their lines; issued ones moved the delivery and order line rollups.
	const issuedInvoices = x.succeeded('invoice');
	for (const inv of x.invoices) {
		const row = await db('invoices')
			.where({ id: inv.id })
			.first('status', 'total', 'amount_excl', 'tax', 'open_amount', 'paid_amount', 'issue_date');
		const lines = await db('invoice_lines').where({ invoice: inv.id }).select('total', 'amount_excl', 'tax', 'quantity', 'shipment_line');
		expect([num(row.total), num(row.amount_excl), num(row.tax)]).toEqual(
			[sumOf(lines, 'total'), sumOf(lines, 'amount_excl'), sumOf(lines, 'tax')].map((v) => Number(v.toFixed(2))),
		);
		const shipmentLine = await db('shipment_lines').where({ id: lines[0].shipment_line }).first('invoiced_qty');
		const state = {
			id: inv.id,
			status: row.status,
			issue_date: row.issue_date !== null,
			open: num(row.open_amount),
			invoiced: num(shipmentLine.invoiced_qty),
		};
		if (row.status === 'issued') {
			expect(state).toEqual({ id: inv.id, status: 'issued', issue_date: true, open: num(row.total), invoiced: 1 });
			done.add(`invoice:${inv.id}`);
		} else expect(state).toMatchObject({ id: inv.id, status: 'draft', issue_date: false, invoiced: 0 });
		if (issuedInvoices.has(inv.id)) expect(row.status).toBe('issued');
	}
	expect(num(line.invoiced_qty)).toBe(sumOf(delivered, 'invoiced_qty'));

	// Allocations: one per allocated receipt, matching its allocated amount and the invoices' paid amounts.
	const allocated = x.succeeded('allocation');
	for (const r of x.receipts) {
		const row = await db('receipts').where({ id: r.id }).first('status', 'allocated_amount');
		const allocations = await db('receipt_allocations').where({ receipt: r.id }).select('amount', 'invoice');
		expect({
			id: r.id,
			status: row.status,
			allocated: num(row.allocated_amount),
			allocations: allocations.map((a: any) => num(a.amount)),
		}).toEqual({
			id: r.id,
			status: 'confirmed',
			allocated: allocations.length ? 50 : 0,
			allocations: allocations.length ? [50] : [],
		});
		if (allocated.has(r.id)) expect(allocations).toHaveLength(1);
		if (allocations.length) done.add(`allocation:${r.id}`);
	}
	for (const t of x.targets) {
		const row = await db('invoices').where({ id: t.id }).first('total', 'paid_amount', 'open_amount');
		const allocations = await db('receipt_allocations').where({ invoice: t.id }).select('amount');
		expect([num(row.paid_amount), num(row.open_amount)]).toEqual([
			sumOf(allocations, 'amount'),
			num(row.total) - sumOf(allocations, 'amount'),
		]);
	}
	return done;
}

describe("PostgreSQL drops Directus' connections during a loan conversion (借出转销售)", () => {
	beforeAll(async () => {
		pg = KIND === 'postgres' ? main : await Instance.boot('postgres', 'faultspg');
	}, BOOT_TIMEOUT);

	it('the conversion is all or nothing, the ledgers agree, and Directus serves again', { timeout: 120_000 }, async () => {
		const d = pg!;
		const a = await d.stockedProduct(10);
		const b = await d.stockedProduct(10);
		const wh = a.warehouse.id;
		const customer = await d.customerOf('sales_rep');
		const expected_return_date = localDay(new Date(Date.now() + 14 * 86_400_000));
		const draft = await d.ok<any>('sales_rep', 'POST', '/items/loans?fields=*,lines.*', {
			customer: customer.id,
			warehouse: wh,
			expected_return_date,
			purpose: '样机试用',
			lines: [
				{ product: a.product.id, quantity: '3' },
				{ product: b.product.id, quantity: '2' },
			],
		});
		await d.ok('sales_rep', 'PATCH', `/items/loans/${draft.id}`, { status: 'submitted' });
		await d.approveAll('loans', draft.id);
		await d.ok('warehouse', 'PATCH', `/items/loans/${draft.id}`, { status: 'issued' });
		const [la, lb] = (await d.ok<any>('admin', 'GET', `/items/loans/${draft.id}?fields=lines.*&deep[lines][_sort]=id`)).lines;
		const conv = await d.ok<any>('sales_rep', 'POST', '/items/loan_conversions', {
			loan: draft.id,
			contract: await d.standingContract('sales_rep', draft.customer),
			lines: [
				{ loan_line: la.id, quantity: '2', unit_price: '100.00' },
				{ loan_line: lb.id, quantity: '1', unit_price: '100.00' },
			],
		});
		await d.ok('sales_rep', 'PATCH', `/items/loan_conversions/${conv.id}`, { status: 'submitted' });
		const request = await d.approveAll('loan_conversions', conv.id, true);
		const last = request.steps.find((s: any) => s.status === 'pending');
		expect(last.approver_role).toBe('division_head');

		const db = d.db();
		try {
			const snapshot = async () => ({
				conversion: await db('loan_conversions').where({ id: conv.id }).first('status', 'order', 'shipment'),
				request: (await db('approval_requests').where({ id: request.id }).first('status')).status,
				converted: (await db('loan_lines').where({ loan: draft.id }).orderBy('id').select('converted_qty')).map((l: any) =>
					num(l.converted_qty),
				),
				loan: (await db('loans').where({ id: draft.id }).first('status')).status,
				orders: num((await db('sales_orders').count({ n: '*' }))[0]!.n),
				orderLines: num((await db('sales_order_lines').count({ n: '*' }))[0]!.n),
				shipments: num((await db('shipments').count({ n: '*' }))[0]!.n),
				moves: num((await db('stock_moves').count({ n: '*' }))[0]!.n),
				onHand: (
					await db('stock_levels')
						.whereIn('product', [a.product.id, b.product.id])
						.where({ warehouse: wh })
						.orderBy('product')
						.select('on_hand')
				).map((l: any) => num(l.on_hand)),
			});
			const before = await snapshot();
			expect(before).toMatchObject({
				conversion: { status: 'pending_approval', order: null, shipment: null },
				converted: [0, 0],
				loan: 'issued',
				onHand: [7, 8],
			});

			// Hold the delivery-note number sequence: the conversion reaches it only after it has written
			// its loan_convert_in moves, the loan lines' converted quantities and the sales order, so
			// the request stops mid-transaction with all of those uncommitted.
			const holder = await db.transaction();
			let answer: Promise<Res | Error> | undefined;
			try {
				const holderPid = (await holder.raw('select pg_backend_pid() as pid')).rows[0].pid;
				const held = await holder('number_sequences').where({ prefix: NUMBER_PREFIXES.shipments }).forUpdate().select('id');
				expect(held.length).toBeGreaterThan(0); // the demo data has delivery notes, so the row exists
				answer = d.call('division_head', 'POST', `/approvals/${request.id}/approve`, { comment: 'ok' }).catch((e: Error) => e);
				await until('the conversion to wait on the held row', async () => {
					const r = await holder.raw(
						'select count(*)::int as n from pg_stat_activity where datname = current_database() and ? = any(pg_blocking_pids(pid))',
						[holderPid],
					);
					return r.rows[0].n > 0;
				});
				const terminated = await holder.raw(
					'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
				);
				expect(terminated.rows.length).toBeGreaterThan(0);
			} finally {
				await holder.rollback();
			}
			const r = await answer!;
			// The request failed (the connection died under it) rather than claiming success.
			expect(r instanceof Error ? 'dropped' : r.status).not.toBe(200);

			// Nothing of it is applied: the same state as before, the approval still pending.
			expect(await snapshot()).toEqual(before);
			expect(
				await db('stock_moves')
					.where({ source_collection: 'loan_conversions', source_id: String(conv.id) })
					.count({ n: '*' })
					.then((x) => num(x[0]!.n)),
			).toBe(0);

			// Directus serves again (new connections replace the dropped ones) and the ledgers agree.
			expect(await d.ledgerCheck()).toEqual([]);
			expect((await d.call('sales_rep', 'GET', `/items/loans/${draft.id}`)).status).toBe(200);

			// Approving again applies all of it, once.
			const retry = await d.call('division_head', 'POST', `/approvals/${request.id}/approve`, { comment: 'ok' });
			expect(retry.status, JSON.stringify(retry.errors)).toBe(200);
			const after = await snapshot();
			expect(after).toMatchObject({
				request: 'approved',
				converted: [2, 1],
				loan: 'issued',
				onHand: [7, 8],
				orders: before.orders + 1,
				orderLines: before.orderLines + 2,
				shipments: before.shipments + 1,
				moves: before.moves + 4,
			});
			expect(after.conversion).toMatchObject({ status: 'approved' });
			const orderLines = await db('sales_order_lines')
				.where({ order: after.conversion.order })
				.orderBy('id')
				.select('product', 'quantity', 'shipped_qty');
			expect(orderLines.map((l: any) => [l.product, num(l.quantity), num(l.shipped_qty)])).toEqual([
				[a.product.id, 2, 2],
				[b.product.id, 1, 1],
			]);
			expect((await db('shipments').where({ id: after.conversion.shipment }).first('status')).status).toBe('issued');
			expect(await d.ledgerCheck()).toEqual([]);
		} finally {
			await db.destroy();
		}
	});
});

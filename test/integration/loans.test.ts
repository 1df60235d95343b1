import { describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	customerOf,
	ledgerSum,
	onHand,
	requestOf,
	standingContract,
	stockedProduct,
	submit,
} from './fixtures';

const APPROVERS = approversMap();

/** The company's date (Asia/Shanghai) `offset` days from today. */
const day = todayPlus;
const qs = (filter: Record<string, unknown>) => encodeURIComponent(JSON.stringify(filter));
const stepsOf = (req: any) =>
	req.steps
		.sort((a: any, b: any) => a.sequence - b.sequence)
		.map((s: any) => s.approver_role ?? (s.approver_user === userId('sales_manager') ? 'manager' : s.approver_user));

type LoanLine = { product: number; quantity: string };

async function draftLoan(warehouseId: number, lines: LoanLine[], user = 'sales_rep') {
	const customer = await customerOf(user);
	return ok<any>(user, 'POST', '/items/loans?fields=*,lines.*', {
		customer: customer.id,
		warehouse: warehouseId,
		expected_return_date: day(14),
		purpose: '样机试用',
		lines,
	});
}

const readLoan = (id: number) => ok<any>('admin', 'GET', `/items/loans/${id}?fields=*,lines.*&deep[lines][_sort]=id`);

async function approvedLoan(warehouseId: number, lines: LoanLine[]) {
	const loan = await draftLoan(warehouseId, lines);
	await submit('sales_rep', 'loans', loan.id);
	await approveAll('loans', loan.id, APPROVERS);
	return readLoan(loan.id);
}

const issueLoan = (id: number, who = 'warehouse') => call(who, 'PATCH', `/items/loans/${id}`, { status: 'issued' });

async function issuedLoan(warehouseId: number, lines: LoanLine[]) {
	const loan = await approvedLoan(warehouseId, lines);
	await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
	return readLoan(loan.id);
}

const movesOf = (source_collection: string, source_id: number) =>
	ok<any[]>(
		'admin',
		'GET',
		`/items/stock_moves?filter=${qs({ source_collection: { _eq: source_collection }, source_id: { _eq: String(source_id) } })}&sort=id&limit=-1`,
	);

/** Draft → submitted → approved (by whoever the rules ask). */
async function approvedDocument(collection: 'loan_returns' | 'loan_conversions', body: Record<string, unknown>) {
	const doc = await ok<any>('sales_rep', 'POST', `/items/${collection}?fields=*,lines.*`, body);
	await submit('sales_rep', collection, doc.id);
	await approveAll(collection, doc.id, APPROVERS);
	return ok<any>('admin', 'GET', `/items/${collection}/${doc.id}?fields=*,lines.*`);
}

async function stockCounts() {
	return {
		moves: await count('stock_moves'),
		orders: await count('sales_orders'),
		shipments: await count('shipments'),
		orderLines: await count('sales_order_lines'),
	};
}

describe('loans (借出)', () => {
	it('end to end: rep drafts, manager and division head approve, the warehouse issues (loan_out)', async () => {
		const a = await stockedProduct(10);
		const b = await stockedProduct(5);
		const wh = a.warehouse.id;
		const loan = await draftLoan(wh, [
			{ product: a.product.id, quantity: '3' },
			{ product: b.product.id, quantity: '2' },
		]);
		expect(loan).toMatchObject({ status: 'draft', owner: userId('sales_rep'), warehouse: wh });
		expect(loan.number).toMatch(/^LN-\d{4}-\d{6}$/);
		expect(loan.lines.map((l: any) => [Number(l.quantity), Number(l.returned_qty), Number(l.converted_qty)])).toEqual([
			[3, 0, 0],
			[2, 0, 0],
		]);

		expect((await submit('sales_rep', 'loans', loan.id)).status).toBe('pending_approval');
		expect(stepsOf(await requestOf('loans', loan.id))).toEqual(['manager', 'division_head']);
		await approveAll('loans', loan.id, APPROVERS);
		expect((await readLoan(loan.id)).status).toBe('approved');
		expect(await onHand(a.product.id, wh)).toBe(10);

		// Only the warehouse issues.
		const byRep = await issueLoan(loan.id, 'sales_rep');
		expect(byRep.status).toBe(403);
		expect((await readLoan(loan.id)).status).toBe('approved');

		expect((await issueLoan(loan.id)).status).toBe(200);
		const issued = await readLoan(loan.id);
		expect(issued.status).toBe('issued');
		expect(await onHand(a.product.id, wh)).toBe(7);
		expect(await onHand(b.product.id, wh)).toBe(3);
		expect(await ledgerSum(a.product.id, wh)).toBe(7);
		expect(await ledgerSum(b.product.id, wh)).toBe(3);
		const moves = await movesOf('loans', loan.id);
		expect(
			moves.map((m) => ({
				type: m.type,
				product: m.product,
				warehouse: m.warehouse,
				quantity: Number(m.quantity),
				source_line: m.source_line,
				source_number: m.source_number,
			})),
		).toEqual([
			{
				type: 'loan_out',
				product: a.product.id,
				warehouse: wh,
				quantity: -3,
				source_line: String(issued.lines[0].id),
				source_number: loan.number,
			},
			{
				type: 'loan_out',
				product: b.product.id,
				warehouse: wh,
				quantity: -2,
				source_line: String(issued.lines[1].id),
				source_number: loan.number,
			},
		]);

		// Issuing twice is refused and writes nothing.
		const movesBefore = await count('stock_moves');
		const again = await issueLoan(loan.id);
		expect(again.status).toBe(409);
		expect(errorCode(again)).toBe('INVALID_TRANSITION');
		expect(await count('stock_moves')).toBe(movesBefore);
		expect(await onHand(a.product.id, wh)).toBe(7);

		// An issued loan is locked, and the rollups are the server's.
		const locked = await call('sales_rep', 'PATCH', `/items/loan_lines/${issued.lines[0].id}`, { quantity: '1' });
		expect(errorCode(locked)).toBe('DOCUMENT_LOCKED');
		const computed = await call('admin', 'PATCH', `/items/loan_lines/${issued.lines[0].id}`, { returned_qty: '3' });
		expect(computed.status).toBe(403);

		// It shows on the overdue list once the expected return date has passed (the bookmark's filter).
		const overdue = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/loans?filter=${qs({ _and: [{ status: { _eq: 'issued' } }, { expected_return_date: { _lt: '$NOW' } }] })}&limit=-1&fields=id`,
		);
		expect(overdue.map((l) => l.id)).not.toContain(loan.id);
		expect(overdue.length).toBeGreaterThan(0); // the demo loan is due back already
	});

	it('a shortfall on any line refuses the whole issue: 409 INSUFFICIENT_STOCK, loan stays approved, no moves', async () => {
		const a = await stockedProduct(10);
		const b = await stockedProduct(1);
		const loan = await approvedLoan(a.warehouse.id, [
			{ product: a.product.id, quantity: '2' },
			{ product: b.product.id, quantity: '2' },
		]);
		const before = await count('stock_moves');
		const r = await issueLoan(loan.id);
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('INSUFFICIENT_STOCK');
		expect(r.errors![0]!.message).toBe(`${b.product.sku} at WH-SH: on hand 1, requested 2`);
		expect(r.errors![0]!.extensions).toMatchObject({ sku: b.product.sku, warehouse: 'WH-SH', on_hand: '1', requested: '2' });
		expect((await readLoan(loan.id)).status).toBe('approved');
		expect(await count('stock_moves')).toBe(before);
		expect(await onHand(a.product.id, a.warehouse.id)).toBe(10);
		expect(await onHand(b.product.id, b.warehouse.id)).toBe(1);
	});

	it("refuses bad input: zero/negative quantity, no return date, unknown warehouse or product, another rep's customer", async () => {
		const a = await stockedProduct(5);
		const customer = await customerOf('sales_rep');
		const base = {
			customer: customer.id,
			warehouse: a.warehouse.id,
			expected_return_date: day(7),
			lines: [{ product: a.product.id, quantity: '1' }],
		};
		const before = { loans: await count('loans'), lines: await count('loan_lines') };

		const cases: Array<[string, Record<string, unknown>, number, string, string?]> = [
			['zero quantity', { ...base, lines: [{ product: a.product.id, quantity: '0' }] }, 400, 'INVALID_PAYLOAD', 'quantity'],
			['negative quantity', { ...base, lines: [{ product: a.product.id, quantity: '-2' }] }, 400, 'INVALID_PAYLOAD', 'quantity'],
			['no expected return date', { ...base, expected_return_date: undefined }, 400, 'INVALID_PAYLOAD', 'expected_return_date'],
			['a return date that is no date', { ...base, expected_return_date: 'next week' }, 400, 'INVALID_PAYLOAD', 'expected_return_date'],
			['a warehouse that does not exist', { ...base, warehouse: 99999999 }, 400, 'INVALID_PAYLOAD', 'warehouse'],
			['no warehouse', { ...base, warehouse: undefined }, 400, 'INVALID_PAYLOAD', 'warehouse'],
			['a product that does not exist', { ...base, lines: [{ product: 99999999, quantity: '1' }] }, 400, 'INVALID_PAYLOAD', 'product'],
			['a customer that does not exist', { ...base, customer: 99999999 }, 400, 'INVALID_PAYLOAD', 'customer'],
			["another rep's customer", { ...base, customer: (await customerOf('sales_rep_2')).id }, 400, 'INVALID_PAYLOAD', 'customer'],
			['a status other than draft', { ...base, status: 'issued' }, 409, 'INVALID_TRANSITION'],
		];
		for (const [label, body, status, code, field] of cases) {
			const r = await call('sales_rep', 'POST', '/items/loans', body);
			expect({ label, status: r.status, code: errorCode(r) }).toEqual({ label, status, code });
			if (field) expect({ label, field: r.errors![0]!.extensions.field }).toEqual({ label, field });
		}
		expect(await count('loans')).toBe(before.loans);
		expect(await count('loan_lines')).toBe(before.lines);

		// A loan without lines cannot be submitted.
		const empty = await ok<any>('sales_rep', 'POST', '/items/loans', { ...base, lines: [] });
		const r = await call('sales_rep', 'PATCH', `/items/loans/${empty.id}`, { status: 'submitted' });
		expect(r.status).toBe(400);
		expect((await readLoan(empty.id)).status).toBe('draft');
	});
});

describe('loan returns (借出归还)', () => {
	it('partial then full: the warehouse manager confirms, stock comes back, the loan closes when nothing is out', async () => {
		const a = await stockedProduct(10);
		const wh = a.warehouse.id;
		const loan = await issuedLoan(wh, [{ product: a.product.id, quantity: '4' }]);
		const line = loan.lines[0];
		expect(await onHand(a.product.id, wh)).toBe(6);

		const first = await ok<any>('sales_rep', 'POST', '/items/loan_returns?fields=*,lines.*', {
			loan: loan.id,
			lines: [{ loan_line: line.id, quantity: '1' }],
		});
		expect(first.number).toMatch(/^LR-/);
		expect((await submit('sales_rep', 'loan_returns', first.id)).status).toBe('pending_approval');
		// The products' own product manager (these test products have none: the role), then the warehouse manager.
		expect(stepsOf(await requestOf('loan_returns', first.id))).toEqual(['product_manager', 'warehouse_manager']);
		expect(await onHand(a.product.id, wh)).toBe(6); // nothing moves before the goods are confirmed
		await approveAll('loan_returns', first.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/loan_returns/${first.id}`)).status).toBe('approved');
		expect(await onHand(a.product.id, wh)).toBe(7);
		let now = await readLoan(loan.id);
		expect(now.status).toBe('issued');
		expect(Number(now.lines[0].returned_qty)).toBe(1);
		const moves = await movesOf('loan_returns', first.id);
		expect(moves.map((m) => [m.type, m.product, m.warehouse, Number(m.quantity), m.source_line])).toEqual([
			['loan_return_in', a.product.id, wh, 1, String(first.lines[0].id)],
		]);

		await approvedDocument('loan_returns', { loan: loan.id, lines: [{ loan_line: line.id, quantity: '3' }] });
		now = await readLoan(loan.id);
		expect(Number(now.lines[0].returned_qty)).toBe(4);
		expect(now.status).toBe('closed');
		expect(await onHand(a.product.id, wh)).toBe(10);
		expect(await ledgerSum(a.product.id, wh)).toBe(10);

		// Nothing more can come back from a closed loan.
		const late = await call('sales_rep', 'POST', '/items/loan_returns', { loan: loan.id, lines: [{ loan_line: line.id, quantity: '1' }] });
		expect(late.status).toBe(409);
		expect(errorCode(late)).toBe('INVALID_TRANSITION');
	});

	it('over-return is refused with OVER_RETURN and nothing is written; open returns count', async () => {
		const a = await stockedProduct(10);
		const loan = await issuedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '3' }]);
		const line = loan.lines[0];
		const counts = async () => ({
			moves: await count('stock_moves'),
			returns: await count('loan_returns'),
			lines: await count('loan_return_lines'),
		});

		let before = await counts();
		const over = await call('sales_rep', 'POST', '/items/loan_returns', { loan: loan.id, lines: [{ loan_line: line.id, quantity: '4' }] });
		expect(over.status).toBe(409);
		expect(errorCode(over)).toBe('OVER_RETURN');
		expect(over.errors![0]!.message).toContain(`${a.product.sku}: lent 3, returned 0, converted 0`);
		expect(over.errors![0]!.extensions).toMatchObject({ lent: '3', returned: '0', converted: '0', requested: '4' });
		expect(await counts()).toEqual(before);

		// The same line twice in one return counts twice.
		const twice = await call('sales_rep', 'POST', '/items/loan_returns', {
			loan: loan.id,
			lines: [
				{ loan_line: line.id, quantity: '2' },
				{ loan_line: line.id, quantity: '2' },
			],
		});
		expect(errorCode(twice)).toBe('OVER_RETURN');
		expect(await counts()).toEqual(before);

		// A draft return holds its quantity against other returns and conversions.
		const draft = await ok<any>('sales_rep', 'POST', '/items/loan_returns?fields=*,lines.*', {
			loan: loan.id,
			lines: [{ loan_line: line.id, quantity: '2' }],
		});
		before = await counts();
		const second = await call('sales_rep', 'POST', '/items/loan_returns', {
			loan: loan.id,
			lines: [{ loan_line: line.id, quantity: '2' }],
		});
		expect(errorCode(second)).toBe('OVER_RETURN');
		expect(second.errors![0]!.extensions).toMatchObject({ lent: '3', pending: '2' });
		const conversion = await call('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			lines: [{ loan_line: line.id, quantity: '2', unit_price: '100.00' }],
		});
		expect(errorCode(conversion)).toBe('OVER_RETURN');
		expect(await counts()).toEqual(before);

		// Editing a line does not count the line itself.
		expect((await call('sales_rep', 'PATCH', `/items/loan_return_lines/${draft.lines[0].id}`, { quantity: '4' })).status).toBe(409);
		await ok('sales_rep', 'PATCH', `/items/loan_return_lines/${draft.lines[0].id}`, { quantity: '3' });
		expect(await counts()).toEqual(before);
		expect(Number((await readLoan(loan.id)).lines[0].returned_qty)).toBe(0);
	});

	it('refuses a line of another loan, a loan not yet issued, a foreign loan and a zero quantity', async () => {
		const a = await stockedProduct(10);
		const loan = await issuedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '2' }]);
		const other = await issuedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '2' }]);
		const approved = await approvedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '1' }]);
		const before = {
			returns: await count('loan_returns'),
			lines: await count('loan_return_lines'),
			conversions: await count('loan_conversions'),
		};

		const foreignLine = await call('sales_rep', 'POST', '/items/loan_returns', {
			loan: loan.id,
			lines: [{ loan_line: other.lines[0].id, quantity: '1' }],
		});
		expect(foreignLine.status).toBe(400);
		expect(errorCode(foreignLine)).toBe('INVALID_PAYLOAD');
		expect(foreignLine.errors![0]!.extensions.field).toBe('loan_line');

		const notIssued = await call('sales_rep', 'POST', '/items/loan_returns', {
			loan: approved.id,
			lines: [{ loan_line: approved.lines[0].id, quantity: '1' }],
		});
		expect(notIssued.status).toBe(409);
		expect(errorCode(notIssued)).toBe('INVALID_TRANSITION');

		const zero = await call('sales_rep', 'POST', '/items/loan_returns', {
			loan: loan.id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '0' }],
		});
		expect(zero.status).toBe(400);
		expect(errorCode(zero)).toBe('INVALID_PAYLOAD');

		const strangers = await call('sales_rep_2', 'POST', '/items/loan_returns', {
			loan: loan.id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1' }],
		});
		expect(strangers.status).toBe(400); // as for a loan that does not exist

		const noLoan = await call('sales_rep', 'POST', '/items/loan_returns', { loan: 99999999, lines: [] });
		expect(noLoan.status).toBe(400);

		const noPrice = await call('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1' }],
		});
		expect(noPrice.status).toBe(400);
		expect(noPrice.errors![0]!.extensions.field).toBe('unit_price');
		const zeroPrice = await call('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1', unit_price: '0' }],
		});
		expect(zeroPrice.status).toBe(400);
		expect(zeroPrice.errors![0]!.extensions.field).toBe('unit_price');
		const foreignConversionLine = await call('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			lines: [{ loan_line: other.lines[0].id, quantity: '1', unit_price: '100.00' }],
		});
		expect(foreignConversionLine.status).toBe(400);

		expect({
			returns: await count('loan_returns'),
			lines: await count('loan_return_lines'),
			conversions: await count('loan_conversions'),
		}).toEqual(before);
	});
});

describe('loan conversions (借出转销售)', () => {
	it('end to end: on approval, one transaction converts: loan_convert_in, a confirmed order, an issued delivery note and sales_out', async () => {
		const a = await stockedProduct(10, 'WH-SH', '100.00');
		const b = await stockedProduct(10, 'WH-SH', '200.00');
		const wh = a.warehouse.id;
		const loan = await issuedLoan(wh, [
			{ product: a.product.id, quantity: '3' },
			{ product: b.product.id, quantity: '2' },
		]);
		const [la, lb] = loan.lines;
		const stock = [await onHand(a.product.id, wh), await onHand(b.product.id, wh)];
		expect(stock).toEqual([7, 8]);

		const conv = await ok<any>('sales_rep', 'POST', '/items/loan_conversions?fields=*,lines.*', {
			loan: loan.id,
			contract: (await standingContract('sales_rep', loan.customer)).id,
			lines: [
				{ loan_line: la.id, quantity: '3', unit_price: '100.00' },
				{ loan_line: lb.id, quantity: '2', unit_price: '210.00' },
			],
		});
		expect(conv.number).toMatch(/^LC-/);
		expect((await submit('sales_rep', 'loan_conversions', conv.id)).status).toBe('pending_approval');
		expect(stepsOf(await requestOf('loan_conversions', conv.id))).toEqual(['manager', 'product_manager', 'division_head']);
		await approveAll('loan_conversions', conv.id, APPROVERS);

		const done = await ok<any>('admin', 'GET', `/items/loan_conversions/${conv.id}`);
		expect(done.status).toBe('approved');
		expect(done.order).toBeTruthy();
		expect(done.shipment).toBeTruthy();

		const order = await ok<any>('sales_rep', 'GET', `/items/sales_orders/${done.order}?fields=*,lines.*&deep[lines][_sort]=id`);
		expect(order).toMatchObject({ customer: loan.customer, owner: userId('sales_rep') });
		expect(order.number).toMatch(/^SO-/);
		expect(order.confirmed_at).toBeTruthy();
		expect(order.status).toBe('shipped'); // confirmed, and its delivery note went out at once
		expect(Number(order.total)).toBe(720);
		expect(
			order.lines.map((l: any) => [
				l.product,
				Number(l.quantity),
				Number(l.unit_price),
				Number(l.tax_rate),
				Number(l.total),
				Number(l.shipped_qty),
			]),
		).toEqual([
			[a.product.id, 3, 100, 0.13, 300, 3],
			[b.product.id, 2, 210, 0.13, 420, 2],
		]);
		expect(Number(order.lines[0].floor_price)).toBe(100);
		expect(Number(order.lines[0].amount_excl) + Number(order.lines[0].tax)).toBeCloseTo(300, 2);

		const note = await ok<any>('sales_rep', 'GET', `/items/shipments/${done.shipment}?fields=*,lines.*&deep[lines][_sort]=id`);
		expect(note).toMatchObject({ order: order.id, customer: loan.customer, warehouse: wh, status: 'issued', owner: userId('sales_rep') });
		expect(note.issued_at).toBeTruthy();
		expect(note.lines.map((l: any) => [l.order_line, l.product, Number(l.quantity), Number(l.unit_price)])).toEqual([
			[order.lines[0].id, a.product.id, 3, 100],
			[order.lines[1].id, b.product.id, 2, 210],
		]);

		const convertIn = await movesOf('loan_conversions', conv.id);
		expect(convertIn.map((m) => [m.type, m.product, m.warehouse, Number(m.quantity)])).toEqual([
			['loan_convert_in', a.product.id, wh, 3],
			['loan_convert_in', b.product.id, wh, 2],
		]);
		const salesOut = await movesOf('shipments', note.id);
		expect(salesOut.map((m) => [m.type, m.product, Number(m.quantity), m.source_line])).toEqual([
			['sales_out', a.product.id, -3, String(note.lines[0].id)],
			['sales_out', b.product.id, -2, String(note.lines[1].id)],
		]);
		// The goods never left the customer: on hand is unchanged by the conversion, and equals the ledger.
		expect([await onHand(a.product.id, wh), await onHand(b.product.id, wh)]).toEqual(stock);
		expect([await ledgerSum(a.product.id, wh), await ledgerSum(b.product.id, wh)]).toEqual(stock);

		const after = await readLoan(loan.id);
		expect(after.lines.map((l: any) => [Number(l.converted_qty), Number(l.returned_qty)])).toEqual([
			[3, 0],
			[2, 0],
		]);
		expect(after.status).toBe('closed');

		// Ready to invoice.
		const uninvoiced = await ok<any[]>('sales_rep', 'GET', `/invoicing/uninvoiced?customer=${loan.customer}`);
		expect(uninvoiced.filter((l) => l.shipment === note.id).map((l) => Number(l.remaining))).toEqual([3, 2]);
	});

	it('a conversion below the floor price also needs the division head for the price', async () => {
		const a = await stockedProduct(5, 'WH-SH', '100.00');
		const loan = await issuedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '2' }]);
		const conv = await ok<any>('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			contract: (await standingContract('sales_rep', loan.customer)).id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1', unit_price: '90.00' }],
		});
		await submit('sales_rep', 'loan_conversions', conv.id);
		const req = await requestOf('loan_conversions', conv.id);
		expect(stepsOf(req)).toEqual(['manager', 'product_manager', 'division_head']);
		expect(JSON.stringify(req.reasons)).toContain('90.00 < floor 100.00');
		await approveAll('loan_conversions', conv.id, APPROVERS);
		const after = await readLoan(loan.id);
		expect(Number(after.lines[0].converted_qty)).toBe(1);
		expect(after.status).toBe('issued'); // one is still out
	});

	it('a failure in the middle of a loan conversion leaves nothing behind', async () => {
		const a = await stockedProduct(10, 'WH-SH', '100.00');
		const b = await stockedProduct(10, 'WH-SH', '100.00');
		const wh = a.warehouse.id;
		const loan = await issuedLoan(wh, [
			{ product: a.product.id, quantity: '4' },
			{ product: b.product.id, quantity: '4' },
		]);
		const [la, lb] = loan.lines;
		const body = {
			loan: loan.id,
			// 试用完成，签订合同后: the sale comes under a signed contract.
			contract: (await standingContract('sales_rep', loan.customer)).id,
			lines: [
				{ loan_line: la.id, quantity: '1', unit_price: '100.00' },
				{ loan_line: lb.id, quantity: '3', unit_price: '100.00' },
			],
		};

		// First conversion: submitted, sent back by the manager (a rejected one holds nothing) …
		const first = await ok<any>('sales_rep', 'POST', '/items/loan_conversions', body);
		await submit('sales_rep', 'loan_conversions', first.id);
		await ok('sales_manager', 'POST', `/approvals/${(await requestOf('loan_conversions', first.id)).id}/reject`, { comment: '价格再确认' });
		// … so a second one for the same quantities is drafted while enough is outstanding, and the manager approves it.
		const second = await ok<any>('sales_rep', 'POST', '/items/loan_conversions', body);
		await submit('sales_rep', 'loan_conversions', second.id);
		const secondReq = await requestOf('loan_conversions', second.id);
		await ok('sales_manager', 'POST', `/approvals/${secondReq.id}/approve`, {});
		await ok('product_manager', 'POST', `/approvals/${secondReq.id}/approve`, {});
		// The first is resubmitted and fully approved: 1 of line 1 and 3 of line 2 are converted.
		expect((await submit('sales_rep', 'loan_conversions', first.id)).status).toBe('pending_approval');
		await approveAll('loan_conversions', first.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/loan_conversions/${first.id}`)).status).toBe('approved');

		// Now the second's line 2 (3) exceeds what is out (1); its line 1 alone would still be fine.
		const before = await stockCounts();
		const stock = [await onHand(a.product.id, wh), await onHand(b.product.id, wh)];
		const r = await call('division_head', 'POST', `/approvals/${secondReq.id}/approve`, {});
		expect(r.status).toBe(409);
		expect(errorCode(r)).toBe('OVER_RETURN');
		expect(r.errors![0]!.extensions).toMatchObject({ sku: b.product.sku, lent: '4', converted: '3', requested: '3' });

		expect(await stockCounts()).toEqual(before);
		expect([await onHand(a.product.id, wh), await onHand(b.product.id, wh)]).toEqual(stock);
		expect(await movesOf('loan_conversions', second.id)).toEqual([]);
		const after = await readLoan(loan.id);
		expect(after.lines.map((l: any) => Number(l.converted_qty))).toEqual([1, 3]);
		expect(after.status).toBe('issued');
		const secondNow = await ok<any>('admin', 'GET', `/items/loan_conversions/${second.id}`);
		expect(secondNow).toMatchObject({ status: 'pending_approval', order: null, shipment: null });
		expect((await requestOf('loan_conversions', second.id)).status).toBe('pending');
	});
});

describe('loans and stock under concurrency', () => {
	it('loan issues and delivery issues of the same product racing for too little stock never drive it negative', async () => {
		const a = await stockedProduct(5, 'WH-SH', '100.00');
		const wh = a.warehouse.id;
		const loans = [];
		for (let i = 0; i < 3; i++) loans.push(await approvedLoan(wh, [{ product: a.product.id, quantity: '2' }]));
		const o = await confirmedOrder('sales_rep', [{ sku: a.product.sku, quantity: '6', unit_price: '100.00' }]);
		const notes = [];
		for (let i = 0; i < 3; i++) {
			const n = await ok<any>('sales_rep', 'POST', '/items/shipments', {
				order: o.id,
				warehouse: wh,
				lines: [{ order_line: o.lines[0].id, quantity: '2' }],
			});
			await ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
			notes.push(n);
		}

		const results = await Promise.all([
			...loans.map((l) => issueLoan(l.id).then((r) => ({ kind: 'loan', id: l.id, r }))),
			...notes.map((n) =>
				call('warehouse', 'PATCH', `/items/shipments/${n.id}`, { status: 'issued' }).then((r) => ({ kind: 'note', id: n.id, r })),
			),
		]);
		const passed = results.filter((x) => x.r.status === 200);
		const refused = results.filter((x) => x.r.status !== 200);
		expect(passed).toHaveLength(2);
		expect(refused.map((x) => [x.r.status, errorCode(x.r)])).toEqual(Array(4).fill([409, 'INSUFFICIENT_STOCK']));
		expect(await onHand(a.product.id, wh)).toBe(1);
		expect(await ledgerSum(a.product.id, wh)).toBe(1);
		expect(await count('stock_levels', { on_hand: { _lt: 0 } })).toBe(0);
		for (const x of results) {
			const doc = await ok<any>('admin', 'GET', `/items/${x.kind === 'loan' ? 'loans' : 'shipments'}/${x.id}`);
			expect(doc.status).toBe(x.r.status === 200 ? 'issued' : x.kind === 'loan' ? 'approved' : 'submitted');
		}
	});

	it('two warehouse clerks issuing the same loan at once: one issue, one INVALID_TRANSITION', async () => {
		const a = await stockedProduct(10);
		const loan = await approvedLoan(a.warehouse.id, [{ product: a.product.id, quantity: '3' }]);
		const results = await Promise.all([issueLoan(loan.id, 'warehouse'), issueLoan(loan.id, 'warehouse_manager')]);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		expect(errorCode(results.find((r) => r.status === 409)!)).toBe('INVALID_TRANSITION');
		expect(await onHand(a.product.id, a.warehouse.id)).toBe(7);
		expect(await movesOf('loans', loan.id)).toHaveLength(1);
	});
});

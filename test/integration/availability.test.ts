// Available to promise (可用量, issue #14): confirmed orders and approved loans reserve stock; submitting
// an order records per line on hand, reserved and available, and a shortage reaches the approver without
// refusing the order; shipping releases the reservation; the stock report shows the figures.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';
import {
	approveAll,
	approversMap,
	confirmedOrder,
	issuedNote,
	onHand,
	order,
	registeredCustomer,
	requestOf,
	stockedProduct,
	submit,
} from './fixtures';

const APPROVERS = approversMap();
const FIGURES = ['on_hand_at_submit', 'reserved_at_submit', 'available_at_submit', 'shortage_at_submit'];

/** The recorded figures of an order's lines, as numbers (decimals come back as strings or numbers per database). */
async function figuresOf(who: string, id: number) {
	const o = await ok<any>(who, 'GET', `/items/sales_orders/${id}?fields=status,lines.*&deep[lines][_sort]=id`);
	return o.lines.map((l: any) => FIGURES.map((f) => (l[f] === null ? null : Number(l[f]))));
}

async function stockReport(who: string, warehouse: number, product: number) {
	const r = await ok<any>(who, 'GET', `/reports/stock?warehouse=${warehouse}&rows=2000`);
	return { level: r.levels.find((l: any) => l.product === product), total: r.products.find((p: any) => p.product === product), raw: r };
}

describe('available to promise', () => {
	it('reserves for confirmed orders and approved loans, flags a shortage for the approver, releases on shipping', async () => {
		const { product, warehouse } = await stockedProduct(10, 'WH-SH', '100.00');
		const line = (quantity: string) => [{ sku: product.sku, quantity, unit_price: '100.00' }];
		const customer = await registeredCustomer('sales_rep', {
			name: `可用量测试客户${Date.now()}有限公司`,
			grade: 'B',
			intent: 'medium',
			contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
		});

		// Nothing promised yet: the first order sees all 10 and is short of nothing.
		const first = await confirmedOrder('sales_rep', line('4'), { customer: customer.id });
		expect(first.status).toBe('confirmed');
		expect(await figuresOf('sales_rep', first.id)).toEqual([[10, 0, 10, 0]]);
		expect(JSON.stringify((await requestOf('sales_orders', first.id)).reasons)).not.toContain('short by');
		expect(await stockReport('warehouse', warehouse.id, product.id)).toMatchObject({
			level: { on_hand: '10', reserved: '0', available: '10' },
			total: { sku: product.sku, on_hand: '10', reserved: '4', available: '6' },
		});

		// An approved loan (not yet issued) reserves at its warehouse.
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans', {
			customer: customer.id,
			warehouse: warehouse.id,
			expected_return_date: addDays(today(), 7),
			purpose: '样机试用',
			lines: [{ product: product.id, quantity: '3' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/loans/${loan.id}`)).status).toBe('approved');
		expect(await stockReport('warehouse', warehouse.id, product.id)).toMatchObject({
			level: { on_hand: '10', reserved: '3', available: '7' },
			total: { on_hand: '10', reserved: '7', available: '3' },
		});

		// An order of 5 against 3 available: submitted, not refused; the manager reads the shortage of 2.
		const second = await order('sales_rep', line('5'), { customer: customer.id });
		const submitted = await call('sales_rep', 'PATCH', `/items/sales_orders/${second.id}`, { status: 'submitted' });
		expect(submitted.status).toBe(200);
		expect(submitted.data.status).toBe('pending_approval');
		expect(await figuresOf('sales_rep', second.id)).toEqual([[10, 7, 3, 2]]);
		const reason = `${product.sku}: short by 2 (on hand 10, reserved 7, ordering 5)`;
		const req = await requestOf('sales_orders', second.id);
		expect(JSON.stringify(req.reasons)).toContain(reason);
		// The manager, already asked for every order, is the only one asked: a shortage adds a reason, not a step.
		expect(req.steps.map((s: any) => s.approver_user ?? s.approver_role)).toEqual([userId('sales_manager')]);
		const inbox = await ok<any[]>('sales_manager', 'GET', '/approvals/inbox');
		expect(inbox.find((e) => e.request === req.id)?.why.join(' ')).toContain(reason);
		await approveAll('sales_orders', second.id, APPROVERS);
		expect((await ok<any>('sales_rep', 'GET', `/items/sales_orders/${second.id}`)).status).toBe('confirmed');
		expect(await stockReport('warehouse', warehouse.id, product.id)).toMatchObject({
			total: { on_hand: '10', reserved: '12', available: '-2' },
		});

		// Issuing the first order takes 4 off on hand and its 4 off reserved; issuing checks on hand only.
		await issuedNote('sales_rep', first.id, warehouse.id);
		expect(await onHand(product.id, warehouse.id)).toBe(6);
		expect(await stockReport('warehouse', warehouse.id, product.id)).toMatchObject({
			level: { on_hand: '6', reserved: '3', available: '3' },
			total: { on_hand: '6', reserved: '8', available: '-2' },
		});
		// Issuing the loan turns its reservation into goods on loan.
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
		expect(await stockReport('sales_rep', warehouse.id, product.id)).toMatchObject({
			level: { on_hand: '3', reserved: '0', available: '3', on_loan: '3' },
			total: { on_hand: '3', reserved: '5', available: '-2' },
		});
	});

	it('keeps the figures read-only, and shows them only within the stock report and order scopes', async () => {
		const { product, warehouse } = await stockedProduct(2, 'WH-SZ', '100.00');
		const mine = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }]);

		// Nobody writes the recorded figures: refused, and the order's lines are unchanged.
		const lineId = (await ok<any>('admin', 'GET', `/items/sales_orders/${mine.id}?fields=lines.id`)).lines[0].id;
		const before = await count('sales_orders');
		const forged = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: mine.customer,
			lines: [{ product: product.id, quantity: '1', unit_price: '100.00', available_at_submit: '999' }],
		});
		expect(forged.status).toBe(403);
		expect(errorCode(forged)).toBe('FORBIDDEN');
		expect(await count('sales_orders')).toBe(before);
		const patched = await call('sales_rep', 'PATCH', `/items/sales_order_lines/${lineId}`, { shortage_at_submit: '0' });
		expect(patched.status).toBe(403);
		expect(await figuresOf('admin', mine.id)).toEqual([[2, 0, 2, 0]]);

		// Another rep cannot open the order (nor so its figures); the stock report, which every rep reads,
		// counts the promise without naming the order or its customer.
		expect((await call('sales_rep_2', 'GET', `/items/sales_orders/${mine.id}?fields=lines.available_at_submit`)).status).toBe(403);
		const theirs = await stockReport('sales_rep_2', warehouse.id, product.id);
		expect(theirs.total).toMatchObject({ on_hand: '2', reserved: '1', available: '1' });
		expect(JSON.stringify(theirs.raw)).not.toContain(mine.number);
		// Roles without the stock report (legal) get nothing.
		const refused = await call('legal', 'GET', `/reports/stock?warehouse=${warehouse.id}`);
		expect(refused.status).toBe(403);
		expect(errorCode(refused)).toBe('FORBIDDEN');
		expect(refused.data).toBeUndefined();
	});
});

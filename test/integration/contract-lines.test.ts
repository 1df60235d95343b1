// Contract lines and call-offs (合同明细与合同执行, issue #14): a contract with lines amounts to their
// total and passes the quotes' floor-price and margin rules (a price its binding quote granted is
// covered); an order against a contract stays within it — same customer, signed, its products, its
// quantities across open orders, its prices — at create and at submit, also when two submits race.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { call, count, errorCode, ok, userId } from './helpers';
import { approveAll, approversMap, customerOf, requestOf, stockedProduct, submit } from './fixtures';

const APPROVERS = approversMap();

type Line = { product: number; quantity: string; unit_price: string };

/** A fresh product priced `price` (list = floor) with the given cost; no stock needed. */
async function productAt(price: string, cost = '10.00') {
	const { product } = await stockedProduct(0, 'WH-SH', price);
	return ok<any>('admin', 'PATCH', `/items/products/${product.id}`, { cost_price: cost });
}

const stepsOf = (req: any) =>
	[...req.steps]
		.sort((a: any, b: any) => a.sequence - b.sequence)
		.map((s: any) => s.approver_role ?? (s.approver_user === userId('sales_manager') ? 'manager' : s.approver_user));

async function contract(lines: Line[], extra: Record<string, unknown> = {}) {
	const customer = (extra.customer as number) ?? (await customerOf('sales_rep')).id;
	return ok<any>('sales_rep', 'POST', '/items/contracts', { customer, subject: '设备采购合同', ...extra, lines });
}

async function signedContract(lines: Line[], extra: Record<string, unknown> = {}) {
	const c = await contract(lines, extra);
	await submit('sales_rep', 'contracts', c.id);
	await approveAll('contracts', c.id, APPROVERS);
	return ok<any>('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
}

const orderAgainst = (c: any, lines: Line[]) =>
	call('sales_rep', 'POST', '/items/sales_orders', { customer: c.customer, contract: c.id, lines });

/** Quantity of `product` on the open orders against a contract. */
async function openQuantity(contractId: number, product: number) {
	const lines = await ok<any[]>(
		'admin',
		'GET',
		`/items/sales_order_lines?fields=quantity&filter=${encodeURIComponent(
			JSON.stringify({
				product: { _eq: product },
				order: { contract: { _eq: contractId }, status: { _in: ['submitted', 'pending_approval', 'confirmed', 'partially_shipped'] } },
			}),
		)}`,
	);
	return lines.reduce((s, l) => s + Number(l.quantity), 0);
}

describe('contract lines', () => {
	it('a contract with lines amounts to their total, which only the lines change', async () => {
		const [a, b] = [await productAt('100.00'), await productAt('50.50')];
		const c = await contract([
			{ product: a.id, quantity: '3', unit_price: '100.00' },
			{ product: b.id, quantity: '2', unit_price: '50.50' },
		]);
		// The amount is computed: an entered one is refused, on create with lines as on update.
		const before = await count('contracts');
		const forged = await call('sales_rep', 'POST', '/items/contracts', {
			customer: c.customer,
			amount: '1.00',
			lines: [{ product: a.id, quantity: '1', unit_price: '100.00' }],
		});
		expect([forged.status, errorCode(forged)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(await count('contracts')).toBe(before);
		const edit = await call('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { amount: '1.00' });
		expect([edit.status, errorCode(edit)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(edit.errors![0]!.message).toContain(c.number);

		await submit('sales_rep', 'contracts', c.id);
		const submitted = await ok<any>('sales_rep', 'GET', `/items/contracts/${c.id}?fields=amount,lines.total,lines.floor_price`);
		expect(Number(submitted.amount)).toBe(401);
		expect(submitted.lines.map((l: any) => [Number(l.total), Number(l.floor_price)])).toEqual([
			[300, 100],
			[101, 50.5],
		]);
		const req = await requestOf('contracts', c.id);
		expect(Number(req.amount)).toBe(401);
		expect(stepsOf(req)).toEqual(['manager', 'legal', 'finance']);
	});

	it('a line below floor needs the special discount, a low margin finance — unless a binding quote granted the price', async () => {
		const p = await productAt('100.00');
		const below = await contract([{ product: p.id, quantity: '2', unit_price: '90.00' }]);
		await submit('sales_rep', 'contracts', below.id);
		const req = await requestOf('contracts', below.id);
		expect(stepsOf(req)).toEqual(['manager', 'legal', 'finance', 'division_head']);
		expect(JSON.stringify(req.reasons)).toContain(`line 1: 90.00 < floor 100.00 (${p.sku})`);

		const costly = await productAt('100.00', '80.00');
		const thin = await contract([{ product: costly.id, quantity: '1', unit_price: '100.00' }]);
		await submit('sales_rep', 'contracts', thin.id);
		expect(stepsOf(await requestOf('contracts', thin.id))).toEqual(['manager', 'legal', 'finance', 'finance_manager']);

		// The same price granted by an approved quote that still binds: no special discount.
		const q = await ok<any>('sales_rep', 'POST', '/items/quotes', {
			customer: below.customer,
			lines: [{ product: p.id, quantity: '2', unit_price: '90.00' }],
		});
		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, APPROVERS);
		const covered = await contract([{ product: p.id, quantity: '2', unit_price: '90.00' }], { quote: q.id });
		await submit('sales_rep', 'contracts', covered.id);
		expect(stepsOf(await requestOf('contracts', covered.id))).toEqual(['manager', 'legal', 'finance']);

		// An approved quote past its validity grants nothing any more.
		const old = await ok<any>('sales_rep', 'POST', '/items/quotes', {
			customer: below.customer,
			quote_date: addDays(today(), -40),
			valid_until: addDays(today(), -10),
			lines: [{ product: p.id, quantity: '2', unit_price: '90.00' }],
		});
		await submit('sales_rep', 'quotes', old.id);
		await approveAll('quotes', old.id, APPROVERS);
		const lapsed = await contract([{ product: p.id, quantity: '2', unit_price: '90.00' }], { quote: old.id });
		await submit('sales_rep', 'contracts', lapsed.id);
		expect(stepsOf(await requestOf('contracts', lapsed.id))).toEqual(['manager', 'legal', 'finance', 'division_head']);
	});

	it('refuses bad lines and writes nothing', async () => {
		const p = await productAt('100.00');
		const customer = (await customerOf('sales_rep')).id;
		const [contracts, lines] = [await count('contracts'), await count('contract_lines')];
		for (const quantity of ['0', '-1']) {
			const r = await call('sales_rep', 'POST', '/items/contracts', {
				customer,
				lines: [{ product: p.id, quantity, unit_price: '100.00' }],
			});
			expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
		}
		const draft = await contract([{ product: p.id, quantity: '1', unit_price: '100.00' }]);
		const added = await call('sales_rep', 'POST', '/items/contract_lines', {
			contract: draft.id,
			product: p.id,
			quantity: '-2',
			unit_price: '1.00',
		});
		expect([added.status, errorCode(added)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect([await count('contracts'), await count('contract_lines')]).toEqual([contracts + 1, lines + 1]);
		// Another rep neither reads nor adds to the lines of this contract.
		expect((await call('sales_rep_2', 'GET', `/items/contracts/${draft.id}?fields=lines.unit_price`)).status).toBe(403);
		const theirs = await call('sales_rep_2', 'POST', '/items/contract_lines', {
			contract: draft.id,
			product: p.id,
			quantity: '1',
			unit_price: '1.00',
		});
		expect(theirs.status).toBeGreaterThanOrEqual(400);
		expect(await count('contract_lines')).toBe(lines + 1);
	});
});

describe('orders against a contract', () => {
	it('stay within a signed contract of their customer: its products, prices and quantities', async () => {
		const [a, b, other] = [await productAt('100.00'), await productAt('200.00'), await productAt('100.00')];
		const terms = [
			{ product: a.id, quantity: '10', unit_price: '100.00' },
			{ product: b.id, quantity: '5', unit_price: '200.00' },
		];
		const orders = await count('sales_orders');
		const refused = async (r: Awaited<ReturnType<typeof call>>, message: string) => {
			expect([r.status, errorCode(r)]).toEqual([409, 'CONTRACT_MISMATCH']);
			expect(r.errors![0]!.message).toContain(message);
			expect(await count('sales_orders')).toBe(orders);
		};

		const unsigned = await contract(terms);
		await refused(
			await orderAgainst(unsigned, [{ product: a.id, quantity: '1', unit_price: '100.00' }]),
			`contract ${unsigned.number} is draft; only a signed contract takes orders`,
		);

		const c = await signedContract(terms);
		await refused(
			await orderAgainst(c, [{ product: other.id, quantity: '1', unit_price: '100.00' }]),
			`line 1 ${other.sku}: not on contract ${c.number}`,
		);
		await refused(
			await orderAgainst(c, [
				{ product: a.id, quantity: '1', unit_price: '100.00' },
				{ product: b.id, quantity: '1', unit_price: '199.99' },
			]),
			`line 2 ${b.sku}: unit price 199.99 below contract price 200.00`,
		);
		// Two lines of one product count together: 6 + 5 > 10.
		await refused(
			await orderAgainst(c, [
				{ product: a.id, quantity: '6', unit_price: '100.00' },
				{ product: a.id, quantity: '5', unit_price: '120.00' },
			]),
			`line 2 ${a.sku}: this order 11 + other open orders 0 > contracted 10`,
		);

		// Within it: created and submitted; the next order sees its 7 as taken.
		const fits = await orderAgainst(c, [
			{ product: a.id, quantity: '7', unit_price: '100.00' },
			{ product: b.id, quantity: '5', unit_price: '210.00' },
		]);
		expect(fits.status).toBe(200);
		await submit('sales_rep', 'sales_orders', fits.data.id);
		const after = await count('sales_orders');
		const over = await orderAgainst(c, [{ product: a.id, quantity: '4', unit_price: '100.00' }]);
		expect([over.status, errorCode(over)]).toEqual([409, 'CONTRACT_MISMATCH']);
		expect(over.errors![0]!.message).toContain(`line 1 ${a.sku}: this order 4 + other open orders 7 > contracted 10`);
		expect(await count('sales_orders')).toBe(after);
	});

	it('a framework contract bounds the orders by its amount; a contract of another customer is refused', async () => {
		const p = await productAt('100.00');
		const c = await signedContract([], { amount: '1000.00' });
		const orders = await count('sales_orders');
		const over = await orderAgainst(c, [{ product: p.id, quantity: '11', unit_price: '100.00' }]);
		expect([over.status, errorCode(over)]).toEqual([409, 'CONTRACT_MISMATCH']);
		expect(over.errors![0]!.message).toContain(
			`framework contract ${c.number}: this order 1100.00 + other orders 0.00 > contract amount 1000.00`,
		);
		expect((await orderAgainst(c, [{ product: p.id, quantity: '10', unit_price: '100.00' }])).status).toBe(200);

		const [, second] = await ok<any[]>('sales_rep', 'GET', '/items/customers?sort=id&limit=2');
		const foreign = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: second.id,
			contract: c.id,
			lines: [{ product: p.id, quantity: '1', unit_price: '100.00' }],
		});
		expect([foreign.status, errorCode(foreign)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(await count('sales_orders')).toBe(orders + 1);
	});

	it('two orders that each fit but not together, submitted at once: exactly one passes', async () => {
		const p = await productAt('100.00');
		const c = await signedContract([{ product: p.id, quantity: '10', unit_price: '100.00' }]);
		const drafts = await Promise.all([1, 2].map(() => orderAgainst(c, [{ product: p.id, quantity: '6', unit_price: '100.00' }])));
		expect(drafts.map((d) => d.status)).toEqual([200, 200]);
		const results = await Promise.all(
			drafts.map((d) => call('sales_rep', 'PATCH', `/items/sales_orders/${d.data.id}`, { status: 'submitted' })),
		);
		expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
		const loser = results.find((r) => r.status === 409)!;
		expect(errorCode(loser)).toBe('CONTRACT_MISMATCH');
		expect(loser.errors![0]!.message).toContain(`this order 6 + other open orders 6 > contracted 10`);
		const statuses = await Promise.all(drafts.map(async (d) => (await ok<any>('admin', 'GET', `/items/sales_orders/${d.data.id}`)).status));
		expect(statuses.sort()).toEqual(['draft', 'pending_approval']);
		expect(await openQuantity(c.id, p.id)).toBe(6);
	});
});

describe('order changes against a contract', () => {
	it('a change may not take an order beyond its contract; lowering it always passes', async () => {
		const a = await productAt('100.00');
		const c = await signedContract([{ product: a.id, quantity: '5', unit_price: '100.00' }]);
		const created = await orderAgainst(c, [{ product: a.id, quantity: '4', unit_price: '100.00' }]);
		expect(created.status).toBe(200);
		await submit('sales_rep', 'sales_orders', created.data.id);
		await approveAll('sales_orders', created.data.id, APPROVERS);
		const order = await ok<any>('admin', 'GET', `/items/sales_orders/${created.data.id}?fields=status,lines.id`);
		expect(order.status).toBe('confirmed');
		const line = order.lines[0].id;

		// 6 > 5 contracted, and a price below the contract's: refused when the change is submitted.
		for (const edit of [{ new_quantity: '6' }, { new_unit_price: '99.99' }]) {
			const ch = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
				order: created.data.id,
				reason: '客户加量',
				changes: [{ order_line: line, ...edit }],
			});
			const r = await call('sales_rep', 'PATCH', `/items/order_changes/${ch.id}`, { status: 'submitted' });
			expect([r.status, errorCode(r)], JSON.stringify(edit)).toEqual([409, 'CONTRACT_MISMATCH']);
			expect((await ok<any>('admin', 'GET', `/items/order_changes/${ch.id}`)).status).toBe('draft');
		}
		expect(await openQuantity(c.id, a.id)).toBe(4);

		const within = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
			order: created.data.id,
			reason: '客户加量',
			changes: [{ order_line: line, new_quantity: '5' }],
		});
		await submit('sales_rep', 'order_changes', within.id);
		await approveAll('order_changes', within.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/order_changes/${within.id}`)).status).toBe('applied');
		expect(await openQuantity(c.id, a.id)).toBe(5);

		const less = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
			order: created.data.id,
			reason: '客户减量',
			changes: [{ order_line: line, new_quantity: '2' }],
		});
		await submit('sales_rep', 'order_changes', less.id);
		await approveAll('order_changes', less.id, APPROVERS);
		expect(await openQuantity(c.id, a.id)).toBe(2);
	});
});

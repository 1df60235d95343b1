// 客户评审 before the first order (PROCESS.md §12): finance records enterprise status and credit rating
// (stamped with who and when); a customer's first order of an unreviewed customer goes to the finance
// manager, or is refused with REVIEW_REQUIRED when no rule asks anyone; free-text values written before
// the fields became choices are migrated by the ensure step.
import knex from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { knexConfig } from '../../scripts/lib/env';
import { migrateData } from '../../scripts/migrate-data';
import { call, count, env, errorCode, ok, userId } from './helpers';
import { approveAll, approversMap, order, registeredCustomer, requestOf, standingContract, stockedProduct, submit } from './fixtures';

const APPROVERS = approversMap();
const REVIEWED = { enterprise_status: 'normal', credit_rating: 'B' };

let seq = 0;
async function freshCustomer(review: Record<string, unknown> = {}) {
	const tag = `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;
	return registeredCustomer('sales_rep', {
		name: `首单审核测试客户${tag}有限公司`,
		grade: 'B',
		contacts: [{ name: '赵经理', title: '采购经理', phone: '13800000001' }],
		...review,
	});
}

const stepsOf = (req: any) =>
	[...req.steps]
		.sort((a: any, b: any) => a.sequence - b.sequence)
		.map((s: any) => s.approver_role ?? (s.approver_user === userId('sales_manager') ? 'manager' : s.approver_user));

let sku: string;
async function draftOrder(customer: any) {
	if (!sku) sku = (await stockedProduct(1000, 'WH-SH', '100.00')).product.sku;
	return order('sales_rep', [{ sku, quantity: '1', unit_price: '100.00' }], { customer: customer.id });
}

async function submitted(customer: any) {
	const o = await draftOrder(customer);
	await submit('sales_rep', 'sales_orders', o.id);
	return { order: o, request: await requestOf('sales_orders', o.id) };
}

const customerRow = (id: number) =>
	ok<any>('admin', 'GET', `/items/customers/${id}?fields=enterprise_status,credit_rating,reviewed_by,reviewed_at,credit_limit`);

describe('first-order review', () => {
	it("an unreviewed customer's first order adds the finance manager, naming the customer and what is missing", async () => {
		const customer = await freshCustomer();
		const { order: o, request } = await submitted(customer);
		expect(stepsOf(request)).toEqual(['manager', 'finance_manager']);
		const reasons = JSON.stringify(request.reasons);
		expect(reasons).toContain(`first order of ${customer.code} ${customer.name}`);
		expect(reasons).toContain('enterprise status not recorded');
		expect(reasons).toContain('no credit rating');
		expect(reasons).toContain('首单客户资信审核');
		// The finance manager reads why in the inbox once the manager has approved.
		await ok('sales_manager', 'POST', `/approvals/${request.id}/approve`, { comment: 'ok' });
		const entry = (await ok<any[]>('finance_manager', 'GET', '/approvals/inbox')).find((e) => e.request === request.id);
		expect(entry.why.join(' ')).toContain(`first order of ${customer.code}`);
		await ok('finance_manager', 'POST', `/approvals/${request.id}/approve`, { comment: '已核实资信' });
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`)).status).toBe('confirmed');

		// A second order, after the first was confirmed, is no first order: the manager alone.
		const second = await submitted(customer);
		expect(stepsOf(second.request)).toEqual(['manager']);
		expect(JSON.stringify(second.request.reasons)).not.toContain('first order');
	});

	it('a status other than normal, or no rating, is a gap; a reviewed customer goes to the manager alone', async () => {
		const abnormal = await freshCustomer({ enterprise_status: 'abnormal', credit_rating: 'AA' });
		const a = await submitted(abnormal);
		expect(stepsOf(a.request)).toEqual(['manager', 'finance_manager']);
		expect(JSON.stringify(a.request.reasons)).toContain('enterprise status is 经营异常 / abnormal, not 存续 / normal');
		expect(JSON.stringify(a.request.reasons)).not.toContain('no credit rating');

		const unrated = await freshCustomer({ enterprise_status: 'normal' });
		const u = await submitted(unrated);
		expect(stepsOf(u.request)).toEqual(['manager', 'finance_manager']);
		expect(JSON.stringify(u.request.reasons)).toContain('no credit rating');

		const reviewed = await freshCustomer(REVIEWED);
		const r = await submitted(reviewed);
		expect(stepsOf(r.request)).toEqual(['manager']);
		await approveAll('sales_orders', r.order.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${r.order.id}`)).status).toBe('confirmed');
	});

	it('an order pending approval does not end the first-order review: the next one is still a first order', async () => {
		const customer = await freshCustomer();
		const first = await submitted(customer);
		const second = await submitted(customer);
		expect(stepsOf(first.request)).toEqual(['manager', 'finance_manager']);
		expect(stepsOf(second.request)).toEqual(['manager', 'finance_manager']);
	});

	it('finance records the review, stamped with who and when; the rep may not, and nobody writes the stamps', async () => {
		const customer = await freshCustomer();
		expect(await customerRow(customer.id)).toMatchObject({
			enterprise_status: null,
			credit_rating: null,
			reviewed_by: null,
			reviewed_at: null,
		});
		const historyBefore = await count('customer_history', { customer: { _eq: customer.id } });

		for (const body of [{ enterprise_status: 'normal' }, { credit_rating: 'AAA' }]) {
			const r = await call('sales_rep', 'PATCH', `/items/customers/${customer.id}`, body);
			expect([r.status, errorCode(r)], JSON.stringify(body)).toEqual([403, 'FORBIDDEN']);
		}
		for (const body of [{ reviewed_by: userId('finance') }, { reviewed_at: '2026-01-01T00:00:00Z' }]) {
			const r = await call('finance', 'PATCH', `/items/customers/${customer.id}`, body);
			expect(r.status, JSON.stringify(body)).toBe(403);
		}
		expect(await customerRow(customer.id)).toMatchObject({
			enterprise_status: null,
			credit_rating: null,
			reviewed_by: null,
			reviewed_at: null,
		});
		expect(await count('customer_history', { customer: { _eq: customer.id } })).toBe(historyBefore);

		await ok('finance_manager', 'PATCH', `/items/customers/${customer.id}`, { enterprise_status: 'normal', credit_rating: 'A' });
		const reviewed = await customerRow(customer.id);
		expect(reviewed).toMatchObject({ enterprise_status: 'normal', credit_rating: 'A', reviewed_by: userId('finance_manager') });
		expect(Date.now() - Date.parse(reviewed.reviewed_at)).toBeLessThan(120_000);
		// Other credit terms are no review: the stamp stays.
		await ok('finance', 'PATCH', `/items/customers/${customer.id}`, { credit_limit: '1000.00' });
		expect((await customerRow(customer.id)).reviewed_by).toBe(userId('finance_manager'));
		const history = await ok<any[]>('admin', 'GET', `/items/customer_history?filter[customer][_eq]=${customer.id}&sort=id`);
		expect(history.map((h) => [h.kind, h.from_value, h.to_value])).toEqual(
			expect.arrayContaining([
				['enterprise_status', null, 'normal'],
				['credit_rating', null, 'A'],
			]),
		);

		// Reviewed now: its first order needs the manager alone.
		expect(stepsOf((await submitted(customer)).request)).toEqual(['manager']);
	});

	it('the customer form shows the review fields together in one marked group', async () => {
		const fields = await ok<any[]>('admin', 'GET', '/fields/customers');
		const group = fields.find((f) => f.field === 'credit_review');
		expect(group.meta).toMatchObject({ interface: 'group-detail', special: expect.arrayContaining(['group']) });
		const inGroup = fields.filter((f) => f.meta?.group === 'credit_review').map((f) => f.field);
		expect(inGroup).toEqual(expect.arrayContaining(['enterprise_status', 'credit_rating', 'reviewed_by', 'reviewed_at']));
		const status = fields.find((f) => f.field === 'enterprise_status');
		expect(status.meta.options.choices.map((c: any) => c.value)).toEqual(['normal', 'abnormal', 'revoked', 'deregistered']);
		expect(fields.find((f) => f.field === 'credit_rating').meta.options.choices.map((c: any) => c.value)).toEqual([
			'AAA',
			'AA',
			'A',
			'B',
			'C',
		]);
		expect(fields.find((f) => f.field === 'reviewed_by').meta.readonly).toBe(true);
	});

	it('bad choice values are refused with 400, changing nothing', async () => {
		const customer = await freshCustomer(REVIEWED);
		const before = await customerRow(customer.id);
		for (const body of [
			{ enterprise_status: 'open' },
			{ enterprise_status: 'Normal' },
			{ enterprise_status: '存续' },
			{ enterprise_status: 1 },
			{ credit_rating: 'BBB' },
			{ credit_rating: 'aa' },
			{ credit_rating: ['A'] },
			{ enterprise_status: 'normal', credit_rating: 'D' },
		]) {
			const r = await call('finance', 'PATCH', `/items/customers/${customer.id}`, body);
			expect([r.status, errorCode(r)], JSON.stringify(body)).toEqual([400, 'INVALID_PAYLOAD']);
		}
		expect(await customerRow(customer.id)).toEqual(before);
	});

	describe('with no rule to review first orders', () => {
		const rule = () => ok<any[]>('admin', 'GET', '/items/approval_rules?filter[key][_eq]=order_first_review').then((r) => r[0]);
		let original: any;
		afterAll(async () => {
			if (original) await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { active: true, steps: original.steps });
		});

		async function refused(customer: any) {
			const o = await draftOrder(customer);
			const counts = async () => [
				await count('approval_requests'),
				await count('status_history', { item: { _eq: String(o.id) } }),
				await count('directus_notifications'),
			];
			const before = await counts();
			const r = await call('sales_rep', 'PATCH', `/items/sales_orders/${o.id}`, { status: 'submitted' });
			expect([r.status, errorCode(r)]).toEqual([409, 'REVIEW_REQUIRED']);
			expect(r.errors![0]!.message).toContain(`${o.number}: first order of ${customer.code} ${customer.name}`);
			expect(r.errors![0]!.message).toContain('no credit rating');
			expect(r.errors![0]!.extensions).toMatchObject({ customer: customer.id, missing: ['enterprise_status', 'credit_rating'] });
			const after = await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`);
			expect([after.status, after.approval_request]).toEqual(['draft', null]);
			expect(await counts()).toEqual(before);
		}

		it('a disabled rule: the first order of an unreviewed customer is refused (409 REVIEW_REQUIRED), nothing changes', async () => {
			original = await rule();
			await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { active: false });
			await refused(await freshCustomer());
			// A reviewed customer's first order is not concerned.
			const ok1 = await submitted(await freshCustomer(REVIEWED));
			expect(stepsOf(ok1.request)).toEqual(['manager']);
		});

		it('a rule that asks nobody counts as none', async () => {
			await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { active: true, steps: [] });
			await refused(await freshCustomer());
			await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { steps: original.steps });
			expect(stepsOf((await submitted(await freshCustomer())).request)).toEqual(['manager', 'finance_manager']);
		});
	});
});

describe("a loan conversion that is the customer's first order", () => {
	/** A loan of one unit of a fresh product to `customer`, issued; and a draft conversion of it under a signed contract. */
	async function draftConversion(customer: any) {
		const { product, warehouse } = await stockedProduct(5, 'WH-SH', '100.00');
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans?fields=*,lines.*', {
			customer: customer.id,
			warehouse: warehouse.id,
			expected_return_date: todayPlus(14),
			purpose: '样机试用',
			lines: [{ product: product.id, quantity: '1' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, APPROVERS);
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
		return ok<any>('sales_rep', 'POST', '/items/loan_conversions', {
			loan: loan.id,
			contract: (await standingContract('sales_rep', customer.id)).id,
			lines: [{ loan_line: loan.lines[0].id, quantity: '1', unit_price: '100.00' }],
		});
	}
	const ordersOf = async (customer: any) =>
		(await ok<any[]>('admin', 'GET', `/items/sales_orders?filter[customer][_eq]=${customer.id}&fields=status`)).map((o) => o.status);

	it('goes to the finance manager when the customer is unreviewed, and confirms its order once approved', async () => {
		const customer = await freshCustomer();
		const conv = await draftConversion(customer);
		await submit('sales_rep', 'loan_conversions', conv.id);
		const request = await requestOf('loan_conversions', conv.id);
		expect(stepsOf(request)).toContain('finance_manager');
		expect(JSON.stringify(request.reasons)).toContain(`first order of ${customer.code} ${customer.name}`);
		expect(JSON.stringify(request.reasons)).toContain('借出转销售（首单）：客户资信审核');
		await approveAll('loan_conversions', conv.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/loan_conversions/${conv.id}`)).status).toBe('approved');
		// Its order was confirmed, and its delivery note went out at once.
		expect(await ordersOf(customer)).toEqual(['shipped']);
	});

	it('a reviewed customer, or one with a confirmed order already, needs no finance manager', async () => {
		const reviewed = await freshCustomer(REVIEWED);
		const conv = await draftConversion(reviewed);
		await submit('sales_rep', 'loan_conversions', conv.id);
		expect(stepsOf(await requestOf('loan_conversions', conv.id))).not.toContain('finance_manager');

		const customer = await freshCustomer();
		const first = await submitted(customer);
		await approveAll('sales_orders', first.order.id, APPROVERS);
		const later = await draftConversion(customer);
		await submit('sales_rep', 'loan_conversions', later.id);
		expect(stepsOf(await requestOf('loan_conversions', later.id))).not.toContain('finance_manager');
	});

	describe('with no rule to review it', () => {
		const rule = () => ok<any[]>('admin', 'GET', '/items/approval_rules?filter[key][_eq]=loan_conversion_first_review').then((r) => r[0]);
		let original: any;
		afterAll(async () => {
			if (original) await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { active: true });
		});

		it('is refused with 409 REVIEW_REQUIRED, nothing written', async () => {
			original = await rule();
			expect(original).toMatchObject({ document: 'loan_conversions', condition: 'first_order_unreviewed', active: true });
			await ok('admin', 'PATCH', `/items/approval_rules/${original.id}`, { active: false });
			const customer = await freshCustomer();
			const conv = await draftConversion(customer);
			const before = [await count('approval_requests'), await count('status_history', { item: { _eq: String(conv.id) } })];
			const r = await call('sales_rep', 'PATCH', `/items/loan_conversions/${conv.id}`, { status: 'submitted' });
			expect([r.status, errorCode(r)]).toEqual([409, 'REVIEW_REQUIRED']);
			expect(r.errors![0]!.message).toContain(`${conv.number}: first order of ${customer.code} ${customer.name}`);
			expect(r.errors![0]!.extensions).toMatchObject({ customer: customer.id, missing: ['enterprise_status', 'credit_rating'] });
			const after = await ok<any>('admin', 'GET', `/items/loan_conversions/${conv.id}`);
			expect([after.status, after.approval_request]).toEqual(['draft', null]);
			expect([await count('approval_requests'), await count('status_history', { item: { _eq: String(conv.id) } })]).toEqual(before);
			expect(await ordersOf(customer)).toEqual([]);
		});
	});
});

describe('free-text review values from before the choices', () => {
	it('the ensure step maps them to their keys once, keeping the old text in the history', async () => {
		const db = knex(knexConfig(env()) as any);
		try {
			const a = await freshCustomer();
			const b = await freshCustomer();
			const c = await freshCustomer(REVIEWED);
			await db('customers').where({ id: a.id }).update({ enterprise_status: '存续（在营、开业、在册）', credit_rating: 'aa' });
			await db('customers').where({ id: b.id }).update({ enterprise_status: '吊销，未注销', credit_rating: 'BBB' });
			const history = (id: number) =>
				db('customer_history').where({ customer: id }).whereIn('kind', ['enterprise_status', 'credit_rating']).orderBy('id');
			const cHistory = (await history(c.id)).length;

			await migrateData(db);
			const row = (id: number) => db('customers').where({ id }).first('enterprise_status', 'credit_rating');
			expect(await row(a.id)).toEqual({ enterprise_status: 'normal', credit_rating: 'AA' });
			expect(await row(b.id)).toEqual({ enterprise_status: 'revoked', credit_rating: null });
			expect(await row(c.id)).toEqual({ enterprise_status: 'normal', credit_rating: 'B' });
			expect((await history(a.id)).map((h) => [h.kind, h.from_value, h.to_value])).toEqual([
				['enterprise_status', '存续（在营、开业、在册）', 'normal'],
				['credit_rating', 'aa', 'AA'],
			]);
			expect((await history(b.id)).map((h) => [h.kind, h.from_value, h.to_value])).toEqual([
				['enterprise_status', '吊销，未注销', 'revoked'],
				['credit_rating', 'BBB', null],
			]);
			expect((await history(c.id)).length).toBe(cHistory);

			// Idempotent: a second run changes nothing.
			const total = await db('customer_history').count({ n: '*' });
			await migrateData(db);
			expect(await db('customer_history').count({ n: '*' })).toEqual(total);
			expect(await row(b.id)).toEqual({ enterprise_status: 'revoked', credit_rating: null });

			// Migrated, b is still unreviewed: its first order goes to the finance manager.
			expect(stepsOf((await submitted(b)).request)).toEqual(['manager', 'finance_manager']);
		} finally {
			await db.destroy();
		}
	});
});

// GET /reports/:name — each report's figures on data the test makes (compared before/after, so
// other tests' data does not matter), the caller's row access, bad filters and unknown names.
import { readFileSync } from 'node:fs';
import knex from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { formatMoney, parseMoney } from '../../extensions/salesflow/src/domain/money';
import { today } from '../../extensions/salesflow/src/platform/clock';
import { COCKPIT, COCKPIT_PANELS, dashboardId, IMPORT_BOARD, IMPORT_PANELS, panelId } from '../../schema/dashboard';
import { applyDashboard } from '../../scripts/apply-dashboard';
import { AdminApi } from '../../scripts/lib/admin-api';
import { knexConfig, ROOT } from '../../scripts/lib/env';
import { call, count, env, errorCode, ok, url, userId } from './helpers';
import { approveAll, approversMap, confirmedOrder, issuedNote, order, quote, registeredCustomer, stockedProduct, submit } from './fixtures';

// The company's day (Asia/Shanghai unless SALESFLOW_TIMEZONE says otherwise), as the reports count.
const TODAY = today();
const PERIOD = TODAY.slice(0, 7);
const APPROVERS = approversMap();

const report = (who: string, name: string, query = '') => ok<any>(who, 'GET', `/reports/${name}${query ? `?${query}` : ''}`);
/** b − a of two money strings, as a money string. */
const delta = (a: string, b: string) => formatMoney(parseMoney(b) - parseMoney(a));
const thisMonth = async (who: string, query = '') => (await report(who, 'sales-trend', query)).months.at(-1);

let seq = 0;
const tag = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function freshCustomer(rep: string, fields: Record<string, unknown> = {}) {
	return registeredCustomer(rep, {
		name: `报表测试客户${tag()}有限公司`,
		grade: 'B',
		intent: 'medium',
		payment_terms_days: 30,
		contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
		...fields,
	});
}

// Test setup that only time can do otherwise ("confirmed a week ago"), written as the hooks write dates.
let db: ReturnType<typeof knex> | undefined;
const database = () => (db ??= knex(knexConfig(env()) as any));
afterAll(async () => db?.destroy());

describe('sales trend', () => {
	it('sums ordered, shipped, invoiced and received this month, exactly, per caller', async () => {
		const who = ['sales_rep', 'sales_rep_2', 'sales_manager', 'finance'];
		const before = Object.fromEntries(await Promise.all(who.map(async (w) => [w, await thisMonth(w)])));

		const customer = await freshCustomer('sales_rep');
		const { product, warehouse } = await stockedProduct(100, 'WH-SH', '33.33');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '3', unit_price: '33.33' }], { customer: customer.id });
		expect(o.status).toBe('confirmed');
		const note = await issuedNote('sales_rep', o.id, warehouse.id, [{ order_line: o.lines[0].id, quantity: '2' }]);
		const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		await ok('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		const r = await ok<any>('finance', 'POST', '/items/receipts', {
			customer: customer.id,
			amount: '50.05',
			received_on: TODAY,
			method: '银行转账',
		});
		await ok('finance', 'PATCH', `/items/receipts/${r.id}`, { status: 'confirmed' });
		await ok('finance', 'POST', '/items/receipts', { customer: customer.id, amount: '1000.00', received_on: TODAY }); // draft: not received yet
		const other = await stockedProduct(10, 'WH-SH', '77.70');
		await confirmedOrder('sales_rep_2', [{ sku: other.product.sku, quantity: '1', unit_price: '77.70' }]);
		await order('sales_rep', [{ sku: other.product.sku, quantity: '5', unit_price: '77.70' }]); // draft: not ordered yet

		const after = Object.fromEntries(await Promise.all(who.map(async (w) => [w, await thisMonth(w)])));
		const change = (w: string) =>
			Object.fromEntries(['ordered', 'shipped', 'invoiced', 'received'].map((k) => [k, delta(before[w][k], after[w][k])]));
		expect(after.sales_rep.month).toBe(PERIOD);
		expect(change('sales_rep')).toEqual({ ordered: '99.99', shipped: '66.66', invoiced: '66.66', received: '50.05' });
		expect(change('sales_rep_2')).toEqual({ ordered: '77.70', shipped: '0.00', invoiced: '0.00', received: '0.00' });
		expect(change('sales_manager')).toEqual({ ordered: '177.69', shipped: '66.66', invoiced: '66.66', received: '50.05' });
		expect(change('finance')).toEqual(change('sales_manager'));
	});

	it('gives the asked number of months, oldest first, and totals that add up', async () => {
		const r = await report('sales_manager', 'sales-trend', 'months=3&to=2026-02');
		expect(r.months.map((m: any) => m.month)).toEqual(['2025-12', '2026-01', '2026-02']);
		const year = await report('sales_manager', 'sales-trend');
		expect(year.months).toHaveLength(12);
		expect(year.to).toBe(PERIOD);
		const sum = (k: string) => formatMoney(year.months.reduce((a: bigint, m: any) => a + parseMoney(m[k]), 0n));
		for (const k of ['ordered', 'shipped', 'invoiced', 'received']) expect(year.totals[k]).toBe(sum(k));
	});

	it("a manager's owner filter shows one rep; a rep cannot look at another rep", async () => {
		const mine = await thisMonth('sales_rep');
		expect(await thisMonth('sales_manager', `owner=${userId('sales_rep')}`)).toEqual(mine);
		const peek = await call('sales_rep', 'GET', `/reports/sales-trend?owner=${userId('sales_rep_2')}`);
		expect([peek.status, errorCode(peek)]).toEqual([403, 'FORBIDDEN']);
		const outside = await call('sales_manager', 'GET', `/reports/sales-trend?owner=${userId('finance')}`);
		expect(outside.status).toBe(403);
		expect((await call('finance', 'GET', `/reports/sales-trend?owner=${userId('sales_rep')}`)).status).toBe(200);
	});
});

describe('pipeline', () => {
	it('counts customers by grade and intent, quotes by status, and converted quotes', async () => {
		const before = await report('sales_rep', 'pipeline');
		const before2 = await report('sales_rep_2', 'pipeline');
		const customer = await freshCustomer('sales_rep', { grade: 'A', intent: 'high' });
		await quote('sales_rep', [{ sku: 'SKU-005', quantity: '4', unit_price: '168.00' }], customer.id);
		const won = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '2', unit_price: '168.00' }], customer.id);
		await submit('sales_rep', 'quotes', won.id);
		await approveAll('quotes', won.id, APPROVERS);
		const lost = await quote('sales_rep', [{ sku: 'SKU-005', quantity: '1', unit_price: '168.00' }], customer.id);
		await submit('sales_rep', 'quotes', lost.id);
		await approveAll('quotes', lost.id, APPROVERS);
		await ok('sales_rep', 'POST', '/items/sales_orders', { customer: customer.id, quote: won.id });

		const after = await report('sales_rep', 'pipeline');
		const grade = (r: any, g: string) => r.customers.by_grade.find((x: any) => x.grade === g);
		expect(grade(after, 'A').high - grade(before, 'A').high).toBe(1);
		expect(after.customers.total - before.customers.total).toBe(1);
		const statuses = (r: any, list: string[]) => r.quotes.by_status.filter((x: any) => list.includes(x.status));
		const countOf = (r: any, list: string[]) => statuses(r, list).reduce((a: number, x: any) => a + x.count, 0);
		const amountOf = (r: any, list: string[]) => formatMoney(statuses(r, list).reduce((a: bigint, x: any) => a + parseMoney(x.amount), 0n));
		expect(countOf(after, ['draft']) - countOf(before, ['draft'])).toBe(1);
		expect(delta(amountOf(before, ['draft']), amountOf(after, ['draft']))).toBe('672.00');
		const passed = ['approved', 'sent', 'accepted', 'expired'];
		expect(countOf(after, passed) - countOf(before, passed)).toBe(2);
		expect(delta(amountOf(before, passed), amountOf(after, passed))).toBe('504.00');
		expect(after.quotes.count - before.quotes.count).toBe(3);
		expect(delta(before.quotes.amount, after.quotes.amount)).toBe('1176.00');
		expect(after.conversion.approved - before.conversion.approved).toBe(2);
		expect(after.conversion.converted - before.conversion.converted).toBe(1);
		const rate = Math.round((after.conversion.converted * 1000) / after.conversion.approved) / 10;
		expect(after.conversion.rate).toBe(rate.toFixed(1));
		expect(await report('sales_rep_2', 'pipeline')).toEqual(before2);
	});
});

describe('rep performance', () => {
	it('target vs confirmed orders, new customers and visits done, for the month', async () => {
		const before = await report('sales_manager', 'rep-performance');
		const rowOf = (r: any, key: string) => r.reps.find((x: any) => x.rep === userId(key));
		expect(rowOf(before, 'sales_rep')).toBeTruthy();
		expect(rowOf(before, 'sales_rep_2')).toBeTruthy();

		const customer = await freshCustomer('sales_rep');
		const { product } = await stockedProduct(10, 'WH-SH', '1234.56');
		await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '1234.56' }], { customer: customer.id });
		await ok('sales_rep', 'POST', '/items/visits', {
			customer: customer.id,
			visited_on: TODAY,
			kind: 'visit',
			purpose: '技术交流',
			content: '介绍方案',
			result: '有意向',
			state: 'done',
		});
		await ok('sales_rep', 'POST', '/items/visits', {
			customer: customer.id,
			visited_on: addDays(TODAY, 1),
			kind: 'visit',
			purpose: '计划拜访',
			state: 'planned',
		});

		const after = await report('sales_manager', 'rep-performance');
		const [a, b] = [rowOf(after, 'sales_rep'), rowOf(before, 'sales_rep')];
		expect(delta(b.actual, a.actual)).toBe('2469.12');
		expect(a.orders - b.orders).toBe(1);
		expect(a.new_customers - b.new_customers).toBe(1);
		expect(a.visits - b.visits).toBe(1);
		expect(rowOf(after, 'sales_rep_2')).toEqual(rowOf(before, 'sales_rep_2'));
		if (a.target) expect(a.achievement).toBe((Math.round((Number(a.actual) / Number(a.target)) * 1000) / 10).toFixed(1));

		const own = await report('sales_rep', 'rep-performance');
		expect(own.reps.map((r: any) => r.rep)).toEqual([userId('sales_rep')]);
		expect(own.reps[0]).toEqual(a);
		const old = await report('sales_manager', 'rep-performance', 'period=2020-01');
		expect(old.period).toBe('2020-01');
		expect(old.reps.every((r: any) => r.actual === '0.00' && r.target === null && r.orders === 0)).toBe(true);
	});
});

describe('aging', () => {
	it('puts an issued invoice in the bucket of its days overdue as of a date', async () => {
		const customer = await freshCustomer('sales_rep', { payment_terms_days: 30 });
		const { product, warehouse } = await stockedProduct(10, 'WH-SH', '250.25');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '4', unit_price: '250.25' }], { customer: customer.id });
		const note = await issuedNote('sales_rep', o.id, warehouse.id);
		const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		const q = (asOf: string) => `as_of=${asOf}&rows=500`;
		const due = addDays(TODAY, 30);
		const dates = [TODAY, addDays(due, 10), addDays(due, 45), addDays(due, 75), addDays(due, 120)];
		const before = await Promise.all(dates.map((d) => report('sales_rep', 'aging', q(d))));
		const before2 = await report('sales_rep_2', 'aging', q(dates[2]!));
		const issued = await ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
		expect(issued.due_date).toBe(due);

		const expected = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'];
		for (const [i, d] of dates.entries()) {
			const after = await report('sales_rep', 'aging', q(d));
			expect(after.as_of).toBe(d);
			for (const b of expected)
				expect(delta(before[i].totals[b], after.totals[b]), `${d} ${b}`).toBe(b === expected[i] ? '1001.00' : '0.00');
			const row = after.customers.find((c: any) => c.customer === customer.id);
			expect(row).toMatchObject({ name: customer.name, owner: userId('sales_rep'), total: '1001.00', [expected[i]!]: '1001.00' });
			expect(row.overdue).toBe(i === 0 ? '0.00' : '1001.00');
		}
		// Not yet issued on an earlier as-of date; the other rep never sees it.
		expect((await report('sales_rep', 'aging', q(addDays(TODAY, -1)))).customers.some((c: any) => c.customer === customer.id)).toBe(false);
		expect(await report('sales_rep_2', 'aging', q(dates[2]!))).toEqual(before2);
		const fin = await report('finance', 'aging', q(dates[2]!));
		expect(fin.customers.find((c: any) => c.customer === customer.id)?.d31_60).toBe('1001.00');
	});
});

describe('stock', () => {
	it('flags low stock and counts goods out on loan, outstanding and overdue', async () => {
		const { product, warehouse } = await stockedProduct(4, 'WH-SZ', '100.00');
		await ok('admin', 'PATCH', `/items/products/${product.id}`, { low_stock_threshold: '5' });
		const low = await report('warehouse', 'stock', `warehouse=${warehouse.id}&low_only=true&rows=2000`);
		expect(low.levels.every((l: any) => l.low && l.warehouse === warehouse.id)).toBe(true);
		expect(low.levels.find((l: any) => l.product === product.id)).toMatchObject({
			on_hand: '4',
			threshold: '5',
			low: true,
			warehouse_code: 'WH-SZ',
		});

		const customer = await freshCustomer('sales_rep');
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans', {
			customer: customer.id,
			warehouse: warehouse.id,
			expected_return_date: addDays(TODAY, 7),
			purpose: '样机试用',
			lines: [{ product: product.id, quantity: '1.5' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, APPROVERS);
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });

		const level = async (who: string) =>
			(await report(who, 'stock', `warehouse=${warehouse.id}&rows=2000`)).levels.find((l: any) => l.product === product.id);
		expect(await level('sales_rep')).toMatchObject({ on_hand: '2.5', on_loan: '1.5', on_loan_overdue: '0', low: true });
		expect(await level('sales_rep_2')).toMatchObject({ on_hand: '2.5', on_loan: '0' });
		expect(await level('warehouse')).toMatchObject({ on_loan: '1.5' });

		await database()('loans')
			.where({ id: loan.id })
			.update({ expected_return_date: addDays(TODAY, -2) });
		expect(await level('sales_manager')).toMatchObject({ on_loan: '1.5', on_loan_overdue: '1.5' });
		const all = await report('sales_rep', 'stock', `warehouse=${warehouse.id}`);
		expect(all.loans.by_product.find((p: any) => p.product === product.id)).toMatchObject({ outstanding: '1.5', overdue: '1.5' });
		expect(all.loans.overdue_loans).toBeGreaterThanOrEqual(1);
	});
});

describe('follow-up', () => {
	it('lists late orders, late deliveries, overdue loans and waiting complaints in the caller scope', async () => {
		const customer = await freshCustomer('sales_rep');
		const { product, warehouse } = await stockedProduct(20, 'WH-SH', '10.00');
		const late = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '5', unit_price: '10.00' }], { customer: customer.id });
		await database()('sales_orders')
			.where({ id: late.id })
			.update({ ship_by: addDays(TODAY, -4) });
		const shipped = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '10.00' }], {
			customer: customer.id,
		});
		const note = await issuedNote('sales_rep', shipped.id, warehouse.id);
		await ok('sales_assistant', 'PATCH', `/items/shipments/${note.id}`, {
			carrier: '顺丰速运',
			tracking_no: `SF${tag()}`,
			eta: addDays(TODAY, -1),
		});
		const loan = await ok<any>('sales_rep', 'POST', '/items/loans', {
			customer: customer.id,
			warehouse: warehouse.id,
			expected_return_date: addDays(TODAY, 5),
			lines: [{ product: product.id, quantity: '2' }],
		});
		await submit('sales_rep', 'loans', loan.id);
		await approveAll('loans', loan.id, APPROVERS);
		await ok('warehouse', 'PATCH', `/items/loans/${loan.id}`, { status: 'issued' });
		await database()('loans')
			.where({ id: loan.id })
			.update({ expected_return_date: addDays(TODAY, -6) });
		const complaint = await ok<any>('sales_rep', 'POST', '/items/complaints', {
			customer: customer.id,
			description: '设备异响',
			received_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
		});
		const fresh = await ok<any>('sales_rep', 'POST', '/items/complaints', { customer: customer.id, description: '咨询发票' });

		const mine = await report('sales_rep', 'follow-up', 'rows=200');
		const numbers = (section: any) => section.items.map((i: any) => i.number);
		expect(mine.late_orders.items.find((i: any) => i.id === late.id)).toMatchObject({
			number: late.number,
			ship_by: addDays(TODAY, -4),
			days_late: 4,
			customer_name: customer.name,
			owner: userId('sales_rep'),
		});
		expect(numbers(mine.late_orders)).not.toContain(shipped.number);
		expect(mine.late_deliveries.items.find((i: any) => i.id === note.id)).toMatchObject({
			eta: addDays(TODAY, -1),
			days_late: 1,
			carrier: '顺丰速运',
		});
		expect(mine.overdue_loans.items.find((i: any) => i.id === loan.id)).toMatchObject({
			expected_return_date: addDays(TODAY, -6),
			days_late: 6,
			outstanding: '2',
		});
		expect(numbers(mine.complaints)).toContain(complaint.number);
		expect(numbers(mine.complaints)).not.toContain(fresh.number);
		for (const s of ['late_orders', 'late_deliveries', 'overdue_loans', 'complaints'])
			expect(mine[s].count).toBeGreaterThanOrEqual(mine[s].items.length);

		const theirs = await report('sales_rep_2', 'follow-up', 'rows=200');
		for (const s of ['late_orders', 'late_deliveries', 'overdue_loans', 'complaints'])
			expect(theirs[s].items.every((i: any) => i.owner === userId('sales_rep_2'))).toBe(true);
		const team = await report('sales_manager', 'follow-up', 'rows=200');
		expect(numbers(team.late_orders)).toContain(late.number);
		const warehouseView = await report('warehouse', 'follow-up', 'rows=200');
		expect(numbers(warehouseView.late_deliveries)).toContain(note.number);
		expect(warehouseView.complaints).toBeNull();
		const one = await report('sales_rep', 'follow-up', 'rows=1');
		expect(one.late_orders.items.length).toBeLessThanOrEqual(1);
		expect(one.late_orders.count).toBe(mine.late_orders.count);
	});
});

describe('access and input', () => {
	it('lets each role open the reports that are theirs, and no others', async () => {
		const names = ['sales-trend', 'pipeline', 'rep-performance', 'aging', 'stock', 'follow-up', 'satisfaction', 'commission'];
		const expected: Record<string, string[]> = {
			sales_rep: names,
			sales_manager: names,
			division_head: names,
			finance: names,
			vp: names,
			general_manager: names,
			warehouse: ['stock', 'follow-up'],
			warehouse_manager: ['stock', 'follow-up'],
			// Product managers decide red invoices, so they read receivables (aging) too.
			product_manager: ['aging', 'stock'],
			legal: [],
		};
		for (const [who, allowed] of Object.entries(expected)) {
			for (const name of names) {
				const r = await call(who, 'GET', `/reports/${name}`);
				expect(r.status, `${who} ${name}`).toBe(allowed.includes(name) ? 200 : 403);
				if (r.status === 403) expect(errorCode(r)).toBe('FORBIDDEN');
			}
			const list = await ok<any[]>(who, 'GET', '/reports');
			expect(list.filter((r) => r.available).map((r) => r.name)).toEqual(allowed);
		}
		expect((await call(null, 'GET', '/reports/sales-trend')).status).toBeGreaterThanOrEqual(401);
	});

	it('refuses bad filters with 400 INVALID_PAYLOAD naming the filter, and unknown reports with 404', async () => {
		const cases: Array<[string, string, string]> = [
			['sales-trend', 'months=0', 'months'],
			['sales-trend', 'months=37', 'months'],
			['sales-trend', 'months=abc', 'months'],
			['sales-trend', 'months=1&months=2', 'months'],
			['sales-trend', 'to=2026-13', 'to'],
			['sales-trend', 'owner=somebody', 'owner'],
			['sales-trend', 'color=red', 'color'],
			['rep-performance', 'period=2026-1', 'period'],
			['aging', 'as_of=2026-02-30', 'as_of'],
			['aging', 'rows=0', 'rows'],
			['stock', 'rows=2001', 'rows'],
			['stock', 'warehouse=-1', 'warehouse'],
			['stock', 'low_only=yes', 'low_only'],
			['follow-up', 'rows=1.5', 'rows'],
		];
		for (const [name, query, field] of cases) {
			const r = await call('sales_manager', 'GET', `/reports/${name}?${query}`);
			expect([r.status, errorCode(r)], `${name}?${query}`).toEqual([400, 'INVALID_PAYLOAD']);
			expect(r.errors![0]!.message, `${name}?${query}`).toContain(field);
		}
		for (const name of ['nope', 'constructor', '__proto__', 'sales-trend.json']) {
			const r = await call('sales_manager', 'GET', `/reports/${name}`);
			expect([r.status, errorCode(r)], name).toEqual([404, 'NOT_FOUND']);
		}
	});
});

describe('cockpit dashboard', () => {
	it('is installed once, by fixed ids, with a panel of our bundle for each report, for the roles it serves', async () => {
		const api = await AdminApi.login(url(), env().ADMIN_EMAIL!, env().ADMIN_PASSWORD!);
		await applyDashboard(api);
		await applyDashboard(api);
		expect(await count('directus_dashboards', { name: { _eq: COCKPIT.name } })).toBe(1);
		const panels = await ok<any[]>('admin', 'GET', `/panels?filter[dashboard][_eq]=${dashboardId()}&limit=-1`);
		expect(panels.map((p) => p.id).sort()).toEqual(COCKPIT_PANELS.map((p) => panelId(p.key)).sort());
		const bundle = JSON.parse(readFileSync(`${ROOT}/extensions/salesflow/package.json`, 'utf8'))
			['directus:extension'].entries.filter((e: any) => e.type === 'panel')
			.map((e: any) => e.name);
		for (const p of COCKPIT_PANELS) expect(bundle, p.type).toContain(p.type);
		for (const p of panels) {
			const def = COCKPIT_PANELS.find((d) => panelId(d.key) === p.id)!;
			expect(p).toMatchObject({
				type: def.type,
				position_x: def.x,
				position_y: def.y,
				width: def.width,
				height: def.height,
				show_header: true,
			});
		}
		const overlap = (a: (typeof COCKPIT_PANELS)[number], b: (typeof COCKPIT_PANELS)[number]) =>
			a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		for (const [i, a] of COCKPIT_PANELS.entries())
			for (const b of COCKPIT_PANELS.slice(i + 1)) expect(overlap(a, b), `${a.key} × ${b.key}`).toBe(false);
		for (const role of COCKPIT.roles) {
			expect((await ok<any>(role, 'GET', `/dashboards/${dashboardId()}`)).name, role).toBe(COCKPIT.name);
			expect(await ok<any[]>(role, 'GET', `/panels?filter[dashboard][_eq]=${dashboardId()}&limit=-1`), role).toHaveLength(
				COCKPIT_PANELS.length,
			);
		}
	});

	it('the Excel import dashboard is installed once, with its panel, for every staff role', async () => {
		const api = await AdminApi.login(url(), env().ADMIN_EMAIL!, env().ADMIN_PASSWORD!);
		await applyDashboard(api);
		expect(await count('directus_dashboards', { name: { _eq: IMPORT_BOARD.name } })).toBe(1);
		const id = dashboardId(IMPORT_BOARD.key);
		for (const role of ['sales_rep', 'warehouse', 'product_manager', 'sales_manager']) {
			const panels = await ok<any[]>(role, 'GET', `/panels?filter[dashboard][_eq]=${id}&limit=-1`);
			expect(
				panels.map((p) => [p.id, p.type]),
				role,
			).toEqual(IMPORT_PANELS.map((p) => [panelId(p.key, IMPORT_BOARD.key), p.type]));
		}
	});
});

// Payment terms and payment schedules (付款条件与付款计划, issue #15): a term's shares add up to exactly
// 100 on every write of its lines; an order takes its contract's term, else its customer's, and on
// confirmation gets its schedule (fen half up, the last instalment taking the remainder); due dates
// land when their triggers happen, on the company clock; invoices of such orders are due as the
// schedule says, so aging and the follow-up list show an overdue instalment. Past days are played
// with the test clock header, never by sleeping.
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../extensions/salesflow/src/domain/dates';
import { roleId } from '../../extensions/salesflow/src/domain/ids';
import { CLOCK_HEADER, today } from '../../extensions/salesflow/src/platform/clock';
import { advance, approveAll, approversMap, confirmedOrder, issuedNote, registeredCustomer, stockedProduct, submit } from './fixtures';
import { call, count, errorCode, ok, sendWithEveryRequest, userId } from './helpers';

const APPROVERS = approversMap();
const TODAY = today();

let seq = 0;
const tag = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`;

type TermLine = { sequence: number; trigger: string; percent: string; days: number };
const tl = (sequence: number, trigger: string, percent: string, days = 0): TermLine => ({ sequence, trigger, percent, days });

const newTerm = (lines: unknown, who = 'finance') =>
	call<any>(who, 'POST', '/items/payment_terms?fields=*,lines.*', { code: `PT-T${tag()}`, name: '测试付款条件', lines });
async function term(...lines: TermLine[]) {
	const r = await newTerm(lines);
	if (r.status !== 200) throw new Error(JSON.stringify(r.errors));
	return r.data;
}

const freshCustomer = (fields: Record<string, unknown> = {}, rep = 'sales_rep') =>
	registeredCustomer(rep, {
		name: `付款条件测试客户${tag()}有限公司`,
		grade: 'B',
		intent: 'medium',
		payment_terms_days: 30,
		contacts: [{ name: '王经理', title: '财务经理', phone: '13800000000' }],
		...fields,
	});

/** Money as the API shows it: a string on PostgreSQL, a number on SQLite. */
const fx = (v: unknown) => Number(v).toFixed(2);
const scheduleOf = async (orderId: number, who = 'admin') =>
	(await ok<any[]>(who, 'GET', `/items/payment_schedules?filter[order][_eq]=${orderId}&sort=sequence&fields=*`)).map((r) => ({
		...r,
		amount: fx(r.amount),
		paid_amount: fx(r.paid_amount),
	}));
const linesOf = async (termId: number) =>
	(await ok<any[]>('admin', 'GET', `/items/payment_term_lines?filter[term][_eq]=${termId}&sort=sequence`)).map((l) => ({
		trigger: l.trigger,
		percent: Number(l.percent).toFixed(2),
		days: l.days,
	}));

/** Runs `work` with the company clock at `day` 10:00 in Shanghai (02:00 UTC). */
async function on<T>(day: string, work: () => Promise<T>): Promise<T> {
	sendWithEveryRequest(CLOCK_HEADER, `${day}T02:00:00.000Z`);
	try {
		return await work();
	} finally {
		sendWithEveryRequest(CLOCK_HEADER, new Date().toISOString());
	}
}
afterEach(() => sendWithEveryRequest(CLOCK_HEADER, new Date().toISOString()));

const issueInvoice = async (shipments: number[]) => {
	const draft = await ok<any>('sales_rep', 'POST', '/invoicing/invoices', { type: 'vat_ordinary', shipments });
	return ok<any>('finance', 'POST', `/invoicing/invoices/${draft.id}/issue`);
};
const invoiceDue = async (id: number) => (await ok<any>('admin', 'GET', `/items/invoices/${id}?fields=due_date`)).due_date;

describe('payment terms: the shares of a term add up to exactly 100', () => {
	it('refuses a new term whose shares are not 100, or with a negative share or days, writing nothing', async () => {
		const before = [await count('payment_terms'), await count('payment_term_lines')];
		const cases: Array<[unknown, string, string]> = [
			[[tl(1, 'before_shipment', '30'), tl(2, 'after_acceptance', '65', 30)], 'lines', 'payment term shares add up to 95.00, not 100'],
			[[tl(1, 'before_shipment', '30'), tl(2, 'after_acceptance', '70.01', 30)], 'lines', 'payment term shares add up to 100.01, not 100'],
			[
				[tl(1, 'before_shipment', '130'), tl(2, 'after_acceptance', '-30', 30)],
				'lines[0].percent',
				'lines[0].percent: percent must be greater than 0 and at most 100, got 130.00',
			],
			[
				[tl(1, 'before_shipment', '50'), tl(2, 'after_acceptance', '-50', 30)],
				'lines[1].percent',
				'lines[1].percent: percent must be greater than 0 and at most 100, got -50.00',
			],
			[[tl(1, 'after_invoice', '100', -1)], 'lines[0].days', 'lines[0].days: days must be a whole number 0–3650, got -1'],
			[[], 'lines', 'payment terms need at least one line'],
		];
		for (const [lines, field, message] of cases) {
			const r = await newTerm(lines);
			expect([r.status, errorCode(r), r.errors?.[0]?.extensions?.field, r.errors?.[0]?.message], JSON.stringify(lines)).toEqual([
				400,
				'INVALID_PAYLOAD',
				field,
				message,
			]);
		}
		const noLines = await call('finance', 'POST', '/items/payment_terms', { code: `PT-T${tag()}`, name: '无分期' });
		expect([noLines.status, noLines.errors?.[0]?.message]).toEqual([400, 'payment terms need at least one line']);
		expect([await count('payment_terms'), await count('payment_term_lines')]).toEqual(before);
	});

	it('checks the set of lines every later write would leave: nested in the term or line by line', async () => {
		const t = await term(tl(1, 'before_shipment', '50'), tl(2, 'after_invoice', '50', 30));
		const [first, second] = [...t.lines].sort((a: any, b: any) => a.sequence - b.sequence);
		const unchanged = [
			{ trigger: 'before_shipment', percent: '50.00', days: 0 },
			{ trigger: 'after_invoice', percent: '50.00', days: 30 },
		];
		const refusals: Array<[string, string, unknown, string]> = [
			['PATCH', `/items/payment_terms/${t.id}`, { lines: { update: [{ id: first.id, percent: '40' }] } }, 'add up to 90.00'],
			['PATCH', `/items/payment_terms/${t.id}`, { lines: { delete: [second.id] } }, 'add up to 50.00'],
			['PATCH', `/items/payment_terms/${t.id}`, { lines: [first.id] }, 'add up to 50.00'],
			['PATCH', `/items/payment_terms/${t.id}`, { lines: { create: [tl(3, 'after_delivery', '10')] } }, 'add up to 110.00'],
			['PATCH', `/items/payment_terms/${t.id}`, { lines: [] }, 'at least one line'],
			['PATCH', `/items/payment_term_lines/${first.id}`, { percent: '60' }, 'add up to 110.00'],
			['PATCH', `/items/payment_term_lines/${first.id}`, { days: -3 }, 'days must be a whole number 0–3650, got -3'],
			['POST', '/items/payment_term_lines', { term: t.id, ...tl(3, 'after_delivery', '1') }, 'add up to 101.00'],
			['DELETE', `/items/payment_term_lines/${second.id}`, undefined, 'add up to 50.00'],
		];
		for (const [method, path, body, message] of refusals) {
			const r = await call('finance', method, path, body);
			expect([r.status, errorCode(r)], `${method} ${path} ${JSON.stringify(body)}`).toEqual([400, 'INVALID_PAYLOAD']);
			expect(r.errors?.[0]?.message).toContain(message);
			expect(await linesOf(t.id)).toEqual(unchanged);
		}

		// A nested change that leaves 100 goes through as a whole; so does a line edit that keeps the shares.
		await ok('finance', 'PATCH', `/items/payment_terms/${t.id}`, {
			lines: { update: [{ id: first.id, percent: '30' }], create: [tl(3, 'after_acceptance', '20', 10)], delete: [] },
		});
		await ok('finance', 'PATCH', `/items/payment_term_lines/${second.id}`, { days: 45 });
		expect(await linesOf(t.id)).toEqual([
			{ trigger: 'before_shipment', percent: '30.00', days: 0 },
			{ trigger: 'after_invoice', percent: '50.00', days: 45 },
			{ trigger: 'after_acceptance', percent: '20.00', days: 10 },
		]);
		await ok('finance', 'PATCH', `/items/payment_terms/${t.id}`, { lines: [tl(1, 'after_delivery', '100', 0)] });
		expect(await linesOf(t.id)).toEqual([{ trigger: 'after_delivery', percent: '100.00', days: 0 }]);
	});

	it('finance keeps the terms, everyone reads them, a rep sets the term of their own customer only', async () => {
		const before = await count('payment_terms');
		expect((await newTerm([tl(1, 'after_invoice', '100', 30)], 'sales_rep')).status).toBe(403);
		expect(await count('payment_terms')).toBe(before);
		const t = await term(tl(1, 'after_invoice', '100', 30));
		for (const who of ['sales_rep', 'warehouse', 'legal', 'product_manager'])
			expect((await ok<any>(who, 'GET', `/items/payment_terms/${t.id}?fields=code,lines.percent`)).lines).toHaveLength(1);
		expect((await call('sales_rep', 'PATCH', `/items/payment_terms/${t.id}`, { name: 'x' })).status).toBe(403);

		const mine = await freshCustomer();
		expect((await ok<any>('sales_rep', 'PATCH', `/items/customers/${mine.id}`, { payment_term: t.id })).payment_term).toBe(t.id);
		const theirs = await freshCustomer({}, 'sales_rep_2');
		const r = await call('sales_rep', 'PATCH', `/items/customers/${theirs.id}`, { payment_term: t.id });
		expect(r.status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/customers/${theirs.id}`)).payment_term).toBeNull();
		// A term in use stays; it can be set inactive.
		const del = await call('finance', 'DELETE', `/items/payment_terms/${t.id}`);
		expect([del.status, errorCode(del)]).toEqual([409, 'DOCUMENT_LOCKED']);
		expect(await count('payment_terms', { id: { _eq: t.id } })).toBe(1);
	});
});

describe('demo terms', () => {
	it('has the prepayment, monthly and cash-on-delivery terms; one customer is on 月结30天', async () => {
		const terms = await ok<any[]>(
			'sales_rep',
			'GET',
			'/items/payment_terms?filter[code][_starts_with]=PT-&fields=id,code,name,lines.*&limit=-1',
		);
		const byCode = Object.fromEntries(terms.filter((t) => !t.code.startsWith('PT-T')).map((t) => [t.code, t]));
		expect(Object.keys(byCode).sort()).toEqual(['PT-COD', 'PT-NET30', 'PT-PRE30']);
		expect(byCode['PT-PRE30'].name).toBe('30% 预付，验收后付 70%');
		const shape = (t: any) =>
			[...t.lines].sort((a: any, b: any) => a.sequence - b.sequence).map((l: any) => [l.trigger, Number(l.percent), l.days]);
		expect(shape(byCode['PT-PRE30'])).toEqual([
			['before_shipment', 30, 0],
			['after_acceptance', 70, 30],
		]);
		expect(shape(byCode['PT-NET30'])).toEqual([['after_invoice', 100, 30]]);
		expect(shape(byCode['PT-COD'])).toEqual([['after_delivery', 100, 0]]);
		const onNet30 = await ok<any[]>('admin', 'GET', `/items/customers?filter[payment_term][_eq]=${byCode['PT-NET30'].id}&fields=name`);
		expect(onNet30.map((c) => c.name)).toContain('杭州新锐包装科技有限公司');
	});
});

describe('payment schedules', () => {
	it('are written on confirmation: 10 × 100.00 under 50/50 is 500.00 and 500.00; 0.03 is 0.02 and 0.01', async () => {
		const half = await term(tl(1, 'before_shipment', '50'), tl(2, 'after_invoice', '50', 30));
		const customer = await freshCustomer();
		const { product } = await stockedProduct(20, 'WH-SH', '100.00');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '10', unit_price: '100.00' }], {
			customer: customer.id,
			payment_term: half.id,
		});
		expect(fx(o.total)).toBe('1000.00');
		const rows = await scheduleOf(o.id);
		expect(rows.map((r) => [r.sequence, r.trigger, Number(r.percent), r.amount, r.paid_amount, r.state])).toEqual([
			[1, 'before_shipment', 50, '500.00', '0.00', 'unpaid'],
			[2, 'after_invoice', 50, '500.00', '0.00', 'unpaid'],
		]);

		const { product: cheap } = await stockedProduct(10, 'WH-SH', '0.01');
		const tiny = await confirmedOrder('sales_rep', [{ sku: cheap.sku, quantity: '3', unit_price: '0.01' }], {
			customer: customer.id,
			payment_term: half.id,
		});
		expect(fx(tiny.total)).toBe('0.03');
		expect((await scheduleOf(tiny.id)).map((r) => r.amount)).toEqual(['0.02', '0.01']);
		// A share rounded to nothing owes nothing: it is paid from the start (and never listed as due).
		const cent = await confirmedOrder('sales_rep', [{ sku: cheap.sku, quantity: '1', unit_price: '0.01' }], {
			customer: customer.id,
			payment_term: half.id,
		});
		expect((await scheduleOf(cent.id)).map((r) => [r.amount, r.state])).toEqual([
			['0.01', 'unpaid'],
			['0.00', 'paid'],
		]);
	});

	it("an order takes its contract's term over its customer's, the customer's without a contract, none without either", async () => {
		const [ofCustomer, ofContract] = [await term(tl(1, 'after_invoice', '100', 30)), await term(tl(1, 'after_delivery', '100'))];
		const customer = await freshCustomer();
		await ok('sales_rep', 'PATCH', `/items/customers/${customer.id}`, { payment_term: ofCustomer.id });
		const { product } = await stockedProduct(10, 'WH-SH', '50.00');
		const c = await ok<any>('sales_rep', 'POST', '/items/contracts', {
			customer: customer.id,
			subject: '付款条件测试合同',
			payment_term: ofContract.id,
			lines: [{ product: product.id, quantity: '5', unit_price: '50.00' }],
		});
		await submit('sales_rep', 'contracts', c.id);
		await approveAll('contracts', c.id, APPROVERS);
		await ok('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
		const line = { product: product.id, quantity: '1', unit_price: '50.00' };

		const against = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer: customer.id, contract: c.id, lines: [line] });
		expect(against.payment_term).toBe(ofContract.id);
		const plain = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer: customer.id, lines: [line] });
		expect(plain.payment_term).toBe(ofCustomer.id);
		const named = await ok<any>('sales_rep', 'POST', '/items/sales_orders', {
			customer: customer.id,
			contract: c.id,
			payment_term: ofCustomer.id,
			lines: [line],
		});
		expect(named.payment_term).toBe(ofCustomer.id);

		// Fixed once submitted; confirmation writes the contract term's schedule.
		await submit('sales_rep', 'sales_orders', against.id);
		const locked = await call('sales_rep', 'PATCH', `/items/sales_orders/${against.id}`, { payment_term: ofCustomer.id });
		expect([locked.status, errorCode(locked)]).toEqual([409, 'DOCUMENT_LOCKED']);
		await approveAll('sales_orders', against.id, APPROVERS);
		expect((await scheduleOf(against.id)).map((r) => [r.trigger, r.amount, r.due_date])).toEqual([['after_delivery', '50.00', null]]);

		// No term anywhere: no schedule, and the invoice is due by the customer's days as before.
		const bare = await freshCustomer({ payment_terms_days: 45 });
		const { product: p2, warehouse } = await stockedProduct(5, 'WH-SH', '20.00');
		const o = await confirmedOrder('sales_rep', [{ sku: p2.sku, quantity: '1', unit_price: '20.00' }], { customer: bare.id });
		expect(o.payment_term).toBeNull();
		expect(await scheduleOf(o.id)).toEqual([]);
		const note = await issuedNote('sales_rep', o.id, warehouse.id);
		const inv = await issueInvoice([note.id]);
		expect(inv.due_date).toBe(addDays(inv.issue_date, 45));
	});

	it('due dates land when their triggers happen, once, on the company clock', async () => {
		const four = await term(
			tl(1, 'before_shipment', '30', 2),
			tl(2, 'after_delivery', '20', 5),
			tl(3, 'after_acceptance', '30', 10),
			tl(4, 'after_invoice', '20', 30),
		);
		const customer = await freshCustomer();
		const { product, warehouse } = await stockedProduct(10, 'WH-SH', '100.00');
		const d = (n: number) => addDays(TODAY, -60 + n);
		const o = await on(d(0), () =>
			confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '100.00' }], {
				customer: customer.id,
				payment_term: four.id,
			}),
		);
		const dues = async () => (await scheduleOf(o.id)).map((r) => r.due_date);
		expect((await scheduleOf(o.id)).map((r) => r.amount)).toEqual(['60.00', '40.00', '60.00', '40.00']);
		expect(await dues()).toEqual([d(2), null, null, null]);
		await advance(customer, o.id, '60.00'); // 款到发货: the before-shipment share first

		const first = await on(d(1), () => issuedNote('sales_rep', o.id, warehouse.id, [{ order_line: o.lines[0].id, quantity: '1' }]));
		expect(await dues()).toEqual([d(2), null, null, null]); // issued is not delivered
		await on(d(3), () => ok('sales_rep', 'PATCH', `/items/shipments/${first.id}`, { status: 'delivered' }));
		expect(await dues()).toEqual([d(2), d(8), null, null]);
		await on(d(4), () => ok('sales_rep', 'PATCH', `/items/shipments/${first.id}`, { status: 'accepted' }));
		expect(await dues()).toEqual([d(2), d(8), d(14), null]);
		const inv = await on(d(6), () => issueInvoice([first.id]));
		expect(await dues()).toEqual([d(2), d(8), d(14), d(36)]);
		// The invoice is due with the earliest open instalment payable after shipment.
		expect(inv.due_date).toBe(d(8));

		// A second delivery, acceptance and invoice move nothing: each trigger counts once.
		const second = await on(d(10), () => issuedNote('sales_rep', o.id, warehouse.id));
		await on(d(11), () => ok('sales_rep', 'PATCH', `/items/shipments/${second.id}`, { status: 'delivered' }));
		await on(d(12), () => ok('sales_rep', 'PATCH', `/items/shipments/${second.id}`, { status: 'accepted' }));
		await on(d(13), () => issueInvoice([second.id]));
		expect(await dues()).toEqual([d(2), d(8), d(14), d(36)]);
	});

	it('an invoice issued before acceptance is due when the acceptance dates its instalment; aging and the follow-up show it overdue', async () => {
		const pre = await term(tl(1, 'before_shipment', '30'), tl(2, 'after_acceptance', '70', 30));
		const customer = await freshCustomer();
		const { product, warehouse } = await stockedProduct(10, 'WH-SH', '100.00');
		const d = (n: number) => addDays(TODAY, -60 + n);
		const o = await on(d(0), () =>
			confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '100.00' }], {
				customer: customer.id,
				payment_term: pre.id,
			}),
		);
		// 款到发货: the 30% deposit is held as an advance, the goods go, and the invoice takes the advance.
		await advance(customer, o.id, '30.00');
		const note = await on(d(1), () => issuedNote('sales_rep', o.id, warehouse.id));
		await on(d(2), () => ok('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'delivered' }));
		const inv = await on(d(3), () => issueInvoice([note.id]));
		expect(inv.due_date).toBeNull(); // acceptance pending: not yet due
		const agingBefore = await ok<any>('finance', 'GET', `/reconciliation/aging?as_of=${TODAY}`);
		expect(agingBefore.customers.find((c: any) => c.customer === customer.id)).toMatchObject({ not_due: '70.00', total: '70.00' });

		await on(d(5), () => ok('sales_rep', 'PATCH', `/items/shipments/${note.id}`, { status: 'accepted' }));
		expect((await scheduleOf(o.id)).map((r) => r.due_date)).toEqual([d(0), d(35)]);
		expect(await invoiceDue(inv.id)).toBe(d(35)); // 25 days overdue today

		const aging = await ok<any>('finance', 'GET', '/reconciliation/aging');
		expect(aging.customers.find((c: any) => c.customer === customer.id)).toMatchObject({ not_due: '0.00', d1_30: '70.00' });
		const cockpitAging = await ok<any>('sales_rep', 'GET', '/reports/aging?rows=500');
		expect(cockpitAging.customers.find((c: any) => c.customer === customer.id)).toMatchObject({ overdue: '70.00' });

		// The paid deposit is no longer due; the rest is overdue.
		expect((await scheduleOf(o.id)).map((r) => [r.paid_amount, r.state])).toEqual([
			['30.00', 'paid'],
			['0.00', 'unpaid'],
		]);
		const followUp = await ok<any>('sales_rep', 'GET', '/reports/follow-up?rows=200');
		const overdue = followUp.instalments.items.filter((i: any) => i.order === o.id);
		expect(overdue.map((i: any) => [i.sequence, i.trigger, i.due_date, i.days_late, i.amount, i.open, i.status])).toEqual([
			[2, 'after_acceptance', d(35), 25, '70.00', '70.00', 'unpaid'],
		]);
		expect(overdue[0]).toMatchObject({ number: o.number, customer: customer.id, owner: userId('sales_rep') });
		expect(followUp.instalments.count).toBeGreaterThanOrEqual(1);
		// The bookmark "到期/逾期分期款 / Instalments due" finds them as well.
		const presets = await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const bookmark = presets.find((p) => p.bookmark === '到期/逾期分期款 / Instalments due' && p.role === roleId('sales_rep'))!;
		expect(bookmark.collection).toBe('payment_schedules');
		const listed = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/payment_schedules?limit=-1&fields=id,order&filter=${encodeURIComponent(JSON.stringify(bookmark.filter))}`,
		);
		expect(listed.filter((r) => r.order === o.id)).toHaveLength(1);
		const other = await ok<any>('sales_rep_2', 'GET', '/reports/follow-up?rows=200');
		expect(other.instalments.items.some((i: any) => i.order === o.id)).toBe(false);
		expect(
			(await ok<any>('sales_manager', 'GET', '/reports/follow-up?rows=200')).instalments.items.some((i: any) => i.order === o.id),
		).toBe(true);
	});

	it('the follow-up lists instalments due within 7 days, not later ones', async () => {
		const net = await term(tl(1, 'before_shipment', '50', 5), tl(2, 'before_shipment', '50', 8));
		const customer = await freshCustomer();
		const { product } = await stockedProduct(5, 'WH-SH', '10.00');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '1', unit_price: '10.00' }], {
			customer: customer.id,
			payment_term: net.id,
		});
		const items = (await ok<any>('sales_rep', 'GET', '/reports/follow-up?rows=200')).instalments.items.filter((i: any) => i.order === o.id);
		expect(items.map((i: any) => [i.sequence, i.due_date, i.days_late, i.days_until])).toEqual([[1, addDays(TODAY, 5), 0, 5]]);
		const presets = await ok<any[]>('sales_rep', 'GET', '/presets?limit=-1&filter[bookmark][_nnull]=true');
		const bookmark = presets.find((p) => p.collection === 'payment_schedules' && p.role === roleId('sales_rep'))!;
		const listed = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/payment_schedules?limit=-1&fields=sequence&filter=${encodeURIComponent(JSON.stringify({ _and: [bookmark.filter, { order: { _eq: o.id } }] }))}`,
		);
		expect(listed.map((r) => r.sequence)).toEqual([1]);
	});

	it('an approved change of the total recomputes the schedule; a cancellation removes it', async () => {
		const half = await term(tl(1, 'before_shipment', '50'), tl(2, 'after_invoice', '50', 30));
		const customer = await freshCustomer();
		const { product } = await stockedProduct(20, 'WH-SH', '10.00');
		const o = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '3', unit_price: '10.00' }], {
			customer: customer.id,
			payment_term: half.id,
		});
		expect((await scheduleOf(o.id)).map((r) => r.amount)).toEqual(['15.00', '15.00']);
		const change = await ok<any>('sales_rep', 'POST', '/items/order_changes', {
			order: o.id,
			reason: '客户追加',
			changes: [{ order_line: o.lines[0].id, new_quantity: '5' }],
		});
		await submit('sales_rep', 'order_changes', change.id);
		await approveAll('order_changes', change.id, APPROVERS);
		expect(fx((await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`)).total)).toBe('50.00');
		expect((await scheduleOf(o.id)).map((r) => r.amount)).toEqual(['25.00', '25.00']);

		const cancel = await ok<any>('sales_rep', 'POST', '/items/order_changes', { order: o.id, kind: 'cancel', reason: '客户取消' });
		await submit('sales_rep', 'order_changes', cancel.id);
		await approveAll('order_changes', cancel.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${o.id}`)).status).toBe('cancelled');
		expect(await scheduleOf(o.id)).toEqual([]);
	});

	it("a rep reads their orders' schedules, not another rep's; nobody writes them", async () => {
		const half = await term(tl(1, 'before_shipment', '50'), tl(2, 'after_invoice', '50', 30));
		const { product } = await stockedProduct(10, 'WH-SH', '10.00');
		const mine = await confirmedOrder('sales_rep', [{ sku: product.sku, quantity: '2', unit_price: '10.00' }], {
			customer: (await freshCustomer()).id,
			payment_term: half.id,
		});
		const theirs = await confirmedOrder('sales_rep_2', [{ sku: product.sku, quantity: '2', unit_price: '10.00' }], {
			customer: (await freshCustomer({}, 'sales_rep_2')).id,
			payment_term: half.id,
		});
		expect(await scheduleOf(mine.id, 'sales_rep')).toHaveLength(2);
		expect(await scheduleOf(theirs.id, 'sales_rep')).toEqual([]);
		expect(await scheduleOf(theirs.id, 'sales_rep_2')).toHaveLength(2);
		expect(await scheduleOf(theirs.id, 'sales_manager')).toHaveLength(2);
		expect(await scheduleOf(mine.id, 'warehouse')).toHaveLength(2);
		const nested = await ok<any>('sales_rep', 'GET', `/items/sales_orders/${mine.id}?fields=payment_schedule.amount`);
		expect(nested.payment_schedule.map((r: any) => fx(r.amount))).toEqual(['10.00', '10.00']);
		expect((await call('product_manager', 'GET', '/items/payment_schedules')).status).toBe(403);

		const [row] = await scheduleOf(mine.id);
		const before = await count('payment_schedules');
		for (const who of ['sales_rep', 'finance', 'admin']) {
			const patch = await call(who, 'PATCH', `/items/payment_schedules/${row.id}`, { amount: '1.00', paid_amount: '10.00' });
			expect(patch.status, who).toBe(403);
			const post = await call(who, 'POST', '/items/payment_schedules', { order: mine.id, sequence: 9, amount: '1.00' });
			expect(post.status, who).toBe(403);
			const del = await call(who, 'DELETE', `/items/payment_schedules/${row.id}`);
			expect(del.status, who).toBe(403);
		}
		expect(await count('payment_schedules')).toBe(before);
		expect((await scheduleOf(mine.id))[0]).toMatchObject({ amount: '10.00', paid_amount: '0.00' });
	});
});

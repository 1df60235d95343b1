// Commission (提成, seed 001): the finance manager keeps a rate table by product group and customer
// grade (the most specific row wins; a bad or second row for a pair is refused, naming the field);
// /reports/commission gives each rep, per month, what was received — the allocations to invoices of
// their customers made that month — and the commission on it, exact to the fen, within the caller's
// scope. The figures are checked as the change this file's own allocations make to the month.
// Monthly commission statements (提成单) freeze the report's figures for a rep when submitted and are
// approved by the rep's direct superior; one per rep and month.
import { describe, expect, it } from 'vitest';
import { currentMonth } from '../../extensions/salesflow/src/reports/report';
import { customerOf, issuedInvoice, receipt, requestOf, submit } from './fixtures';
import { call, count, errorCode, ok, tokenFor, url, userId } from './helpers';

const REP = userId('sales_rep');
const tag = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();
/** Yuan text → fen, exactly. */
const fen = (v: string | undefined) => {
	const [y, f = ''] = (v ?? '0.00').split('.');
	return BigInt(y!) * 100n + BigInt(f.padEnd(2, '0'));
};

const repRow = async (user: string) =>
	(await ok<any>(user, 'GET', `/reports/commission?period=${currentMonth()}`)).rows.find((r: any) => r.rep === REP) as
		| { received: string; commission: string; name: string }
		| undefined;

describe('commission (提成)', () => {
	const G1 = `G1-${tag()}`;
	const G2 = `G2-${tag()}`;
	/** This file's three invoices, set by the report test and checked again on the statement. */
	const invoices: Record<'one' | 'two' | 'three', number> = { one: 0, two: 0, three: 0 };

	it('starts with the default rate at 0 %, which stays: the report answers before finance sets any rate', async () => {
		const defaults = await ok<any[]>(
			'admin',
			'GET',
			'/items/commission_rates?filter[product_group][_null]=true&filter[customer_grade][_null]=true',
		);
		expect(defaults.map((r) => Number(r.rate))).toEqual([0]);
		expect((await ok<any>('sales_rep', 'GET', `/reports/commission?period=${currentMonth()}`)).period).toBe(currentMonth());
		const gone = await call('finance_manager', 'DELETE', `/items/commission_rates/${defaults[0].id}`);
		expect([gone.status, errorCode(gone)]).toEqual([409, 'NO_COMMISSION_RATE']);
		const moved = await call('finance_manager', 'PATCH', `/items/commission_rates/${defaults[0].id}`, { customer_grade: 'A' });
		expect([moved.status, errorCode(moved)]).toEqual([409, 'NO_COMMISSION_RATE']);
		expect(await count('commission_rates', { id: { _eq: defaults[0].id }, customer_grade: { _null: true } })).toBe(1);
	});

	it('the finance manager keeps the rate table; a bad row or a second one for a pair is refused, naming the field', async () => {
		const customer = await customerOf('sales_rep');
		const rates = [
			{ rate: '1.00' },
			{ product_group: G1, rate: '3.50' },
			{ product_group: G2, customer_grade: customer.grade, rate: '5.25' },
			{ customer_grade: customer.grade, rate: '2.00' },
		];
		// Only once per run: the default and the grade row are global.
		const existing = await ok<any[]>('admin', 'GET', '/items/commission_rates?limit=-1');
		for (const r of rates) {
			const twin = existing.find(
				(e) => (e.product_group ?? null) === (r.product_group ?? null) && (e.customer_grade ?? null) === (r.customer_grade ?? null),
			);
			if (twin) await ok('finance_manager', 'PATCH', `/items/commission_rates/${twin.id}`, { rate: r.rate });
			else await ok('finance_manager', 'POST', '/items/commission_rates', r);
		}
		const before = await count('commission_rates');
		const bad = [
			[{ product_group: G1, rate: '4.00' }, 'product_group'],
			[{ product_group: `X-${tag()}`, rate: '120' }, 'rate'],
			[{ product_group: `X-${tag()}`, rate: '1.234' }, 'rate'],
			[{ product_group: `X-${tag()}`, customer_grade: 'Z', rate: '1.00' }, 'customer_grade'],
		] as const;
		for (const [body, field] of bad) {
			const r = await call('finance_manager', 'POST', '/items/commission_rates', body);
			expect([r.status, errorCode(r), r.errors?.[0]?.extensions?.field], JSON.stringify(body)).toEqual([400, 'INVALID_PAYLOAD', field]);
		}
		const g1 =
			existing.find((e) => e.product_group === G1) ??
			(await ok<any[]>('admin', 'GET', `/items/commission_rates?filter[product_group][_eq]=${G1}`))[0];
		const moved = await call('finance_manager', 'PATCH', `/items/commission_rates/${g1.id}`, { rate: '-1' });
		expect([moved.status, moved.errors?.[0]?.extensions?.field]).toEqual([400, 'rate']);
		expect((await call('sales_rep', 'POST', '/items/commission_rates', { product_group: `X-${tag()}`, rate: '9.00' })).status).toBe(403);
		expect((await call('finance', 'POST', '/items/commission_rates', { product_group: `X-${tag()}`, rate: '9.00' })).status).toBe(403);
		expect(await count('commission_rates')).toBe(before);
		// Reps read the rates they are paid by (a number on SQLite, text on PostgreSQL).
		expect(Number((await ok<any[]>('sales_rep', 'GET', `/items/commission_rates?filter[product_group][_eq]=${G1}`))[0].rate)).toBe(3.5);
	});

	it("pays each rep on this month's allocations to their customers' invoices at the most specific rate, exact to the fen", async () => {
		const customer = await customerOf('sales_rep');
		const before = await repRow('sales_rep');
		// G1 has no row for the customer's grade: its group row (3.50 %); G2 has one (5.25 %); no group: the grade row (2.00 %).
		const one = await issuedInvoice(customer, '1', '1000.00');
		const two = await issuedInvoice(customer, '1', '100.00');
		const three = await issuedInvoice(customer, '1', '10.01');
		await ok('admin', 'PATCH', `/items/products/${one.product.id}`, { product_group: G1 });
		await ok('admin', 'PATCH', `/items/products/${two.product.id}`, { product_group: G2 });
		Object.assign(invoices, { one: one.invoice.id, two: two.invoice.id, three: three.invoice.id });
		const r = await receipt(customer, '443.34');
		await ok('finance', 'POST', `/reconciliation/receipts/${r.id}/allocate`, {
			allocations: [
				{ invoice: one.invoice.id, amount: '333.33' },
				{ invoice: two.invoice.id, amount: '100.00' },
				{ invoice: three.invoice.id, amount: '10.01' },
			],
		});

		const after = (await repRow('sales_rep'))!;
		expect(after.name).toBeTruthy();
		// 333.33 × 3.5 % = 11.666… → 11.67; 100.00 × 5.25 % = 5.25; 10.01 × 2 % = 0.2002 → 0.20.
		expect(fen(after.received) - fen(before?.received)).toBe(44334n);
		expect(fen(after.commission) - fen(before?.commission)).toBe(1167n + 525n + 20n);

		// Scope: the rep's manager and finance see the rep; another rep does not; the assistant has no commission report.
		expect((await repRow('sales_manager'))?.commission).toBe(after.commission);
		expect((await repRow('finance'))?.commission).toBe(after.commission);
		expect(await repRow('sales_rep_2')).toBeUndefined();
		expect((await call('sales_assistant', 'GET', '/reports/commission')).status).toBe(403);
		const badPeriod = await call('finance', 'GET', '/reports/commission?period=2026-13');
		expect([badPeriod.status, errorCode(badPeriod)]).toEqual([400, 'INVALID_PAYLOAD']);
		// Another month has none of it.
		const other = await ok<any>('finance', 'GET', '/reports/commission?period=2019-01');
		expect(other.rows.find((x: any) => x.rep === REP)).toBeUndefined();
		const csv = await fetch(`${url()}/exports/commission?period=${currentMonth()}&format=csv`, {
			headers: { authorization: `Bearer ${await tokenFor('finance')}` },
		});
		expect(csv.status).toBe(200);
		expect(await csv.text()).toMatch(/提成|Commission/);
	});
	it("a rep's monthly statement freezes the month's figures on submission and is approved by the direct superior; one per rep and month", async () => {
		const month = currentMonth();
		const statement = (who: string, body: Record<string, unknown>) => call<any>(who, 'POST', '/items/commission_statements', body);
		for (const period of ['2026-13', '2026', '2026-Q1']) {
			const bad = await statement('sales_rep', { period });
			expect([bad.status, errorCode(bad), bad.errors?.[0]?.extensions?.field], period).toEqual([400, 'INVALID_PAYLOAD', 'period']);
		}
		const s = (await statement('sales_rep', { period: month })).data;
		expect(s).toMatchObject({ status: 'draft', owner: REP, period: month, received: null, commission: null });
		expect(s.number).toMatch(/^CS-\d{4}-\d{6}$/);
		const before = await count('commission_statements');
		const twice = await statement('sales_rep', { period: month });
		expect([twice.status, errorCode(twice), twice.errors?.[0]?.extensions?.field]).toEqual([409, 'DUPLICATE_STATEMENT', 'period']);
		// The figures are Salesflow's to write; a rep makes no statement for someone else.
		const typed = await call('sales_rep', 'PATCH', `/items/commission_statements/${s.id}`, { commission: '99999.00' });
		expect([typed.status, typed.errors?.[0]?.extensions?.field]).toEqual([403, 'commission']);
		expect((await statement('sales_rep', { period: month, owner: userId('sales_rep_2') })).status).toBe(403);
		expect(await count('commission_statements')).toBe(before);

		await submit('sales_rep', 'commission_statements', s.id);
		const report = (await repRow('finance'))!;
		const submitted = await ok<any>('sales_rep', 'GET', `/items/commission_statements/${s.id}`);
		// Every line (a nested read stops at Directus' default limit; earlier test files leave many allocations).
		submitted.lines = await ok<any[]>('admin', 'GET', `/items/commission_statement_lines?filter[statement][_eq]=${s.id}&limit=-1`);
		expect(submitted.status).toBe('pending_approval');
		expect([fen(String(submitted.received)), fen(String(submitted.commission))]).toEqual([fen(report.received), fen(report.commission)]);
		expect(submitted.lines.reduce((t: bigint, l: any) => t + fen(String(l.commission)), 0n)).toBe(fen(String(submitted.commission)));
		expect(submitted.lines.reduce((t: bigint, l: any) => t + fen(String(l.received)), 0n)).toBe(fen(String(submitted.received)));
		// This file's allocations, line by line: the rate that applied and the commission exact to the fen.
		const mine = (invoice: number) =>
			submitted.lines
				.filter((l: any) => l.invoice === invoice)
				.map((l: any) => [fen(String(l.received)), Number(l.rate), fen(String(l.commission))]);
		expect(mine(invoices.one)).toEqual([[33333n, 3.5, 1167n]]);
		expect(mine(invoices.two)).toEqual([[10000n, 5.25, 525n]]);
		expect(mine(invoices.three)).toEqual([[1001n, 2, 20n]]);
		// Never a cost or margin figure on a statement.
		expect(Object.keys(submitted.lines[0]).filter((k) => /cost|margin/.test(k))).toEqual([]);

		// Who sees it: the rep and their manager, finance; not another rep nor the sales assistant.
		expect((await call('sales_rep_2', 'GET', `/items/commission_statements/${s.id}`)).status).toBe(403);
		expect(await ok<any[]>('sales_rep_2', 'GET', `/items/commission_statement_lines?filter[statement][_eq]=${s.id}`)).toEqual([]);
		expect((await call('sales_assistant', 'GET', `/items/commission_statements/${s.id}`)).status).toBe(403);
		expect((await ok<any>('sales_manager', 'GET', `/items/commission_statements/${s.id}`)).id).toBe(s.id);
		expect((await ok<any>('finance', 'GET', `/items/commission_statements/${s.id}`)).id).toBe(s.id);

		const req = await requestOf('commission_statements', s.id);
		expect(req.steps.filter((x: any) => x.status === 'pending').map((x: any) => x.approver_user)).toEqual([userId('sales_manager')]);
		expect((await call('sales_rep_2', 'POST', `/approvals/${req.id}/approve`, { comment: 'x' })).status).toBeGreaterThanOrEqual(403);
		await ok('sales_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		const approved = await ok<any>('sales_rep', 'GET', `/items/commission_statements/${s.id}`);
		expect(approved.status).toBe('approved');

		// Frozen: money received later in the month moves the report, not the approved statement.
		const more = await receipt(await customerOf('sales_rep'), '10.00');
		await ok('finance', 'POST', `/reconciliation/receipts/${more.id}/allocate`, {
			allocations: [{ invoice: invoices.one, amount: '10.00' }],
		});
		expect(fen((await repRow('finance'))!.received) - fen(report.received)).toBe(1000n);
		const after = await ok<any>('sales_rep', 'GET', `/items/commission_statements/${s.id}`);
		expect([after.received, after.commission]).toEqual([approved.received, approved.commission]);
		const late = await call('sales_rep', 'PATCH', `/items/commission_statements/${s.id}`, { memo: 'x' });
		expect([late.status, errorCode(late)]).toEqual([409, 'DOCUMENT_LOCKED']);
		// Another rep's month is their own.
		expect((await statement('sales_rep_2', { period: month })).status).toBe(200);
	});
});

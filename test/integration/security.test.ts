// The attacks of the black-box probe (issue "Security"), each performed through the API as the role
// that tried it, asserting the refusal and that nothing changed. Login throttling and request limits
// have their own files (login.test.ts, limits.test.ts).
import knex from 'knex';
import { describe, expect, it } from 'vitest';
import { knexConfig } from '../../scripts/lib/env';
import { ErrorCode } from '../../extensions/salesflow/src/domain/errors';
import { approveAll, approversMap, customerOf, product, quote, registeredCustomer, requestOf, submit } from './fixtures';
import { call, count, env, errorCode, ok, tokenFor, url, userId } from './helpers';

const MARGIN_FIGURES = /\d+(\.\d+)?\s*%/;
const admin = (method: string, path: string, body?: unknown) => ok<any>('admin', method, path, body);
const customerOfRep2 = async () => (await admin('GET', `/items/customers?filter[owner][_eq]=${userId('sales_rep_2')}&sort=id&limit=1`))[0];

/** A customer of its own for a test (no statements or documents yet). */
const freshCustomer = (rep: string) =>
	registeredCustomer(rep, {
		name: `安全测试客户${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}有限公司`,
		contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
	});

/** A low-margin quote of the rep, submitted: SKU-001 costs 7,600.00 net; at 11,600.00 gross its margin is about 25 %. */
async function lowMarginRequest() {
	const q = await quote('sales_rep', [{ sku: 'SKU-001', quantity: '1', unit_price: '11600.00' }]);
	await submit('sales_rep', 'quotes', q.id);
	return { quote: q, request: await requestOf('quotes', q.id) };
}

describe('cost and margin are for finance and management (保密)', () => {
	it.each(['sales_rep', 'sales_assistant', 'sales_manager', 'warehouse', 'legal'])(
		'%s cannot read, filter, sort or aggregate cost, in REST, GraphQL or an export',
		async (user) => {
			for (const path of [
				'/items/products?fields=sku,cost_price',
				'/items/products?fields=sku&filter[cost_price][_gt]=0',
				'/items/products?fields=sku&sort=cost_price',
				'/items/products?aggregate[sum]=cost_price',
			]) {
				const r = await call(user, 'GET', path);
				expect([path, r.status, errorCode(r)]).toEqual([path, 403, 'FORBIDDEN']);
			}
			const all = await ok<any[]>(user, 'GET', '/items/products?fields=*&limit=-1');
			expect(all.length).toBeGreaterThan(0);
			expect(all.every((p) => !('cost_price' in p))).toBe(true);
			const csv = await fetch(`${url()}/items/products?export=csv&limit=-1`, {
				headers: { authorization: `Bearer ${await tokenFor(user)}` },
			});
			expect((await csv.text()).split('\n')[0]).not.toContain('cost_price');
			const gql = await call<any>(user, 'POST', '/graphql', { query: '{ products { sku cost_price } }' });
			expect(JSON.stringify(gql)).toMatch(/cost_price/); // named in the error, never answered
			expect(gql.data?.products ?? null).toBeNull();
		},
	);

	it('quote lines keep the cost snapshot for finance only; the rep who prices them never writes or reads it', async () => {
		const { quote: q } = await lowMarginRequest();
		const [line] = await admin('GET', `/items/quote_lines?filter[quote][_eq]=${q.id}&fields=id,cost_price`);
		expect(Number(line.cost_price)).toBe(7600);
		expect((await call('sales_rep', 'GET', `/items/quote_lines/${line.id}?fields=cost_price`)).status).toBe(403);
		expect('cost_price' in (await ok<any>('sales_rep', 'GET', `/items/quote_lines/${line.id}`))).toBe(false);
		expect(Number((await ok<any>('finance', 'GET', `/items/quote_lines/${line.id}?fields=cost_price`)).cost_price)).toBe(7600);
		const forged = await call('sales_rep', 'POST', '/items/quote_lines', {
			quote: (await quote('sales_rep', [{ sku: 'SKU-002', quantity: '1', unit_price: '3000.00' }])).id,
			product: (await product('SKU-002')).id,
			quantity: '1',
			unit_price: '3000.00',
			cost_price: '1.00',
		});
		expect(forged.status).toBe(403);
	});

	it('an approver who may not see cost reads "gross margin below threshold", without figures', async () => {
		const { request } = await lowMarginRequest();
		for (const user of ['sales_rep', 'sales_manager']) {
			const r = await ok<any>(user, 'GET', `/items/approval_requests/${request.id}?fields=*,steps.*`);
			expect(JSON.stringify(r.reasons)).toContain('毛利率低于阈值 / gross margin below threshold');
			expect(JSON.stringify(r.reasons)).not.toMatch(MARGIN_FIGURES);
			expect('cost_reasons' in r).toBe(false);
			expect(JSON.stringify(r.steps)).not.toMatch(MARGIN_FIGURES);
			expect((await call(user, 'GET', `/items/approval_requests/${request.id}?fields=cost_reasons`)).status).toBe(403);
		}
		const inbox = await ok<any[]>('sales_manager', 'GET', '/approvals/inbox');
		const mine = inbox.find((x) => x.request === request.id);
		expect(JSON.stringify(mine)).toContain('毛利率低于阈值');
		expect(JSON.stringify(mine)).not.toMatch(MARGIN_FIGURES);
		const decided = await ok<any>('sales_manager', 'POST', `/approvals/${request.id}/approve`, {});
		expect(JSON.stringify(decided)).not.toMatch(MARGIN_FIGURES);
		// The finance manager, who decides on the margin, sees the figures.
		const fm = (await ok<any[]>('finance_manager', 'GET', '/approvals/inbox')).find((x) => x.request === request.id);
		expect(JSON.stringify(fm.why)).toMatch(/margin 2\d\.\d\d% < 30%/);
		expect(
			JSON.stringify((await ok<any>('finance_manager', 'GET', `/items/approval_requests/${request.id}?fields=cost_reasons`)).cost_reasons),
		).toMatch(/margin 2\d\.\d\d%/);
	});

	it('a rep reads no cost anywhere: items, lines, their own low-margin request, the inbox, reports, GraphQL', async () => {
		const { quote: q, request } = await lowMarginRequest();
		const COST_KEYS = /"(cost_price|cost_reasons|margin[a-z_]*|gross_margin[a-z_]*)"\s*:/;
		const seen = [
			await ok<any>('sales_rep', 'GET', '/items/products?limit=-1'),
			await ok<any>('sales_rep', 'GET', `/items/quotes/${q.id}?fields=*,lines.*`),
			await ok<any>('sales_rep', 'GET', `/items/quote_lines?filter[quote][_eq]=${q.id}`),
			await ok<any>('sales_rep', 'GET', `/items/approval_requests/${request.id}?fields=*,steps.*`),
			await ok<any>('sales_rep', 'GET', '/approvals/inbox'),
			...(await Promise.all(
				['sales-trend', 'pipeline', 'rep-performance', 'stock'].map((r) => ok<any>('sales_rep', 'GET', `/reports/${r}`)),
			)),
		];
		for (const body of seen) {
			expect(JSON.stringify(body)).not.toMatch(COST_KEYS);
		}
		expect(JSON.stringify(seen[3].reasons)).not.toMatch(MARGIN_FIGURES);
		const gql = await call<any>('sales_rep', 'POST', '/graphql', {
			query: `{ quote_lines(filter: { quote: { id: { _eq: ${q.id} } } }) { id cost_price } }`,
		});
		expect(JSON.stringify(gql.data ?? null)).not.toContain('cost_price');
	});

	it.each(['sales_rep', 'sales_assistant', 'warehouse'])(
		'%s finds no cost or margin in any report, export or print open to them',
		async (user) => {
			const { quote: q } = await lowMarginRequest();
			// SKU-001 costs 7,600.00: its cost shows nowhere, nor a cost or margin figure or column (the public
			// wording 「毛利率低于阈值 / gross margin below threshold」 may).
			const COST = /cost_price|cost_reasons|"(gross_)?margin[a-z_]*"\s*:|成本|毛利率?\s*[\d:：]|margin \d|7,?600\.00/;
			const reports = (await ok<any[]>(user, 'GET', '/reports')).filter((r) => r.available).map((r) => r.name);
			expect(reports.length).toBeGreaterThan(0);
			const bodies: Array<[string, string]> = [];
			for (const name of reports) bodies.push([`/reports/${name}`, JSON.stringify(await ok<any>(user, 'GET', `/reports/${name}`))]);
			const period = new Date().toISOString().slice(0, 7);
			let exported = 0;
			for (const name of new Set([...reports, 'statements', 'aging', 'ledger-check'])) {
				const path = `/exports/${name}?format=csv${name === 'statements' ? `&period=${period}` : ''}`;
				const r = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${await tokenFor(user)}` } });
				if (r.status === 403) continue;
				expect([path, r.status]).toEqual([path, 200]);
				bodies.push([path, await r.text()]);
				exported += 1;
			}
			expect(exported).toBeGreaterThan(0);
			const print = await fetch(`${url()}/print/quotes/${q.id}?format=html`, {
				headers: { authorization: `Bearer ${await tokenFor(user)}` },
			});
			if (user === 'sales_rep') expect(print.status).toBe(200);
			if (print.status === 200) bodies.push(['print', await print.text()]);
			for (const [where, body] of bodies) expect([where, body.match(COST)?.[0] ?? null]).toEqual([where, null]);
		},
	);

	it('the margin threshold of approval_rules is hidden from those who may not see cost', async () => {
		const rules = (user: string) => ok<any[]>(user, 'GET', '/items/approval_rules?fields=id,condition,params&limit=-1');
		for (const user of ['sales_rep', 'sales_manager', 'product_manager', 'warehouse']) {
			expect((await rules(user)).some((r) => r.condition === 'margin_below')).toBe(false);
		}
		const margin = (await rules('finance_manager')).find((r) => r.condition === 'margin_below');
		expect(margin.params).toEqual({ percent: 30 });
		expect((await call('sales_rep', 'GET', `/items/approval_rules/${margin.id}`)).status).toBe(403);
	});

	it('a product manager sees and sets the cost of the products they manage, not of the others', async () => {
		const others = await admin('POST', '/items/products', {
			sku: `SEC-${Date.now()}`,
			name: '别人负责的产品',
			list_price: '100.00',
			floor_price: '90.00',
			cost_price: '42.00',
			product_manager: null,
		});
		const mine = await product('SKU-001');
		expect(mine.product_manager).toBe(userId('product_manager'));
		expect((await ok<any>('product_manager', 'GET', `/items/products/${mine.id}?fields=cost_price`)).cost_price).toBe(mine.cost_price);
		expect((await call('product_manager', 'GET', `/items/products/${others.id}?fields=cost_price`)).status).toBe(403);
		expect((await ok<any>('product_manager', 'GET', `/items/products/${others.id}`)).cost_price ?? null).toBeNull();
		// Filtering, sorting or summing cost only ever looks at their own products.
		const below = await ok<any[]>('product_manager', 'GET', `/items/products?fields=id&filter[cost_price][_eq]=42&limit=-1`);
		expect(below.map((p) => p.id)).not.toContain(others.id);
		const sorted = await ok<any[]>('product_manager', 'GET', '/items/products?fields=id&sort=cost_price&limit=-1');
		expect(sorted.map((p) => p.id)).not.toContain(others.id);
		const refused = await call('product_manager', 'PATCH', `/items/products/${others.id}`, { cost_price: '1.00' });
		expect(refused.status).toBe(403);
		expect(Number((await admin('GET', `/items/products/${others.id}`)).cost_price)).toBe(42);
		await ok('product_manager', 'PATCH', `/items/products/${mine.id}`, { cost_price: String(mine.cost_price) });
		await admin('DELETE', `/items/products/${others.id}`);
	});
});

describe('references point at rows the caller may read, on create and on update', () => {
	const contractOfRep2 = async () => {
		const customer = await customerOfRep2();
		return ok<any>('sales_rep_2', 'POST', '/items/contracts', { customer: customer.id, amount: '1000.00', subject: '别人的合同' });
	};

	it('an order cannot name another rep’s contract — as an id, as { id }, or nested — and the answer is that of a missing id', async () => {
		const foreign = await contractOfRep2();
		const mine = await customerOf('sales_rep');
		const before = await count('sales_orders');
		const missing = await call('sales_rep', 'POST', '/items/sales_orders', { customer: mine.id, contract: 999999 });
		for (const contract of [foreign.id, { id: foreign.id }]) {
			const r = await call('sales_rep', 'POST', '/items/sales_orders', { customer: mine.id, contract });
			expect([r.status, errorCode(r)]).toEqual([missing.status, missing.errors![0]!.extensions.code]);
			expect(r.errors![0]!.message.replace(String(foreign.id), 'ID')).toBe(missing.errors![0]!.message.replace('999999', 'ID'));
			expect(r.errors![0]!.message).not.toContain(foreign.number);
		}
		expect(missing.status).toBe(400);
		expect(await count('sales_orders')).toBe(before);
		// On update too.
		const draft = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer: mine.id });
		const r = await call('sales_rep', 'PATCH', `/items/sales_orders/${draft.id}`, { contract: foreign.id });
		expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await admin('GET', `/items/sales_orders/${draft.id}`)).contract).toBeNull();
	});

	it('an own contract of another customer is refused too (same customer)', async () => {
		const [a, b] = await ok<any[]>('sales_rep', 'GET', '/items/customers?sort=id&limit=2');
		const contract = await ok<any>('sales_rep', 'POST', '/items/contracts', { customer: b.id, amount: '1000.00', subject: '另一客户' });
		const r = await call('sales_rep', 'POST', '/items/sales_orders', { customer: a.id, contract: contract.id });
		expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect(r.errors![0]!.message).toContain(contract.number);
	});

	it('a rep cannot move their contact onto another rep’s customer', async () => {
		const mine = await customerOf('sales_rep');
		const contact = await ok<any>('sales_rep', 'POST', '/items/contacts', {
			customer: mine.id,
			name: '搬家测试',
			title: '采购',
			phone: '13800000009',
		});
		const r = await call('sales_rep', 'PATCH', `/items/contacts/${contact.id}`, { customer: (await customerOfRep2()).id });
		expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await admin('GET', `/items/contacts/${contact.id}`)).customer).toBe(mine.id);
	});

	it('a file can be attached only if the caller may read it', async () => {
		const form = new FormData();
		form.append('file', new Blob([Buffer.from('%PDF-1.4 secret')], { type: 'application/pdf' }), 'theirs.pdf');
		const up = await fetch(`${url()}/files`, {
			method: 'POST',
			headers: { authorization: `Bearer ${await tokenFor('sales_rep_2')}` },
			body: form,
		});
		const file = ((await up.json()) as any).data.id;
		const contract = await ok<any>('sales_rep', 'POST', '/items/contracts', {
			customer: (await customerOf('sales_rep')).id,
			amount: '1.00',
			subject: '借用文件',
		});
		const r = await call('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { signed_scan: file });
		expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
		expect((await call('sales_rep', 'GET', `/files/${file}`)).status).toBe(403);
	});

	it('a filter through a relation sees only related rows the caller may read (the side channel, tested directly)', async () => {
		// An old link to another rep's contract, as data from before this check would hold it.
		const foreign = await contractOfRep2();
		const theirCustomer = await admin('GET', `/items/customers/${foreign.customer}`);
		const mine = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer: (await customerOf('sales_rep')).id });
		await admin('PATCH', `/items/sales_orders/${mine.id}`, { contract: foreign.id });
		const probe = async (filter: Record<string, unknown>) =>
			(await ok<any[]>('sales_rep', 'GET', `/items/sales_orders?fields=id&filter=${encodeURIComponent(JSON.stringify(filter))}`)).map(
				(o) => o.id,
			);
		const firstChar = theirCustomer.name.slice(0, 1);
		expect(await probe({ contract: { customer: { name: { _starts_with: firstChar } } } })).not.toContain(mine.id);
		expect(await probe({ contract: { amount: { _eq: 1000 } } })).not.toContain(mine.id);
		expect(await probe({ contract: { number: { _eq: foreign.number } } })).not.toContain(mine.id);
		// GraphQL takes the same path.
		const gql = await call<any>('sales_rep', 'POST', '/graphql', {
			query: `{ sales_orders(filter: { contract: { number: { _eq: "${foreign.number}" } } }) { id } }`,
		});
		expect((gql.data?.sales_orders ?? []).map((o: any) => Number(o.id))).not.toContain(mine.id);
		// The own link itself still filters (the foreign key is on the rep's own row).
		expect(await probe({ contract: { _eq: foreign.id } })).toContain(mine.id);
		// And the related row reads as nothing.
		expect((await ok<any>('sales_rep', 'GET', `/items/sales_orders/${mine.id}?fields=contract.number`)).contract).toBeNull();
		// A manager still filters their team's orders through their customers.
		const team = await ok<any[]>(
			'sales_manager',
			'GET',
			`/items/sales_orders?fields=id&filter[customer][owner][_eq]=${userId('sales_rep')}&limit=-1`,
		);
		expect(team.map((o) => o.id)).toContain(mine.id);
	});
});

describe('credit terms are set by finance and recorded', () => {
	it('a rep cannot raise their customer’s credit limit, rating or payment days; finance can, and history says so', async () => {
		const customer = await customerOf('sales_rep');
		const before = await admin('GET', `/items/customers/${customer.id}?fields=credit_limit,credit_rating,payment_terms_days`);
		for (const body of [{ credit_limit: '99999999.00' }, { credit_rating: 'AAA' }, { payment_terms_days: 365 }]) {
			const r = await call('sales_rep', 'PATCH', `/items/customers/${customer.id}`, body);
			expect([r.status, errorCode(r)]).toEqual([403, 'FORBIDDEN']);
		}
		expect(await admin('GET', `/items/customers/${customer.id}?fields=credit_limit,credit_rating,payment_terms_days`)).toEqual(before);
		const created = await call('sales_rep', 'POST', '/items/customers', {
			name: `信用越权测试${Date.now()}有限公司`,
			credit_limit: '99999999.00',
			contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
		});
		expect(created.status).toBe(403);

		const raised = String(Number(before.credit_limit ?? 0) + 1000);
		await ok('finance', 'PATCH', `/items/customers/${customer.id}`, { credit_limit: raised });
		await expect
			.poll(async () =>
				admin('GET', `/items/customer_history?filter[customer][_eq]=${customer.id}&filter[kind][_eq]=credit_limit&sort=-id&limit=1`),
			)
			.toMatchObject([{ kind: 'credit_limit', to_value: String(Number(raised)), user_created: userId('finance') }]);
		await ok('finance', 'PATCH', `/items/customers/${customer.id}`, { credit_limit: before.credit_limit });
	});
});

describe('presets are personal', () => {
	it('a rep cannot create a bookmark for the manager’s role or for everyone, nor hand theirs to others', async () => {
		const before = await count('directus_presets');
		const roles = await admin('GET', '/roles?fields=id,name&limit=-1');
		const managerRole = roles.find((r: any) => r.name.includes('Sales manager')).id;
		for (const body of [
			{ bookmark: '藏起审批', collection: 'approval_requests', role: managerRole, user: null },
			{ bookmark: '全员书签', collection: 'quotes', role: null, user: null },
			{ bookmark: '无主书签', collection: 'quotes' },
			{ bookmark: '别人的书签', collection: 'quotes', user: userId('sales_manager') },
		]) {
			const r = await call('sales_rep', 'POST', '/presets', body);
			expect([r.status, errorCode(r)]).toEqual([403, 'FORBIDDEN']);
		}
		expect(await count('directus_presets')).toBe(before);
		const own = await ok<any>('sales_rep', 'POST', '/presets', { bookmark: '我的书签', collection: 'quotes', user: userId('sales_rep') });
		const moved = await call('sales_rep', 'PATCH', `/presets/${own.id}`, { role: managerRole });
		expect(moved.status).toBe(403);
		const given = await call('sales_rep', 'PATCH', `/presets/${own.id}`, { user: userId('sales_manager') });
		expect(given.status).toBe(403);
		expect(await admin('GET', `/presets/${own.id}?fields=user,role`)).toEqual({ user: userId('sales_rep'), role: null });
		expect((await call('sales_rep', 'DELETE', `/presets/${own.id}`)).status).toBe(204);
	});
});

describe('audit stamps are the system’s', () => {
	it.each([
		['customers', { user_created: 'sales_rep_2' }],
		['customers', { date_created: '2020-01-01T00:00:00Z' }],
		['quotes', { user_created: 'sales_manager' }],
		['visits', { date_created: '2020-01-01T00:00:00Z' }],
	] as const)('a rep cannot rewrite %s %j', async (collection, forged) => {
		const [row] = await ok<any[]>('sales_rep', 'GET', `/items/${collection}?sort=id&limit=1&fields=id`);
		const body = Object.fromEntries(Object.entries(forged).map(([k, v]) => [k, k === 'user_created' ? userId(v) : v]));
		const before = await admin('GET', `/items/${collection}/${row.id}?fields=user_created,date_created`);
		const r = await call('sales_rep', 'PATCH', `/items/${collection}/${row.id}`, body);
		expect([r.status, errorCode(r)]).toEqual([403, 'FORBIDDEN']);
		expect(await admin('GET', `/items/${collection}/${row.id}?fields=user_created,date_created`)).toEqual(before);
	});

	it('a rep cannot backdate a new customer (KPIs count new customers per month)', async () => {
		const before = await count('customers');
		const r = await call('sales_rep', 'POST', '/items/customers', {
			name: `补登客户${Date.now()}有限公司`,
			date_created: '2020-01-01T00:00:00Z',
			contacts: [{ name: '王经理', title: '采购经理', phone: '13800000000' }],
		});
		expect([r.status, errorCode(r)]).toEqual([403, 'FORBIDDEN']);
		expect(await count('customers')).toBe(before);
	});
});

describe('refusals reveal neither names nor existence', () => {
	it('a statement for another rep’s customer answers like one for a missing customer', async () => {
		const theirs = await customerOfRep2();
		const period = '2026-01';
		const foreign = await call('sales_rep', 'POST', '/reconciliation/statements', { period, customers: [theirs.id] });
		const missing = await call('sales_rep', 'POST', '/reconciliation/statements', { period, customers: [99999999] });
		expect([foreign.status, errorCode(foreign)]).toEqual([400, ErrorCode.INVALID_PAYLOAD]);
		expect([missing.status, errorCode(missing)]).toEqual([400, ErrorCode.INVALID_PAYLOAD]);
		expect(foreign.errors![0]!.message.replace(String(theirs.id), 'ID')).toBe(missing.errors![0]!.message.replace('99999999', 'ID'));
		expect(JSON.stringify(foreign.errors)).not.toContain(theirs.name);
	});

	it('printing another rep’s statement, or deciding on a request one takes no part in, answers 404 like a missing id', async () => {
		const st = await ok<any>('finance', 'POST', '/items/statements', {
			period: '2026-02',
			customer: (await freshCustomer('sales_rep_2')).id,
		});
		const print = async (id: number) =>
			fetch(`${url()}/reconciliation/statements/${id}/print`, { headers: { authorization: `Bearer ${await tokenFor('sales_rep')}` } });
		const [theirs, missing] = [await print(st.id), await print(99999999)];
		expect([theirs.status, missing.status]).toEqual([404, 404]);
		const body = (r: any) => JSON.stringify(r.errors).replace(/\d+/g, 'N');
		expect(body(await theirs.json())).toBe(body(await missing.json()));

		const q = await quote('sales_rep_2', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }], (await customerOfRep2()).id);
		await submit('sales_rep_2', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		for (const action of ['approve', 'reject']) {
			const a = await call('warehouse', 'POST', `/approvals/${req.id}/${action}`, { comment: 'x' });
			const b = await call('warehouse', 'POST', `/approvals/99999999/${action}`, { comment: 'x' });
			expect([a.status, errorCode(a), b.status, errorCode(b)]).toEqual([404, 'NOT_FOUND', 404, 'NOT_FOUND']);
			expect(a.errors![0]!.message.replace(String(req.id), 'N')).toBe(b.errors![0]!.message.replace('99999999', 'N'));
		}
		expect((await requestOf('quotes', q.id)).status).toBe('pending');
	});
});

describe('a confirmed statement is final until finance reopens it', () => {
	it('the rep cannot change a confirmed statement; finance reopens it (recorded); the rep sends it again', async () => {
		const st = await ok<any>('finance', 'POST', '/items/statements', {
			period: '2025-12',
			customer: (await freshCustomer('sales_rep')).id,
		});
		await ok('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'sent' });
		await ok('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'confirmed', confirmed_payment_date: '2026-01-20' });
		const edit = await call('sales_rep', 'PATCH', `/items/statements/${st.id}`, { confirmed_payment_date: '2026-06-30' });
		expect([edit.status, errorCode(edit)]).toEqual([409, 'DOCUMENT_LOCKED']);
		const reopenByRep = await call('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'draft' });
		expect([reopenByRep.status, errorCode(reopenByRep)]).toEqual([403, 'FORBIDDEN']);
		expect(await admin('GET', `/items/statements/${st.id}?fields=status,confirmed_payment_date`)).toEqual({
			status: 'confirmed',
			confirmed_payment_date: '2026-01-20',
		});

		await ok('finance', 'PATCH', `/items/statements/${st.id}`, { status: 'draft' });
		const [move] = await admin(
			'GET',
			`/items/status_history?filter[collection][_eq]=statements&filter[item][_eq]=${st.id}&sort=-id&limit=1`,
		);
		expect(move).toMatchObject({ from_status: 'confirmed', to_status: 'draft', moved_by: userId('finance') });
		expect(await admin('GET', `/items/statements/${st.id}?fields=status,confirmed_payment_date`)).toEqual({
			status: 'draft',
			confirmed_payment_date: null,
		});
		await ok('sales_rep', 'PATCH', `/items/statements/${st.id}`, { status: 'sent' });
	});
});

describe('approval steps asking a role are only for roles that approve', () => {
	it('a rule cannot ask every rep (or assistant, or warehouse clerk) as a role', async () => {
		for (const role of ['sales_rep', 'sales_assistant', 'warehouse']) {
			const r = await call('admin', 'POST', '/items/approval_rules', {
				document: 'quotes',
				name: 'staff-wide',
				condition: 'always',
				params: {},
				priority: 99,
				active: false,
				steps: [{ approver: 'role', role }],
			});
			expect([r.status, errorCode(r)]).toEqual([400, 'INVALID_PAYLOAD']);
			expect(r.errors![0]!.message).toContain(role);
		}
	});

	it('a rep reads no approval step by role, and decides none', async () => {
		const q = await quote('sales_rep_2', [{ sku: 'SKU-001', quantity: '1', unit_price: '12800.00' }], (await customerOfRep2()).id);
		await submit('sales_rep_2', 'quotes', q.id);
		const req = await requestOf('quotes', q.id);
		// A step asking every rep, as a rule written before this check could have made it.
		const step = req.steps.find((s: any) => s.status === 'pending');
		const db = knex(knexConfig(env()));
		try {
			await db('approval_steps').where({ id: step.id }).update({ approver_role: 'sales_rep', approver_user: null });
			const list = await ok<any[]>('sales_rep', 'GET', `/items/approval_steps?filter[request][_eq]=${req.id}&fields=id`);
			expect(list).toEqual([]);
			expect((await ok<any[]>('sales_rep', 'GET', '/approvals/inbox')).map((x) => x.request)).not.toContain(req.id);
			const decide = await call('sales_rep', 'PATCH', `/items/approval_steps/${step.id}`, { status: 'approved' });
			expect(decide.status).toBe(403);
			expect((await admin('GET', `/items/approval_steps/${step.id}`)).status).toBe('pending');
		} finally {
			await db('approval_steps').where({ id: step.id }).update({ approver_role: step.approver_role, approver_user: step.approver_user });
			await db.destroy();
		}
		await approveAll('quotes', q.id, approversMap());
	});
});

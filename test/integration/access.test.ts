// Row access by every path a user has: items, relational fields, deep filters, search,
// aggregates, exports and GraphQL. A rep never sees another rep's customers or documents.
import { describe, expect, it } from 'vitest';
import { IMPORT_PANELS } from '../../schema/dashboard';
import { call, count, ok, tokenFor, url, userId } from './helpers';

const REP = userId('sales_rep');
const OTHER = userId('sales_rep_2');

async function graphql(who: string, query: string) {
	const res = await fetch(`${url()}/graphql`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}` },
		body: JSON.stringify({ query }),
	});
	return (await res.json()) as any;
}

describe('a rep sees only their own rows, by every path', () => {
	it('documents and their relations', async () => {
		for (const collection of ['quotes', 'sales_orders', 'shipments', 'contracts', 'loans']) {
			const rows = await ok<any[]>('sales_rep', 'GET', `/items/${collection}?fields=owner,customer.owner&limit=-1`);
			expect(rows.length, collection).toBeGreaterThan(0);
			expect(
				// A customer may have gone to the public pool (no owner) since; its documents stay the rep's.
				rows.every((r) => r.owner === REP && (r.customer.owner === REP || r.customer.owner === null)),
				collection,
			).toBe(true);
		}
		const lines = await ok<any[]>('sales_rep', 'GET', '/items/sales_order_lines?fields=order.owner&limit=-1');
		expect(lines.every((l) => l.order.owner === REP)).toBe(true);
		const invoices = await ok<any[]>('sales_rep', 'GET', '/items/invoices?fields=customer.owner&limit=-1');
		expect(invoices.length).toBeGreaterThan(0);
		expect(invoices.every((i) => i.customer.owner === REP)).toBe(true);
	});

	it("deep filters, search and aggregates do not reach other reps' rows", async () => {
		expect(await ok<any[]>('sales_rep', 'GET', `/items/contacts?filter[customer][owner][_eq]=${OTHER}`)).toEqual([]);
		expect(await ok<any[]>('sales_rep', 'GET', `/items/sales_orders?filter[owner][_eq]=${OTHER}`)).toEqual([]);
		const otherName = (await ok<any[]>('admin', 'GET', `/items/customers?filter[owner][_eq]=${OTHER}&limit=1`))[0].name;
		expect(await ok<any[]>('sales_rep', 'GET', `/items/customers?search=${encodeURIComponent(otherName)}`)).toEqual([]);
		const agg = await ok<any[]>('sales_rep', 'GET', '/items/customers?aggregate[count]=*');
		expect(Number(agg[0].count)).toBe(await count('customers', { owner: { _eq: REP } }));
		const grouped = await ok<any[]>('sales_rep', 'GET', '/items/sales_orders?aggregate[count]=*&groupBy[]=owner');
		expect(grouped.map((g) => g.owner)).toEqual([REP]);
	});

	it('exports contain only their rows', async () => {
		const res = await fetch(`${url()}/items/customers?export=json&fields=id,owner&limit=-1`, {
			headers: { authorization: `Bearer ${await tokenFor('sales_rep')}` },
		});
		expect(res.status).toBe(200);
		const rows = JSON.parse(await res.text());
		expect(rows.length).toBeGreaterThan(0);
		// Their own customers, and customers in the public pool (no owner), which every seller may see to claim.
		expect(rows.every((r: any) => r.owner === REP || r.owner === null)).toBe(true);
		expect(rows.some((r: any) => r.owner === REP)).toBe(true);
		const csv = await (
			await fetch(`${url()}/items/quotes?export=csv&fields=owner&limit=-1`, {
				headers: { authorization: `Bearer ${await tokenFor('sales_rep')}` },
			})
		).text();
		expect(csv).not.toContain(OTHER);
	});

	it("GraphQL returns only their rows and no other rep's relations", async () => {
		const r = await graphql(
			'sales_rep',
			'{ customers(limit: -1) { id owner { id } } sales_orders(limit: -1) { id owner { id } customer { owner { id } } } }',
		);
		expect(r.errors).toBeUndefined();
		expect(r.data.customers.length).toBeGreaterThan(0);
		expect(r.data.customers.every((c: any) => c.owner === null || c.owner.id === REP)).toBe(true);
		expect(r.data.sales_orders.every((o: any) => o.owner.id === REP && (o.customer.owner === null || o.customer.owner.id === REP))).toBe(
			true,
		);
		const other = (await ok<any[]>('admin', 'GET', `/items/customers?filter[owner][_eq]=${OTHER}&limit=1`))[0];
		const byId = await graphql('sales_rep', `{ customers_by_id(id: ${other.id}) { id name } }`);
		expect(byId.data?.customers_by_id ?? null).toBeNull();
	});

	it("writes to another rep's documents are refused and change nothing", async () => {
		const theirs = (await ok<any[]>('admin', 'GET', `/items/quotes?filter[owner][_eq]=${OTHER}&filter[status][_eq]=draft&limit=1`))[0];
		const r = await call('sales_rep', 'PATCH', `/items/quotes/${theirs.id}`, { payment_terms: 'hijacked' });
		expect(r.status).toBe(403);
		expect((await ok<any>('admin', 'GET', `/items/quotes/${theirs.id}`)).payment_terms).toBe(theirs.payment_terms);
		const del = await call('sales_rep', 'DELETE', `/items/quotes/${theirs.id}`);
		expect(del.status).toBe(403);
		expect(await count('quotes', { id: { _eq: theirs.id } })).toBe(1);
	});
});

describe('roles see what their job needs', () => {
	it.each([
		['sales_manager', 'sales_orders', [REP, OTHER]],
		['division_head', 'sales_orders', [REP, OTHER]],
		['finance', 'invoices', [REP, OTHER]],
	])('%s reads %s of both reps', async (who, collection, owners) => {
		const rows = await ok<any[]>(who, 'GET', `/items/${collection}?fields=owner&limit=-1`);
		for (const o of owners)
			expect(
				rows.some((r) => r.owner === o),
				`${who} ${collection} ${o}`,
			).toBe(true);
	});

	it.each([
		['warehouse', 'quotes'],
		['warehouse', 'invoices'],
		['legal', 'sales_orders'],
		['product_manager', 'quotes'],
		['sales_rep', 'stock_moves'],
	])('%s cannot read %s', async (who, collection) => {
		expect((await call(who, 'GET', `/items/${collection}?limit=1`)).status).toBe(403);
	});

	it('the sales cockpit is for managers, heads and finance', async () => {
		const named = (rows: any[]) => rows.some((d) => d.name === '销售驾驶舱 / Sales cockpit');
		for (const who of ['sales_manager', 'division_head', 'finance'])
			expect(named(await ok<any[]>(who, 'GET', '/dashboards?limit=-1')), who).toBe(true);
		// They see the Excel import dashboard and its panel, none of the cockpit's.
		for (const who of ['sales_rep', 'warehouse']) {
			expect(named(await ok<any[]>(who, 'GET', '/dashboards?limit=-1')), who).toBe(false);
			const panels = await ok<any[]>(who, 'GET', '/panels?limit=-1&filter[type][_starts_with]=salesflow&fields=type');
			expect(panels.map((p) => p.type)).toEqual(IMPORT_PANELS.map((p) => p.type));
		}
	});

	it('nobody but the engine writes approval requests', async () => {
		for (const who of ['sales_rep', 'sales_manager', 'division_head']) {
			expect((await call(who, 'POST', '/items/approval_requests', { collection: 'quotes', item: '1', status: 'approved' })).status).toBe(
				403,
			);
		}
	});
});

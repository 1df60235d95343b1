// Request and query limits (issue #23 findings 9 and 11): a logged-in rep sends the reads and bodies
// that used to take 90 s or end in a 500 — unbounded deep reads, 5,000-deep JSON, 100,000-key
// batches, 100,000-id `_in` searches, grouping by a related field, oversized bodies. Each is refused
// (or capped) quickly, writes nothing, and the server serves on. This file runs its own Directus
// with a staff cap of 3 rows, so that the cap shows on the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instance, type Kind, type Res } from './faults';

const KIND: Kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const STAFF_MAX = 3;
/** "A few seconds" on the 2-core machine, and what "fast" means for a refusal. */
const FEW_SECONDS = 5_000;
const FAST = 2_000;

let sf: Instance;
let customer: any; // one of the rep's customers

beforeAll(async () => {
	sf = await Instance.boot(KIND, 'limits', { SALESFLOW_STAFF_QUERY_LIMIT_MAX: String(STAFF_MAX) });
	customer = (await sf.ok<any[]>('sales_rep', 'GET', '/items/customers?sort=id&limit=1'))[0];
}, 480_000);

afterAll(async () => {
	for (const instance of [...Instance.all]) await instance.dispose();
});

/** A request with a body sent as is (JSON.stringify cannot even write 5,000-deep JSON), timed. */
async function send(user: string, method: string, path: string, body?: string | ReadableStream): Promise<Res & { ms: number }> {
	const headers = { 'content-type': 'application/json', authorization: `Bearer ${await sf.token(user)}` };
	const t0 = Date.now();
	// A stream goes out chunked, without a Content-Length.
	const res = await fetch(`${sf.url}${path}`, { method, headers, body, duplex: 'half' } as RequestInit);
	const text = await res.text();
	const json = text ? JSON.parse(text) : {};
	return { status: res.status, data: json.data, errors: json.errors, ms: Date.now() - t0 };
}

const refused = (r: Res & { ms: number }, status: number, code: string, message: RegExp) => {
	const detail = `${r.status} in ${r.ms} ms: ${JSON.stringify(r.errors ?? r.data)?.slice(0, 300)}`;
	expect(r.status, detail).toBe(status);
	expect(r.errors?.[0]?.extensions.code, detail).toBe(code);
	expect(r.errors?.[0]?.message, detail).toMatch(message);
	expect(r.ms, detail).toBeLessThan(FAST);
};

/** Everything a refused write could have touched: the rep's customers and every order, as the administrator sees them. */
const state = async () => ({
	customers: await sf.ok<any[]>('admin', 'GET', '/items/customers?fields=id,name,industry,date_updated&sort=id&limit=-1'),
	orders: await sf.ok<any[]>('admin', 'GET', '/items/sales_orders?fields=id,status,date_updated&sort=id&limit=-1'),
});

/** `{"name":"x","industry":"xxx…"}` of more than `mb` MB, streamed in 1 MB chunks. */
function streamedBody(mb: number): ReadableStream {
	const text = new TextEncoder();
	const chunks = [
		text.encode('{"name":"x","industry":"'),
		...Array.from({ length: mb }, () => text.encode('x'.repeat(1024 * 1024))),
		text.encode('"}'),
	];
	return new ReadableStream({
		pull(c) {
			const next = chunks.shift();
			if (next) c.enqueue(next);
			else c.close();
		},
	});
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('reads are bounded', () => {
	it('refuses the nine-level wildcard read at once', async () => {
		const r = await send('sales_rep', 'GET', '/items/sales_orders?fields=*.*.*.*.*.*.*.*.*&limit=-1');
		refused(r, 400, 'INVALID_QUERY', /relational depth/i);
	});

	it('answers the deepest allowed read within a few seconds, with at most the staff cap of rows', async () => {
		// One of the rep's orders with more lines than the cap, to see nested lists capped too.
		const products = await sf.ok<any[]>('sales_rep', 'GET', '/items/products?fields=id,list_price&sort=id&limit=4');
		const order = await sf.ok<any>('sales_rep', 'POST', '/items/sales_orders', {
			customer: customer.id,
			lines: products.map((p) => ({ product: p.id, quantity: '1', unit_price: String(p.list_price) })),
		});
		const all = await sf.ok<any[]>('admin', 'GET', '/items/sales_orders?fields=id,owner&limit=-1');
		const mine = all.filter((o) => o.owner === order.owner);
		expect(mine.length).toBeGreaterThan(STAFF_MAX);

		const r = await send(
			'sales_rep',
			'GET',
			'/items/sales_orders?fields=*.*.*&limit=-1&deep[lines][_limit]=-1&filter[id][_gte]=1&sort=-id',
		);
		expect(r.status, JSON.stringify(r.errors)).toBe(200);
		expect(r.ms).toBeLessThan(FEW_SECONDS);
		expect(r.data).toHaveLength(STAFF_MAX);
		expect(r.data[0].id).toBe(order.id);
		expect(r.data[0].lines).toHaveLength(STAFF_MAX);
		// Asking for more than the cap is the cap; GraphQL reads the same way.
		expect(await sf.ok<any[]>('sales_rep', 'GET', '/items/sales_orders?fields=id&limit=50')).toHaveLength(STAFF_MAX);
		const gql = await sf.ok<any>('sales_rep', 'POST', '/graphql', { query: '{ sales_orders(limit: -1) { id } }' });
		expect(gql.sales_orders).toHaveLength(STAFF_MAX);
		// The administrator is not capped.
		const full = await sf.ok<any[]>('admin', 'GET', `/items/sales_orders/${order.id}?fields=lines.id&deep[lines][_limit]=-1`);
		expect((full as any).lines).toHaveLength(products.length);
		expect(all.length).toBeGreaterThan(STAFF_MAX);
	});

	it('refuses grouping by a related field, for the administrator too, and still groups by the key', async () => {
		for (const user of ['sales_rep', 'admin']) {
			for (const group of ['customer.name', 'lines']) {
				const r = await send(user, 'GET', `/items/sales_orders?aggregate[count]=*&groupBy[]=${group}`);
				refused(r, 400, 'INVALID_QUERY', new RegExp(`Cannot group sales_orders by ${group.replace('.', '\\.')}`));
			}
		}
		const byCustomer = await sf.ok<any[]>('sales_rep', 'GET', '/items/sales_orders?aggregate[count]=*&groupBy[]=customer');
		expect(byCustomer.length).toBeGreaterThan(0);
	});

	it('refuses an _in list over 1,000 values, in a search body and in the query string', async () => {
		const search = await send(
			'sales_rep',
			'SEARCH',
			'/items/customers',
			JSON.stringify({ query: { filter: { id: { _in: ids(100_000) } } } }),
		);
		refused(search, 400, 'INVALID_QUERY', /query\.filter\.id\._in lists 100000 values, more than 1000/);
		const inUrl = await send('sales_rep', 'GET', `/items/customers?fields=id&filter[id][_nin]=${ids(1_001).join(',')}`);
		refused(inUrl, 400, 'INVALID_QUERY', /filter\.id\._nin lists 1001 values, more than 1000/);
		const asJson = await send(
			'sales_rep',
			'GET',
			`/items/customers?fields=id&filter=${encodeURIComponent(JSON.stringify({ id: { _in: ids(1_001) } }))}`,
		);
		refused(asJson, 400, 'INVALID_QUERY', /lists 1001 values/);
		// 1,000 is still a list.
		const r = await send('sales_rep', 'GET', `/items/customers?fields=id&filter[id][_in]=${ids(1_000).join(',')}`);
		expect(r.status, JSON.stringify(r.errors)).toBe(200);
		expect(r.data.map((c: any) => c.id)).toContain(customer.id);
	});
});

describe('malformed bodies are refused and write nothing', () => {
	it.each([
		[
			'5,000-deep JSON on update',
			'PATCH',
			() => `/items/customers/${customer.id}`,
			() => `{"industry":"x","extra":${deepJson(5_000)}}`,
			400,
			'INVALID_PAYLOAD',
			/nested 33 levels deep.*more than 32/,
		],
		[
			'5,000-deep JSON on create',
			'POST',
			() => '/items/sales_orders',
			() => `{"customer":${customer.id},"lines":[${deepJson(5_000)}]}`,
			400,
			'INVALID_PAYLOAD',
			/nested 33 levels deep/,
		],
		[
			'a 100,000-key batch update',
			'PATCH',
			() => '/items/customers',
			() => JSON.stringify({ keys: ids(100_000), data: { industry: 'x' } }),
			400,
			'INVALID_PAYLOAD',
			/keys has 100000 entries, more than 5000/,
		],
		[
			'a batch of 100,000 rows',
			'PATCH',
			() => '/items/customers',
			() => JSON.stringify(ids(100_000).map((id) => ({ id, industry: 'x' }))),
			400,
			'INVALID_PAYLOAD',
			/body has 100000 entries, more than 5000/,
		],
		[
			'an object of 100,000 keys',
			'PATCH',
			() => `/items/customers/${customer.id}`,
			() => JSON.stringify(Object.fromEntries(ids(100_000).map((i) => [`f${i}`, i]))),
			400,
			'INVALID_PAYLOAD',
			/body has 100000 entries/,
		],
		[
			'an 11 MB body',
			'POST',
			() => '/items/customers',
			() => JSON.stringify({ name: 'x', industry: 'x'.repeat(11 * 1024 * 1024) }),
			413,
			'CONTENT_TOO_LARGE',
			/of 11534362 bytes is larger than MAX_PAYLOAD_SIZE \(10485760 bytes\)/,
		],
		[
			'an 11 MB body streamed without a length',
			'POST',
			() => '/items/customers',
			() => streamedBody(11),
			413,
			'CONTENT_TOO_LARGE',
			/^Request body is larger than MAX_PAYLOAD_SIZE \(10485760 bytes\)/,
		],
	])('%s', async (_label, method, path, body, status, code, message) => {
		const before = await state();
		refused(await send('sales_rep', method, path(), body()), status, code, message);
		expect(await state()).toEqual(before);
	});

	it('serves on afterwards', async () => {
		const health = await fetch(`${sf.url}/server/health`);
		expect(health.status).toBe(200);
		const r = await send('sales_rep', 'PATCH', `/items/customers/${customer.id}`, JSON.stringify({ industry: 'limits: still served' }));
		expect(r.status, JSON.stringify(r.errors)).toBe(200);
		expect(r.data.industry).toBe('limits: still served');
	});
});

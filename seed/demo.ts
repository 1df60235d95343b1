// Demo data, seeded once through the real API as the demo users, so every rule runs as it would
// for people. Later features add documents in more states here.
import type { AdminApi } from '../scripts/lib/admin-api';
import { CUSTOMERS, OPENING_STOCK, PAYMENT_TERMS, PRODUCTS, WAREHOUSES } from './catalog';
import { seedCrm } from './crm';
import { seedDocuments } from './documents';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS, demoUserPayloads, userId } from './users';

/** The credit rating finance gave each demo customer (资信审核), by its grade. */
const DEMO_RATING: Record<string, string> = { A: 'AAA', B: 'AA', C: 'A', D: 'B' };

export async function seedDemo(admin: AdminApi, env: Record<string, string>, log: (m: string) => void = () => {}): Promise<void> {
	const password = env.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT;
	const existing = await admin.get<any[]>(`/users?filter[id][_eq]=${userId('sales_rep')}&fields=id`);
	if (existing.length) return; // seeded once
	log('seeding demo data…');
	// Managers first so `manager` references resolve.
	const payloads = demoUserPayloads(password);
	await admin.post(
		'/users',
		payloads.map((p) => ({ ...p, manager: null })),
	);
	for (const p of payloads.filter((x) => x.manager)) await admin.patch(`/users/${p.id}`, { manager: p.manager });

	const sessions = new Map<string, Promise<AdminApi>>();
	const as = (key: string) => {
		if (key === 'admin') return Promise.resolve(admin);
		if (!sessions.has(key)) sessions.set(key, admin.loginAs(DEMO_USERS.find((d) => d.key === key)!.email, password));
		return sessions.get(key)!;
	};

	const warehouses = await admin.post<any[]>('/items/warehouses', WAREHOUSES);
	const pm = userId('product_manager');
	const products = await admin.post<any[]>(
		'/items/products',
		PRODUCTS.map((p) => ({ ...p, product_manager: pm, active: true, low_stock_threshold: '5' })),
	);
	const productId = (sku: string) => products.find((p) => p.sku === sku)!.id;

	const whManager = await as('warehouse_manager');
	for (const wh of warehouses) {
		const entry = await whManager.post('/items/stock_entries', {
			type: 'purchase_in',
			warehouse: wh.id,
			memo: '期初库存',
			lines: OPENING_STOCK[wh.code]!.map(([sku, q]) => ({ product: productId(sku), quantity: String(q) })),
		});
		await whManager.patch(`/items/stock_entries/${entry.id}`, { status: 'posted' });
	}

	// The rep registers the customer (with its payment term); finance reviews it (资信审核) and sets its credit terms (信用评审).
	const finance = await as('finance');
	const terms = await finance.post<any[]>('/items/payment_terms', PAYMENT_TERMS);
	for (const c of CUSTOMERS) {
		const rep = await as(c.owner);
		const { owner, contact, status, credit_limit, payment_terms_days, payment_term, ...fields } = c;
		const created = await rep.post('/items/customers', {
			...fields,
			...(payment_term ? { payment_term: terms.find((t) => t.code === payment_term)!.id } : {}),
			contacts: [{ name: contact[0], title: contact[1], phone: contact[2] }],
		});
		// Every demo customer is in business and rated, so its first order needs no further review.
		const review = { enterprise_status: 'normal', credit_rating: DEMO_RATING[c.grade] };
		await finance.patch(`/items/customers/${created.id}`, { credit_limit, payment_terms_days, ...review });
		if (status !== 'lead') await rep.patch(`/items/customers/${created.id}`, { status });
	}
	await seedDocuments(as, log);
	await seedCrm(as, ['sales_rep', 'sales_rep_2'], log);
	log('demo data seeded');
}

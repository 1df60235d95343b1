// Quotes bind until valid_until (报价有效期, seed 002): it defaults to the quote date plus the company's
// validity days and may not be before the quote date; a lapsed quote cannot be sent, become an order
// or carry an order's prices — before the daily job has marked it — and the job then marks it expired
// once, tells its owner and records the move. The requests of this file run on a pinned company clock
// in 2025, so the job it runs touches no quote of the other files.
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';
import { expireQuotes } from '../../extensions/salesflow/src/documents/quotes';
import type { DocContext } from '../../extensions/salesflow/src/engine/document-type';
import { CLOCK_HEADER } from '../../extensions/salesflow/src/platform/clock';
import { SYSTEM_ACTOR } from '../../extensions/salesflow/src/platform/context';
import { knexConfig } from '../../scripts/lib/env';
import { approveAll, approversMap, customerOf, product, submit } from './fixtures';
import { call, count, env, errorCode, ok, sendWithEveryRequest, userId } from './helpers';

const D0 = '2025-06-02';
const day = (n: number) => new Date(Date.parse(`${D0}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Pins the company clock at 10:00 Shanghai on `date` for the next requests of this file. */
const on = (date: string) => sendWithEveryRequest(CLOCK_HEADER, `${date}T02:00:00.000Z`);

let db: ReturnType<typeof knex> | undefined;
function jobContext(): DocContext {
	db ??= knex(knexConfig(env()));
	return { db, documents: DOCUMENTS, accountability: null, actor: SYSTEM_ACTOR } as unknown as DocContext;
}
afterAll(async () => db?.destroy());

let customer: number;
let lines: Array<{ product: number; quantity: string; unit_price: string }>;
beforeAll(async () => {
	customer = (await customerOf('sales_rep')).id;
	lines = [{ product: (await product('SKU-002')).id, quantity: '1', unit_price: '3680.00' }];
});

describe('quote validity (报价有效期)', () => {
	it("defaults to the quote date plus the company's validity days; never before the quote date", async () => {
		on(D0);
		const { quote_validity_days } = await ok<any>('admin', 'GET', '/items/salesflow_settings');
		const q = await ok<any>('sales_rep', 'POST', '/items/quotes', { customer, lines });
		expect([q.quote_date, q.valid_until]).toEqual([D0, day(quote_validity_days)]);
		const dated = await ok<any>('sales_rep', 'POST', '/items/quotes', { customer, quote_date: day(-3), lines });
		expect(dated.valid_until).toBe(day(quote_validity_days - 3));

		const before = await count('quotes');
		const early = await call('sales_rep', 'POST', '/items/quotes', { customer, quote_date: D0, valid_until: day(-1), lines });
		expect([early.status, errorCode(early), early.errors?.[0]?.extensions.field]).toEqual([400, 'INVALID_PAYLOAD', 'valid_until']);
		expect(early.errors?.[0]?.message).toContain(`${day(-1)} is before the quote date ${D0}`);
		const moved = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { valid_until: day(-1) });
		expect(moved.status).toBe(400);
		const later = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { quote_date: day(quote_validity_days + 1) });
		expect(later.status).toBe(400);
		expect(await count('quotes')).toBe(before);
		expect(await ok<any>('admin', 'GET', `/items/quotes/${q.id}?fields=quote_date,valid_until`)).toEqual({
			quote_date: D0,
			valid_until: day(quote_validity_days),
		});
		// Moving either date within the rule is fine (the stored dates are read in the driver's shape).
		await ok('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { valid_until: day(quote_validity_days + 10) });
		await ok('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { quote_date: day(1) });
		expect(await ok<any>('admin', 'GET', `/items/quotes/${q.id}?fields=quote_date,valid_until`)).toEqual({
			quote_date: day(1),
			valid_until: day(quote_validity_days + 10),
		});
	});

	it('a lapsed quote cannot be sent, ordered or carry a submitted order — before the job ran; the job then expires it once', async () => {
		on(D0);
		const q = await ok<any>('sales_rep', 'POST', '/items/quotes', { customer, valid_until: day(5), lines });
		await submit('sales_rep', 'quotes', q.id);
		await approveAll('quotes', q.id, approversMap());
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');

		// Its last day still counts.
		on(day(5));
		const lastDay = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer, quote: q.id });
		expect(lastDay.quote).toBe(q.id);

		on(day(6));
		const orders = await count('sales_orders');
		const send = await call('sales_rep', 'PATCH', `/items/quotes/${q.id}`, { status: 'sent' });
		expect([send.status, errorCode(send)]).toEqual([409, 'QUOTE_EXPIRED']);
		expect(send.errors?.[0]?.message).toContain(`valid until ${day(5)}, today is ${day(6)}`);
		const order = await call('sales_rep', 'POST', '/items/sales_orders', { customer, quote: q.id });
		expect([order.status, errorCode(order)]).toEqual([409, 'QUOTE_EXPIRED']);
		const submitted = await call('sales_rep', 'PATCH', `/items/sales_orders/${lastDay.id}`, { status: 'submitted' });
		expect([submitted.status, errorCode(submitted)]).toEqual([409, 'QUOTE_EXPIRED']);
		expect(await count('sales_orders')).toBe(orders);
		expect((await ok<any>('admin', 'GET', `/items/sales_orders/${lastDay.id}`)).status).toBe('draft');
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('approved');

		// The job of its last day leaves it; the next day's expires it, once.
		expect(await expireQuotes(jobContext(), day(5))).toBe(0);
		expect(await expireQuotes(jobContext(), day(6))).toBeGreaterThanOrEqual(1);
		expect(await expireQuotes(jobContext(), day(6))).toBe(0);
		expect((await ok<any>('admin', 'GET', `/items/quotes/${q.id}`)).status).toBe('expired');
		const history = await ok<any[]>(
			'sales_rep',
			'GET',
			`/items/status_history?filter[collection][_eq]=quotes&filter[item][_eq]=${q.id}&sort=id`,
		);
		expect(history.at(-1)).toMatchObject({
			from_status: 'approved',
			to_status: 'expired',
			by_system: true,
			reason: `valid until ${day(5)}`,
		});
		const notes = await ok<any[]>('admin', 'GET', `/notifications?filter[collection][_eq]=quotes&filter[item][_eq]=${q.id}&limit=-1`);
		expect(notes.filter((n) => n.subject.includes('Quote expired')).map((n) => n.recipient)).toEqual([userId('sales_rep')]);

		// Expired is final for orders too, whatever the date.
		on(D0);
		const again = await call('sales_rep', 'POST', '/items/sales_orders', { customer, quote: q.id });
		expect([again.status, errorCode(again)]).toEqual([409, 'QUOTE_EXPIRED']);
	});
});

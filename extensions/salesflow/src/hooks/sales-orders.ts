// Sales orders: created directly or from an approved quote, confirmed through the approval
// engine (with the 3-working-day shipping promise), cancelled only while nothing has shipped.
import { DomainError } from '../domain/errors';
import { parseQty } from '../domain/money';
import { addWorkingDays } from '../domain/calendar';
import { readVisible } from '../lib/access';
import { onApproved } from '../lib/approval-engine';
import { onCreate } from './documents';
import { onTransition } from './transitions';

const QUOTE_USABLE = ['approved', 'sent', 'accepted'];

onCreate('sales_orders', async (ctx, payload) => {
	const customer = await readVisible(ctx, 'customers', payload.customer, 'customer');
	if (payload.quote) {
		const quote = await readVisible(ctx, 'quotes', payload.quote, 'quote');
		if (quote.customer !== customer.id)
			throw new DomainError('INVALID_PAYLOAD', `quote ${quote.number} is for another customer`, 400, { field: 'quote' });
		if (!QUOTE_USABLE.includes(quote.status))
			throw new DomainError(
				'APPROVAL_REQUIRED',
				`quote ${quote.number} is ${quote.status}; only an approved quote can become an order`,
				409,
				{ field: 'quote' },
			);
		if (payload.lines === undefined) {
			const lines = await ctx.db('quote_lines').where({ quote: quote.id }).orderBy('id');
			payload.lines = lines.map((l: any) => ({ product: l.product, quantity: l.quantity, unit_price: l.unit_price, tax_rate: l.tax_rate }));
		}
	}
	payload.order_date ??= new Date().toISOString().slice(0, 10);
	payload.ship_to ??= customer.address_phone ?? null;
});

onApproved('sales_orders', async ({ trx, id }) => {
	const now = new Date();
	await trx('sales_orders')
		.where({ id })
		.update({ confirmed_at: now, ship_by: addWorkingDays(now, 3).toISOString().slice(0, 10) });
});

onTransition('sales_orders', 'confirmed->cancelled', async ({ trx, id, row }) => {
	const lines = await trx('sales_order_lines').where({ order: id }).select('shipped_qty');
	const shipped = lines.reduce((s: bigint, l: any) => s + parseQty(l.shipped_qty), 0n);
	const open = await trx('shipments')
		.where({ order: id })
		.whereIn('status', ['draft', 'submitted', 'issued', 'delivered', 'accepted'])
		.count({ n: '*' });
	if (shipped > 0n || Number(open[0]!.n) > 0) {
		throw new DomainError(
			'INVALID_TRANSITION',
			`${row.number} cannot be cancelled: ${shipped > 0n ? 'goods were shipped' : 'it has delivery notes (cancel them first)'}`,
			409,
			{ from: row.status, to: 'cancelled' },
		);
	}
});

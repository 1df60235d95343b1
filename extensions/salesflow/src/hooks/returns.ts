// Returns (退货): a request against lines of one delivery note, at the delivered price, never more
// than shipped − returned − other pending requests; approved by the product manager and the
// division head, it becomes a return that the warehouse receives (return_in moves).
import type { Knex } from 'knex';
import { DomainError } from '../domain/errors';
import { formatMoney, lineTotal, parseMoney, parseQty } from '../domain/money';
import { assertReturnable } from '../domain/stock';
import { readVisible } from '../lib/access';
import { onApproved } from '../lib/approval-engine';
import { lockRow } from '../lib/context';
import { createRedInvoice } from '../lib/invoicing';
import { nextDocumentNumber } from '../lib/numbering';
import { addToRollup } from '../lib/order-rollups';
import { postMove } from '../lib/stock-ledger';
import { onCreate, onLineWrite } from './documents';
import { onTransition } from './transitions';

const RETURNABLE_SHIPMENT = ['issued', 'delivered', 'accepted'];

/** Quantity of a delivery line on requests not yet received (draft … approved with a pending return). */
async function pendingOnRequests(db: Knex, shipmentLine: number, exceptLine?: number): Promise<bigint> {
	const rows = await db('return_request_lines as l')
		.join('return_requests as r', 'r.id', 'l.request')
		.leftJoin('returns as rt', 'rt.return_request', 'r.id')
		.where('l.shipment_line', shipmentLine)
		.where((q) =>
			q
				.whereIn('r.status', ['draft', 'submitted', 'pending_approval'])
				.orWhere((q2) => q2.where('r.status', 'approved').where('rt.status', 'pending')),
		)
		.modify((q) => exceptLine && q.whereNot('l.id', exceptLine))
		.select('l.quantity');
	return rows.reduce((s: bigint, r: any) => s + parseQty(r.quantity), 0n);
}

async function checkLine(db: Knex, shipmentLineId: number, quantity: bigint, exceptLine?: number) {
	const line = await db('shipment_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.id', shipmentLineId)
		.first('l.*', 'p.sku');
	assertReturnable(
		{
			sku: line.sku,
			shipped: parseQty(line.quantity),
			returned: parseQty(line.returned_qty),
			pending: await pendingOnRequests(db, shipmentLineId, exceptLine),
		},
		quantity,
	);
	return line;
}

onCreate('return_requests', async (ctx, payload) => {
	const shipment = await readVisible(ctx, 'shipments', payload.shipment, 'shipment');
	if (!RETURNABLE_SHIPMENT.includes(shipment.status))
		throw new DomainError('INVALID_TRANSITION', `${shipment.number} is ${shipment.status}; only issued goods can be returned`, 409, {
			field: 'shipment',
		});
	if (payload.customer !== undefined && payload.customer !== shipment.customer)
		throw new DomainError('INVALID_PAYLOAD', "customer must be the delivery note's customer", 400, { field: 'customer' });
	payload.customer = shipment.customer;
});

onLineWrite('return_request_lines', async (ctx, payload, current, parent) => {
	const shipmentLineId = payload.shipment_line ?? current?.shipment_line;
	const sl = shipmentLineId ? await ctx.db('shipment_lines').where({ id: shipmentLineId }).first('shipment') : null;
	if (!sl || (parent && sl.shipment !== parent.shipment))
		throw new DomainError('INVALID_PAYLOAD', `delivery line ${shipmentLineId ?? '(missing)'} is not on the request's delivery note`, 400, {
			field: 'shipment_line',
		});
	const quantity = parseQty(payload.quantity ?? current?.quantity);
	const line = await checkLine(ctx.db, shipmentLineId, quantity, current?.id);
	// Returned at the delivered price.
	Object.assign(payload, {
		product: line.product,
		unit_price: line.unit_price,
		total: formatMoney(lineTotal(quantity, parseMoney(line.unit_price))),
	});
});

onApproved('return_requests', async ({ trx, id, row }) => {
	const shipment = await trx('shipments').where({ id: row.shipment }).first('warehouse');
	await trx('returns').insert({
		number: await nextDocumentNumber(trx, 'returns'),
		return_request: id,
		customer: row.customer,
		warehouse: shipment.warehouse,
		owner: row.owner,
		status: 'pending',
		date_created: new Date(),
		user_created: row.owner,
	});
});

onTransition('returns', 'pending->received', async ({ trx, id, row, actor }) => {
	const lines = await trx('return_request_lines').where({ request: row.return_request }).orderBy('id');
	for (const l of lines) {
		const sl = await lockRow(trx, 'shipment_lines', l.shipment_line);
		const quantity = parseQty(l.quantity);
		const pending = await pendingOnRequests(trx, sl.id);
		// This request itself is still counted as pending: take it out before re-checking.
		assertReturnable(
			{ sku: String(sl.product), shipped: parseQty(sl.quantity), returned: parseQty(sl.returned_qty), pending: pending - quantity },
			quantity,
		);
		await postMove(trx, {
			type: 'return_in',
			product: sl.product,
			warehouse: row.warehouse,
			quantity,
			source_collection: 'returns',
			source_id: id,
			source_line: l.id,
			source_number: row.number,
			user: actor.user,
		});
		await addToRollup(trx, 'shipment_lines', sl.id, 'returned_qty', quantity);
		await addToRollup(trx, 'sales_order_lines', sl.order_line, 'returned_qty', quantity);
	}
	const red = await draftRedInvoicesForReturn(trx, lines, row);
	await trx('returns')
		.where({ id })
		.update({ received_at: new Date(), red_invoice: red[0] ?? null });
});

/**
 * Returned goods that were invoiced get a red invoice drafted against each original blue invoice
 * (PROCESS.md §9), for finance to review and issue.
 */
async function draftRedInvoicesForReturn(
	trx: Knex,
	lines: Array<{ shipment_line: number; quantity: unknown }>,
	ret: any,
): Promise<number[]> {
	const byInvoice = new Map<number, Array<{ invoice_line: number; quantity: bigint }>>();
	for (const l of lines) {
		let left = parseQty(l.quantity as string);
		const blue = await trx('invoice_lines as il')
			.join('invoices as i', 'i.id', 'il.invoice')
			.where({ 'il.shipment_line': l.shipment_line, 'i.direction': 'blue', 'i.status': 'issued' })
			.orderBy('il.id')
			.select('il.id', 'il.invoice', 'il.quantity');
		for (const b of blue) {
			if (left <= 0n) break;
			const credited = (
				await trx('invoice_lines as rl')
					.join('invoices as r', 'r.id', 'rl.invoice')
					.where('rl.original_line', b.id)
					.whereNot('r.status', 'void')
					.select('rl.quantity')
			).reduce((s: bigint, r: any) => s - parseQty(r.quantity), 0n);
			const take = [left, parseQty(b.quantity) - credited].reduce((a, c) => (a < c ? a : c));
			if (take <= 0n) continue;
			byInvoice.set(b.invoice, [...(byInvoice.get(b.invoice) ?? []), { invoice_line: b.id, quantity: take }]);
			left -= take;
		}
	}
	const ids = [];
	for (const [original, redLines] of byInvoice) {
		ids.push(
			await createRedInvoice(trx, {
				original_invoice: original,
				lines: redLines,
				reason: `退货 ${ret.number} / Return ${ret.number}`,
				owner: ret.owner,
			}),
		);
	}
	return ids;
}

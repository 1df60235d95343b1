// Return requests (退货申请单): against lines of one delivery note, at the delivered price, never more
// than shipped − returned − other pending requests; approved by the product manager and the division
// head, a request becomes a return (退货单) that the warehouse receives.
import type { Knex } from 'knex';
import { DomainError, invalid } from '../../domain/errors';
import { formatMoney, lineTotal, parseMoney, parseQty } from '../../domain/money';
import { assertReturnable } from '../../domain/stock';
import { productsOf } from '../../engine/approvals/context';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import { readVisible } from '../../platform/access';
import type { Row } from '../../platform/database';
import { nextDocumentNumber } from '../../platform/numbering';
import { returnRequestLifecycle } from './lifecycle';
import { now } from '../../platform/clock';

const RETURNABLE_SHIPMENT = ['issued', 'delivered', 'accepted'];

/** Quantity of a delivery line on requests not yet received (draft … approved with a pending return). */
export async function pendingOnRequests(db: Knex, shipmentLine: number, exceptLine?: number): Promise<bigint> {
	const rows: Row[] = await db('return_request_lines as l')
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
	return rows.reduce((s, r) => s + parseQty(r.quantity), 0n);
}

async function checkLine(db: Knex, shipmentLineId: number, quantity: bigint, exceptLine?: number): Promise<Row> {
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

export const returnRequests = defineDocument({
	collection: 'return_requests',
	lifecycle: returnRequestLifecycle,
	fixedAfterCreate: ['shipment', 'customer'],
	lines: [
		{
			collection: 'return_request_lines',
			required: ['shipment_line', 'quantity'],
			onWrite: async (ctx, payload, current, parent) => {
				const shipmentLineId = payload.shipment_line ?? current?.shipment_line;
				const sl = shipmentLineId ? await ctx.db('shipment_lines').where({ id: shipmentLineId }).first('shipment') : null;
				if (!sl || (parent && sl.shipment !== parent.shipment)) {
					throw invalid('shipment_line', `delivery line ${shipmentLineId ?? '(missing)'} is not on the request's delivery note`);
				}
				const quantity = parseQty(payload.quantity ?? current?.quantity);
				const line = await checkLine(ctx.db, shipmentLineId, quantity, current?.id);
				// Returned at the delivered price.
				Object.assign(payload, {
					product: line.product,
					unit_price: line.unit_price,
					total: formatMoney(lineTotal(quantity, parseMoney(line.unit_price))),
				});
			},
		},
	],
	totals: (db, id) =>
		db('return_request_lines as l')
			.join('shipment_lines as s', 's.id', 'l.shipment_line')
			.where('l.request', id)
			.select('l.quantity', 'l.unit_price', 's.tax_rate'),
	amountField: 'total',
	approvalContext: async (db, row) => ({
		collection: 'return_requests',
		amountFen: parseMoney(row.total),
		lines: [],
		products: await productsOf(db, await db('return_request_lines').where({ request: row.id }).orderBy('id').pluck('product')),
	}),
	onCreate: async (ctx, payload) => {
		const shipment = await readVisible(ctx, 'shipments', payload.shipment, 'shipment');
		if (!RETURNABLE_SHIPMENT.includes(shipment.status)) {
			throw new DomainError('INVALID_TRANSITION', `${shipment.number} is ${shipment.status}; only issued goods can be returned`, 409, {
				field: 'shipment',
			});
		}
		if (payload.customer !== undefined && payload.customer !== shipment.customer)
			throw invalid('customer', "customer must be the delivery note's customer");
		payload.customer = shipment.customer;
	},
	effects: { submitted: submitForApproval },
	onApproved: async ({ trx, id, row }) => {
		const shipment = await trx('shipments').where({ id: row.shipment }).first('warehouse');
		await trx('returns').insert({
			number: await nextDocumentNumber(trx, 'returns'),
			return_request: id,
			customer: row.customer,
			warehouse: shipment.warehouse,
			owner: row.owner,
			status: 'pending',
			date_created: now(),
			user_created: row.owner,
		});
		return undefined;
	},
});

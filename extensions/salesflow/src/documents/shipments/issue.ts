// Stock out of a delivery note: per line, check against the order once more, write the sales_out
// move and roll the order line forward; the order must still be under a signed contract — all in the
// caller's transaction.
import { formatQty, parseQty } from '../../domain/money';
import { assertDeliverable } from '../../domain/stock';
import type { TrxDocContext } from '../../engine/document-type';
import { now } from '../../platform/clock';
import { forUpdate, type Row } from '../../platform/database';
import { postMove } from '../../stock/ledger';
import { assertOrderCovered } from '../contracts/performance';
import { refreshOrder } from '../sales-orders/rollups';

export async function issueShipment(
	t: TrxDocContext,
	shipment: { id: number; number: string; order: number; warehouse: number },
): Promise<void> {
	const { trx } = t;
	const lines: Row[] = await trx('shipment_lines').where({ shipment: shipment.id }).orderBy('id');
	for (const line of lines) {
		const orderLine = await forUpdate(
			trx,
			trx('sales_order_lines as l')
				.join('products as p', 'p.id', 'l.product')
				.where('l.id', line.order_line)
				.first('l.quantity', 'l.shipped_qty', 'p.sku'),
			'l',
		);
		const quantity = parseQty(line.quantity);
		assertDeliverable(
			{ sku: orderLine.sku, ordered: parseQty(orderLine.quantity), shipped: parseQty(orderLine.shipped_qty), openOther: 0n },
			quantity,
		);
		await postMove(trx, {
			type: 'sales_out',
			product: line.product,
			warehouse: shipment.warehouse,
			quantity,
			source_collection: 'shipments',
			source_id: shipment.id,
			source_line: line.id,
			source_number: shipment.number,
			user: t.actor.user,
		});
		// The order line is locked and read above: roll it forward from that figure.
		await trx('sales_order_lines')
			.where({ id: line.order_line })
			.update({ shipped_qty: formatQty(parseQty(orderLine.shipped_qty) + quantity) });
	}
	await trx('shipments').where({ id: shipment.id }).update({ issued_at: now() });
	await refreshOrder(t, shipment.order, { collection: 'shipments', id: shipment.id, to: 'issued' });
	// After the order's refresh has locked its contract: a termination that committed meanwhile is seen.
	await assertOrderCovered(trx, shipment.order, true);
}

// Returns (退货单): created from an approved return request; the warehouse receives the goods
// (return_in moves, the delivery and order rollups), and invoiced goods get a red invoice drafted
// against each original blue invoice (PROCESS.md §9) for finance to review and issue.
import type { Knex } from 'knex';
import { parseQty } from '../../domain/money';
import { assertReturnable } from '../../domain/stock';
import { defineDocument } from '../../engine/document-type';
import { now } from '../../platform/clock';
import { lockRow, type Row } from '../../platform/database';
import { postMove } from '../../stock/ledger';
import { createRedInvoice } from '../invoices/drafts';
import { pendingOnRequests } from '../return-requests';
import { addToRollup } from '../sales-orders/rollups';
import { returnLifecycle } from './lifecycle';

/** Red invoices for the invoiced part of returned delivery lines, one per original blue invoice. */
async function draftRedInvoicesForReturn(trx: Knex, lines: Row[], ret: Row): Promise<number[]> {
	const byInvoice = new Map<number, Array<{ invoice_line: number; quantity: bigint }>>();
	for (const l of lines) {
		let left = parseQty(l.quantity);
		const blue: Row[] = await trx('invoice_lines as il')
			.join('invoices as i', 'i.id', 'il.invoice')
			.where({ 'il.shipment_line': l.shipment_line, 'i.direction': 'blue', 'i.status': 'issued' })
			.orderBy('il.id')
			.select('il.id', 'il.invoice', 'il.quantity');
		for (const b of blue) {
			if (left <= 0n) break;
			const reds: Row[] = await trx('invoice_lines as rl')
				.join('invoices as r', 'r.id', 'rl.invoice')
				.where('rl.original_line', b.id)
				.whereNot('r.status', 'void')
				.select('rl.quantity');
			const credited = reds.reduce((s, r) => s - parseQty(r.quantity), 0n);
			const open = parseQty(b.quantity) - credited;
			const take = left < open ? left : open;
			if (take <= 0n) continue;
			byInvoice.set(b.invoice, [...(byInvoice.get(b.invoice) ?? []), { invoice_line: b.id, quantity: take }]);
			left -= take;
		}
	}
	const ids: number[] = [];
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

export const returns = defineDocument({
	collection: 'returns',
	lifecycle: returnLifecycle,
	fixedAfterCreate: ['return_request', 'customer'],
	effects: {
		'pending->received': async ({ trx, id, row, actor }) => {
			const lines: Row[] = await trx('return_request_lines').where({ request: row.return_request }).orderBy('id');
			for (const l of lines) {
				const sl = (await lockRow(trx, 'shipment_lines', l.shipment_line))!;
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
				.update({ received_at: now(), red_invoice: red[0] ?? null });
			return undefined;
		},
	},
});

// Issuing an invoice (finance, through /invoicing): checked against the deliveries once more, then the
// delivery and order rollups move, a red invoice lowers its original's open amount, the issue and due
// dates are stamped on the company calendar, and the orders' advances pay a blue invoice.
import { DomainError } from '../../domain/errors';
import { assertInvoiceable, dueDate, invoiceStatusFromPaid } from '../../domain/invoicing';
import { formatMoney, formatQty, parseMoney, parseQty, sumByKey } from '../../domain/money';
import type { Effect, Id, TrxDocContext } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { today } from '../../platform/clock';
import { chunks, dbDate, forNoKeyUpdate, lockRow, type Row } from '../../platform/database';
import type { Knex } from 'knex';
import { applyAdvancesToInvoice } from '../receipts/advances';
import { payInvoice } from '../receipts/allocation';
import { refreshInvoiceDueDates, setDueDates } from '../payment-schedules';
import { refreshOrder } from '../sales-orders/rollups';
import { invoiceableLines } from './drafts';

/**
 * Rows of a table by id, 500 ids per query, locked in id order (PostgreSQL) because the caller adds
 * to what it read: two invoices of the same order line issued at once would otherwise both add to
 * the same old figure, losing one quantity.
 */
async function rowsByIds(trx: Knex, table: string, ids: number[], columns: string[]): Promise<Row[]> {
	const out: Row[] = [];
	for (const part of chunks(ids)) out.push(...(await forNoKeyUpdate(trx, trx(table).whereIn('id', part).orderBy('id').select(columns))));
	return out;
}

const WHY_NOT_APPROVED: Record<string, string> = {
	draft: 'submit it for approval first / 请先提交审批',
	pending_approval: 'its approval is still pending / 审批中',
	rejected: 'its approval was rejected / 审批已驳回',
};

/**
 * A red invoice is issued only once approved: back in "submitted" from its approval (PROCESS.md §12).
 * The issue endpoint asks first (a pending or rejected invoice has no move to "issued" at all), the
 * effect again for every other way of issuing.
 */
export function assertRedApproved(invoice: Row, status: string): void {
	if (invoice.direction !== 'red' || status === 'submitted') return;
	throw new DomainError(
		'APPROVAL_REQUIRED',
		`${invoice.number} is a red invoice (红字发票, reason: ${invoice.reason ?? '—'}) and must be approved before it is issued; ${WHY_NOT_APPROVED[status] ?? `it is ${status}`}`,
		409,
		{ status },
	);
}

/**
 * Finance issues an invoice (POST /invoicing/invoices/:id/issue, and the actions' rehearsal of it):
 * Salesflow moves it on finance's behalf, as the status table allows the move to the system only.
 */
export async function issueByFinance(t: TrxDocContext, id: Id): Promise<void> {
	const invoice = await t.trx('invoices').where({ id }).first();
	if (invoice) assertRedApproved(invoice, invoice.status);
	await moveAsSystem(t, { collection: 'invoices', id, to: 'issued' });
}

export const issueInvoice: Effect = async (m) => {
	const { trx, row: invoice } = m;
	const id = Number(m.id);
	assertRedApproved(invoice, m.from);
	const lines: Row[] = await trx('invoice_lines').where({ invoice: id }).orderBy('id');
	if (invoice.direction === 'blue') {
		const shipmentLines: Row[] = await trx('shipment_lines')
			.whereIn(
				'id',
				lines.map((l) => l.shipment_line),
			)
			.select('shipment');
		const available = await invoiceableLines(trx, [...new Set(shipmentLines.map((r) => r.shipment as number))], {
			lock: true,
			exceptInvoice: id,
		});
		assertInvoiceable(
			lines.map((l) => ({ shipment_line: l.shipment_line, quantity: parseQty(l.quantity) })),
			new Map(available.map((l) => [l.id, { sku: l.sku, remaining: l.remaining }])),
		);
	} else {
		const original = (await lockRow(trx, 'invoices', invoice.original_invoice))!;
		if (original.status !== 'issued') throw new DomainError('INVALID_TRANSITION', `${original.number} is ${original.status}`, 409);
		const open = parseMoney(original.open_amount) + parseMoney(invoice.total);
		const paid = parseMoney(original.paid_amount);
		// What is still to pay decides the payment status once the credit lowers the amount due.
		await trx('invoices')
			.where({ id: original.id })
			.update({ open_amount: formatMoney(open), payment_status: invoiceStatusFromPaid(paid + open, paid) });
	}
	// Rollups move by the summed quantity per delivery line, then per order line (the same line may
	// appear twice); rows are read in batches, not three lookups per invoice line. Red lines are
	// negative: credited goods leave "invoiced".
	const byShipmentLine = sumByKey(
		lines.filter((l) => l.shipment_line && parseQty(l.quantity) !== 0n),
		(l) => Number(l.shipment_line),
		(l) => parseQty(l.quantity),
	);
	const byOrderLine = new Map<number, bigint>();
	for (const sl of await rowsByIds(trx, 'shipment_lines', [...byShipmentLine.keys()], ['id', 'invoiced_qty', 'order_line'])) {
		const delta = byShipmentLine.get(Number(sl.id))!;
		await trx('shipment_lines')
			.where({ id: sl.id })
			.update({ invoiced_qty: formatQty(parseQty(sl.invoiced_qty) + delta) });
		byOrderLine.set(Number(sl.order_line), (byOrderLine.get(Number(sl.order_line)) ?? 0n) + delta);
	}
	const orders = new Set<number>();
	for (const ol of await rowsByIds(trx, 'sales_order_lines', [...byOrderLine.keys()], ['id', 'invoiced_qty', 'order'])) {
		await trx('sales_order_lines')
			.where({ id: ol.id })
			.update({ invoiced_qty: formatQty(parseQty(ol.invoiced_qty) + byOrderLine.get(Number(ol.id))!) });
		orders.add(Number(ol.order));
	}
	const customer = await trx('customers').where({ id: invoice.customer }).first('payment_terms_days');
	const issued = today();
	await trx('invoices')
		.where({ id })
		.update({
			issue_date: dbDate(trx, issued),
			due_date: dbDate(trx, dueDate(issued, Number(customer?.payment_terms_days ?? 0))),
			open_amount: invoice.direction === 'blue' ? invoice.total : 0,
			paid_amount: 0,
		});
	// The first invoice of an order dates its after-invoice instalments; an invoice of orders with a
	// schedule is then due as the schedule says (only this invoice changes: the orders had none issued before).
	if (invoice.direction === 'blue') {
		await setDueDates(trx, [...orders], 'after_invoice', issued);
		await refreshInvoiceDueDates(trx, [], id);
		// The orders' advances (预收款) pay the invoice as it is issued, oldest first.
		const applied = await applyAdvancesToInvoice(trx, id, [...orders], parseMoney(invoice.total), m.actor.user);
		if (applied > 0n) await payInvoice(trx, { id, paid_amount: 0, open_amount: invoice.total }, applied);
	}
	// Last: the orders, then their contracts (locked after everything else here).
	for (const order of orders) await refreshOrder(m, order, { collection: 'invoices', id, to: 'issued' });
	return undefined;
};

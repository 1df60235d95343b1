// Write-off (核销): a confirmed receipt allocated to issued blue invoices of its customer, by hand
// or oldest due first, and held as advances to its orders (./advances.ts). One transaction with the receipt and the invoices locked (PostgreSQL row
// locks; SQLite runs one writer at a time), so two identical requests at once take effect once.
import type { Knex } from 'knex';
import { DomainError } from '../../domain/errors';
import { allocateFifo, assertAllocations, invoiceStatusFromPaid, type Allocation } from '../../domain/invoicing';
import { formatMoney, parseMoney } from '../../domain/money';
import { now, today } from '../../platform/clock';
import { dayOf, forUpdate, lockRow, type Row } from '../../platform/database';
import { contractsOfOrders, refreshContracts } from '../contracts/performance';
import { ordersOfInvoices, refreshPaid } from '../payment-schedules';
import { type AdvanceMade, type AdvanceRequest, allocateAdvances, insertAllocation } from './advances';

export type InvoiceAllocation = { invoice: number; amountFen: bigint };
export type AllocationRequest = { mode: 'fifo' } | { allocations: Array<InvoiceAllocation | AdvanceRequest> };

export type AllocationMade = {
	id: number;
	receipt: number;
	receipt_number: string;
	invoice: number;
	invoice_number: string;
	amount: string;
	invoice_open_amount: string;
	invoice_payment_status: string;
};

/**
 * Adds `fen` received to an issued invoice (locked by the caller): paid up, open down, payment status
 * against what is still owed in all — the total less red invoices (= paid + open).
 */
export async function payInvoice(trx: Knex, invoice: Row, fen: bigint): Promise<{ open: bigint; payment_status: string }> {
	const paid = parseMoney(invoice.paid_amount) + fen;
	const open = parseMoney(invoice.open_amount) - fen;
	const payment_status = invoiceStatusFromPaid(paid + open, paid);
	await trx('invoices')
		.where({ id: invoice.id })
		.update({ paid_amount: formatMoney(paid), open_amount: formatMoney(open), payment_status });
	return { open, payment_status };
}

/** Locks invoices in id order (the same order everywhere, so two allocations never deadlock). */
async function lockInvoices(trx: Knex, ids: number[]): Promise<Row[]> {
	if (!ids.length) return [];
	return forUpdate(
		trx,
		trx('invoices')
			.whereIn('id', [...new Set(ids)])
			.orderBy('id'),
	);
}

function assertAllocatable(invoice: Row, receipt: Row): void {
	const label = invoice.number ?? `invoice ${invoice.id}`;
	if (invoice.customer !== receipt.customer) {
		throw new DomainError('INVALID_PAYLOAD', `${label} belongs to another customer than receipt ${receipt.number}`, 400, {
			field: 'allocations.invoice',
			invoice: invoice.id,
		});
	}
	if (invoice.direction !== 'blue')
		throw new DomainError('INVALID_PAYLOAD', `${label} is a red invoice; receipts are allocated to blue invoices`, 400, {
			field: 'allocations.invoice',
			invoice: invoice.id,
		});
	if (invoice.status !== 'issued') {
		throw new DomainError('INVALID_TRANSITION', `${label} is ${invoice.status}; receipts are allocated to issued invoices only`, 409, {
			field: 'allocations.invoice',
			invoice: invoice.id,
			status: invoice.status,
		});
	}
}

/** Allocates a receipt; returns the allocation rows written. Throws (changing nothing) on any refusal. */
export async function allocateReceipt(
	trx: Knex,
	receiptId: number,
	request: AllocationRequest,
	user: string | null,
): Promise<Array<AllocationMade | AdvanceMade>> {
	const receipt = await lockRow(trx, 'receipts', receiptId);
	if (!receipt) throw new DomainError('NOT_FOUND', `receipt ${receiptId} does not exist`, 404);
	if (receipt.status !== 'confirmed') {
		throw new DomainError('INVALID_TRANSITION', `${receipt.number} is ${receipt.status}; confirm the receipt before allocating it`, 409, {
			status: receipt.status,
		});
	}
	const amount = parseMoney(receipt.amount, 'receipts.amount');
	const allocated = parseMoney(receipt.allocated_amount, 'receipts.allocated_amount');
	const unallocated = amount - allocated;

	let invoices: Row[];
	let plan: Allocation[];
	let advances: AdvanceRequest[] = [];
	if ('mode' in request) {
		if (unallocated <= 0n) {
			throw new DomainError(
				'OVER_ALLOCATION',
				`${receipt.number}: amount ${formatMoney(amount)}, already allocated ${formatMoney(allocated)}, nothing left to allocate`,
				409,
				{
					receipt: receipt.id,
					amount: formatMoney(amount),
					allocated: formatMoney(allocated),
					unallocated: formatMoney(unallocated),
				},
			);
		}
		const candidates = await trx('invoices')
			.where({ customer: receipt.customer, direction: 'blue', status: 'issued' })
			.where('open_amount', '>', 0)
			.pluck('id');
		invoices = await lockInvoices(trx, candidates);
		// Re-read under the lock: another allocation may have paid some of them meanwhile.
		plan = allocateFifo(
			unallocated,
			invoices
				.filter((i) => i.status === 'issued' && i.direction === 'blue')
				.map((i) => ({
					id: i.id,
					openFen: parseMoney(i.open_amount),
					due_date: dayOf(i.due_date) ?? dayOf(i.issue_date) ?? today(),
					issued_at: dayOf(i.issue_date),
				})),
		);
		if (!plan.length)
			throw new DomainError('NOTHING_TO_ALLOCATE', `customer of ${receipt.number} has no open issued invoices`, 409, {
				receipt: receipt.id,
			});
	} else {
		const toInvoices = request.allocations.filter((a): a is InvoiceAllocation => 'invoice' in a);
		advances = request.allocations.filter((a): a is AdvanceRequest => 'order' in a);
		const ids = toInvoices.map((a) => a.invoice);
		invoices = await lockInvoices(trx, ids);
		const byId = new Map(invoices.map((i) => [i.id, i]));
		for (const id of ids) {
			const invoice = byId.get(id);
			if (!invoice)
				throw new DomainError('INVALID_PAYLOAD', `invoice ${id} does not exist`, 400, { field: 'allocations.invoice', invoice: id });
			assertAllocatable(invoice, receipt);
		}
		plan = toInvoices.map((a) => ({ invoice: a.invoice, amountFen: a.amountFen }));
		try {
			if (plan.length) assertAllocations(unallocated, plan, new Map(invoices.map((i) => [i.id, parseMoney(i.open_amount)])));
		} catch (e) {
			// Name the invoice by its number as people know it.
			if (e instanceof DomainError && e.code === 'OVER_ALLOCATION') {
				const inv = e.extensions.invoice === undefined ? undefined : byId.get(Number(e.extensions.invoice));
				const message = inv
					? e.message.replace(`invoice ${inv.id}`, inv.number)
					: e.message.replace(/^receipt/, `${receipt.number} (amount ${formatMoney(amount)}, allocated ${formatMoney(allocated)})`);
				throw new DomainError(e.code, message, e.status, {
					...e.extensions,
					receipt: receipt.id,
					...(inv ? { invoice_number: inv.number } : {}),
				});
			}
			throw e;
		}
	}

	// One allocation row per invoice (the same invoice twice in a request is summed).
	const sums = new Map<number, bigint>();
	for (const a of plan) sums.set(Number(a.invoice), (sums.get(Number(a.invoice)) ?? 0n) + a.amountFen);
	const byId = new Map(invoices.map((i) => [i.id, i]));
	const made: AllocationMade[] = [];
	const at = now();
	for (const [invoiceId, fen] of sums) {
		const invoice = byId.get(invoiceId)!;
		const { open, payment_status } = await payInvoice(trx, invoice, fen);
		const id = await insertAllocation(trx, { receipt: receipt.id, invoice: invoiceId, amountFen: fen }, user, at);
		made.push({
			id,
			receipt: receipt.id,
			receipt_number: receipt.number,
			invoice: invoiceId,
			invoice_number: invoice.number,
			amount: formatMoney(fen),
			invoice_open_amount: formatMoney(open),
			invoice_payment_status: payment_status,
		});
	}
	const toInvoices = [...sums.values()].reduce((s, v) => s + v, 0n);
	const advanced = await allocateAdvances(trx, receipt, unallocated - toInvoices, advances, user);
	const total = toInvoices + advanced.reduce((s, a) => s + parseMoney(a.amount), 0n);
	await trx('receipts')
		.where({ id: receipt.id })
		.update({ allocated_amount: formatMoney(allocated + total) });
	// The orders paid: what their schedules have received; last, their contracts' received amounts.
	const paidOrders = [...(await ordersOfInvoices(trx, [...sums.keys()])), ...advanced.map((a) => a.order)];
	await refreshPaid(trx, paidOrders);
	await refreshContracts(trx, await contractsOfOrders(trx, paidOrders));
	return [...made, ...advanced];
}

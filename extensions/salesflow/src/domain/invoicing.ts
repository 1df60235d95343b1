// Invoicing and write-off arithmetic: what may still be invoiced, red-letter limits, allocating
// receipts to invoices, due dates and periods. Quantities in thousandths, money in fen.
import { z } from 'zod';
import { addDays, type DateInput, epochDay } from './dates';
import { DomainError, ErrorCode, invalid } from './errors';
import { compareIds, type Id } from './ids';
import { abs, atLeastZero, displayQty, formatMoney, formatQty, sumMoney } from './money';

/** Sums requested figures per id (the same line twice in one request counts twice), keeping the id as given first. */
function sumById<T>(items: T[], idOf: (t: T) => Id, amountOf: (t: T) => bigint): Array<{ id: Id; sum: bigint }> {
	const sums = new Map<string, { id: Id; sum: bigint }>();
	for (const item of items) {
		const key = String(idOf(item));
		const entry = sums.get(key) ?? { id: idOf(item), sum: 0n };
		entry.sum += amountOf(item);
		sums.set(key, entry);
	}
	return [...sums.values()];
}

/** Looks ids up whether the caller keyed the map with numbers or numeric strings. */
const byKey = <V>(map: Map<Id, V>) => new Map([...map].map(([k, v]) => [String(k), v]));

/** Shipped − returned − already invoiced (PROCESS.md §8), never below zero. */
export const remainingToInvoice = (shippedMilli: bigint, returnedMilli: bigint, invoicedMilli: bigint) =>
	atLeastZero(shippedMilli - returnedMilli - invoicedMilli);

export type InvoiceRequestLine = { shipment_line: Id; quantity: bigint };

/** Every requested delivery line is on the chosen delivery notes and, summed per line, within what is left to invoice. */
export function assertInvoiceable(requests: InvoiceRequestLine[], available: Map<Id, { sku: string; remaining: bigint }>): void {
	if (!requests.length) throw invalid('lines', 'an invoice needs at least one delivery line with quantity left to invoice');
	const lines = byKey(available);
	for (const r of requests) {
		if (r.quantity <= 0n)
			throw invalid('lines.quantity', `shipment line ${r.shipment_line}: quantity must be greater than 0, got ${displayQty(r.quantity)}`);
		if (!lines.has(String(r.shipment_line)))
			throw invalid('lines.shipment_line', `shipment line ${r.shipment_line} is not on the chosen delivery notes`);
	}
	for (const { id, sum } of sumById(
		requests,
		(r) => r.shipment_line,
		(r) => r.quantity,
	)) {
		const line = lines.get(String(id))!;
		if (sum > line.remaining) {
			throw new DomainError(
				ErrorCode.OVER_INVOICE,
				`${line.sku} (shipment line ${id}): ${formatQty(line.remaining)} left to invoice, requested ${formatQty(sum)}`,
				409,
				{
					shipment_line: id,
					sku: line.sku,
					remaining: formatQty(line.remaining),
					requested: formatQty(sum),
				},
			);
		}
	}
}

/** A red line credits a quantity (0 for a price-only correction) and an amount. */
export type RedRequestLine = { invoice_line: Id; quantity: bigint; totalFen: bigint };
export type OriginalInvoiceLine = { sku: string; quantity: bigint; totalFen: bigint; redQuantity: bigint; redTotalFen: bigint };

/**
 * A red invoice never credits more than the original minus earlier red invoices, per line (quantity
 * and amount) and overall. All figures are compared as magnitudes: red ones are stored negative.
 */
export function assertRedWithinOriginal(
	original: { number: string; totalFen: bigint; redTotalFen: bigint },
	requests: RedRequestLine[],
	lines: Map<Id, OriginalInvoiceLine>,
): void {
	if (!requests.length) throw invalid('lines', 'a red invoice needs at least one line');
	const originals = byKey(lines);
	for (const r of requests) {
		if (!originals.has(String(r.invoice_line)))
			throw invalid('lines.invoice_line', `invoice line ${r.invoice_line} is not a line of ${original.number}`);
		if (r.quantity === 0n && r.totalFen === 0n)
			throw invalid('lines.quantity', `invoice line ${r.invoice_line}: a red line must credit a quantity or an amount`);
	}
	const over = (message: string, extensions: Record<string, unknown>) => new DomainError(ErrorCode.OVER_INVOICE, message, 409, extensions);
	const quantities = sumById(
		requests,
		(r) => r.invoice_line,
		(r) => abs(r.quantity),
	);
	const totals = new Map(
		sumById(
			requests,
			(r) => r.invoice_line,
			(r) => abs(r.totalFen),
		).map((t) => [String(t.id), t.sum]),
	);
	for (const { id, sum: quantity } of quantities) {
		const line = originals.get(String(id))!;
		const where = `${line.sku} (invoice line ${id})`;
		if (quantity > atLeastZero(abs(line.quantity) - abs(line.redQuantity))) {
			throw over(
				`${where}: invoiced ${formatQty(abs(line.quantity))}, already credited ${formatQty(abs(line.redQuantity))}, requested ${formatQty(quantity)}`,
				{
					invoice_line: id,
					sku: line.sku,
					invoiced: formatQty(abs(line.quantity)),
					credited: formatQty(abs(line.redQuantity)),
					requested: formatQty(quantity),
				},
			);
		}
		const total = totals.get(String(id))!;
		if (total > atLeastZero(abs(line.totalFen) - abs(line.redTotalFen))) {
			throw over(
				`${where}: invoiced amount ${formatMoney(abs(line.totalFen))}, already credited ${formatMoney(abs(line.redTotalFen))}, requested ${formatMoney(total)}`,
				{
					invoice_line: id,
					sku: line.sku,
					invoiced: formatMoney(abs(line.totalFen)),
					credited: formatMoney(abs(line.redTotalFen)),
					requested: formatMoney(total),
				},
			);
		}
	}
	const requested = sumMoney([...totals.values()]);
	if (requested > atLeastZero(abs(original.totalFen) - abs(original.redTotalFen))) {
		throw over(
			`${original.number}: total ${formatMoney(abs(original.totalFen))}, already credited ${formatMoney(abs(original.redTotalFen))}, requested ${formatMoney(requested)}`,
			{
				invoice: original.number,
				invoiced: formatMoney(abs(original.totalFen)),
				credited: formatMoney(abs(original.redTotalFen)),
				requested: formatMoney(requested),
			},
		);
	}
}

export type OpenInvoice = { id: Id; openFen: bigint; due_date: DateInput; issued_at?: DateInput | null };
export type Allocation = { invoice: Id; amountFen: bigint };

/** Oldest due first (then earlier issued, then lower id); never more than an invoice's open amount. */
export function allocateFifo(amountFen: bigint, invoices: OpenInvoice[]): Allocation[] {
	if (amountFen < 0n) throw invalid('amount', `the amount to allocate must not be negative, got ${formatMoney(amountFen)}`);
	const issued = (i: OpenInvoice) => (i.issued_at == null ? Number.POSITIVE_INFINITY : epochDay(i.issued_at, 'issued_at'));
	const queue = invoices
		.filter((i) => i.openFen > 0n)
		.map((i) => ({ i, due: epochDay(i.due_date, 'due_date'), issued: issued(i) }))
		.sort((a, b) => a.due - b.due || a.issued - b.issued || compareIds(a.i.id, b.i.id));
	const out: Allocation[] = [];
	let left = amountFen;
	for (const { i } of queue) {
		if (left === 0n) break;
		const take = i.openFen < left ? i.openFen : left;
		out.push({ invoice: i.id, amountFen: take });
		left -= take;
	}
	return out;
}

/** Hand allocations: positive, to open invoices of the customer, within each invoice's open amount and the receipt's unallocated rest. */
export function assertAllocations(receiptUnallocatedFen: bigint, requested: Allocation[], open: Map<Id, bigint>): void {
	if (!requested.length) throw invalid('allocations', 'give at least one allocation');
	const openById = byKey(open);
	for (const a of requested) {
		if (a.amountFen <= 0n)
			throw invalid('allocations.amount', `invoice ${a.invoice}: amount must be greater than 0, got ${formatMoney(a.amountFen)}`);
		if (!openById.has(String(a.invoice)))
			throw invalid('allocations.invoice', `invoice ${a.invoice} is not an open invoice of this receipt's customer`);
	}
	for (const { id, sum } of sumById(
		requested,
		(a) => a.invoice,
		(a) => a.amountFen,
	)) {
		const openFen = openById.get(String(id))!;
		if (sum > openFen) {
			throw new DomainError(ErrorCode.OVER_ALLOCATION, `invoice ${id}: open ${formatMoney(openFen)}, requested ${formatMoney(sum)}`, 409, {
				invoice: id,
				open: formatMoney(openFen),
				requested: formatMoney(sum),
			});
		}
	}
	const total = sumMoney(requested.map((a) => a.amountFen));
	if (total > receiptUnallocatedFen) {
		throw new DomainError(
			ErrorCode.OVER_ALLOCATION,
			`receipt: unallocated ${formatMoney(receiptUnallocatedFen)}, requested ${formatMoney(total)}`,
			409,
			{
				unallocated: formatMoney(receiptUnallocatedFen),
				requested: formatMoney(total),
			},
		);
	}
}

export function dueDate(issueDate: DateInput, paymentTermsDays: number): string {
	if (!Number.isInteger(paymentTermsDays) || paymentTermsDays < 0)
		throw invalid('payment_terms_days', `payment_terms_days must be a whole number of days ≥ 0, got ${paymentTermsDays}`);
	return addDays(issueDate, paymentTermsDays, 'issue_date');
}

/** An issued invoice's payment_status (its `status` stays issued); allocations never exceed the open amount, so paid ≤ total. */
export function invoiceStatusFromPaid(totalFen: bigint, paidFen: bigint): 'unpaid' | 'partially_paid' | 'paid' {
	if (paidFen <= 0n) return 'unpaid';
	return paidFen >= totalFen ? 'paid' : 'partially_paid';
}

export const zPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM with a month 01–12');

/** A statement period as the half-open date range [start, end). */
export function periodRange(period: string): { start: string; end: string } {
	const parsed = zPeriod.safeParse(period);
	if (!parsed.success) throw invalid('period', `${parsed.error.issues[0]!.message}, got ${JSON.stringify(period)}`);
	const [y, m] = period.split('-').map(Number) as [number, number];
	const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
	return { start: `${period}-01`, end: `${next}-01` };
}

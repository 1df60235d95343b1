// Sales commission (提成): seed 001's 薪酬绩效考核 pays reps on money received (回款), not on invoices
// raised. Each received amount allocated to an invoice is spread over that invoice's lines in
// proportion to their totals, and each part earns the rate of its product group and the customer's
// grade. Rates come from a table whose most specific row wins: group + grade, group, grade, default.
import { GRADES } from './customers';
import { DomainError, invalid } from './errors';
import { formatMoney, formatScaled, mulDivRound, zScaled } from './money';

/** A row of the commission rate table as stored: `rate` is a percent with up to 2 decimals (3.5 = 3.5 %). */
export type CommissionRateRow = { product_group?: string | null; customer_grade?: string | null; rate: string | number };
/** A checked row; `rate` in hundredths of a percent (3.5 % → 350n). */
export type CommissionRate = { productGroup: string | null; customerGrade: string | null; rate: bigint };

const zRatePercent = zScaled(2, 'rate', (n) =>
	n < 0n || n > 10000n ? `rate must be a percent from 0 to 100, got ${formatScaled(n, 2)}` : null,
);

const keyLabel = (group: string | null, grade: string | null) => `product group ${group ?? '(any)'} and customer grade ${grade ?? '(any)'}`;

/**
 * The rate table checked: each row's product group (a name, or null for any), customer grade (A–D,
 * or null for any) and rate (0–100 %); one row per group and grade pair. 400 INVALID_PAYLOAD
 * names the field and the row (counted from 1).
 */
export function checkRateTable(rows: CommissionRateRow[]): CommissionRate[] {
	const checked: CommissionRate[] = [];
	rows.forEach((row, i) => {
		const where = `commission rate row ${i + 1}`;
		const group = row.product_group ?? null;
		if (group !== null && (typeof group !== 'string' || group.trim() === ''))
			throw invalid(
				'product_group',
				`${where}: product_group must be a product group, or empty for any group, got ${JSON.stringify(group)}`,
			);
		const grade = row.customer_grade ?? null;
		if (grade !== null && !(typeof grade === 'string' && Object.hasOwn(GRADES, grade)))
			throw invalid(
				'customer_grade',
				`${where}: customer_grade must be one of ${Object.keys(GRADES).join(', ')}, or empty for any grade, got ${JSON.stringify(grade)}`,
			);
		const rate = zRatePercent.safeParse(row.rate);
		if (!rate.success) throw invalid('rate', `${where}: ${rate.error.issues[0]!.message}`);
		const twin = checked.findIndex((c) => c.productGroup === group && c.customerGrade === grade);
		if (twin >= 0)
			throw invalid(
				'product_group',
				`commission rate rows ${twin + 1} and ${i + 1} are both for ${keyLabel(group, grade)}; a pair has one rate`,
			);
		checked.push({ productGroup: group, customerGrade: grade, rate: rate.data });
	});
	return checked;
}

/** The most specific row for a line: group + grade, then group, then grade, then the default. */
function rateFor(table: CommissionRate[], group: string | null, grade: string | null): CommissionRate {
	const find = (g: string | null, c: string | null) => table.find((r) => r.productGroup === g && r.customerGrade === c);
	const found = find(group, grade) ?? find(group, null) ?? find(null, grade) ?? find(null, null);
	if (!found)
		throw new DomainError('NO_COMMISSION_RATE', `no commission rate for ${keyLabel(group, grade)}, and no default rate`, 409, {
			product_group: group,
			customer_grade: grade,
		});
	return found;
}

/** Floor division for bigint (rounds toward −∞, where `/` truncates toward zero). */
const floorDiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n !== b < 0n ? a / b - 1n : a / b);

/**
 * `amount` split in proportion to `weights` by largest remainder: each part is rounded down, and
 * the fen left over go one each to the parts with the largest remainders (the earlier on a tie),
 * so the parts sum to `amount` exactly. Weights may be negative (red lines) as long as they do
 * not sum to zero; the denominator is made positive so "down" and "remainder" mean the same for
 * every sign.
 */
function splitProportionally(amount: bigint, weights: bigint[], what: string): bigint[] {
	const total = weights.reduce((a, b) => a + b, 0n);
	if (total === 0n) {
		if (amount === 0n) return weights.map(() => 0n);
		throw invalid('invoice_lines', `${what} of ${formatMoney(amount)} cannot be split over its invoice: the invoice lines total 0.00`);
	}
	const sign = total < 0n ? -1n : 1n;
	const denominator = total * sign;
	const numerators = weights.map((w) => amount * w * sign);
	const parts = numerators.map((n) => floorDiv(n, denominator));
	const leftOver = Number(amount - parts.reduce((a, b) => a + b, 0n)); // 0 ≤ leftOver < weights.length
	const byRemainder = numerators
		.map((n, i) => ({ i, remainder: n - parts[i] * denominator }))
		.sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
	for (const { i } of byRemainder.slice(0, leftOver)) parts[i] += 1n;
	return parts;
}

export type CommissionAllocation = {
	rep: string;
	customerGrade: string | null;
	/** Received and allocated to the invoice in the period. */
	amountFen: bigint;
	invoiceLines: Array<{ productGroup: string | null; totalFen: bigint }>;
};
export type CommissionLine = {
	rep: string;
	/** Positions in the input, from 0. */
	allocation: number;
	line: number;
	productGroup: string | null;
	customerGrade: string | null;
	/** The part of the allocation that falls on this line. */
	received: string;
	rate: string;
	commission: string;
};
export type RepCommission = { rep: string; received: string; commission: string };

/**
 * Commission per rep (in order of first appearance) on what was received, with the detail per
 * invoice line: the allocation split over its invoice's lines (largest remainder), each part ×
 * its rate rounded half up to the fen (half away from zero on red lines, so they mirror blue ones).
 */
export function commissionOf(
	allocations: CommissionAllocation[],
	table: CommissionRateRow[],
): { reps: RepCommission[]; lines: CommissionLine[] } {
	const rates = checkRateTable(table);
	const totals = new Map<string, { received: bigint; commission: bigint }>();
	const lines: CommissionLine[] = [];
	allocations.forEach((a, allocation) => {
		const parts = splitProportionally(
			a.amountFen,
			a.invoiceLines.map((l) => l.totalFen),
			`allocation ${allocation + 1}`,
		);
		const total = totals.get(a.rep) ?? { received: 0n, commission: 0n };
		totals.set(a.rep, total);
		total.received += a.amountFen;
		a.invoiceLines.forEach((l, line) => {
			const { rate } = rateFor(rates, l.productGroup, a.customerGrade);
			const commission = mulDivRound(parts[line], rate, 10000n);
			total.commission += commission;
			lines.push({
				rep: a.rep,
				allocation,
				line,
				productGroup: l.productGroup,
				customerGrade: a.customerGrade,
				received: formatMoney(parts[line]),
				rate: formatScaled(rate, 2),
				commission: formatMoney(commission),
			});
		});
	});
	return {
		reps: [...totals].map(([rep, t]) => ({ rep, received: formatMoney(t.received), commission: formatMoney(t.commission) })),
		lines,
	};
}

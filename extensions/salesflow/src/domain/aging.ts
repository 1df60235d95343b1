// Receivables aging (账龄): open invoice amounts by days overdue, per customer, per owner and in total.
import { type DateInput, daysBetween } from './dates';
import type { Id } from './ids';
import { type DecimalInput, formatMoney, parseMoney, sumMoney } from './money';

export { daysBetween };

export const AGING_BUCKETS = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export const AGING_LABELS: Record<AgingBucket, { en: string; zh: string }> = {
	not_due: { en: 'Not due', zh: '未到期' },
	d1_30: { en: '1–30 days overdue', zh: '逾期1–30天' },
	d31_60: { en: '31–60 days overdue', zh: '逾期31–60天' },
	d61_90: { en: '61–90 days overdue', zh: '逾期61–90天' },
	d90_plus: { en: 'Over 90 days overdue', zh: '逾期90天以上' },
};

/** Days overdue = as-of − due date; due today is not yet overdue. */
export function agingBucket(dueDate: DateInput, asOf: DateInput): AgingBucket {
	const overdue = daysBetween(dueDate, asOf);
	if (overdue <= 0) return 'not_due';
	if (overdue <= 30) return 'd1_30';
	if (overdue <= 60) return 'd31_60';
	if (overdue <= 90) return 'd61_90';
	return 'd90_plus';
}

export type AgingRow = { customer: Id; owner: string | null; open: DecimalInput; due_date: DateInput };
export type AgingFigures = Record<AgingBucket, string> & { total: string };

type Buckets = Record<AgingBucket, bigint>;

const empty = (): Buckets => ({ not_due: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, d90_plus: 0n });

function figures(b: Buckets): AgingFigures {
	const out = Object.fromEntries(AGING_BUCKETS.map((k) => [k, formatMoney(b[k])])) as Record<AgingBucket, string>;
	return { ...out, total: formatMoney(sumMoney(AGING_BUCKETS.map((k) => b[k]))) };
}

/**
 * Sums open amounts (exactly, in fen) by bucket. Customers and owners come in the order they first
 * appear; a customer is listed under the owner of its first row. Settled rows (open 0) are skipped.
 */
export function aggregateAging(
	rows: AgingRow[],
	asOf: DateInput,
): {
	customers: Array<{ customer: Id; owner: string | null } & AgingFigures>;
	owners: Array<{ owner: string | null } & AgingFigures>;
	totals: AgingFigures;
} {
	const customers = new Map<string, { customer: Id; owner: string | null; b: Buckets }>();
	const owners = new Map<string | null, Buckets>();
	const totals = empty();
	for (const row of rows) {
		const open = parseMoney(row.open, 'open');
		if (open === 0n) continue;
		const bucket = agingBucket(row.due_date, asOf);
		const key = String(row.customer);
		const c = customers.get(key) ?? { customer: row.customer, owner: row.owner, b: empty() };
		customers.set(key, c);
		const o = owners.get(c.owner) ?? empty();
		owners.set(c.owner, o);
		for (const b of [c.b, o, totals]) b[bucket] += open;
	}
	return {
		customers: [...customers.values()].map(({ customer, owner, b }) => ({ customer, owner, ...figures(b) })),
		owners: [...owners].map(([owner, b]) => ({ owner, ...figures(b) })),
		totals: figures(totals),
	};
}

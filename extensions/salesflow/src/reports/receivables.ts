// Receivables aging (账龄) in SQL: open amounts of issued blue invoices summed per customer into the
// buckets of domain/aging.ts, with the advances not yet applied shown apart and netted. The bucket boundaries are dates computed here from as_of, so the
// query only compares due_date with dates (portable between SQLite and PostgreSQL).
import type { Knex } from 'knex';
import { AGING_BUCKETS, AGING_LABELS, type AgingBucket, agingBucket } from '../domain/aging';
import { personName } from '../domain/crm';
import { addDays } from '../domain/dates';
import { formatMoney } from '../domain/money';
import { dayCmp, join, raw, type Row, rowsOf, type Sql, sql, sumFen, sumFenIf, whole } from '../platform/database';

/**
 * Each bucket as a due-date range [from, to] (inclusive, either end open), derived from
 * agingBucket's own thresholds: days overdue = as_of − due date.
 */
export function bucketRanges(asOf: string): Record<AgingBucket, { from: string | null; to: string | null }> {
	// Overdue days d ⇔ due = as_of − d. not_due: d ≤ 0; d1_30: 1..30; d31_60: 31..60; d61_90: 61..90; d90_plus: > 90.
	const due = (days: number) => addDays(asOf, -days, 'as_of');
	const ranges: Record<AgingBucket, { from: string | null; to: string | null }> = {
		not_due: { from: due(0), to: null },
		d1_30: { from: due(30), to: due(1) },
		d31_60: { from: due(60), to: due(31) },
		d61_90: { from: due(90), to: due(61) },
		d90_plus: { from: null, to: due(91) },
	};
	// The ranges must agree with the domain rule at every edge; a mismatch is a programming error.
	for (const b of AGING_BUCKETS) {
		for (const edge of [ranges[b].from, ranges[b].to])
			if (edge && agingBucket(edge, asOf) !== b) throw new Error(`aging bucket ${b} edge ${edge} disagrees with agingBucket`);
	}
	return ranges;
}

function bucketCondition(db: Knex, column: string, range: { from: string | null; to: string | null }, isNotDue: boolean): Sql {
	const parts: Sql[] = [];
	if (range.from) parts.push(dayCmp(db, column, 'date', '>=', range.from));
	if (range.to) parts.push(dayCmp(db, column, 'date', '<=', range.to));
	const cond = join(parts, ' AND ');
	// An invoice without a due date is not overdue.
	return isNotDue ? sql(`(${column} IS NULL OR (${cond.sql}))`, cond.bindings) : cond;
}

/** The buckets, their total, unapplied advances (预收款, owed back in goods) and what is owed net of them. */
export type AgingFigures = Record<AgingBucket, string> & { total: string; advances: string; net: string };
export type AgingReport = {
	as_of: string;
	buckets: Array<{ key: AgingBucket; label: string; label_zh: string; due_from: string | null; due_to: string | null }>;
	customers: Array<{ customer: number; name: string; code: string | null; owner: string | null } & AgingFigures>;
	owners: Array<{ owner: string | null; name: string | null } & AgingFigures>;
	totals: AgingFigures;
};

type Buckets = Record<AgingBucket | 'advances', bigint>;
const FIGURES = [...AGING_BUCKETS, 'advances'] as const;
const empty = (): Buckets => ({ not_due: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, d90_plus: 0n, advances: 0n });
function figures(b: Buckets): AgingFigures {
	const total = AGING_BUCKETS.reduce((s, k) => s + b[k], 0n);
	return {
		...(Object.fromEntries(AGING_BUCKETS.map((k) => [k, formatMoney(b[k])])) as Record<AgingBucket, string>),
		total: formatMoney(total),
		advances: formatMoney(b.advances),
		net: formatMoney(total - b.advances),
	};
}

/** Open receivables by bucket as of a date, per customer, per owner and in total, within `scope` (a condition on c.owner). */
export async function agingReport(db: Knex, asOf: string, scope: Sql | null): Promise<AgingReport> {
	const ranges = bucketRanges(asOf);
	const sums = AGING_BUCKETS.map((b) => ({
		b,
		s: sumFenIf(db, bucketCondition(db, 'i.due_date', ranges[b], b === 'not_due'), 'i.open_amount'),
	}));
	// Invoices issued up to as_of with something still open.
	const where = join(
		[
			sql(`i.status = 'issued' AND i.direction = 'blue' AND i.open_amount <> 0`),
			dayCmp(db, 'i.issue_date', 'date', '<=', asOf),
			...(scope ? [scope] : []),
		],
		' AND ',
	);
	const rows = rowsOf(
		await raw(
			db,
			sql(
				`SELECT c.id AS customer, c.name AS name, c.code AS code, c.owner AS owner, ${sums.map(({ b, s }) => `${s.sql} AS ${b}`).join(', ')}
				 FROM invoices i JOIN customers c ON c.id = i.customer
				 WHERE ${where.sql}
				 GROUP BY c.id, c.name, c.code, c.owner
				 ORDER BY c.name, c.id`,
				[...sums.flatMap(({ s }) => s.bindings), ...where.bindings],
			),
		),
	);
	// Advances held for orders and not yet applied to an invoice: shown apart, they lower what is owed.
	const advanceScope = scope ? sql(` AND ${scope.sql}`, scope.bindings) : sql('');
	const advanceRows = rowsOf(
		await raw(
			db,
			sql(
				`SELECT c.id AS customer, c.name AS name, c.code AS code, c.owner AS owner, ${sumFen(db, 'a.amount').sql} AS advances
				 FROM receipt_allocations a JOIN receipts r ON r.id = a.receipt JOIN customers c ON c.id = r.customer
				 WHERE a.invoice IS NULL AND a."order" IS NOT NULL${advanceScope.sql}
				 GROUP BY c.id, c.name, c.code, c.owner`,
				advanceScope.bindings,
			),
		),
	);
	const byCustomer = new Map<number, { row: Row; b: Buckets }>();
	for (const r of [...rows, ...advanceRows]) {
		const entry = byCustomer.get(Number(r.customer)) ?? { row: r, b: empty() };
		byCustomer.set(Number(r.customer), entry);
		for (const k of FIGURES) if (k in r) entry.b[k] += whole(r[k]);
	}
	const owners = new Map<string | null, Buckets>();
	const totals = empty();
	// Customers with invoices in the query's order, then those with advances only.
	const customers = [...byCustomer.values()].map(({ row: r, b }) => {
		const o = owners.get(r.owner ?? null) ?? empty();
		owners.set(r.owner ?? null, o);
		for (const k of FIGURES) {
			o[k] += b[k];
			totals[k] += b[k];
		}
		return { customer: Number(r.customer), name: r.name, code: r.code ?? null, owner: r.owner ?? null, ...figures(b) };
	});
	const ownerIds = [...owners.keys()].filter((x): x is string => Boolean(x));
	const names = new Map<string, string>();
	if (ownerIds.length) {
		for (const u of await db('directus_users').whereIn('id', ownerIds).select('id', 'first_name', 'last_name', 'email')) {
			names.set(u.id, personName(u));
		}
	}
	return {
		as_of: asOf,
		buckets: AGING_BUCKETS.map((key) => ({
			key,
			label: AGING_LABELS[key].en,
			label_zh: AGING_LABELS[key].zh,
			due_from: ranges[key].from,
			due_to: ranges[key].to,
		})),
		customers,
		owners: [...owners].map(([owner, b]) => ({ owner, name: owner ? (names.get(owner) ?? null) : null, ...figures(b) })),
		totals: figures(totals),
	};
}

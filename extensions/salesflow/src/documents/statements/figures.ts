// Monthly statements (对账单) by SQL aggregation: a few GROUP BY customer queries give every
// customer's opening, shipped, invoiced, red and received for a period at once; rows are never
// loaded into JS to be summed. Persisting upserts one statement per customer and period.
import type { Knex } from 'knex';
import { periodRange } from '../../domain/invoicing';
import { formatMoney, parseMoney } from '../../domain/money';
import type { StatementMovement } from '../../domain/print/documents';
import { formatStatement, withClosing } from '../../domain/statements';
import {
	chunks,
	companyDayOf,
	type Row,
	dayCmp,
	dayOf,
	dayRange,
	fen,
	join,
	lineFen,
	raw,
	rowsOf,
	type Sql,
	sql,
	sumFenIf,
	whole,
} from '../../platform/database';
import { nextDocumentNumbers } from '../../platform/numbering';
import { INVOICEABLE_SHIPMENT } from '../invoices/drafts';
import { now } from '../../platform/clock';

/** Delivery notes that count as shipped: stock has left (issued) or later. */
export const SHIPPED_STATUSES = INVOICEABLE_SHIPMENT;

export type StatementFilter = {
	/** Only these customers. */
	customers?: number[];
	/** A condition on `c.owner` (the caller's scope); null for all. */
	owner?: Sql | null;
};

export type Fen = { opening: bigint; shipped: bigint; invoiced: bigint; red: bigint; received: bigint };
export type StatementFigures = { opening: string; shipped: string; invoiced: string; red: string; received: string; closing: string };

const ZERO = (): Fen => ({ opening: 0n, shipped: 0n, invoiced: 0n, red: 0n, received: 0n });

type FenFigures = Fen & { closing: bigint };

export const statementOf = (f: Fen): StatementFigures => formatStatement(withClosing(f));

const inList = (column: string, ids: Array<number | string>): Sql => sql(`${column} IN (${ids.map(() => '?').join(', ')})`, ids);

/** Conditions restricting `<alias>.customer` to the filter (joining customers c when scoped by owner). */
function customerConditions(alias: string, filter: StatementFilter): { join: string; where: Sql[] } {
	const where: Sql[] = [];
	if (filter.customers) where.push(filter.customers.length ? inList(`${alias}.customer`, filter.customers) : sql('1 = 0'));
	if (filter.owner) where.push(filter.owner);
	return { join: filter.owner ? `JOIN customers c ON c.id = ${alias}.customer` : '', where };
}

const whereSql = (parts: Sql[]) => join(parts, ' AND ');

/** Every customer's figures for a period (customers without any movement or balance are absent). */
export async function statementFigures(db: Knex, period: string, filter: StatementFilter = {}): Promise<Map<number, Fen>> {
	const { start, end } = periodRange(period);
	const out = new Map<number, Fen>();
	const of = (customer: unknown) => {
		const id = Number(customer);
		const f = out.get(id) ?? ZERO();
		out.set(id, f);
		return f;
	};

	// Invoices issued before the period end: before the start → opening; within → invoiced / red.
	const inv = customerConditions('i', filter);
	const invWhere = whereSql([sql(`i.status = 'issued'`), dayCmp(db, 'i.issue_date', 'date', '<', end), ...inv.where]);
	const before = sumFenIf(db, dayCmp(db, 'i.issue_date', 'date', '<', start), 'i.total');
	const during = sumFenIf(db, dayCmp(db, 'i.issue_date', 'date', '>=', start), 'i.total');
	const invoices = await raw(
		db,
		sql(
			`SELECT i.customer AS customer, i.direction AS direction, ${before.sql} AS before_fen, ${during.sql} AS during_fen FROM invoices i ${inv.join} WHERE ${invWhere.sql} GROUP BY i.customer, i.direction`,
			[...before.bindings, ...during.bindings, ...invWhere.bindings],
		),
	);
	for (const r of rowsOf(invoices)) {
		const f = of(r.customer);
		f.opening += whole(r.before_fen);
		if (r.direction === 'red') f.red += whole(r.during_fen);
		else f.invoiced += whole(r.during_fen);
	}

	// Confirmed receipts received before the period end.
	const rc = customerConditions('r', filter);
	const rcWhere = whereSql([sql(`r.status = 'confirmed'`), dayCmp(db, 'r.received_on', 'date', '<', end), ...rc.where]);
	const rBefore = sumFenIf(db, dayCmp(db, 'r.received_on', 'date', '<', start), 'r.amount');
	const rDuring = sumFenIf(db, dayCmp(db, 'r.received_on', 'date', '>=', start), 'r.amount');
	const receipts = await raw(
		db,
		sql(
			`SELECT r.customer AS customer, ${rBefore.sql} AS before_fen, ${rDuring.sql} AS during_fen FROM receipts r ${rc.join} WHERE ${rcWhere.sql} GROUP BY r.customer`,
			[...rBefore.bindings, ...rDuring.bindings, ...rcWhere.bindings],
		),
	);
	for (const r of rowsOf(receipts)) {
		const f = of(r.customer);
		f.opening -= whole(r.before_fen);
		f.received += whole(r.during_fen);
	}

	// Goods shipped in the period: issued delivery lines at their unit price, by the note's issue time.
	const sh = customerConditions('s', filter);
	const shWhere = whereSql([inList('s.status', SHIPPED_STATUSES), dayRange(db, 's.issued_at', 'timestamp', start, end), ...sh.where]);
	// lineFen is already whole fen per line: summed as is.
	const shippedSum = sql(`COALESCE(SUM(${lineFen(db, 'l.quantity', 'l.unit_price')}), 0)`);
	const shipments = await raw(
		db,
		sql(
			`SELECT s.customer AS customer, ${shippedSum.sql} AS fen FROM shipment_lines l JOIN shipments s ON s.id = l.shipment ${sh.join} WHERE ${shWhere.sql} GROUP BY s.customer`,
			shWhere.bindings,
		),
	);
	for (const r of rowsOf(shipments)) of(r.customer).shipped += whole(r.fen);

	return out;
}

/** One customer's figures (zeros when nothing happened). */
export async function customerFigures(db: Knex, customer: number, period: string): Promise<Fen> {
	return (await statementFigures(db, period, { customers: [customer] })).get(customer) ?? ZERO();
}

/** A statement's movement as printed (domain/print), with the document it comes from. */
export type MovementLine = StatementMovement & { collection: string; id: number; balance_effect: string };

const KIND_ORDER = { shipment: 0, invoice: 1, red_invoice: 2, receipt: 3 } as const;

/** The period's documents of one customer (delivery notes, invoices, red invoices, receipts) with a running balance. */
export async function movementLines(db: Knex, customer: number, period: string, openingFen: bigint): Promise<MovementLine[]> {
	const { start, end } = periodRange(period);
	const shipRange = dayRange(db, 's.issued_at', 'timestamp', start, end);
	const shipments = rowsOf(
		await raw(
			db,
			sql(
				`SELECT s.id AS id, s.number AS number, s.issued_at AS day, COALESCE(SUM(${lineFen(db, 'l.quantity', 'l.unit_price')}), 0) AS fen FROM shipments s JOIN shipment_lines l ON l.shipment = s.id WHERE s.customer = ? AND s.status IN (${SHIPPED_STATUSES.map(() => '?').join(', ')}) AND ${shipRange.sql} GROUP BY s.id, s.number, s.issued_at`,
				[customer, ...SHIPPED_STATUSES, ...shipRange.bindings],
			),
		),
	);
	const invRange = dayRange(db, 'i.issue_date', 'date', start, end);
	const invoices = rowsOf(
		await raw(
			db,
			sql(
				`SELECT i.id AS id, i.number AS number, i.issue_date AS day, i.direction AS direction, ${fen(db, 'i.total')} AS fen FROM invoices i WHERE i.customer = ? AND i.status = 'issued' AND ${invRange.sql}`,
				[customer, ...invRange.bindings],
			),
		),
	);
	const rcRange = dayRange(db, 'r.received_on', 'date', start, end);
	const receipts = rowsOf(
		await raw(
			db,
			sql(
				`SELECT r.id AS id, r.number AS number, r.received_on AS day, ${fen(db, 'r.amount')} AS fen FROM receipts r WHERE r.customer = ? AND r.status = 'confirmed' AND ${rcRange.sql}`,
				[customer, ...rcRange.bindings],
			),
		),
	);
	type Raw = {
		date: string | null;
		kind: MovementLine['kind'];
		collection: string;
		id: number;
		number: string;
		fen: bigint;
		effect: bigint;
	};
	const lines: Raw[] = [
		...shipments.map(
			(r): Raw => ({
				date: companyDayOf(r.day),
				kind: 'shipment',
				collection: 'shipments',
				id: Number(r.id),
				number: r.number,
				fen: whole(r.fen),
				effect: 0n,
			}),
		),
		...invoices.map((r): Raw => {
			const amount = whole(r.fen);
			return {
				date: dayOf(r.day),
				kind: r.direction === 'red' ? 'red_invoice' : 'invoice',
				collection: 'invoices',
				id: Number(r.id),
				number: r.number,
				fen: amount,
				effect: amount,
			};
		}),
		...receipts.map(
			(r): Raw => ({
				date: dayOf(r.day),
				kind: 'receipt',
				collection: 'receipts',
				id: Number(r.id),
				number: r.number,
				fen: whole(r.fen),
				effect: -whole(r.fen),
			}),
		),
	];
	lines.sort(
		(a, b) =>
			String(a.date).localeCompare(String(b.date)) ||
			KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
			String(a.number).localeCompare(String(b.number)),
	);
	let balance = openingFen;
	return lines.map((l) => {
		balance += l.effect;
		return {
			date: l.date,
			kind: l.kind,
			collection: l.collection,
			id: l.id,
			number: l.number,
			amount: formatMoney(l.fen),
			balance_effect: formatMoney(l.effect),
			balance: formatMoney(balance),
		};
	});
}

const FIGURES = ['opening', 'shipped', 'invoiced', 'red', 'received', 'closing'] as const;

export type PersistResult = { rows: Row[]; created: number; updated: number; unchanged: number; locked: number };

/**
 * Upserts the period's statements (one per customer with any movement or balance, and every draft
 * that already exists) in the caller's transaction. Statements already sent, confirmed or disputed
 * keep the figures the customer saw.
 */
export async function persistStatements(trx: Knex, period: string, filter: StatementFilter, user: string | null): Promise<PersistResult> {
	const figures = await statementFigures(trx, period, filter);
	// Compared and tested in fen; formatted only for the rows written.
	const targets = new Map<number, FenFigures>();
	for (const [customer, f] of figures) {
		const x = withClosing(f);
		if (FIGURES.some((k) => x[k] !== 0n)) targets.set(customer, x);
	}
	// Existing statements of the period within the filter (drafts get refreshed, even to zero).
	const st = customerConditions('st', filter);
	const stWhere = whereSql([sql('st.period = ?', [period]), ...st.where]);
	// Whole rows: they are also the answer, so they are not read a second time.
	const existing: Row[] = await trx('statements as st')
		.modify((q) => st.join && q.join('customers as c', 'c.id', 'st.customer'))
		.whereRaw(stWhere.sql, stWhere.bindings as Knex.RawBinding[])
		.select('st.*');
	const existingBy = new Map(existing.map((r) => [Number(r.customer), r]));
	for (const r of existing)
		if (!targets.has(Number(r.customer)) && r.status === 'draft')
			targets.set(Number(r.customer), withClosing(figures.get(Number(r.customer)) ?? ZERO()));

	const changed: number[] = [];
	let unchanged = 0;
	let locked = 0;
	const toCreate: number[] = [];
	for (const [customer, s] of targets) {
		const row = existingBy.get(customer);
		if (!row) {
			toCreate.push(customer);
			continue;
		}
		if (row.status !== 'draft') {
			locked++;
			continue;
		}
		if (FIGURES.every((k) => row[k] !== null && row[k] !== undefined && parseMoney(row[k]) === s[k])) {
			unchanged++;
			continue;
		}
		await trx('statements')
			.where({ id: row.id })
			.update({ ...formatStatement(s), date_updated: now() });
		changed.push(customer);
	}

	if (toCreate.length) {
		const owners = new Map<number, string | null>();
		for (const part of chunks(toCreate))
			for (const c of await trx('customers').whereIn('id', part).select('id', 'owner')) owners.set(Number(c.id), c.owner ?? null);
		const numbers = await nextDocumentNumbers(trx, 'statements', toCreate.length);
		const at = now();
		const rows = toCreate.map((customer, i) => ({
			number: numbers[i],
			customer,
			period,
			status: 'draft',
			owner: owners.get(customer) ?? null,
			...formatStatement(targets.get(customer)!),
			date_created: at,
			user_created: user,
		}));
		// A parallel request may have created some meanwhile: the unique (customer, period) index keeps one.
		for (const part of chunks(rows, 100)) await trx('statements').insert(part).onConflict(['customer', 'period']).ignore();
	}

	// The answer: the rows read above, and the new or changed ones read back as stored.
	const fresh = new Map<number, Row>();
	for (const part of chunks([...toCreate, ...changed]))
		for (const r of await trx('statements').where({ period }).whereIn('customer', part)) fresh.set(Number(r.customer), r);
	const rows = [...targets.keys()]
		.sort((a, b) => a - b)
		.map((c) => fresh.get(c) ?? existingBy.get(c))
		.filter((r): r is Row => r !== undefined);
	return { rows, created: toCreate.length, updated: changed.length, unchanged, locked };
}

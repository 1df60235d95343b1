// What a loan line's two settling documents share — loan returns (借出归还) and loan conversions
// (借出转销售): a line of the document's own (issued) loan, never more than is still out counting the
// other documents waiting for approval, re-checked with the line locked when approved; the loan
// closes itself once nothing is out.
import type { Knex } from 'knex';
import { DomainError, invalid } from '../../domain/errors';
import { isId, parseQty } from '../../domain/money';
import { assertLoanReturnable } from '../../domain/stock';
import type { DocContext, LineRule, TrxDocContext } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { keyOf, readVisible } from '../../platform/access';
import { lockRow, type Row } from '../../platform/database';

/** Returns and conversions still waiting for their approval hold the quantity they ask for. */
const OPEN = ['draft', 'submitted', 'pending_approval'];

/** The two documents that settle a loan line, and where their lines point to them. */
const SETTLING = {
	loan_returns: { lines: 'loan_return_lines', fk: 'loan_return', name: 'loan return' },
	loan_conversions: { lines: 'loan_conversion_lines', fk: 'conversion', name: 'loan conversion' },
} as const;
export type Settling = keyof typeof SETTLING;

async function loanLineWithSku(db: Knex, id: unknown, lock = false): Promise<Row | undefined> {
	if (!isId(id)) return undefined;
	if (lock) await lockRow(db, 'loan_lines', id as number); // PostgreSQL row lock; the join below cannot lock
	return db('loan_lines as l')
		.join('products as p', 'p.id', 'l.product')
		.where('l.id', id as number)
		.first('l.*', 'p.sku');
}

/** Quantity of a loan line on returns and conversions not yet approved, except one line. */
async function heldByOpenDocuments(db: Knex, loanLine: number, except?: { table: string; id: unknown }): Promise<bigint> {
	let held = 0n;
	for (const [doc, { lines, fk }] of Object.entries(SETTLING)) {
		const rows: Row[] = await db(`${lines} as l`)
			.join(`${doc} as d`, 'd.id', `l.${fk}`)
			.where('l.loan_line', loanLine)
			.whereIn('d.status', OPEN)
			.modify((q) => except?.table === lines && except.id != null && q.whereNot('l.id', except.id as number))
			.select('l.quantity');
		held += rows.reduce((s, r) => s + parseQty(r.quantity), 0n);
	}
	return held;
}

const figures = (line: Row, pending: bigint) => ({
	sku: line.sku,
	lent: parseQty(line.quantity),
	returned: parseQty(line.returned_qty),
	converted: parseQty(line.converted_qty),
	pending,
});

/** The loan a return or conversion refers to: visible to the caller and issued. */
export async function issuedLoan(ctx: DocContext, loanId: unknown, doing: string): Promise<Row> {
	const loan = await readVisible(ctx, 'loans', loanId, 'loan');
	if (loan.status !== 'issued') {
		throw new DomainError('INVALID_TRANSITION', `${loan.number} is ${loan.status}; only an issued loan can be ${doing}`, 409, {
			field: 'loan',
			status: loan.status,
		});
	}
	return loan;
}

/** The line rule of returns and conversions: a line of the document's loan, within what is still out. */
export function settlingLineRule(doc: Settling): LineRule {
	const { lines, fk, name } = SETTLING[doc];
	return async (ctx, payload, current, parent) => {
		if (!parent) throw invalid(fk, `${lines}.${fk} is required: a line belongs to a ${name}`);
		const loanLineId = keyOf(payload.loan_line ?? current?.loan_line);
		const line = await loanLineWithSku(ctx.db, loanLineId);
		if (!line || line.loan !== parent.loan) {
			throw invalid(
				'loan_line',
				`loan line ${loanLineId ?? '(missing)'} is not a line of the loan of ${parent.number ?? `${doc} ${parent.id}`}`,
			);
		}
		const quantity = parseQty(payload.quantity ?? current?.quantity);
		assertLoanReturnable(figures(line, await heldByOpenDocuments(ctx.db, line.id, { table: lines, id: current?.id })), quantity);
	};
}

/** Locks an approved document's loan line and re-checks the quantity against what is really out. */
export async function lockAndCheck(trx: Knex, loanLineId: number, quantity: bigint): Promise<Row> {
	const line = await loanLineWithSku(trx, loanLineId, true);
	if (!line) throw invalid('loan_line', `loan line ${loanLineId} does not exist`);
	assertLoanReturnable(figures(line, 0n), quantity);
	return line;
}

export async function lockIssuedLoan(trx: Knex, loanId: number, doc: Row): Promise<Row> {
	const loan = await lockRow(trx, 'loans', loanId);
	if (!loan) throw invalid('loan', `${doc.number}: loan ${loanId} does not exist`);
	if (loan.status !== 'issued') {
		throw new DomainError(
			'INVALID_TRANSITION',
			`${doc.number}: ${loan.number} is ${loan.status}; only an issued loan can be settled`,
			409,
			{ status: loan.status },
		);
	}
	return loan;
}

const outstandingOf = (l: Row) => parseQty(l.quantity) - parseQty(l.returned_qty) - parseQty(l.converted_qty);

/** Closes the loan (row locked by the caller) once nothing is out on any of its lines. */
export async function closeIfSettled(t: TrxDocContext, loanId: number): Promise<void> {
	const lines: Row[] = await t.trx('loan_lines').where({ loan: loanId }).select('quantity', 'returned_qty', 'converted_qty');
	if (lines.every((l) => outstandingOf(l) <= 0n)) await moveAsSystem(t, { collection: 'loans', id: loanId, to: 'closed' });
}

// What /reconciliation shows and /exports writes as a workbook: one customer's statement for a month,
// every customer's statement figures of a month, receivables aging and the ledger check — each with
// its query filters, scoped to the caller as schema/access.ts says.
import { z } from 'zod';
import { addDays, zIsoDate } from '../domain/dates';
import { DomainError } from '../domain/errors';
import { periodRange, zPeriod } from '../domain/invoicing';
import { zId } from '../domain/money';
import { customerFigures, movementLines, statementFigures, statementOf } from '../documents/statements/figures';
import type { DocContext } from '../engine/document-type';
import { readVisible, requireGrant } from '../platform/access';
import { today } from '../platform/clock';
import { chunks, dayOf, join, type Sql, sql } from '../platform/database';
import { parseInput } from '../platform/endpoint';
import { ownerCondition, ownerInScope, requireScope } from '../platform/row-scope';
import { LEDGER_RULES, ledgerCheck } from './ledger-check';
import { agingReport } from './receivables';

const zUserId = z
	.string()
	.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'owner must be a user id (uuid)')
	.optional();
const zStatementQuery = z.object({ customer: zId, period: zPeriod }).strict();
const zPeriodQuery = z.object({ period: zPeriod }).strict();
const zAgingQuery = z.object({ as_of: zIsoDate.optional(), owner: zUserId }).strict();
const zLedgerQuery = z.object({ period: zPeriod.optional(), customer: zId.optional() }).strict();

/** Last day of a period (the range end is exclusive). */
export const lastDay = (period: string) => addDays(periodRange(period).end, -1);

/** One customer's statement for a month, computed now, with the persisted one if any. */
export async function customerStatement(ctx: DocContext, query: unknown) {
	requireScope(ctx.actor, 'statements', ['read'], 'read statements');
	const q = parseInput(zStatementQuery, query);
	const customer = await readVisible(ctx, 'customers', q.customer, 'customer');
	const fen = await customerFigures(ctx.db, customer.id, q.period);
	const persisted = await ctx
		.db('statements')
		.where({ customer: customer.id, period: q.period })
		.first('id', 'number', 'status', 'confirmed_payment_date', 'dispute_note');
	return {
		customer: { id: customer.id, name: customer.name, code: customer.code ?? null },
		period: q.period,
		start: periodRange(q.period).start,
		end: lastDay(q.period),
		...statementOf(fen),
		lines: await movementLines(ctx.db, customer.id, q.period, fen.opening),
		statement: persisted ? { ...persisted, confirmed_payment_date: dayOf(persisted.confirmed_payment_date) } : null,
	};
}

/** Every customer's statement figures for a month within the caller's statement scope, by customer name. */
export async function periodStatements(ctx: DocContext, query: unknown) {
	const scope = requireScope(ctx.actor, 'statements', ['read'], 'read statements');
	const q = parseInput(zPeriodQuery, query);
	const figures = await statementFigures(ctx.db, q.period, { owner: ownerCondition(scope, ctx.actor.user, 'c.owner') });
	const customers = new Map<number, { name: string; code: string | null }>();
	for (const part of chunks([...figures.keys()]))
		for (const c of await ctx.db('customers').whereIn('id', part).select('id', 'name', 'code')) customers.set(Number(c.id), c);
	return {
		period: q.period,
		customers: [...figures]
			.map(([id, f]) => ({ customer: id, name: customers.get(id)?.name ?? '', code: customers.get(id)?.code ?? null, ...statementOf(f) }))
			.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.customer - b.customer),
	};
}

/** Receivables aging per customer, per owner and in total. */
export async function receivablesAging(ctx: DocContext, query: unknown) {
	const scope = requireScope(ctx.actor, 'invoices', ['read'], 'read receivables');
	const q = parseInput(zAgingQuery, query);
	if (q.owner && !(await ownerInScope(ctx.db, scope, ctx.actor.user, q.owner)))
		throw new DomainError('FORBIDDEN', `You may not see the receivables of user ${q.owner}`, 403, { field: 'owner' });
	const conditions = [ownerCondition(scope, ctx.actor.user, 'c.owner'), q.owner ? sql('c.owner = ?', [q.owner]) : null].filter(
		(c): c is Sql => c !== null,
	);
	return agingReport(ctx.db, q.as_of ?? today(), conditions.length ? join(conditions, ' AND ') : null);
}

/** Every mismatch between the business and the finance ledgers, with what was checked. */
export async function ledgerMismatches(ctx: DocContext, query: unknown) {
	requireGrant(ctx.actor, 'ledger_check', 'run the ledger check');
	const q = parseInput(zLedgerQuery, query);
	if (q.customer !== undefined && !(await ctx.db('customers').where({ id: q.customer }).first('id'))) {
		throw new DomainError('INVALID_PAYLOAD', `customer ${q.customer} does not exist`, 400, { field: 'customer' });
	}
	return {
		data: await ledgerCheck(ctx.db, { period: q.period, customer: q.customer }),
		meta: { period: q.period ?? null, customer: q.customer ?? null, rules: LEDGER_RULES, stock_checked: q.customer === undefined },
	};
}

// Commission statements (提成单, issue #19): a rep's commission for a month, approved by the direct
// superior through the approval engine like a sales plan. Submitting computes the figures of the
// commission report for the owner and month (reports/commission.ts) and freezes them on the statement
// and its lines (read-only fields; a rejected statement is recomputed when submitted again). One
// statement per owner and month, whatever its status: a rejected one is corrected and resubmitted.
import { parseMoney } from '../../domain/money';
import { parsePlanPeriod } from '../../domain/sales-plans';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument, type Effect } from '../../engine/document-type';
import { assertOnePerPeriod, type OnePerPeriod } from '../../engine/one-per-period';
import { keyOf } from '../../platform/access';
import type { Row } from '../../platform/database';
import { monthCommission } from '../../reports/commission';
import { commissionStatementLifecycle } from './lifecycle';

const ONE_STATEMENT: OnePerPeriod = { collection: 'commission_statements', what: 'commission statement', code: 'DUPLICATE_STATEMENT' };

const checkPeriod = (period: unknown) => parsePlanPeriod(period, 'period', ['monthly']);

/** Submitting: the month's figures written onto the statement and its lines, then the approval request opened. */
const computeAndSubmit: Effect = async (m) => {
	const owner = String(keyOf(m.row.owner));
	const { reps, lines } = await monthCommission(m.trx, String(m.row.period), (q) => q.where('c.owner', owner));
	const totals = { received: reps[0]?.received ?? '0.00', commission: reps[0]?.commission ?? '0.00' };
	await m.trx('commission_statement_lines').where({ statement: m.id }).delete();
	const rows = lines.map((l) => ({
		statement: m.id,
		allocation: l.allocationId,
		invoice: l.invoice,
		product: l.product,
		product_group: l.productGroup,
		customer_grade: l.customerGrade,
		received: l.received,
		rate: l.rate,
		commission: l.commission,
	}));
	// In chunks: SQLite takes a bounded number of bound values per statement.
	for (let i = 0; i < rows.length; i += 50) await m.trx('commission_statement_lines').insert(rows.slice(i, i + 50));
	await m.trx('commission_statements').where({ id: m.id }).update(totals);
	return submitForApproval({ ...m, row: { ...m.row, ...totals } });
};

export const commissionStatements = defineDocument({
	collection: 'commission_statements',
	lifecycle: commissionStatementLifecycle,
	amountField: 'commission',
	approvalContext: async (_db, row) => ({ collection: 'commission_statements', amountFen: parseMoney(row.commission ?? 0), lines: [] }),
	// A month with nothing received still gets its (zero) statement approved.
	lines: [{ collection: 'commission_statement_lines', optionalWhen: () => true }],
	onCreate: async (ctx, payload) => {
		checkPeriod(payload.period);
		await assertOnePerPeriod(ctx, ONE_STATEMENT, { owner: payload.owner, period: payload.period });
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!('period' in payload || 'owner' in payload)) return undefined;
		if ('period' in payload) checkPeriod(payload.period);
		for (const row of (await ctx.db('commission_statements').whereIn('id', keys)) as Row[]) {
			const merged = { ...row, ...payload };
			await assertOnePerPeriod(ctx, ONE_STATEMENT, { id: row.id, owner: merged.owner, period: merged.period });
		}
		return undefined;
	},
	effects: { submitted: computeAndSubmit },
});

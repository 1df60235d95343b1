// Sales plans (销售计划, seed 001/003): a rep's amount and new-customer count for a year, quarter or
// month (domain/sales-plans.ts), submitted to the direct superior and approved through the approval
// engine like documents. One live plan per owner and period: a second one is refused (409) unless the
// first was rejected. Approved plans are the source of the monthly sales targets (documents/sales-targets).
import { parseMoney } from '../../domain/money';
import { checkPlanFields } from '../../domain/sales-plans';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import { assertOnePerPeriod, type OnePerPeriod } from '../../engine/one-per-period';
import { keyOf } from '../../platform/access';
import type { Row } from '../../platform/database';
import { deriveTargets } from '../sales-targets';
import { salesPlanLifecycle } from './lifecycle';

/** One live plan per owner and period: a rejected one frees its period. */
const ONE_PLAN: OnePerPeriod = { collection: 'sales_plans', what: 'sales plan', code: 'DUPLICATE_PLAN', freeIn: ['rejected'] };

export const salesPlans = defineDocument({
	collection: 'sales_plans',
	lifecycle: salesPlanLifecycle,
	amountField: 'amount',
	approvalContext: async (_db, row) => ({ collection: 'sales_plans', amountFen: parseMoney(row.amount ?? 0), lines: [] }),
	onCreate: async (ctx, payload) => {
		payload.new_customers ??= 0;
		checkPlanFields({ period: payload.period, amount: payload.amount, new_customers: payload.new_customers });
		// Inside the creating transaction: a parallel plan for the same owner and period waits there.
		await assertOnePerPeriod(ctx, ONE_PLAN, { owner: payload.owner, period: payload.period });
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!['period', 'amount', 'new_customers', 'owner'].some((f) => f in payload)) return undefined;
		for (const row of (await ctx.db('sales_plans').whereIn('id', keys)) as Row[]) {
			const merged = { ...row, ...payload };
			checkPlanFields({ period: merged.period, amount: merged.amount, new_customers: merged.new_customers });
			if ('period' in payload || 'owner' in payload)
				await assertOnePerPeriod(ctx, ONE_PLAN, { id: row.id, owner: merged.owner, period: merged.period });
		}
		return undefined;
	},
	effects: { submitted: submitForApproval },
	// Approved, the plan feeds its owner's monthly targets, in the approval's transaction.
	onApproved: async ({ trx, row }) => {
		await deriveTargets(trx, String(keyOf(row.owner)), String(row.period).slice(0, 4), row.id);
		return undefined;
	},
});

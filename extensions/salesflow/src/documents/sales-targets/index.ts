// Sales targets (销售目标): one per rep and month, derived from the rep's approved sales plans
// (documents/sales-plans) — a month's own plan, else its share of the quarter's, else of the year's
// (domain/sales-plans.ts monthlyTargets). The plans are the one source: amount, new customers, rep and
// period are computed; only the visit count a manager expects stays editable here.
import type { Knex } from 'knex';
import { invalid } from '../../domain/errors';
import { formatMoney, parseMoney } from '../../domain/money';
import { monthlyTargets } from '../../domain/sales-plans';
import { rejectComputed } from '../../engine/document-rules';
import { defineRecords, type Id } from '../../engine/document-type';
import { lockKeys, type Row } from '../../platform/database';

/**
 * Rewrites `owner`'s targets for every month of `year` an approved plan covers (with `approving`, the
 * plan being approved), inside the caller's transaction (the plan's approval). Months are upserted
 * by (rep, period), so the visit counts stay.
 */
export async function deriveTargets(trx: Knex, owner: string, year: string, approving: Id): Promise<void> {
	await lockKeys(trx, [`sales-targets:${owner}:${year}`]);
	const plans: Row[] = await trx('sales_plans')
		.where('owner', owner)
		// The plan being approved still has its old status while the approval's effects run.
		.where((w) => w.where('status', 'approved').orWhere('id', approving))
		.where((w) => w.where('period', year).orWhere('period', 'like', `${year}-%`))
		.select('period', 'amount', 'new_customers');
	const targets = monthlyTargets(
		plans.map((p) => ({ period: p.period, amountFen: parseMoney(p.amount ?? 0), newCustomers: Number(p.new_customers ?? 0) })),
	);
	for (const [period, t] of targets) {
		const figures = { amount: formatMoney(t.amountFen), new_customers: t.newCustomers };
		const updated = await trx('sales_targets').where({ rep: owner, period }).update(figures);
		if (!updated) await trx('sales_targets').insert({ rep: owner, period, ...figures });
	}
}

function checkVisits(payload: Row): void {
	if (!('visits' in payload) || payload.visits === null) return;
	const n = Number(payload.visits);
	if (typeof payload.visits === 'boolean' || !Number.isInteger(n) || n < 0)
		throw invalid('visits', `visits must be a whole number ≥ 0, got ${JSON.stringify(payload.visits)}`);
}

// The plans' figures are Salesflow's to write (deriveTargets, with knex): refused to every user, administrators too.
export const salesTargets = defineRecords({
	collection: 'sales_targets',
	onCreate: async (ctx, payload) => {
		rejectComputed('sales_targets', payload, ctx.actor);
		checkVisits(payload);
	},
	onUpdate: async (ctx, _keys, payload) => {
		rejectComputed('sales_targets', payload, ctx.actor);
		checkVisits(payload);
		return undefined;
	},
});

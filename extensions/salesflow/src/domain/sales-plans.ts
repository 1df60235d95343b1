// Sales plans (销售计划): seed 001 has the sales manager draw up annual, quarterly and monthly plans
// (年度、季度、月度销售计划) — a sales amount and a number of new customers per period. Reports compare
// each month with its target; a month without a plan of its own takes its share of the quarter's,
// else of the year's.
import { invalid } from './errors';
import { parseField, zWholeNumber } from './field-checks';
import { nonNegativeMoney } from './money';

export type PlanPeriodKind = 'annual' | 'quarterly' | 'monthly';
/** A plan period as a half-open date range [start, end) and the months ('YYYY-MM') it spans. */
export type PlanPeriod = { kind: PlanPeriodKind; start: string; end: string; months: string[] };

const PERIOD = /^([1-9]\d{3})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const PERIOD_FORMS: Record<PlanPeriodKind, string> = {
	annual: 'a year (2027)',
	quarterly: 'a quarter (2027-Q1)',
	monthly: 'a month (2027-01)',
};
const ALL_KINDS: PlanPeriodKind[] = ['annual', 'quarterly', 'monthly'];

/** 'YYYY-MM' of the `month`th month counted from January of `year` (13 is next January). */
function monthKey(year: number, month: number): string {
	return `${year + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
}

/** '2027' → the year, '2027-Q1' → January–March, '2027-01' → January; `kinds` narrows what is accepted. */
export function parsePlanPeriod(value: unknown, field = 'period', kinds: PlanPeriodKind[] = ALL_KINDS): PlanPeriod {
	const m = typeof value === 'string' ? PERIOD.exec(value) : null;
	const kind: PlanPeriodKind = m?.[2] ? 'quarterly' : m?.[3] ? 'monthly' : 'annual';
	if (!m || !kinds.includes(kind)) {
		const forms = kinds.map((k) => PERIOD_FORMS[k]);
		const expected = forms.length > 1 ? `${forms.slice(0, -1).join(', ')} or ${forms.at(-1)}` : forms[0];
		throw invalid(field, `${field} must be ${expected}, got ${JSON.stringify(value)}`);
	}
	const year = Number(m[1]);
	const [first, count] = kind === 'quarterly' ? [(Number(m[2]) - 1) * 3 + 1, 3] : kind === 'monthly' ? [Number(m[3]), 1] : [1, 12];
	return {
		kind,
		start: `${monthKey(year, first)}-01`,
		end: `${monthKey(year, first + count)}-01`,
		months: Array.from({ length: count }, (_, i) => monthKey(year, first + i)),
	};
}

export type PlanTarget = { amountFen: bigint; newCustomers: number };

/** A plan's part for one of its months: an even split, the last month taking what division leaves over. */
function monthShare(plan: PlanTarget, months: string[], month: string): PlanTarget {
	const n = months.length;
	const isLast = months.indexOf(month) === n - 1;
	const amountEach = plan.amountFen / BigInt(n);
	const customersEach = Math.floor(plan.newCustomers / n);
	return {
		amountFen: isLast ? plan.amountFen - amountEach * BigInt(n - 1) : amountEach,
		newCustomers: isLast ? plan.newCustomers - customersEach * (n - 1) : customersEach,
	};
}

/**
 * The target of every month any plan covers, in month order: the month's own plan, else its
 * share of the quarter's plan, else of the year's. The shares of a quarter or year sum to it
 * exactly. Two plans for the same period are refused.
 */
export function monthlyTargets(plans: Array<{ period: string } & PlanTarget>): Map<string, PlanTarget> {
	const byPeriod = new Map<string, { plan: PlanTarget; months: string[] }>();
	for (const plan of plans) {
		const { months } = parsePlanPeriod(plan.period);
		if (byPeriod.has(plan.period)) throw invalid('period', `there are two plans for ${plan.period}; a period has one plan`);
		byPeriod.set(plan.period, { plan, months });
	}
	const months = [...new Set([...byPeriod.values()].flatMap((p) => p.months))].sort();
	return new Map(
		months.map((month) => {
			const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
			const source = byPeriod.get(month) ?? byPeriod.get(quarter) ?? byPeriod.get(month.slice(0, 4))!;
			return [month, monthShare(source.plan, source.months, month)];
		}),
	);
}

/** A plan as saved (the stored row merged with the change): its period, amount ≥ 0 and new customers, a whole number ≥ 0. */
export function checkPlanFields(input: { period: unknown; amount: unknown; new_customers: unknown }): { period: PlanPeriod } & PlanTarget {
	return {
		period: parsePlanPeriod(input.period),
		amountFen: parseField(nonNegativeMoney('amount'), 'amount', input.amount),
		newCustomers: parseField(zWholeNumber('new_customers', 0), 'new_customers', input.new_customers),
	};
}

// Approval rules are data (approval_rules). Matching them against a document, merging their steps
// into one ordered request, and validating amount tiers are pure functions here.
import { z } from 'zod';
import { DomainError } from '../errors';
import { formatMoney, parseMoney } from '../money';
import type { ApprovalContext } from './context';
import { evaluateCondition } from './conditions/index';

export const zStepSpec = z.discriminatedUnion('approver', [
	z.object({ approver: z.literal('owner_manager') }),
	z.object({ approver: z.literal('role'), role: z.string().min(1) }),
]);
export const zRuleSteps = z.array(zStepSpec);
export type ApprovalStepSpec = z.infer<typeof zStepSpec>;

export type RuleRecord = {
	id: number | string;
	document: string;
	condition: string;
	params: unknown;
	steps: ApprovalStepSpec[];
	active: boolean;
	priority: number;
	name?: string;
};

export type MatchedRule = { rule: RuleRecord; reasons: string[] };
export type MergedStep = ApprovalStepSpec & { reasons: string[] };

const stepKey = (s: ApprovalStepSpec) => (s.approver === 'owner_manager' ? 'owner_manager' : `role:${s.role}`);

export function matchRules(rules: RuleRecord[], ctx: ApprovalContext): MatchedRule[] {
	return rules
		.filter((r) => r.active && r.document === ctx.collection)
		.sort((a, b) => a.priority - b.priority || String(a.id).localeCompare(String(b.id), undefined, { numeric: true }))
		.map((rule) => ({ rule, ...evaluateCondition(rule.condition, rule.params, ctx) }))
		.filter((m) => m.matched)
		.map(({ rule, reasons }) => ({ rule, reasons }));
}

/** Steps of all matched rules in rule order; an approver asked twice keeps the first place. */
export function mergeSteps(matched: MatchedRule[]): MergedStep[] {
	const out: MergedStep[] = [];
	for (const { rule, reasons } of matched) {
		for (const step of zRuleSteps.parse(rule.steps ?? [])) {
			const existing = out.find((s) => stepKey(s) === stepKey(step));
			const tagged = reasons.map((r) => `${rule.name ?? rule.condition}: ${r}`);
			if (existing) existing.reasons.push(...tagged);
			else out.push({ ...step, reasons: tagged });
		}
	}
	return out;
}

/** Amount tiers of one document must cover every amount ≥ 0 with no gap or overlap. */
export function validateAmountTiers(rules: RuleRecord[]): void {
	const tiers = rules
		.filter((r) => r.active && r.condition === 'amount_between')
		.map((r) => {
			const p = (r.params ?? {}) as { min?: string | number | null; max?: string | number | null };
			return { rule: r, min: p.min == null ? null : parseMoney(p.min, 'min'), max: p.max == null ? null : parseMoney(p.max, 'max') };
		})
		.sort((a, b) => (a.min === null ? -1 : b.min === null ? 1 : a.min < b.min ? -1 : a.min > b.min ? 1 : 0));
	if (!tiers.length) return;
	const name = (t: (typeof tiers)[number]) => `"${t.rule.name ?? t.rule.id}"`;
	const fmt = (v: bigint | null, inf: string) => (v === null ? inf : formatMoney(v));
	const fail = (msg: string) => {
		throw new DomainError('INVALID_PAYLOAD', `amount tiers of ${tiers[0]!.rule.document}: ${msg}`, 400, { field: 'params' });
	};
	for (const t of tiers) if (t.min !== null && t.max !== null && t.max <= t.min) fail(`${name(t)} has max ${fmt(t.max, '')} ≤ min ${fmt(t.min, '')}`);
	const first = tiers[0]!;
	if (first.min !== null && first.min >= 0n) fail(`amounts from 0.00 to ${formatMoney(first.min)} are not covered (first tier ${name(first)} starts above ${formatMoney(first.min)})`);
	for (let i = 1; i < tiers.length; i++) {
		const prev = tiers[i - 1]!;
		const cur = tiers[i]!;
		if (prev.max === null) fail(`${name(prev)} has no upper bound but ${name(cur)} follows it (overlap)`);
		if (cur.min === null || cur.min < prev.max!) fail(`${name(prev)} (…, ${fmt(prev.max, '∞')}] overlaps ${name(cur)} (${fmt(cur.min, '−∞')}, …]`);
		if (cur.min! > prev.max!) fail(`gap between ${name(prev)} max ${formatMoney(prev.max!)} and ${name(cur)} min ${formatMoney(cur.min!)}`);
	}
	const last = tiers[tiers.length - 1]!;
	if (last.max !== null) fail(`amounts above ${formatMoney(last.max)} are not covered (last tier ${name(last)})`);
}

type DefaultRule = Omit<RuleRecord, 'id' | 'active' | 'name'> & { key: string; name: { en: string; zh: string } };

const mgr: ApprovalStepSpec = { approver: 'owner_manager' };
const role = (r: string): ApprovalStepSpec => ({ approver: 'role', role: r });
const rule = (key: string, document: string, priority: number, condition: string, params: unknown, steps: ApprovalStepSpec[], en: string, zh: string): DefaultRule => ({
	key,
	document,
	priority,
	condition,
	params,
	steps,
	name: { en, zh },
});

/** The standards' approvals (PROCESS.md §3–§5, §9–§10), shipped as editable data. */
export const DEFAULT_RULES: DefaultRule[] = [
	rule('quote_normal', 'quotes', 10, 'always', {}, [mgr], 'Quote: direct superior', '报价：直属上级审批'),
	rule('quote_below_floor', 'quotes', 20, 'below_floor', {}, [mgr, role('division_head')], 'Quote below floor: special discount', '报价低于底价：特殊折扣审批'),
	rule('quote_low_margin', 'quotes', 30, 'margin_below', { percent: 30 }, [role('finance_manager')], 'Quote margin below 30%', '报价毛利率低于30%'),
	rule('contract_review', 'contracts', 10, 'always', {}, [mgr, role('legal'), role('finance')], 'Contract review: manager, legal, finance', '合同评审：经理、法务、财务'),
	rule('contract_tier_1', 'contracts', 20, 'amount_between', { max: '100000.00' }, [], 'Contract ≤ 100,000: department level', '合同≤10万：部门负责人'),
	rule('contract_tier_2', 'contracts', 30, 'amount_between', { min: '100000.00', max: '500000.00' }, [role('vp')], 'Contract 100,000–500,000: VP', '合同10万–50万：分管副总'),
	rule('contract_tier_3', 'contracts', 40, 'amount_between', { min: '500000.00' }, [role('general_manager')], 'Contract > 500,000: general manager', '合同>50万：总经理'),
	rule('order_confirm', 'sales_orders', 10, 'always', {}, [mgr], 'Order: manager confirms', '订单：主管审批'),
	rule('order_below_floor', 'sales_orders', 20, 'below_floor', {}, [role('division_head')], 'Order below floor without approved quote', '订单低于底价且无已批报价'),
	rule('order_credit', 'sales_orders', 30, 'credit_exceeded', {}, [role('finance_manager')], 'Order over credit limit', '订单超出信用额度'),
	rule('order_change', 'order_changes', 10, 'always', {}, [role('division_head')], 'Order change: division head', '订单变更：事业部负责人'),
	rule('return_request', 'return_requests', 10, 'always', {}, [role('product_manager'), role('division_head')], 'Return: product manager, division head', '退货：产品经理、事业部负责人'),
	rule('loan', 'loans', 10, 'always', {}, [mgr, role('division_head')], 'Loan: manager, division head', '借出：直属上级、事业部负责人'),
	rule('loan_return', 'loan_returns', 10, 'always', {}, [role('warehouse_manager')], 'Loan return: warehouse manager', '借出归还：库房经理确认'),
	rule('loan_conversion', 'loan_conversions', 10, 'always', {}, [mgr, role('division_head')], 'Loan conversion: manager, division head', '借出转销售：直属上级、事业部负责人'),
	rule('loan_conversion_below_floor', 'loan_conversions', 20, 'below_floor', {}, [role('division_head')], 'Loan conversion below floor', '借出转销售低于底价'),
];

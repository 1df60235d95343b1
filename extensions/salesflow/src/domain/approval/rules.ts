// Approval rules are data (approval_rules) an admin edits. Matching them against a document, merging
// their steps into one ordered request and validating amount tiers are pure functions here; who the
// owner's manager is, is the engine's business (it needs the database).
import { z } from 'zod';
import { DomainError, ErrorCode } from '../errors';
import { compareIds, type Id } from '../ids';
import { formatMoney } from '../money';
import { amountBetween } from './conditions/amount-between';
import { CONDITIONS, evaluateCondition } from './conditions/index';
import type { ApprovalContext, ProductRef } from './context';

// A step's time limit (审批时限): `hours` on the clock, or working hours on the company calendar; past it the
// approver is reminded, after as long again the approver's manager (or the `escalate_to` role) is told.
const timeLimit = {
	hours: z
		.number({ error: 'hours must be a whole number greater than 0' })
		.int('hours must be a whole number')
		.positive('hours must be greater than 0')
		.max(8760, 'hours must be at most 8760 (a year)')
		.optional(),
	working_hours: z.boolean({ error: 'working_hours must be true or false' }).optional(),
	escalate_to: z.string().min(1, 'escalate_to must name a role').optional(),
};
export const zStepSpec = z.discriminatedUnion('approver', [
	z.object({ approver: z.literal('owner_manager'), ...timeLimit }),
	z.object({ approver: z.literal('role'), role: z.string().min(1), ...timeLimit }),
	// The product manager of each product on the document (products.product_manager), see expandSteps.
	z.object({ approver: z.literal('product_managers'), ...timeLimit }),
]);

/** PROCESS §12: a sales-order review is answered within 4 hours (「4小时内」), any other approval within 24. */
export const defaultStepHours = (document: string) => (document === 'sales_orders' ? 4 : 24);

/** The field of a step spec an invalid-steps error is about: `hours`, `working_hours`, `escalate_to` or `steps`. */
export function stepField(path: readonly PropertyKey[]): string {
	const key = path.find((p) => typeof p === 'string');
	return key === 'hours' || key === 'working_hours' || key === 'escalate_to' ? key : 'steps';
}
export const zRuleSteps = z.array(zStepSpec);
export type ApprovalStepSpec = z.infer<typeof zStepSpec>;

export type RuleRecord = {
	id: Id;
	document: string;
	condition: string;
	params: unknown;
	steps: ApprovalStepSpec[];
	active: boolean;
	priority: number;
	name?: string;
};

export type MatchedRule = { rule: RuleRecord; reasons: string[] };
export type MergedStep = ApprovalStepSpec & { reasons: string[]; hours: number; working_hours: boolean };

/** The active rules of the document's collection whose condition matches, by priority then id. */
export function matchRules(rules: RuleRecord[], ctx: ApprovalContext): MatchedRule[] {
	return rules
		.filter((r) => r.active && r.document === ctx.collection)
		.sort((a, b) => a.priority - b.priority || compareIds(a.id, b.id))
		.map((rule) => ({ rule, ...evaluateCondition(rule.condition, rule.params, ctx) }))
		.filter((m) => m.matched)
		.map(({ rule, reasons }) => ({ rule, reasons }));
}

const approverKey = (s: ApprovalStepSpec) => (s.approver === 'role' ? `role:${s.role}` : s.approver);
const ruleLabel = (r: Pick<RuleRecord, 'id' | 'name'>) => (r.name ? `"${r.name}"` : r.id != null ? `rule ${r.id}` : 'the new rule');

/**
 * The matched rules as those who may not see cost read them: a confidential rule is named by its kind
 * (its own name may state the threshold) and its figures become its plain reason.
 */
export function publicView(matched: MatchedRule[]): MatchedRule[] {
	return matched.map(({ rule, reasons }) => {
		const hidden = CONDITIONS[rule.condition]?.confidential;
		if (!hidden) return { rule, reasons };
		return {
			rule: { ...rule, name: `${hidden.rule.zh} / ${hidden.rule.en}` },
			reasons: reasons.length ? [`${hidden.reason.zh} / ${hidden.reason.en}`] : reasons,
		};
	});
}

/** Steps of all matched rules in rule order; an approver asked for twice keeps the first place and collects both rules' reasons. */
export function mergeSteps(matched: MatchedRule[]): MergedStep[] {
	const merged = new Map<string, MergedStep>();
	for (const { rule, reasons } of matched) {
		const steps = zRuleSteps.safeParse(rule.steps ?? []);
		if (!steps.success) {
			throw new DomainError(
				ErrorCode.INVALID_PAYLOAD,
				`approval rule ${ruleLabel(rule)} has invalid steps: ${steps.error.issues[0]!.message}`,
				400,
				{ field: 'steps' },
			);
		}
		const tagged = reasons.map((r) => `${rule.name ?? rule.condition}: ${r}`);
		for (const spec of steps.data) {
			const step = { ...spec, hours: spec.hours ?? defaultStepHours(rule.document), working_hours: spec.working_hours ?? false };
			const existing = merged.get(approverKey(step));
			if (!existing) {
				merged.set(approverKey(step), { ...step, reasons: [...tagged] });
				continue;
			}
			existing.reasons.push(...tagged);
			// One approver asked by two rules answers within the shorter limit.
			if (step.hours < existing.hours) Object.assign(existing, { hours: step.hours, working_hours: step.working_hours });
			existing.escalate_to ??= step.escalate_to;
		}
	}
	return [...merged.values()];
}

/** A step as the engine stores it: a named user, the owner's manager, or a role, with its time limit. */
export type ResolvedStep = ({ approver: 'owner_manager' } | { approver: 'role'; role: string } | { approver: 'user'; user: string }) & {
	reasons: string[];
	hours: number;
	working_hours: boolean;
	escalate_to?: string;
};

/** The role that decides for a product without its own product manager. */
export const PRODUCT_MANAGER_ROLE = 'product_manager';

/**
 * A product_managers step becomes one step per distinct product manager of the document's products
 * (in the order the products first appear), after one step of the product_manager role when some
 * product has none: first, so that the role's decision is a real one (a product manager who has
 * approved is not asked again, engine's "nobody twice"). Each step's reasons name its products.
 * Other steps pass through unchanged.
 */
export function expandSteps(steps: MergedStep[], products: ProductRef[] = []): ResolvedStep[] {
	const out: ResolvedStep[] = [];
	for (const step of steps) {
		if (step.approver !== 'product_managers') {
			out.push(step);
			continue;
		}
		// The role's group (null) first, whatever the order of the products.
		const groups = new Map<string | null, string[]>(products.some((p) => !p.manager) ? [[null, []]] : []);
		for (const p of products) {
			const skus = groups.get(p.manager) ?? [];
			if (!skus.includes(p.sku)) skus.push(p.sku);
			groups.set(p.manager, skus);
		}
		// No products known: the role decides, as before product managers were named.
		if (!groups.size) groups.set(null, []);
		// Each product manager's step keeps the time limit of the step it came from.
		const { approver: _, reasons, ...limit } = step;
		for (const [manager, skus] of groups) {
			const why = skus.length ? [...reasons, `产品 / products: ${skus.join(', ')}`] : [...reasons];
			out.push(
				manager
					? { approver: 'user', user: manager, reasons: why, ...limit }
					: { approver: 'role', role: PRODUCT_MANAGER_ROLE, reasons: why, ...limit },
			);
		}
	}
	return out;
}

type Tier = { rule: RuleRecord; min: bigint | null; max: bigint | null };

const tierText = (t: Tier) =>
	`${ruleLabel(t.rule)} (${t.min === null ? '−∞' : formatMoney(t.min)}, ${t.max === null ? '∞)' : `${formatMoney(t.max)}]`}`;

/** null = −∞ for a lower bound, +∞ for an upper one. */
const byBounds = (a: Tier, b: Tier) => {
	if (a.min !== b.min) return a.min === null ? -1 : b.min === null ? 1 : a.min < b.min ? -1 : 1;
	if (a.max === b.max) return 0;
	return a.max === null ? 1 : b.max === null ? -1 : a.max < b.max ? -1 : 1;
};

/**
 * The active amount_between rules of one document must tile every amount ≥ 0 exactly (seed 004):
 * the lowest starts below 0 (min null or negative, min being exclusive), each next min equals
 * the previous max, the highest has no max. No amount tiers at all is fine.
 */
export function validateAmountTiers(rules: RuleRecord[]): void {
	const tiers: Tier[] = rules
		.filter((r) => r.active && r.condition === amountBetween.type)
		.map((rule) => {
			const p = amountBetween.params.safeParse(rule.params ?? {});
			if (!p.success) {
				const issue = p.error.issues[0]!;
				throw new DomainError(
					ErrorCode.INVALID_PAYLOAD,
					`amount tier ${ruleLabel(rule)}: ${issue.path.join('.') || 'params'}: ${issue.message}`,
					400,
					{ field: 'params' },
				);
			}
			return { rule, min: p.data.min ?? null, max: p.data.max ?? null };
		})
		.sort(byBounds);
	if (!tiers.length) return;
	const document = tiers[0]!.rule.document;
	const fail = (message: string, involved: Tier[]): never => {
		throw new DomainError(ErrorCode.INVALID_PAYLOAD, `amount tiers of ${document}: ${message}`, 400, {
			field: 'params',
			rules: involved.map((t) => t.rule.id),
		});
	};
	const first = tiers[0]!;
	if (first.min !== null && first.min >= 0n)
		fail(`amounts from 0.00 to ${formatMoney(first.min)} are not covered; the lowest tier is ${tierText(first)}`, [first]);
	for (let i = 1; i < tiers.length; i++) {
		const prev = tiers[i - 1]!;
		const cur = tiers[i]!;
		if (prev.max === null || cur.min === null || cur.min < prev.max) fail(`${tierText(prev)} and ${tierText(cur)} overlap`, [prev, cur]);
		if (cur.min! > prev.max!)
			fail(`${tierText(prev)} and ${tierText(cur)} leave a gap (${formatMoney(prev.max!)}, ${formatMoney(cur.min!)}]`, [prev, cur]);
	}
	const last = tiers[tiers.length - 1]!;
	if (last.max !== null) fail(`amounts above ${formatMoney(last.max)} are not covered; the highest tier is ${tierText(last)}`, [last]);
}

/** A shipped rule; `key` is its natural key, so installing twice creates it once and keeps an admin's edits. */
export type DefaultRule = Omit<RuleRecord, 'id' | 'active' | 'name'> & { key: string; name: { en: string; zh: string } };

const manager: ApprovalStepSpec = { approver: 'owner_manager' };
const role = (r: string): ApprovalStepSpec => ({ approver: 'role', role: r });
const productManagers: ApprovalStepSpec = { approver: 'product_managers' };
const rule = (
	key: string,
	document: string,
	priority: number,
	condition: string,
	params: unknown,
	steps: ApprovalStepSpec[],
	en: string,
	zh: string,
): DefaultRule => ({
	key,
	document,
	priority,
	condition,
	params,
	steps,
	name: { en, zh },
});

/** The standards' approvals (PROCESS.md §3–§5, §9–§11) as editable data. */
export const DEFAULT_RULES: DefaultRule[] = [
	rule('quote_normal', 'quotes', 10, 'always', {}, [manager], 'Quote: direct superior', '报价：直属上级审批'),
	rule(
		'quote_below_floor',
		'quotes',
		20,
		'below_floor',
		{},
		[manager, role('division_head')],
		'Quote below floor: special discount',
		'报价低于底价：特殊折扣审批',
	),
	rule(
		'quote_low_margin',
		'quotes',
		30,
		'margin_below',
		{ percent: 30 },
		[role('finance_manager')],
		'Quote margin below 30%',
		'报价毛利率低于30%：财务经理审批',
	),
	rule(
		'contract_review',
		'contracts',
		10,
		'always',
		{},
		[manager, role('legal'), role('finance')],
		'Contract review: manager, legal, finance',
		'合同评审：销售经理、法务、财务',
	),
	rule(
		'contract_tier_1',
		'contracts',
		20,
		'amount_between',
		{ max: '100000.00' },
		[],
		'Contract ≤ 100,000: no further approver',
		'合同≤10万：无需更高审批',
	),
	rule(
		'contract_tier_2',
		'contracts',
		30,
		'amount_between',
		{ min: '100000.00', max: '500000.00' },
		[role('vp')],
		'Contract 100,000–500,000: VP',
		'合同10万–50万：分管副总经理',
	),
	rule(
		'contract_tier_3',
		'contracts',
		40,
		'amount_between',
		{ min: '500000.00' },
		[role('general_manager')],
		'Contract > 500,000: general manager',
		'合同>50万：总经理',
	),
	// As for quotes: the manager is already a step of every contract.
	rule(
		'contract_below_floor',
		'contracts',
		50,
		'below_floor',
		{},
		[role('division_head')],
		'Contract below floor: special discount',
		'合同低于底价：特殊折扣审批',
	),
	rule(
		'contract_low_margin',
		'contracts',
		60,
		'margin_below',
		{ percent: 30 },
		[role('finance_manager')],
		'Contract margin below 30%',
		'合同毛利率低于30%：财务经理审批',
	),
	rule('order_confirm', 'sales_orders', 10, 'always', {}, [manager], 'Order: manager confirms', '订单：主管审批'),
	rule(
		'order_below_floor',
		'sales_orders',
		20,
		'below_floor',
		{},
		[role('division_head')],
		'Order below floor without approved quote',
		'订单低于底价且无已批报价',
	),
	rule(
		'order_credit',
		'sales_orders',
		30,
		'credit_exceeded',
		{},
		[role('finance_manager')],
		'Order over credit limit',
		'订单超出信用额度：财务经理审批',
	),
	// Never refuses (production may be arranged): the manager, already a step of every order, reads the shortage.
	rule(
		'order_stock_short',
		'sales_orders',
		40,
		'stock_short',
		{},
		[manager],
		'Order short of available stock',
		'订单超出可用库存：提示直属上级',
	),
	// PROCESS §12 (seed 004): the department leader agrees, legal and finance review, the general manager approves.
	rule(
		'contract_change',
		'contract_changes',
		10,
		'always',
		{},
		[manager, role('legal'), role('finance'), role('general_manager')],
		'Contract change or termination: manager, legal, finance, general manager',
		'合同变更/解除：部门领导、法务、财务、总经理',
	),
	// 客户评审 (seed 003): the finance manager reviews a first order's customer whose status or rating is
	// missing. Switched off, such an order is refused (REVIEW_REQUIRED) rather than confirmed unreviewed.
	rule(
		'order_first_review',
		'sales_orders',
		50,
		'first_order_unreviewed',
		{},
		[role('finance_manager')],
		'First order: credit review',
		'首单客户资信审核',
	),
	rule('order_change', 'order_changes', 10, 'always', {}, [role('division_head')], 'Order change: division head', '订单变更：事业部负责人'),
	rule(
		'return_request',
		'return_requests',
		10,
		'always',
		{},
		[productManagers, role('division_head')],
		'Return: product managers of the goods, division head',
		'退货：产品经理、事业部负责人',
	),
	// PROCESS §12: a red invoice (红字发票) is approved before it is issued; blue invoices are never submitted for approval.
	rule(
		'red_invoice',
		'invoices',
		10,
		'always',
		{},
		[productManagers, role('finance_manager')],
		'Red invoice: product managers of the goods, finance manager',
		'红字发票：产品经理、财务经理审批',
	),
	// PROCESS §12 (seed 004): a planned visit goes to the direct superior; a key customer's also to the division head.
	rule('visit_plan', 'visits', 10, 'always', {}, [manager], 'Visit plan: direct superior', '拜访计划：直属上级审批'),
	rule(
		'visit_key_customer',
		'visits',
		20,
		'customer_grade',
		{ grades: ['A'] },
		[role('division_head')],
		'Visit plan to a key (grade A) customer: division head',
		'重点客户（A级）拜访计划：事业部负责人',
	),
	// PROCESS §12 (seed 003): sales plans and targets are approved by the direct superior.
	rule('sales_plan', 'sales_plans', 10, 'always', {}, [manager], 'Sales plan: direct superior', '销售计划：直属上级审批'),
	// Issue #19: the manager approves the monthly commission (提成) of each rep.
	rule(
		'commission_statement',
		'commission_statements',
		10,
		'always',
		{},
		[manager],
		'Commission statement: direct superior',
		'提成单：直属上级审批',
	),
	rule('loan', 'loans', 10, 'always', {}, [manager, role('division_head')], 'Loan: manager, division head', '借出：直属上级、事业部负责人'),
	rule(
		'loan_return',
		'loan_returns',
		10,
		'always',
		{},
		[productManagers, role('warehouse_manager')],
		'Loan return: product managers of the goods, warehouse manager',
		'借出归还：产品经理、库房经理确认',
	),
	rule(
		'loan_conversion',
		'loan_conversions',
		10,
		'always',
		{},
		[manager, productManagers, role('division_head')],
		'Loan conversion: manager, product managers of the goods, division head',
		'借出转销售：直属上级、产品经理、事业部负责人',
	),
	// The division head is already a step of every conversion; this rule only adds its reason.
	rule(
		'loan_conversion_below_floor',
		'loan_conversions',
		20,
		'below_floor',
		{},
		[role('division_head')],
		'Loan conversion below floor',
		'借出转销售低于底价',
	),
	// A conversion confirms an order: a customer's first is reviewed as in `order_first_review`.
	rule(
		'loan_conversion_first_review',
		'loan_conversions',
		30,
		'first_order_unreviewed',
		{},
		[role('finance_manager')],
		'Loan conversion as first order: credit review',
		'借出转销售（首单）：客户资信审核',
	),
];

import { describe, expect, it } from 'vitest';
import { APPROVAL_COLLECTIONS } from '../../documents/lifecycles';
import { conditionParamsSchema } from './conditions/index';
import {
	DEFAULT_RULES,
	defaultStepHours,
	expandSteps,
	matchRules,
	mergeSteps,
	publicView,
	type RuleRecord,
	stepField,
	validateAmountTiers,
	zRuleSteps,
} from './rules';
import { context, lines } from './test-fixtures';
import { lineAvailability } from '../availability';
import { reviewGaps } from '../customer-review';
import { thrown } from '../../../../../test/support/thrown';

const rule = (id: number | string, over: Partial<RuleRecord> = {}): RuleRecord => ({
	id,
	document: 'quotes',
	condition: 'always',
	params: {},
	steps: [{ approver: 'owner_manager' }],
	active: true,
	priority: 10,
	...over,
});

/** The default rules as the database would hold them. */
const installed: RuleRecord[] = DEFAULT_RULES.map((r, i) => ({ ...r, id: i + 1, active: true, name: r.key }));

const stepsFor = (ctx: ReturnType<typeof context>) =>
	mergeSteps(matchRules(installed, ctx)).map((s) => (s.approver === 'role' ? s.role : s.approver));

describe('matchRules', () => {
	it('keeps active rules of the collection whose condition matches, by priority then id', () => {
		const rules = [
			rule(10, { priority: 20 }),
			rule(9, { priority: 20 }),
			rule('2', { priority: 5 }),
			rule(3, { active: false }),
			rule(4, { document: 'contracts' }),
			rule(5, { condition: 'below_floor' }),
			rule(6, { priority: 30, condition: 'amount_between', params: { min: '100.00' } }),
		];
		const matched = matchRules(rules, context({ amount: '100.01', lines: lines({ price: '90.00', floor: '80.00' }) }));
		expect(matched.map((m) => m.rule.id)).toEqual(['2', 9, 10, 6]);
		expect(matched.at(-1)!.reasons).toEqual(['amount 100.01 in (100.00, ∞)']);
	});

	it('matches nothing when no rule concerns the collection', () => {
		expect(matchRules([rule(1)], context({ collection: 'loans' }))).toEqual([]);
	});

	it('refuses a rule with bad params as 400', () => {
		expect(() => matchRules([rule(1, { condition: 'margin_below', params: { percent: 'x' } })], context({}))).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400 }),
		);
	});
});

describe('publicView', () => {
	it('names a confidential rule by its kind, replaces its figures by the plain reason, and keeps the others', () => {
		const matched = [
			{ rule: rule(1, { name: 'discount', condition: 'below_floor' }), reasons: ['line 1: 1.00 < floor 2.00 (A)'] },
			{ rule: rule(2, { name: 'margin below 30%', condition: 'margin_below' }), reasons: ['margin 10.00% < 30%'] },
			{ rule: rule(3, { name: 'quiet', condition: 'margin_below' }), reasons: [] },
		];
		const shown = publicView(matched);
		expect(shown.map((m) => [m.rule.name, m.reasons])).toEqual([
			['discount', ['line 1: 1.00 < floor 2.00 (A)']],
			['毛利率审批 / Gross margin rule', ['毛利率低于阈值 / gross margin below threshold']],
			['毛利率审批 / Gross margin rule', []],
		]);
		expect(JSON.stringify(shown)).not.toMatch(/10\.00|30%/);
		expect(JSON.stringify(mergeSteps(shown))).not.toMatch(/10\.00|30%/);
	});
});

describe('mergeSteps', () => {
	it('concatenates steps in rule order, an approver asked twice keeping the first place with both reasons', () => {
		const merged = mergeSteps([
			{ rule: rule(1, { name: 'base', steps: [{ approver: 'owner_manager' }] }), reasons: ['always'] },
			{
				rule: rule(2, { name: 'discount', steps: [{ approver: 'owner_manager' }, { approver: 'role', role: 'division_head' }] }),
				reasons: ['line 1: 1.00 < floor 2.00 (A)', 'line 2: 1.00 < floor 2.00 (B)'],
			},
			{
				rule: rule(3, {
					name: undefined,
					condition: 'margin_below',
					steps: [
						{ approver: 'role', role: 'finance_manager' },
						{ approver: 'role', role: 'division_head' },
					],
				}),
				reasons: ['margin 10.00% < 30%'],
			},
		]);
		expect(merged).toEqual([
			{
				approver: 'owner_manager',
				hours: 24,
				working_hours: false,
				reasons: ['base: always', 'discount: line 1: 1.00 < floor 2.00 (A)', 'discount: line 2: 1.00 < floor 2.00 (B)'],
			},
			{
				approver: 'role',
				role: 'division_head',
				hours: 24,
				working_hours: false,
				reasons: [
					'discount: line 1: 1.00 < floor 2.00 (A)',
					'discount: line 2: 1.00 < floor 2.00 (B)',
					'margin_below: margin 10.00% < 30%',
				],
			},
			{ approver: 'role', role: 'finance_manager', hours: 24, working_hours: false, reasons: ['margin_below: margin 10.00% < 30%'] },
		]);
	});

	it('treats different roles as different approvers and keeps duplicates within one rule once', () => {
		const merged = mergeSteps([
			{
				rule: rule(1, {
					steps: [
						{ approver: 'role', role: 'legal' },
						{ approver: 'role', role: 'finance' },
						{ approver: 'role', role: 'legal' },
					],
				}),
				reasons: ['r'],
			},
		]);
		expect(merged.map((s) => (s.approver === 'role' ? s.role : s.approver))).toEqual(['legal', 'finance']);
	});

	it('gives no steps for no matched rules or rules without steps', () => {
		expect(mergeSteps([])).toEqual([]);
		expect(mergeSteps([{ rule: rule(1, { steps: [] }), reasons: ['x'] }])).toEqual([]);
	});

	it.each([
		[[{ approver: 'someone' }], 'Invalid input'],
		[[{ approver: 'role' }], 'Invalid input: expected string, received undefined'],
		[[{ approver: 'role', role: '' }], 'Too small: expected string to have >=1 characters'],
		['owner_manager', 'Invalid input: expected array, received string'],
	])('refuses steps %j as 400', (steps, message) => {
		const e = thrown(() => mergeSteps([{ rule: rule(7, { steps: steps as never }), reasons: [] }]));
		expect([e.code, e.status, e.extensions]).toEqual(['INVALID_PAYLOAD', 400, { field: 'steps' }]);
		expect(e.message).toContain(`approval rule rule 7 has invalid steps: ${message}`);
	});
});

describe('validateAmountTiers', () => {
	const tier = (id: number, min: string | null, max: string | null, over: Partial<RuleRecord> = {}) =>
		rule(id, { document: 'contracts', condition: 'amount_between', params: { min, max }, name: `T${id}`, ...over });

	it.each([
		['the default contract tiers', installed.filter((r) => r.document === 'contracts')],
		['no tiers at all', [rule(1)]],
		['one tier covering everything', [tier(1, null, null)]],
		['tiers given in any order', [tier(3, '500.00', null), tier(1, null, '100.00'), tier(2, '100.00', '500.00')]],
		['a lowest tier starting below zero', [tier(1, '-0.01', '100.00'), tier(2, '100.00', null)]],
		['a gap only among inactive tiers', [tier(1, null, '100.00'), tier(2, '100.00', null), tier(3, '50.00', '70.00', { active: false })]],
		['tiers of another condition ignored', [tier(1, null, null), rule(2, { document: 'contracts', condition: 'always' })]],
	])('accepts %s', (_name, rules) => {
		expect(() => validateAmountTiers(rules)).not.toThrow();
	});

	it.each([
		[
			'a gap between tiers',
			[tier(1, null, '100000.00'), tier(2, '150000.00', null)],
			'amount tiers of contracts: "T1" (−∞, 100000.00] and "T2" (150000.00, ∞) leave a gap (100000.00, 150000.00]',
			[1, 2],
		],
		[
			'a one-fen gap',
			[tier(1, null, '100.00'), tier(2, '100.01', null)],
			'amount tiers of contracts: "T1" (−∞, 100.00] and "T2" (100.01, ∞) leave a gap (100.00, 100.01]',
			[1, 2],
		],
		[
			'an overlap',
			[tier(1, null, '100000.00'), tier(2, '90000.00', null)],
			'amount tiers of contracts: "T1" (−∞, 100000.00] and "T2" (90000.00, ∞) overlap',
			[1, 2],
		],
		[
			'a one-fen overlap',
			[tier(1, null, '100.00'), tier(2, '99.99', null)],
			'amount tiers of contracts: "T1" (−∞, 100.00] and "T2" (99.99, ∞) overlap',
			[1, 2],
		],
		[
			'two tiers from −∞',
			[tier(1, null, '100.00'), tier(2, null, null)],
			'amount tiers of contracts: "T1" (−∞, 100.00] and "T2" (−∞, ∞) overlap',
			[1, 2],
		],
		[
			'two open-ended tiers',
			[tier(1, null, '100.00'), tier(2, '100.00', null), tier(3, '200.00', null)],
			'amount tiers of contracts: "T2" (100.00, ∞) and "T3" (200.00, ∞) overlap',
			[2, 3],
		],
		[
			'a duplicate tier',
			[tier(1, null, '100.00'), tier(2, '100.00', null), tier(3, '100.00', null)],
			'amount tiers of contracts: "T2" (100.00, ∞) and "T3" (100.00, ∞) overlap',
			[2, 3],
		],
		[
			'a lowest tier starting at 0 (min is exclusive)',
			[tier(1, '0.00', null)],
			'amount tiers of contracts: amounts from 0.00 to 0.00 are not covered; the lowest tier is "T1" (0.00, ∞)',
			[1],
		],
		[
			'a lowest tier starting above 0',
			[tier(1, '100.00', null)],
			'amount tiers of contracts: amounts from 0.00 to 100.00 are not covered; the lowest tier is "T1" (100.00, ∞)',
			[1],
		],
		[
			'a highest tier with a max',
			[tier(1, null, '100.00'), tier(2, '100.00', '500.00')],
			'amount tiers of contracts: amounts above 500.00 are not covered; the highest tier is "T2" (100.00, 500.00]',
			[2],
		],
		[
			'the default tiers without the top one',
			installed.filter((r) => r.document === 'contracts' && r.id !== 7),
			'amount tiers of contracts: amounts above 500000.00 are not covered; the highest tier is "contract_tier_2" (100000.00, 500000.00]',
			[6],
		],
	])('refuses %s', (_name, rules, message, ids) => {
		const e = thrown(() => validateAmountTiers(rules));
		expect([e.code, e.status, e.message]).toEqual(['INVALID_PAYLOAD', 400, message]);
		expect(e.extensions).toEqual({ field: 'params', rules: ids });
	});

	it.each([
		[{ min: '500.00', max: '100.00' }, 'amount tier "T1": max: min must be below max'],
		[{ min: 'abc' }, 'amount tier "T1": min: amount must be a decimal number like 123.45, got "abc"'],
		['oops', 'amount tier "T1": params: Invalid input: expected object, received string'],
	])('refuses tier params %j', (params, message) => {
		expect(() => validateAmountTiers([rule(1, { document: 'contracts', condition: 'amount_between', params, name: 'T1' })])).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', message }),
		);
	});

	it('names an unnamed rule by id, and a rule not saved yet as the new rule', () => {
		const unnamed = { ...tier(4, '1.00', null), name: undefined };
		expect(thrown(() => validateAmountTiers([unnamed])).message).toContain('the lowest tier is rule 4 (1.00, ∞)');
		const fresh = { ...unnamed, id: undefined as unknown as number };
		expect(thrown(() => validateAmountTiers([fresh])).message).toContain('the lowest tier is the new rule (1.00, ∞)');
	});
});

describe('DEFAULT_RULES', () => {
	const ROLE_KEYS = [
		'sales_rep',
		'sales_assistant',
		'sales_manager',
		'division_head',
		'product_manager',
		'warehouse',
		'warehouse_manager',
		'finance',
		'finance_manager',
		'legal',
		'vp',
		'general_manager',
	];

	it('has unique keys, priorities 10, 20, 30… per document in order, valid params and steps', () => {
		expect(new Set(DEFAULT_RULES.map((r) => r.key)).size).toBe(DEFAULT_RULES.length);
		const byDoc = new Map<string, number[]>();
		for (const r of DEFAULT_RULES) {
			byDoc.set(r.document, [...(byDoc.get(r.document) ?? []), r.priority]);
			expect(conditionParamsSchema(r.condition).safeParse(r.params).success, r.key).toBe(true);
			for (const s of zRuleSteps.parse(r.steps)) if (s.approver === 'role') expect(ROLE_KEYS).toContain(s.role);
			expect(r.name.en).not.toBe('');
			expect(r.name.zh).not.toBe('');
		}
		for (const priorities of byDoc.values()) expect(priorities).toEqual(priorities.map((_, i) => (i + 1) * 10));
		expect([...byDoc.keys()].sort()).toEqual([...APPROVAL_COLLECTIONS].sort());
	});

	it.each([
		['a normal quote', ['owner_manager'], context({ amount: '113.00', lines: lines({ price: '113.00', floor: '100.00', cost: '50.00' }) })],
		[
			'a quote below floor',
			['owner_manager', 'division_head'],
			context({ lines: lines({ price: '90.00', floor: '100.00', cost: '50.00' }) }),
		],
		[
			'a quote with margin below 30%',
			['owner_manager', 'finance_manager'],
			context({ lines: lines({ price: '113.00', floor: '100.00', cost: '80.00' }) }),
		],
		[
			'a quote below floor and below margin',
			['owner_manager', 'division_head', 'finance_manager'],
			context({ lines: lines({ price: '90.00', floor: '100.00', cost: '80.00' }) }),
		],
		['a contract of 0.00', ['owner_manager', 'legal', 'finance'], context({ collection: 'contracts', amount: '0.00' })],
		['a contract of 100000.00 (tier 1)', ['owner_manager', 'legal', 'finance'], context({ collection: 'contracts', amount: '100000.00' })],
		[
			'a contract of 100000.01 (tier 2)',
			['owner_manager', 'legal', 'finance', 'vp'],
			context({ collection: 'contracts', amount: '100000.01' }),
		],
		[
			'a contract of 500000.00 (tier 2)',
			['owner_manager', 'legal', 'finance', 'vp'],
			context({ collection: 'contracts', amount: '500000.00' }),
		],
		[
			'a contract of 500000.01 (tier 3)',
			['owner_manager', 'legal', 'finance', 'general_manager'],
			context({ collection: 'contracts', amount: '500000.01' }),
		],
		[
			'an order',
			['owner_manager'],
			context({ collection: 'sales_orders', amount: '100.00', credit: { limit: '1000.00', exposure: '900.00' } }),
		],
		[
			'an order over credit',
			['owner_manager', 'finance_manager'],
			context({ collection: 'sales_orders', amount: '100.01', credit: { limit: '1000.00', exposure: '900.00' } }),
		],
		[
			'an order below floor',
			['owner_manager', 'division_head'],
			context({ collection: 'sales_orders', lines: lines({ price: '90.00', floor: '100.00' }) }),
		],
		[
			'an order below floor covered by its quote',
			['owner_manager'],
			context({ collection: 'sales_orders', lines: lines({ price: '90.00', floor: '100.00', covered: true }) }),
		],
		[
			'an order short of stock (the manager reads why; nobody else is asked)',
			['owner_manager'],
			{
				...context({ collection: 'sales_orders' }),
				stock: lineAvailability([{ index: 1, product: 1, sku: 'SKU-001', quantityMilli: 5000n }], new Map()),
			},
		],
		[
			'a first order of an unreviewed customer',
			['owner_manager', 'finance_manager'],
			{
				...context({ collection: 'sales_orders' }),
				review: { customer: 'C', firstOrder: true, gaps: reviewGaps({ enterprise_status: 'normal' }) },
			},
		],
		[
			'a first order of a reviewed customer',
			['owner_manager'],
			{ ...context({ collection: 'sales_orders' }), review: { customer: 'C', firstOrder: true, gaps: [] } },
		],
		[
			'a later order of an unreviewed customer',
			['owner_manager'],
			{ ...context({ collection: 'sales_orders' }), review: { customer: 'C', firstOrder: false, gaps: reviewGaps({}) } },
		],
		['an order change', ['division_head'], context({ collection: 'order_changes' })],
		['a return request', ['product_managers', 'division_head'], context({ collection: 'return_requests' })],
		['a red invoice', ['product_managers', 'finance_manager'], context({ collection: 'invoices' })],
		['a planned visit', ['owner_manager'], { ...context({ collection: 'visits' }), customerGrade: 'B' }],
		[
			'a planned visit to a grade-A customer',
			['owner_manager', 'division_head'],
			{ ...context({ collection: 'visits' }), customerGrade: 'A' },
		],
		['a loan', ['owner_manager', 'division_head'], context({ collection: 'loans' })],
		['a loan return', ['product_managers', 'warehouse_manager'], context({ collection: 'loan_returns' })],
		[
			'a loan conversion below floor',
			['owner_manager', 'product_managers', 'division_head'],
			context({ collection: 'loan_conversions', lines: lines({ price: '90.00', floor: '100.00' }) }),
		],
	])('%s → %j', (_name, steps, ctx) => {
		expect(stepsFor(ctx)).toEqual(steps);
	});

	it('lands contract amounts in exactly one tier', () => {
		const tiers = installed.filter((r) => r.condition === 'amount_between');
		for (const [amount, key] of [
			['0.00', 'contract_tier_1'],
			['100000.00', 'contract_tier_1'],
			['100000.01', 'contract_tier_2'],
			['500000.00', 'contract_tier_2'],
			['500000.01', 'contract_tier_3'],
		]) {
			expect(matchRules(tiers, context({ collection: 'contracts', amount })).map((m) => m.rule.name)).toEqual([key]);
		}
	});

	it('keeps the division head once for a conversion below floor, with both rules’ reasons', () => {
		const merged = mergeSteps(
			matchRules(installed, context({ collection: 'loan_conversions', lines: lines({ sku: 'SKU-001', price: '79.50', floor: '80.00' }) })),
		);
		expect(merged[2]).toEqual({
			approver: 'role',
			role: 'division_head',
			hours: 24,
			working_hours: false,
			reasons: ['loan_conversion: always', 'loan_conversion_below_floor: line 1: 79.50 < floor 80.00 (SKU-001)'],
		});
	});
});

describe('step time limits (审批时限)', () => {
	it('default to 4 hours for a sales-order review and 24 for anything else, on the clock', () => {
		expect([defaultStepHours('sales_orders'), defaultStepHours('quotes'), defaultStepHours('return_requests')]).toEqual([4, 24, 24]);
		const order = mergeSteps([{ rule: rule(1, { document: 'sales_orders' }), reasons: ['x'] }]);
		expect(order).toEqual([{ approver: 'owner_manager', hours: 4, working_hours: false, reasons: ['always: x'] }]);
	});

	it('keep a rule’s own hours, working hours and escalation role', () => {
		const steps = [{ approver: 'role', role: 'legal', hours: 8, working_hours: true, escalate_to: 'general_manager' }];
		expect(mergeSteps([{ rule: rule(1, { steps: steps as RuleRecord['steps'] }), reasons: [] }])).toEqual([{ ...steps[0], reasons: [] }]);
	});

	it('give an approver asked by two rules the shorter limit', () => {
		const merged = mergeSteps([
			{ rule: rule(1, { steps: [{ approver: 'owner_manager', hours: 48 }] }), reasons: [] },
			{ rule: rule(2, { steps: [{ approver: 'owner_manager', hours: 6, working_hours: true, escalate_to: 'vp' }] }), reasons: [] },
		]);
		expect(merged).toEqual([{ approver: 'owner_manager', hours: 6, working_hours: true, escalate_to: 'vp', reasons: [] }]);
	});

	it.each([
		[{ approver: 'owner_manager', hours: 0 }, 'hours'],
		[{ approver: 'owner_manager', hours: -1 }, 'hours'],
		[{ approver: 'owner_manager', hours: 2.5 }, 'hours'],
		[{ approver: 'owner_manager', hours: '4' }, 'hours'],
		[{ approver: 'owner_manager', hours: 9000 }, 'hours'],
		[{ approver: 'owner_manager', working_hours: 'yes' }, 'working_hours'],
		[{ approver: 'owner_manager', escalate_to: '' }, 'escalate_to'],
		[{ approver: 'role' }, 'steps'],
	])('refuses %j naming %s', (step, field) => {
		const parsed = zRuleSteps.safeParse([step]);
		expect(parsed.success).toBe(false);
		expect(stepField(parsed.error!.issues[0]!.path)).toBe(field);
	});
});

describe('expandSteps', () => {
	const limit = { hours: 24, working_hours: false };
	const pm = (reasons: string[] = ['return_request: always']) => ({ approver: 'product_managers' as const, reasons, ...limit });
	const head = { approver: 'role' as const, role: 'division_head', reasons: [], ...limit };

	it('asks each distinct product manager once, in the order their products first appear, naming the products', () => {
		const products = [
			{ sku: 'A', manager: 'u1' },
			{ sku: 'B', manager: 'u2' },
			{ sku: 'C', manager: 'u1' },
		];
		expect(expandSteps([pm(), head], products)).toEqual([
			{ approver: 'user', user: 'u1', reasons: ['return_request: always', '产品 / products: A, C'], ...limit },
			{ approver: 'user', user: 'u2', reasons: ['return_request: always', '产品 / products: B'], ...limit },
			head,
		]);
	});

	it('falls back to the product_manager role, once and first, for the products without one', () => {
		const products = [
			{ sku: 'B', manager: 'u2' },
			{ sku: 'A', manager: null },
			{ sku: 'C', manager: null },
		];
		expect(expandSteps([pm([])], products)).toEqual([
			{ approver: 'role', role: 'product_manager', reasons: ['产品 / products: A, C'], ...limit },
			{ approver: 'user', user: 'u2', reasons: ['产品 / products: B'], ...limit },
		]);
	});

	it('asks the role when the document names no products, and leaves other steps alone', () => {
		expect(expandSteps([{ approver: 'owner_manager', reasons: ['x'], ...limit }, pm([])])).toEqual([
			{ approver: 'owner_manager', reasons: ['x'], ...limit },
			{ approver: 'role', role: 'product_manager', reasons: [], ...limit },
		]);
	});
});

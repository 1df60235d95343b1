import { z } from 'zod';
import { formatMoney, zMoney } from '../../money';
import { defineCondition } from './condition';

/** Amount tiers (seed 004): min exclusive, max inclusive, so "≤ 100,000 / ≤ 500,000 / above" tile exactly. */
export const amountBetween = defineCondition({
	type: 'amount_between',
	label: { en: 'Amount in range (min, max]', zh: '金额区间（下限, 上限]' },
	params: z
		.object({ min: zMoney.nullish(), max: zMoney.nullish() })
		.refine((p) => p.min == null || p.max == null || p.min < p.max, { message: 'min must be below max', path: ['max'] }),
	evaluate: ({ min, max }, ctx) => {
		const matched = (min == null || ctx.amountFen > min) && (max == null || ctx.amountFen <= max);
		const range = `(${min == null ? '−∞' : formatMoney(min)}, ${max == null ? '∞)' : `${formatMoney(max)}]`}`;
		return { matched, reasons: matched ? [`amount ${formatMoney(ctx.amountFen)} in ${range}`] : [] };
	},
});

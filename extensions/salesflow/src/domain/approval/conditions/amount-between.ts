import { z } from 'zod';
import { formatMoney, parseMoney } from '../../money';
import { defineCondition } from './condition';

const bound = z.union([z.string(), z.number()]).nullish();

/** Amount tiers: min exclusive, max inclusive (≤ 100,000 / ≤ 500,000 / above, as seed 004 says). */
export const amountBetween = defineCondition({
	type: 'amount_between',
	label: { en: 'Amount in range (min, max]', zh: '金额区间（下限, 上限]' },
	params: z.object({ min: bound, max: bound }),
	evaluate: ({ min, max }, ctx) => {
		const lo = min === null || min === undefined ? null : parseMoney(min, 'min');
		const hi = max === null || max === undefined ? null : parseMoney(max, 'max');
		const matched = (lo === null || ctx.amountFen > lo) && (hi === null || ctx.amountFen <= hi);
		const range = `(${lo === null ? '−∞' : formatMoney(lo)}, ${hi === null ? '∞)' : `${formatMoney(hi)}]`}`;
		return { matched, reasons: matched ? [`amount ${formatMoney(ctx.amountFen)} in ${range}`] : [] };
	},
});

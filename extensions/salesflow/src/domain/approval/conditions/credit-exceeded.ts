import { z } from 'zod';
import { formatMoney } from '../../money';
import { defineCondition } from './condition';

/** Open receivables + confirmed uninvoiced orders + this document above the customer's limit. */
export const creditExceeded = defineCondition({
	type: 'credit_exceeded',
	label: { en: 'Credit limit exceeded', zh: '超出信用额度' },
	params: z.object({}).passthrough(),
	evaluate: (_p, ctx) => {
		const c = ctx.credit;
		if (!c || c.limitFen === null) return { matched: false, reasons: [] };
		const matched = c.exposureFen + ctx.amountFen > c.limitFen;
		return {
			matched,
			reasons: matched ? [`credit: exposure ${formatMoney(c.exposureFen)} + ${formatMoney(ctx.amountFen)} > limit ${formatMoney(c.limitFen)}`] : [],
		};
	},
});

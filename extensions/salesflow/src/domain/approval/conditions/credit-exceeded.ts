import { z } from 'zod';
import { formatMoney } from '../../money';
import { defineCondition } from './condition';

/** Exposure (open receivables + confirmed uninvoiced orders) plus this document above the customer's limit; no limit, no check. */
export const creditExceeded = defineCondition({
	type: 'credit_exceeded',
	label: { en: 'Credit limit exceeded', zh: '超出信用额度' },
	params: z.object({}),
	evaluate: (_params, ctx) => {
		const c = ctx.credit;
		if (!c || c.limitFen === null || c.exposureFen + ctx.amountFen <= c.limitFen) return { matched: false, reasons: [] };
		return {
			matched: true,
			reasons: [`credit: exposure ${formatMoney(c.exposureFen)} + ${formatMoney(ctx.amountFen)} > limit ${formatMoney(c.limitFen)}`],
		};
	},
});

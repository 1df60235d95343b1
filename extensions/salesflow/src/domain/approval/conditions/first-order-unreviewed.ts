import { z } from 'zod';
import { reviewReason } from '../../customer-review';
import { defineCondition } from './condition';

/**
 * A customer's first order while its review (enterprise status normal, credit rating set) is not
 * complete: someone must review the customer before the order is confirmed. One reason naming the
 * customer and what is missing.
 */
export const firstOrderUnreviewed = defineCondition({
	type: 'first_order_unreviewed',
	label: { en: 'First order of an unreviewed customer', zh: '首单客户未完成资信审核' },
	params: z.object({}),
	evaluate: (_params, ctx) => {
		const r = ctx.review;
		if (!r?.firstOrder || !r.gaps.length) return { matched: false, reasons: [] };
		return { matched: true, reasons: [reviewReason(r)] };
	},
});

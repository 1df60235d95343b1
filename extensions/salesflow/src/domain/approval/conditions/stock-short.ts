import { z } from 'zod';
import type { LineAvailability } from '../../availability';
import { defineCondition } from './condition';

/**
 * The order asks more of a product than is available to promise (on hand less other orders' and loans'
 * reservations). One reason per product, without prices or costs: anyone involved may read it.
 */
export const stockShort = defineCondition({
	type: 'stock_short',
	label: { en: 'Short of available stock', zh: '可用库存不足' },
	params: z.object({}),
	evaluate: (_params, ctx) => {
		const short = new Map<string, LineAvailability>();
		for (const l of ctx.stock ?? []) if (l.shortage && !short.has(l.sku)) short.set(l.sku, l);
		const reasons = [...short.values()].map(
			(l) => `${l.sku}: short by ${l.shortage_qty} (on hand ${l.on_hand}, reserved ${l.reserved}, ordering ${l.requested})`,
		);
		return { matched: reasons.length > 0, reasons };
	},
});

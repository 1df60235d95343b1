import { z } from 'zod';
import { formatMoney } from '../../money';
import { defineCondition } from './condition';

/** A special discount (特殊折扣): a line priced below its floor, unless an approved quote already granted it. */
export const belowFloor = defineCondition({
	type: 'below_floor',
	label: { en: 'A line below floor price', zh: '低于指导底价' },
	params: z.object({}),
	evaluate: (_params, ctx) => {
		const reasons = ctx.lines.flatMap((l) =>
			l.floorPriceFen !== null && l.unitPriceFen < l.floorPriceFen && !l.coveredByApprovedQuote
				? [`line ${l.index}: ${formatMoney(l.unitPriceFen)} < floor ${formatMoney(l.floorPriceFen)} (${l.sku})`]
				: [],
		);
		return { matched: reasons.length > 0, reasons };
	},
});

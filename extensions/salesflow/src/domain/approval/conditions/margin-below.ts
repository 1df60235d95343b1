import { z } from 'zod';
import { formatScaled, mulDivRound, lineTotal, splitTax } from '../../money';
import { defineCondition } from './condition';

/**
 * Gross margin = (net revenue − cost) / net revenue on tax-exclusive amounts (seed 002). Prices are
 * tax-inclusive, so revenue is split; cost_price is already the tax-exclusive unit cost. Lines
 * without a cost are left out of both sums.
 */
export const marginBelow = defineCondition({
	type: 'margin_below',
	label: { en: 'Gross margin below x %', zh: '毛利率低于 x%' },
	params: z.object({ percent: z.number().min(0).max(100) }),
	evaluate: ({ percent }, ctx) => {
		let net = 0n;
		let cost = 0n;
		for (const l of ctx.lines) {
			if (l.costPriceFen === null) continue;
			net += splitTax(lineTotal(l.quantityMilli, l.unitPriceFen), l.rate10k).excl;
			cost += lineTotal(l.quantityMilli, l.costPriceFen);
		}
		if (net === 0n && cost === 0n) return { matched: false, reasons: [] };
		const pct100 = BigInt(Math.round(percent * 100)); // percent in hundredths
		// margin < percent  ⇔  (net − cost) × 10000 < pct100 × net   (net > 0)
		const matched = net <= 0n || (net - cost) * 10000n < pct100 * net;
		const marginBp = net > 0n ? mulDivRound(net - cost, 10000n, net) : -10000n;
		return { matched, reasons: matched ? [`margin ${formatScaled(marginBp, 2)}% < ${percent}%`] : [] };
	},
});

import { z } from 'zod';
import { displayScaled, formatScaled, lineTotal, splitTax, sumMoney, zScaled } from '../../money';
import { defineCondition } from './condition';

/** Percent as hundredths of a percent, read as a decimal (30 → 3000n). */
const percent = zScaled(2, 'percent', (n) =>
	n >= 0n && n <= 10000n ? null : `percent must be between 0 and 100, got ${displayScaled(n, 2)}`,
);

/** floor(a / b) for b > 0, so a shown margin never rounds up to the threshold it is below. */
const floorDiv = (a: bigint, b: bigint) => (a % b < 0n ? a / b - 1n : a / b);

/**
 * Gross margin (seed 002) = (net revenue − cost) / net revenue on tax-exclusive amounts. Prices are
 * tax-inclusive, so each line's revenue is its tax-exclusive split; cost_price is assumed to be the
 * tax-exclusive unit cost already (a cost-accounting figure). Lines without a cost are left out of
 * both sums; with no costed line there is nothing to judge. Compared exactly: margin < p ⇔
 * (net − cost) × 10000 < p(hundredths) × net, for net > 0; net ≤ 0 has no margin and matches.
 */
export const marginBelow = defineCondition({
	type: 'margin_below',
	label: { en: 'Gross margin below x %', zh: '毛利率低于 x%' },
	confidential: {
		rule: { en: 'Gross margin rule', zh: '毛利率审批' },
		reason: { en: 'gross margin below threshold', zh: '毛利率低于阈值' },
	},
	params: z.object({ percent }),
	evaluate: ({ percent: p }, ctx) => {
		const costed = ctx.lines.filter((l) => l.costPriceFen !== null);
		if (!costed.length) return { matched: false, reasons: [] };
		const net = sumMoney(costed.map((l) => splitTax(lineTotal(l.quantityMilli, l.unitPriceFen), l.rate10k).excl));
		const cost = sumMoney(costed.map((l) => lineTotal(l.quantityMilli, l.costPriceFen!)));
		const threshold = `${displayScaled(p, 2)}%`;
		if (net <= 0n) return { matched: true, reasons: [`no margin: net revenue ${formatScaled(net, 2)} ≤ 0, threshold ${threshold}`] };
		if ((net - cost) * 10000n >= p * net) return { matched: false, reasons: [] };
		return { matched: true, reasons: [`margin ${formatScaled(floorDiv((net - cost) * 10000n, net), 2)}% < ${threshold}`] };
	},
});

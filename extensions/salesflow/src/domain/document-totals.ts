import { formatMoney, lineTotal, parseMoney, parseQty, parseRate, splitTax } from './money';

type LineInput = { quantity: string | number; unit_price: string | number; tax_rate: string | number | null | undefined };
type Amounts = { total: string; amount_excl: string; tax: string };

function lineAmounts(l: LineInput) {
	const total = lineTotal(parseQty(l.quantity), parseMoney(l.unit_price, 'unit_price'));
	const { excl, tax } = splitTax(total, parseRate(l.tax_rate ?? 0));
	return { total, excl, tax };
}

/** A line's tax-inclusive total and its split, as 2-decimal strings. */
export function computeLine(l: LineInput): Amounts {
	const a = lineAmounts(l);
	return { total: formatMoney(a.total), amount_excl: formatMoney(a.excl), tax: formatMoney(a.tax) };
}

/** Document totals are exact sums of the line figures, so the tax equals the sum of line taxes. */
export function computeDocument(lines: LineInput[]): Amounts & { lines: Amounts[] } {
	const each = lines.map(lineAmounts);
	const sum = (k: 'total' | 'excl' | 'tax') => formatMoney(each.reduce((s, a) => s + a[k], 0n));
	return {
		lines: each.map((a) => ({ total: formatMoney(a.total), amount_excl: formatMoney(a.excl), tax: formatMoney(a.tax) })),
		total: sum('total'),
		amount_excl: sum('excl'),
		tax: sum('tax'),
	};
}

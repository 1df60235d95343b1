// A document's money: each line's tax-inclusive total split into excl. and tax, and document
// totals as exact sums of the line figures (so the invoice tax equals the sum of its line taxes).
import { type DecimalInput, formatMoney, lineTotal, parseMoney, parseQty, parseRate, splitTax, sumMoney } from './money';

export type PricedLine = { quantity: DecimalInput; unit_price: DecimalInput; tax_rate?: DecimalInput };
export type Amounts = { total: string; amount_excl: string; tax: string };

type Fen = { total: bigint; excl: bigint; tax: bigint };

function lineFen(l: PricedLine): Fen {
	const total = lineTotal(parseQty(l.quantity), parseMoney(l.unit_price, 'unit_price'));
	return { total, ...splitTax(total, parseRate(l.tax_rate)) };
}

const format = (f: Fen): Amounts => ({ total: formatMoney(f.total), amount_excl: formatMoney(f.excl), tax: formatMoney(f.tax) });

/** A line's tax-inclusive total and its split, as 2-decimal strings. */
export const computeLine = (l: PricedLine): Amounts => format(lineFen(l));

export function computeDocument(lines: PricedLine[]): Amounts & { lines: Amounts[] } {
	const each = lines.map(lineFen);
	const sum = (k: keyof Fen) => sumMoney(each.map((f) => f[k]));
	return { lines: each.map(format), ...format({ total: sum('total'), excl: sum('excl'), tax: sum('tax') }) };
}

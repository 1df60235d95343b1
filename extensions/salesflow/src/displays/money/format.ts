// Money as the data app shows it. Decimals arrive as numbers on SQLite and as strings on PostgreSQL;
// both are written out digit by digit (the panels' money()), never summed as floats.
import { money } from '../../panels/shared/format';

/** "25600" / 25600 / "25600.00" → "¥25,600.00"; -12.5 → "-¥12.50"; empty → null. */
export function moneyText(v: string | number | null | undefined): string | null {
	if (v === null || v === undefined || v === '') return null;
	return money(String(v));
}

export const isNegativeMoney = (v: string | number | null | undefined) =>
	String(v ?? '')
		.trim()
		.startsWith('-');

/** The amount in an input: two decimals, no separators ("25600" → "25600.00"); text that is no amount stays as typed. */
export function moneyInput(v: string | number | null | undefined): string {
	const s = String(v ?? '').trim();
	if (!/^-?\d+(\.\d*)?$/.test(s)) return s;
	const [int, frac = ''] = s.split('.');
	return `${int}.${frac.padEnd(2, '0')}`;
}

// Exact decimals as bigint minor units: money in fen (2 places), quantities in thousandths,
// rates in ten-thousandths. Never floating point: numbers from the database are read through
// their decimal string and rounded half away from zero.
import { z } from 'zod';
import { invalid } from './errors';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** Parses a decimal into an integer scaled by 10^scale, rounding half away from zero. */
export function parseScaled(v: string | number | bigint | null | undefined, scale: number, field: string): bigint {
	if (v === null || v === undefined) return 0n;
	if (typeof v === 'bigint') return v * 10n ** BigInt(scale);
	if (typeof v === 'number' && !Number.isFinite(v)) throw invalid(field, `${field} must be a finite number`);
	// Numbers print in exponent form below 1e-6 / above 1e21; toFixed(12) keeps SQLite REAL noise harmless.
	const s = typeof v === 'number' ? (Math.abs(v) < 1e21 ? trimZeros(v.toFixed(12)) : String(v)) : v.trim();
	const m = DECIMAL.exec(s);
	if (!m) throw invalid(field, `${field} must be a decimal number, got ${JSON.stringify(v)}`);
	const [, sign, whole, frac = ''] = m;
	const digits = (frac + '0'.repeat(scale + 1)).slice(0, scale + 1);
	let n = BigInt(whole!) * 10n ** BigInt(scale) + BigInt(digits.slice(0, scale) || '0');
	if (Number(digits[scale]) >= 5) n += 1n;
	return sign === '-' ? -n : n;
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

export function formatScaled(n: bigint, scale: number): string {
	const neg = n < 0n;
	const abs = neg ? -n : n;
	const base = 10n ** BigInt(scale);
	const whole = abs / base;
	const frac = (abs % base).toString().padStart(scale, '0');
	return `${neg ? '-' : ''}${whole}${scale ? `.${frac}` : ''}`;
}

export const parseMoney = (v: string | number | bigint | null | undefined, field = 'amount') => parseScaled(v, 2, field);
export const formatMoney = (c: bigint) => formatScaled(c, 2);
export const parseQty = (v: string | number | bigint | null | undefined, field = 'quantity') => parseScaled(v, 3, field);
export const formatQty = (q: bigint) => formatScaled(q, 3);
export const parseRate = (v: string | number | bigint | null | undefined, field = 'tax_rate') => parseScaled(v, 4, field);
export const formatRate = (r: bigint) => formatScaled(r, 4);

/** A quantity for people: no trailing zeros (3, 2.5). */
export const displayQty = (q: bigint) => trimZeros(formatQty(q));

/** round(a × b / c) half away from zero, exact. */
export function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
	if (c === 0n) throw new RangeError('division by zero');
	const num = a * b;
	const neg = num < 0n !== c < 0n;
	const an = num < 0n ? -num : num;
	const ac = c < 0n ? -c : c;
	const q = (an * 2n + ac) / (2n * ac);
	return neg ? -q : q;
}

/** qty (thousandths) × tax-inclusive unit price (fen) → line total in fen. */
export const lineTotal = (qtyMilli: bigint, unitPriceFen: bigint) => mulDivRound(qtyMilli, unitPriceFen, 1000n);

/** Prices include VAT: excl = round(total / (1 + rate), 2); tax = total − excl. */
export function splitTax(totalFen: bigint, rate10k: bigint): { excl: bigint; tax: bigint } {
	const excl = mulDivRound(totalFen, 10000n, 10000n + rate10k);
	return { excl, tax: totalFen - excl };
}

export const sumMoney = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

const MAX_MONEY = 10n ** 14n; // 1e12 yuan in fen
const MAX_QTY = 10n ** 12n; // 1e9 units in thousandths

const decimalInput = z.union([z.string(), z.number()]);

const scaled = (scale: number, label: string, check: (n: bigint) => string | null) =>
	decimalInput.transform((v, ctx) => {
		try {
			const n = parseScaled(v, scale, label);
			const problem = check(n);
			if (problem) {
				ctx.addIssue({ code: 'custom', message: problem });
				return z.NEVER;
			}
			return n;
		} catch (e) {
			ctx.addIssue({ code: 'custom', message: (e as Error).message });
			return z.NEVER;
		}
	});

export const zMoney = scaled(2, 'amount', (n) => (n > MAX_MONEY || n < -MAX_MONEY ? 'amount is out of range' : null));
export const zNonNegativeMoney = scaled(2, 'amount', (n) => (n < 0n ? 'amount must not be negative' : n > MAX_MONEY ? 'amount is out of range' : null));
export const zPositiveMoney = scaled(2, 'amount', (n) => (n <= 0n ? 'amount must be greater than 0' : n > MAX_MONEY ? 'amount is out of range' : null));
export const zPositiveQty = scaled(3, 'quantity', (n) => (n <= 0n ? 'quantity must be greater than 0' : n > MAX_QTY ? 'quantity is too large' : null));
export const zId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'must be a numeric id').transform(Number)]);

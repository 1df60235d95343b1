// Exact decimals as bigint minor units: money in fen (2 places), quantities in thousandths (3),
// tax rates in ten-thousandths (4). Never floating point: a JS number is read through the decimal
// string it prints as, and every rounding is half away from zero, symmetric for negatives (red
// invoices mirror blue ones to the fen).
import { z } from 'zod';
import { invalid } from './errors';

export type DecimalInput = string | number | bigint | null | undefined;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const EXPONENT = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/** The shortest decimal a number prints as, with String()'s exponent form (1e-7, 1.5e+21) expanded. */
function numberToDecimal(n: number): string {
	const s = String(n);
	const m = EXPONENT.exec(s);
	if (!m) return s;
	const [, sign, int, frac = '', exp] = m;
	const digits = int! + frac;
	const point = 1 + Number(exp);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A decimal as an integer scaled by 10^scale. More decimals than `scale` are rounded half away
 * from zero: that is what turns SQLite REAL noise (0.30000000000000004) back into 0.30. A bigint
 * counts whole units; null/undefined is 0. Exponent strings ("1e2"), NaN, Infinity, empty and
 * other text are refused with 400 INVALID_PAYLOAD naming `field`.
 */
export function parseScaled(v: DecimalInput, scale: number, field: string): bigint {
	if (v === null || v === undefined) return 0n;
	if (typeof v === 'bigint') return v * 10n ** BigInt(scale);
	if (typeof v === 'number' && !Number.isFinite(v)) throw invalid(field, `${field} must be a finite number, got ${v}`);
	const s = typeof v === 'number' ? numberToDecimal(v) : String(v).trim();
	const m = DECIMAL.exec(s);
	if (!m) throw invalid(field, `${field} must be a decimal number like 123.45, got ${JSON.stringify(v)}`);
	const [, sign, whole, frac = ''] = m;
	const kept = frac.slice(0, scale).padEnd(scale, '0');
	let n = BigInt(whole! + kept);
	if ((frac[scale] ?? '0') >= '5') n += 1n; // only the first dropped digit decides half-away-from-zero
	return sign === '-' ? -n : n;
}

export const abs = (n: bigint) => (n < 0n ? -n : n);

export function formatScaled(n: bigint, scale: number): string {
	const base = 10n ** BigInt(scale);
	const frac = scale ? `.${(abs(n) % base).toString().padStart(scale, '0')}` : '';
	return `${n < 0n ? '-' : ''}${abs(n) / base}${frac}`;
}

/** A scaled number for people: no trailing zeros (3, 2.5, 30). */
export const displayScaled = (n: bigint, scale: number) => (scale ? formatScaled(n, scale).replace(/\.?0+$/, '') : formatScaled(n, 0));

export const parseMoney = (v: DecimalInput, field = 'amount') => parseScaled(v, 2, field);
export const formatMoney = (c: bigint) => formatScaled(c, 2);
export const parseQty = (v: DecimalInput, field = 'quantity') => parseScaled(v, 3, field);
export const formatQty = (q: bigint) => formatScaled(q, 3);
export const displayQty = (q: bigint) => displayScaled(q, 3);
export const parseRate = (v: DecimalInput, field = 'tax_rate') => parseScaled(v, 4, field);
export const formatRate = (r: bigint) => formatScaled(r, 4);

/** round(a × b / c) half away from zero, exact. */
export function mulDivRound(a: bigint, b: bigint, c: bigint): bigint {
	if (c === 0n) throw new RangeError('division by zero');
	const num = a * b;
	const q = (abs(num) * 2n + abs(c)) / (abs(c) * 2n);
	return num < 0n !== c < 0n ? -q : q;
}

/** qty (thousandths) × tax-inclusive unit price (fen) → line total in fen. */
export const lineTotal = (qtyMilli: bigint, unitPriceFen: bigint) => mulDivRound(qtyMilli, unitPriceFen, 1000n);

/** Prices include VAT: excl = round(total / (1 + rate), 2); tax = total − excl, so excl + tax = total exactly. */
export function splitTax(totalFen: bigint, rate10k: bigint): { excl: bigint; tax: bigint } {
	if (rate10k < 0n) throw invalid('tax_rate', `tax_rate must not be negative, got ${formatRate(rate10k)}`);
	const excl = mulDivRound(totalFen, 10000n, 10000n + rate10k);
	return { excl, tax: totalFen - excl };
}

export const sumMoney = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

/** A remaining quantity or amount never shows as negative, even when earlier data overshot. */
export const atLeastZero = (n: bigint) => (n > 0n ? n : 0n);

const MAX_MONEY = 10n ** 14n; // 1e12 yuan in fen
const MAX_QTY = 10n ** 12n; // 1e9 units in thousandths

/**
 * Input has at most `scale` decimals: rounding is for stored values, not for what a user typed. A
 * JSON number is read at 15 significant digits, so binary noise (0.1 + 0.2) is not "more decimals".
 */
export function decimalsProblem(v: string | number, scale: number, label: string): string | null {
	const s = typeof v === 'number' ? (Number.isFinite(v) ? numberToDecimal(Number(v.toPrecision(15))) : '') : v.trim();
	const frac = DECIMAL.exec(s)?.[3] ?? '';
	return frac.replace(/0+$/, '').length > scale ? `${label} has more than ${scale} decimals, got ${JSON.stringify(v)}` : null;
}

/** A zod decimal (JSON string or number) → scaled bigint, refused with `check`'s message. */
export const zScaled = (scale: number, label: string, check: (n: bigint) => string | null) =>
	z.union([z.string(), z.number()], { error: `${label} must be a decimal number (string or number)` }).transform((v, ctx) => {
		try {
			const decimals = decimalsProblem(v, scale, label);
			if (decimals) {
				ctx.addIssue({ code: 'custom', message: decimals });
				return z.NEVER;
			}
			const n = parseScaled(v, scale, label);
			const problem = check(n);
			if (!problem) return n;
			ctx.addIssue({ code: 'custom', message: problem });
		} catch (e) {
			ctx.addIssue({ code: 'custom', message: (e as Error).message });
		}
		return z.NEVER;
	});

const tooLarge = (label: string, n: bigint, max: bigint, scale: number) =>
	n > max || n < -max ? `${label} is out of range (largest allowed ${displayScaled(max, scale)}), got ${displayScaled(n, scale)}` : null;

export const nonNegativeMoney = (label: string) =>
	zScaled(2, label, (n) => (n < 0n ? `${label} must not be negative, got ${formatMoney(n)}` : tooLarge(label, n, MAX_MONEY, 2)));
export const positiveMoney = (label: string) =>
	zScaled(2, label, (n) => (n <= 0n ? `${label} must be greater than 0, got ${formatMoney(n)}` : tooLarge(label, n, MAX_MONEY, 2)));
export const positiveQty = (label: string) =>
	zScaled(3, label, (n) => (n <= 0n ? `${label} must be greater than 0, got ${displayQty(n)}` : tooLarge(label, n, MAX_QTY, 3)));
/** A quantity that may be 0 (a contract change's 0 removes the line). */
export const nonNegativeQty = (label: string) =>
	zScaled(3, label, (n) => (n < 0n ? `${label} must not be negative, got ${displayQty(n)}` : tooLarge(label, n, MAX_QTY, 3)));
/** A tax rate between 0 and 1 (0.13 = 13 %). */
export const zRate = (label = 'tax_rate') =>
	zScaled(4, label, (n) => (n < 0n || n > 10000n ? `${label} must be between 0 and 1 (0.13 = 13%), got ${formatRate(n)}` : null));

export const zMoney = zScaled(2, 'amount', (n) => tooLarge('amount', n, MAX_MONEY, 2));
export const zNonNegativeMoney = nonNegativeMoney('amount');
export const zPositiveMoney = positiveMoney('amount');
export const zPositiveQty = positiveQty('quantity');
/** Largest id an integer primary key holds (PostgreSQL `integer`); beyond it is bad input, not a 500. */
export const MAX_ID = 2_147_483_647;
export const zId = z.union([
	z.number().int().positive().max(MAX_ID, `must be an id up to ${MAX_ID}`),
	z
		.string()
		.regex(/^[1-9]\d*$/, 'must be a positive integer id')
		.transform(Number)
		.pipe(z.number().int().max(MAX_ID, `must be an id up to ${MAX_ID}`)),
]);
/** Whether a value is a usable integer id (number or digit string). */
export const isId = (v: unknown) => zId.safeParse(v).success;

/** Sums exact figures per key (a quantity per order line, an amount per invoice…). */
export function sumByKey<T, K>(rows: Iterable<T>, key: (r: T) => K, value: (r: T) => bigint): Map<K, bigint> {
	const sums = new Map<K, bigint>();
	for (const r of rows) sums.set(key(r), (sums.get(key(r)) ?? 0n) + value(r));
	return sums;
}

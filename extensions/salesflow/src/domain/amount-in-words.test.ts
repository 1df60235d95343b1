import { describe, expect, it } from 'vitest';
import { amountInWords, amountInWordsOf } from './amount-in-words';
import { DomainError } from './errors';
import { formatMoney, parseMoney } from './money';

describe('amountInWords', () => {
	it.each([
		['0', '零元整'],
		['0.01', '壹分'],
		['0.05', '伍分'],
		['0.1', '壹角'],
		['0.5', '伍角'],
		['0.55', '伍角伍分'],
		['1', '壹元整'],
		['10', '壹拾元整'],
		['10.01', '壹拾元零壹分'],
		['10.10', '壹拾元壹角'],
		['11', '壹拾壹元整'],
		['19', '壹拾玖元整'],
		['20', '贰拾元整'],
		['100', '壹佰元整'],
		['101', '壹佰零壹元整'],
		['110', '壹佰壹拾元整'],
		['190', '壹佰玖拾元整'],
		['325.04', '叁佰贰拾伍元零肆分'],
		['1000', '壹仟元整'],
		['1001', '壹仟零壹元整'],
		['1010', '壹仟零壹拾元整'],
		['1100', '壹仟壹佰元整'],
		['1409.50', '壹仟肆佰零玖元伍角'],
		['1680.32', '壹仟陆佰捌拾元叁角贰分'],
		['2421.02', '贰仟肆佰贰拾壹元零贰分'],
		['6007.14', '陆仟零柒元壹角肆分'],
		['10000', '壹万元整'],
		['10001', '壹万零壹元整'],
		['10010', '壹万零壹拾元整'],
		['10100', '壹万零壹佰元整'],
		['16409.02', '壹万陆仟肆佰零玖元零贰分'],
		['100000', '壹拾万元整'],
		['100111.11', '壹拾万零壹佰壹拾壹元壹角壹分'],
		['107000.53', '壹拾万柒仟元伍角叁分'],
		['325000.00', '叁拾贰万伍仟元整'],
		['100100', '壹拾万零壹佰元整'],
		['1000000', '壹佰万元整'],
		['1000000.01', '壹佰万元零壹分'], // the zero 元 digit before a fen: one 零
		['1000000.10', '壹佰万元壹角'], // the zero 元 digit before a non-zero 角: the shorter form, like 1680.32
		['1100000', '壹佰壹拾万元整'],
		['10000000', '壹仟万元整'],
		['100000000', '壹亿元整'],
		['100000000.01', '壹亿元零壹分'],
		['100000001', '壹亿零壹元整'],
		['100000010', '壹亿零壹拾元整'],
		['100001000', '壹亿零壹仟元整'], // the whole 万 section is zero: the run crosses into the 仟
		['100010000', '壹亿零壹万元整'],
		['110000000', '壹亿壹仟万元整'],
		['1000010000', '壹拾亿零壹万元整'],
		['1010101010.10', '壹拾亿壹仟零壹拾万壹仟零壹拾元壹角'],
		['10000000000.01', '壹佰亿元零壹分'],
		['200000000000', '贰仟亿元整'],
		['999999999999.99', '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
		['1000000000000.00', '壹万亿元整'],
		['-0.05', '负伍分'],
		['-190.00', '负壹佰玖拾元整'],
		['-1000000000000.00', '负壹万亿元整'],
	])('%s → %s', (amount, words) => {
		expect(amountInWords(parseMoney(amount))).toBe(words);
	});

	it.each([10n ** 14n + 1n, -(10n ** 14n) - 1n, 10n ** 16n])('%s fen is out of range', (fen) => {
		expect(() => amountInWords(fen)).toThrow(new RangeError(`amount in words goes up to 1000000000000.00, got ${formatMoney(fen)}`));
	});
});

describe('amountInWordsOf', () => {
	it.each([
		['1409.50', '壹仟肆佰零玖元伍角'],
		[' 190 ', '壹佰玖拾元整'],
		[1409.5, '壹仟肆佰零玖元伍角'],
		[0.1 + 0.2, '叁角'], // float noise is read back as its decimal
		[-190, '负壹佰玖拾元整'],
		['0.005', '壹分'], // parseMoney rounds half away from zero
	])('%j → %s', (decimal, words) => {
		expect(amountInWordsOf(decimal)).toBe(words);
	});

	it.each(['', 'abc', '1,000.00', '1e3', Number.NaN])('%j is 400 INVALID_PAYLOAD on amount', (decimal) => {
		let error: unknown;
		try {
			amountInWordsOf(decimal);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(DomainError);
		expect(error).toMatchObject({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field: 'amount' } });
	});
});

// An independent reading of the words back into fen: digits multiply the place or unit after them.
const DIGIT_VALUE = new Map([...'零壹贰叁肆伍陆柒捌玖'].map((c, i) => [c, BigInt(i)]));
const PLACE_VALUE = new Map([
	['拾', 10n],
	['佰', 100n],
	['仟', 1000n],
]);
const SECTION_VALUE = new Map([
	['万亿', 10n ** 12n],
	['亿', 10n ** 8n],
	['万', 10n ** 4n],
	['元', 1n],
]);
const FRACTION_VALUE = new Map([
	['角', 10n],
	['分', 1n],
]);

function wordsToFen(words: string): bigint {
	const negative = words.startsWith('负');
	let yuan = 0n;
	let section = 0n;
	let fen = 0n;
	let digit = 0n;
	for (const token of (negative ? words.slice(1) : words).match(/万亿|./gu) ?? []) {
		if (DIGIT_VALUE.has(token)) digit = DIGIT_VALUE.get(token)!;
		else if (PLACE_VALUE.has(token)) section += digit * PLACE_VALUE.get(token)!;
		else if (SECTION_VALUE.has(token)) {
			yuan += (section + digit) * SECTION_VALUE.get(token)!;
			section = 0n;
		} else if (FRACTION_VALUE.has(token)) fen += digit * FRACTION_VALUE.get(token)!;
		else if (token !== '整') throw new Error(`unexpected ${token} in ${words}`);
		if (!DIGIT_VALUE.has(token)) digit = 0n;
	}
	const total = yuan * 100n + fen;
	return negative ? -total : total;
}

/** mulberry32: a tiny seeded generator, so the property test checks the same amounts every run. */
function seeded(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('amountInWords read back', () => {
	const random = seeded(20260101);
	// Zero-heavy digits of every length up to 14 (fen), so runs of zeros land everywhere.
	const amounts = Array.from({ length: 2000 }, () => {
		const length = 1 + Math.floor(random() * 14);
		let digits = '';
		for (let i = 0; i < length; i++) digits += random() < 0.5 ? '0' : String(Math.floor(random() * 10));
		const fen = BigInt(digits);
		return random() < 0.1 ? -fen : fen;
	});

	it('gives back every amount', () => {
		for (const fen of amounts) expect(wordsToFen(amountInWords(fen)), amountInWords(fen)).toBe(fen);
	});

	it('writes one canonical shape', () => {
		for (const fen of amounts.filter((f) => f !== 0n)) {
			// 0 (零元整, in the table) is the only amount that starts with 零.
			const words = amountInWords(fen);
			expect(words, formatMoney(fen)).not.toMatch(/零零|零[元万亿拾佰仟角分整]|零$|^负?零/u);
			expect(words, formatMoney(fen)).toMatch(/^负?.*(元整|角|分)$/u);
		}
	});
});

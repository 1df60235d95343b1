// 人民币大写: an amount in Chinese capital numerals for printed quotes, contracts and invoices, by the
// People's Bank rules for filling in bills (《正确填写票据和结算凭证的基本规定》). Where the rules allow
// 零 or not (万位/元位 zero before a non-zero 仟/角), we always take the shorter form, so one amount
// has exactly one spelling.
import { abs, formatMoney, parseMoney } from './money';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTION_UNITS = ['', '万', '亿', '万亿'];
const MAX_FEN = 10n ** 14n; // 1,000,000,000,000.00 yuan (壹万亿元整)

/** One 4-digit section (1–9999): one 零 per run of zeros between non-zero digits, none for trailing zeros. */
function sectionWords(section: number): string {
	let words = '';
	let zeroPending = false;
	for (let place = 3; place >= 0; place--) {
		const digit = Math.floor(section / 10 ** place) % 10;
		if (digit === 0) {
			zeroPending = words !== '';
			continue;
		}
		words += `${zeroPending ? '零' : ''}${DIGITS[digit]}${PLACES[place]}`;
		zeroPending = false;
	}
	return words;
}

/** Whole yuan (> 0) in 4-digit sections from the right; a zero section writes no unit. */
function yuanWords(yuan: bigint): string {
	const sections: number[] = [];
	for (let rest = yuan; rest > 0n; rest /= 10000n) sections.push(Number(rest % 10000n));
	let words = '';
	let skippedSection = false;
	for (let i = sections.length - 1; i >= 0; i--) {
		const section = sections[i]!;
		if (section === 0) {
			skippedSection = words !== '';
			continue;
		}
		// Zeros reaching into this section from above need a 零; zeros that only end the section above
		// are already marked by its unit (壹拾亿壹仟, not 壹拾亿零壹仟).
		if (words && (skippedSection || section < 1000)) words += '零';
		words += sectionWords(section) + SECTION_UNITS[i];
		skippedSection = false;
	}
	return words;
}

/** 人民币大写 of an amount in fen, e.g. 1409.50 yuan → 壹仟肆佰零玖元伍角; negative (red invoice) → 负…. */
export function amountInWords(fen: bigint): string {
	if (abs(fen) > MAX_FEN) throw new RangeError(`amount in words goes up to 1000000000000.00, got ${formatMoney(fen)}`);
	const yuan = abs(fen) / 100n;
	const jiao = Number((abs(fen) / 10n) % 10n);
	const fenDigit = Number(abs(fen) % 10n);
	let words = yuan > 0n ? `${yuanWords(yuan)}元` : '';
	if (jiao === 0 && fenDigit === 0) words = `${words || '零元'}整`;
	else if (jiao === 0) words += `${yuan > 0n ? '零' : ''}${DIGITS[fenDigit]}分`;
	else words += `${DIGITS[jiao]}角${fenDigit ? `${DIGITS[fenDigit]}分` : ''}`;
	return fen < 0n ? `负${words}` : words;
}

/** 人民币大写 of a decimal amount ('1409.50' or 1409.5); bad input is 400 INVALID_PAYLOAD on `amount`. */
export const amountInWordsOf = (decimal: string | number) => amountInWords(parseMoney(decimal));

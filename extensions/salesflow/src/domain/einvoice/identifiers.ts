// Identifiers on a digital VAT invoice (数电票): the tax classification code (税收分类编码), the
// platform's 20-digit invoice number, the buyer's taxpayer ID (统一社会信用代码, GB 32100-2015) and
// the goods name in the platform's `*分类简称*名称` form.
import { z } from 'zod';

/** 商品和服务税收分类编码: 19 digits. */
export const zTaxCode = z
	.string({ error: 'tax code (税收分类编码) must be a string of 19 digits' })
	.regex(/^\d{19}$/, 'tax code (税收分类编码) must be exactly 19 digits');

/** 数电票号码: the 20 digits the national platform assigns. */
export const zEinvoiceNumber = z
	.string({ error: 'e-invoice number (数电票号码) must be a string of 20 digits' })
	.regex(/^\d{20}$/, 'e-invoice number (数电票号码) must be exactly 20 digits');

/**
 * 红字发票信息确认单编号: the platform's number for a red confirmation. Its length has varied between
 * the platform's versions (20 digits today), so any run of 1–40 digits and letters is taken.
 */
export const zRedConfirmationNo = z
	.string({ error: 'red confirmation number (红字确认单编号) must be text' })
	.trim()
	.regex(/^[0-9A-Za-z]{1,40}$/, 'red confirmation number (红字确认单编号) must be 1–40 digits or letters');

// GB 32100-2015: 31 characters (no I, O, S, V, Z) and one weight per position 1–17.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// Taxpayer IDs from before the unified code (old 税务登记号 15, individual businesses 17 or 20) carry no check character.
const LEGACY_ID = /^(?:[0-9A-Z]{15}|[0-9A-Z]{17}|[0-9A-Z]{20})$/;

/** 'ok' for a valid unified social credit code, 'legacy' for an older ID, else why it is wrong. */
export type TaxpayerIdCheck = 'ok' | 'legacy' | (string & {});

/** The check character (position 18) of a unified social credit code's first 17 characters. */
function usccCheckCharacter(first17: string): string {
	const sum = [...first17].reduce((s, c, i) => s + USCC_ALPHABET.indexOf(c) * USCC_WEIGHTS[i]!, 0);
	return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function checkTaxpayerId(s: string): TaxpayerIdCheck {
	if (!s) return 'taxpayer ID is empty';
	if (s.length === 18) {
		const bad = [...s].findIndex((c) => !USCC_ALPHABET.includes(c));
		if (bad >= 0) return `taxpayer ID has "${s[bad]}" at position ${bad + 1}; allowed are 0-9 and ${USCC_ALPHABET.slice(10)}`;
		if (!/^\d{6}$/.test(s.slice(2, 8))) return `taxpayer ID positions 3-8 must be the region code (6 digits), got ${s.slice(2, 8)}`;
		const expected = usccCheckCharacter(s.slice(0, 17));
		return s[17] === expected ? 'ok' : `taxpayer ID check character (position 18) should be ${expected}, got ${s[17]}`;
	}
	if (LEGACY_ID.test(s)) return 'legacy';
	return `taxpayer ID must have 18 characters (older IDs 15, 17 or 20 of 0-9 and A-Z), got ${s.length}: ${s}`;
}

/**
 * The platform's goods name `*分类简称*名称`; without a category just the name. A name already
 * carrying a `*…*` prefix (typed in by hand) gets the category's prefix instead of a second one.
 */
export function goodsName(shortCategory: string | null, name: string): string {
	const category = shortCategory?.trim().replace(/\*/g, '');
	return category ? `*${category}*${name.trim().replace(/^\*[^*]*\*/, '')}` : name.trim();
}

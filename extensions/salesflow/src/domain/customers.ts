// Customer identity for ownership by first report (报备制度) and the CRM reference data.
import { invalid } from './errors';

const CJK_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '公司'];
// A Latin legal form counts only as a whole word (after a space, punctuation or a Chinese
// character), so "Costco" keeps its "co" and "Tesco" stays Tesco.
const LATIN_SUFFIX = /(?<=^|[\s.,&()]|\p{Script=Han})(?:co|company|corp|corporation|inc|incorporated|ltd|limited|llc)\.?$/u;
const TRAILING_PUNCTUATION = /[\s.,，。、&-]+$/u;

/**
 * The name two registrations of one company share: NFKC (full-width → half-width), lower case,
 * legal-form suffixes stripped repeatedly (有限公司, 股份有限公司, Co., Ltd., Inc., LLC…), then
 * all whitespace removed. A name that is nothing but a suffix keeps it.
 */
export function normalizeCustomerName(name: string): string {
	let s = name.normalize('NFKC').toLowerCase().replace(TRAILING_PUNCTUATION, '').trim();
	for (;;) {
		const cjk = CJK_SUFFIXES.find((x) => s.endsWith(x)); // longest first: 有限公司 is not 有限 + 公司
		const next = (cjk ? s.slice(0, -cjk.length) : s.replace(LATIN_SUFFIX, '')).replace(TRAILING_PUNCTUATION, '').trim();
		if (next === s || !next) break;
		s = next;
	}
	return s.replace(/\s+/gu, '');
}

/** A taxpayer ID as compared: half-width, upper case, no spaces or dashes; null when nothing is left (no ID to match on). */
export function normalizeTaxId(s: string | null | undefined): string | null {
	const id = (s ?? '')
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s-]+/gu, '');
	return id || null;
}

/** Customer grades (客户等级) as the standard defines them. */
export const GRADES = {
	A: { en: 'Clear need, buys within 1 month', zh: '需求明确，1个月内采购' },
	B: { en: 'Clear need, buys in 2–3 months', zh: '需求明确，2–3个月内采购' },
	C: { en: 'Potential need, follow up over 3–6 months, no date yet', zh: '有潜在需求，3–6个月跟进，采购时间未定' },
	D: { en: 'Development customer', zh: '开发中客户' },
} as const;

export type Grade = keyof typeof GRADES;

const DAY_MS = 86_400_000;

/** After-sales follow-up (售后回访) is due 3 to 7 days after the customer accepted a delivery. */
export function followUpDueDate(acceptedAt: Date): { earliest: Date; latest: Date } {
	const t = acceptedAt.getTime();
	if (Number.isNaN(t)) throw invalid('accepted_at', 'accepted_at must be a valid date and time');
	return { earliest: new Date(t + 3 * DAY_MS), latest: new Date(t + 7 * DAY_MS) };
}

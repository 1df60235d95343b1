// Customer review (客户评审, 资信审核): before a customer's first order is confirmed its enterprise
// status must be normal (存续/在业) and its credit rating known (seed 003 「下单前需核实客户的资质和信誉」).
// Finance records both on the customer; what is missing is named here, for the approval condition
// and for the refusal when no rule asks anyone.

/** Enterprise status as the business registry (国家企业信用信息公示系统) states it. */
export const ENTERPRISE_STATUSES = {
	normal: { en: 'Normal (in business)', zh: '存续' },
	abnormal: { en: 'Abnormal operation', zh: '经营异常' },
	revoked: { en: 'Licence revoked', zh: '吊销' },
	deregistered: { en: 'Deregistered', zh: '注销' },
} as const;
export type EnterpriseStatus = keyof typeof ENTERPRISE_STATUSES;

/** Credit ratings, best first. */
export const CREDIT_RATINGS = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type CreditRating = (typeof CREDIT_RATINGS)[number];

/** Orders in these statuses were confirmed: a customer with one of them has had its first order. */
export const CONFIRMED_ORDER_STATUSES = ['confirmed', 'partially_shipped', 'shipped', 'closed'] as const;

/** The customer fields the review sets, and who reviewed when (stamped by the rules, read-only). */
export const REVIEW_FIELDS = ['enterprise_status', 'credit_rating'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export type ReviewState = { enterprise_status?: string | null; credit_rating?: string | null };
export type ReviewGap = { field: ReviewField; text: string };

const statusLabel = (s: string) => {
	const l = ENTERPRISE_STATUSES[s as EnterpriseStatus];
	return l ? `${l.zh} / ${s}` : s;
};

/** What keeps a customer from passing the review: nothing when the status is normal and a rating is set. */
export function reviewGaps(c: ReviewState): ReviewGap[] {
	const gaps: ReviewGap[] = [];
	const status = c.enterprise_status ?? null;
	if (status === null || status === '') gaps.push({ field: 'enterprise_status', text: 'enterprise status not recorded (企业状态未填)' });
	else if (status !== 'normal')
		gaps.push({ field: 'enterprise_status', text: `enterprise status is ${statusLabel(status)}, not 存续 / normal` });
	const rating = c.credit_rating ?? null;
	if (rating === null || rating === '' || !(CREDIT_RATINGS as readonly string[]).includes(rating))
		gaps.push({ field: 'credit_rating', text: 'no credit rating (未评信用等级)' });
	return gaps;
}

/** What a first order's approval conditions read about the customer's review. */
export type FirstOrderReview = {
	/** The customer as people name it (code and name). */
	customer: string;
	/** No other order of the customer was confirmed (CONFIRMED_ORDER_STATUSES). */
	firstOrder: boolean;
	gaps: ReviewGap[];
};

/** One line naming the customer and what its review lacks (approval reasons and the REVIEW_REQUIRED message). */
export const reviewReason = (r: FirstOrderReview) => `first order of ${r.customer}: ${r.gaps.map((g) => g.text).join('; ')}`;

const fold = (v: string) => v.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A free-text enterprise status written before the field became a choice, as its key: the keys and
 * labels themselves, and the registry's wordings (存续（在营、开业、在册）, 吊销，未注销, 已注销…).
 * `null` when the text says none of them (the customer then counts as unreviewed).
 */
export function legacyEnterpriseStatus(value: string): EnterpriseStatus | null {
	const v = fold(value);
	for (const [key, label] of Object.entries(ENTERPRISE_STATUSES)) {
		if (v === key || v === fold(label.en) || v === label.zh) return key as EnterpriseStatus;
	}
	// 吊销 first: 「吊销，未注销」 is revoked, not deregistered.
	if (v.includes('吊销') || v === 'revoked') return 'revoked';
	if (v.includes('注销') || v === 'cancelled' || v === 'canceled') return 'deregistered';
	if (v.includes('异常') || v === 'abnormal') return 'abnormal';
	if (['存续', '在业', '在营', '开业', '在册'].some((w) => v.includes(w)) || ['active', 'in business', 'existing'].includes(v))
		return 'normal';
	return null;
}

/** A free-text credit rating as one of CREDIT_RATINGS (`aa`, `AA级`, ` A ` …), or null when it is none of them. */
export function legacyCreditRating(value: string): CreditRating | null {
	const v = value
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s级]+/g, '');
	return (CREDIT_RATINGS as readonly string[]).includes(v) ? (v as CreditRating) : null;
}

// What the standards ask of a delivery and a complaint beyond their statuses (PROCESS.md §12): the
// warehouse's pre-shipment check (003), the customer's acceptance 合格/需整改 (002), a complaint's
// category and severity and who hears of it at once, and when an order is late. Pure: no database.
import { z } from 'zod';
import { type DateInput, epochDay, zIsoDate } from './dates';
import { DomainError, invalid } from './errors';

export const PRE_SHIPMENT_CHECKS = ['check_quantity', 'check_quality', 'check_packing'] as const;
export type PreShipmentCheck = (typeof PRE_SHIPMENT_CHECKS)[number];
export const CHECK_RESULTS = ['passed', 'failed'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

const CHECK_LABEL: Record<PreShipmentCheck, string> = {
	check_quantity: '数量 / quantity',
	check_quality: '质量 / quality',
	check_packing: '包装 / packing',
};

/** One check value as sent: not recorded (null, empty) or passed/failed; anything else is bad input. */
export function parseCheck(field: PreShipmentCheck, value: unknown): CheckResult | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'string' && (CHECK_RESULTS as readonly string[]).includes(value)) return value as CheckResult;
	throw invalid(field, `${field} must be "passed" or "failed", got ${JSON.stringify(value)}`);
}

/**
 * The check as recorded at issue: a point the issuer left open counts as passed; an explicit failure
 * refuses the issue (409, naming the failed points).
 */
export function preShipmentCheck(number: string, row: Record<string, unknown>): Record<PreShipmentCheck, CheckResult> {
	const result = Object.fromEntries(PRE_SHIPMENT_CHECKS.map((f) => [f, parseCheck(f, row[f]) ?? 'passed'])) as Record<
		PreShipmentCheck,
		CheckResult
	>;
	const failed = PRE_SHIPMENT_CHECKS.filter((f) => result[f] === 'failed');
	if (failed.length) {
		throw new DomainError(
			'CHECK_FAILED',
			`${number}: the pre-shipment check failed (出库检查不合格: ${failed.map((f) => CHECK_LABEL[f]).join(', ')}); nothing was issued`,
			409,
			{ field: failed[0], failed },
		);
	}
	return result;
}

export const ACCEPTANCE_RESULTS = ['accepted', 'needs_rectification'] as const;
export type AcceptanceResult = (typeof ACCEPTANCE_RESULTS)[number];

const rectification = z.object({
	rectification_note: z.string().trim().min(1, 'a rectification note (整改要求) is required with "needs rectification"'),
	rectification_due: zIsoDate,
});

/**
 * The customer's result as sent. `accepted` is recorded by the move to "accepted"; `needs_rectification`
 * needs what to fix and by when. A result left empty, or rectification details without a result, is bad input.
 */
export function parseAcceptance(payload: Record<string, unknown>): { result: AcceptanceResult; note?: string; due?: string } | null {
	const sent = 'acceptance' in payload;
	if (!sent) {
		const stray = ['rectification_note', 'rectification_due'].find((f) => f in payload && payload[f] !== null && payload[f] !== '');
		if (stray) throw invalid('acceptance', `${stray} goes with an acceptance result (acceptance: "needs_rectification")`);
		return null;
	}
	const result = payload.acceptance;
	if (typeof result !== 'string' || !(ACCEPTANCE_RESULTS as readonly string[]).includes(result))
		throw invalid('acceptance', `acceptance must be "accepted" or "needs_rectification", got ${JSON.stringify(result ?? null)}`);
	if (result === 'accepted') return { result: 'accepted' };
	const parsed = rectification.safeParse({
		rectification_note: payload.rectification_note ?? '',
		rectification_due: payload.rectification_due,
	});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const field = String(issue.path[0]);
		throw invalid(
			field,
			`${field}: ${field === 'rectification_due' ? 'a due date (整改期限) YYYY-MM-DD is required with "needs rectification"' : issue.message}`,
		);
	}
	return { result: 'needs_rectification', note: parsed.data.rectification_note, due: parsed.data.rectification_due };
}

export const COMPLAINT_CATEGORIES = [
	{ key: 'quality', en: 'Quality', zh: '质量' },
	{ key: 'delivery', en: 'Delivery', zh: '交付' },
	{ key: 'service', en: 'Service', zh: '服务' },
	{ key: 'price', en: 'Price', zh: '价格' },
	{ key: 'other', en: 'Other', zh: '其他' },
] as const;
export const COMPLAINT_SEVERITIES = [
	{ key: 'normal', en: 'Normal', zh: '一般' },
	{ key: 'major', en: 'Major', zh: '重大' },
] as const;

const keysOf = (list: readonly { key: string }[]) => list.map((c) => c.key);

/** category/severity as sent, checked against their lists (Directus does not enforce a dropdown's choices). */
export function checkComplaintClass(payload: Record<string, unknown>): void {
	for (const [field, list] of [
		['category', COMPLAINT_CATEGORIES],
		['severity', COMPLAINT_SEVERITIES],
	] as const) {
		if (!(field in payload)) continue;
		const v = payload[field];
		if (field === 'category' && (v === null || v === '')) continue;
		if (typeof v !== 'string' || !keysOf(list).includes(v))
			throw invalid(field, `complaints.${field} must be one of ${keysOf(list).join(', ')}, got ${JSON.stringify(v ?? null)}`);
	}
}

export const labelOf = (list: readonly { key: string; en: string; zh: string }[], key: unknown) => {
	const c = list.find((x) => x.key === key);
	return c ? `${c.zh} / ${c.en}` : '—';
};

/** Who hears of a new complaint at once: the owner's manager and the division heads; a major one also the general managers. */
export function complaintRecipients(p: {
	manager?: string | null;
	heads: string[];
	generalManagers: string[];
	severity: unknown;
}): string[] {
	const all = [p.manager, ...p.heads, ...(p.severity === 'major' ? p.generalManagers : [])];
	return [...new Set(all.filter((r): r is string => Boolean(r)))];
}

/** An order is late once its ship-by date has passed (the day after) with goods still to ship. */
export const LATE_ORDER_STATUSES = ['confirmed', 'partially_shipped'] as const;
export const isLate = (order: { status: string; ship_by: DateInput | null }, today: DateInput): boolean =>
	order.ship_by !== null && (LATE_ORDER_STATUSES as readonly string[]).includes(order.status) && epochDay(order.ship_by) < epochDay(today);

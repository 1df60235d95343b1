// Payment terms (付款条件): instalment lines such as "30% before shipment, 70% 30 days after
// acceptance" — their validation, the amount and due date of each instalment, and the "money before
// goods" (款到发货) gate with the advances (预收款) that cover it. Shares are in hundredths of a percent
// (30% = 3000n), amounts in fen, so a schedule always adds up to the document total to the fen.
import { z } from 'zod';
import { addDays } from './dates';
import { DomainError, ErrorCode, invalid } from './errors';
import { atLeastZero, formatMoney, formatScaled, mulDivRound, sumMoney, zScaled } from './money';

export const PAYMENT_TRIGGERS = ['before_shipment', 'after_delivery', 'after_acceptance', 'after_invoice'] as const;
export type PaymentTrigger = (typeof PAYMENT_TRIGGERS)[number];

const WHOLE_PERCENT = 10000n; // 100% in hundredths of a percent
const MAX_DAYS = 3650;

const wholeNumber = (label: string, min: number, max?: number) =>
	z.custom<number>((v) => Number.isInteger(v) && (v as number) >= min && (max === undefined || (v as number) <= max), {
		error: (issue) =>
			`${label} must be a whole number ${max === undefined ? `≥ ${min}` : `${min}–${max}`}, got ${JSON.stringify(issue.input)}`,
	});

/** One instalment line as stored or posted; `percent` comes out in hundredths of a percent (30 → 3000n). */
export const zPaymentTermLine = z.object(
	{
		sequence: wholeNumber('sequence', 1),
		trigger: z.enum(PAYMENT_TRIGGERS, {
			error: (issue) => `trigger must be one of ${PAYMENT_TRIGGERS.join(', ')}, got ${JSON.stringify(issue.input)}`,
		}),
		percent: zScaled(2, 'percent', (n) =>
			n <= 0n || n > WHOLE_PERCENT ? `percent must be greater than 0 and at most 100, got ${formatScaled(n, 2)}` : null,
		),
		days: wholeNumber('days', 0, MAX_DAYS),
	},
	{ error: 'a payment term line must be an object with sequence, trigger, percent and days' },
);
export type PaymentTermLine = z.output<typeof zPaymentTermLine>;

const bySequence = <T extends { sequence: number }>(lines: readonly T[]) => [...lines].sort((a, b) => a.sequence - b.sequence);

function assertSharesComplete(lines: ReadonlyArray<Pick<PaymentTermLine, 'percent'>>): void {
	const sum = sumMoney(lines.map((l) => l.percent));
	if (sum !== WHOLE_PERCENT) throw invalid('lines', `payment term shares add up to ${formatScaled(sum, 2)}, not 100`);
}

/**
 * Validates a payment term's lines and returns them parsed, in sequence order. A bad value is refused
 * naming it as `lines[i].field` (i counts from 0, as posted); the shares must add up to exactly 100.
 */
export function checkTermLines(lines: unknown): PaymentTermLine[] {
	if (!Array.isArray(lines)) throw invalid('lines', `lines must be a list of payment term lines, got ${JSON.stringify(lines)}`);
	if (lines.length === 0) throw invalid('lines', 'payment terms need at least one line');
	const parsed = lines.map((line: unknown, i) => {
		const result = zPaymentTermLine.safeParse(line);
		if (result.success) return result.data;
		const issue = result.error.issues[0]!;
		const field = [`lines[${i}]`, ...issue.path.map(String)].join('.');
		throw invalid(field, `${field}: ${issue.message}`);
	});
	const seen = new Set<number>();
	parsed.forEach((line, i) => {
		if (seen.has(line.sequence)) throw invalid(`lines[${i}].sequence`, `lines[${i}].sequence: sequence ${line.sequence} is used twice`);
		seen.add(line.sequence);
	});
	assertSharesComplete(parsed);
	return bySequence(parsed);
}

export type ScheduledInstalment = PaymentTermLine & { amountFen: bigint };

/**
 * Each instalment's amount in sequence order: its share of the total rounded to the fen (half up),
 * the last one taking the remainder so the schedule adds up to the total exactly. A share never takes
 * more than is left, so many tiny round-ups (ten 10% shares of 0.05) cannot push the last one negative.
 */
export function scheduleAmounts(totalFen: bigint, lines: readonly PaymentTermLine[]): ScheduledInstalment[] {
	if (totalFen < 0n) throw invalid('total', `total must not be negative, got ${formatMoney(totalFen)}`);
	assertSharesComplete(lines);
	const ordered = bySequence(lines);
	let left = totalFen;
	return ordered.map((line, i) => {
		const share = mulDivRound(totalFen, line.percent, WHOLE_PERCENT);
		const amountFen = i === ordered.length - 1 || share > left ? left : share;
		left -= amountFen;
		return { ...line, amountFen };
	});
}

/** Dates ('YYYY-MM-DD') on which an order's payment triggers happened; absent = not yet. */
export type PaymentEvents = {
	confirmed?: string;
	shipment_issued?: string;
	delivered?: string;
	accepted?: string;
	invoice_issued?: string;
};

/** The event each trigger counts from: a before-shipment instalment is due from the order's confirmation. */
export const TRIGGER_EVENT = {
	before_shipment: 'confirmed',
	after_delivery: 'delivered',
	after_acceptance: 'accepted',
	after_invoice: 'invoice_issued',
} as const satisfies Record<PaymentTrigger, keyof PaymentEvents>;

/**
 * When an instalment falls due: its trigger's event date + days, or null while the event has not
 * happened. (The shipment gate holds the goods until a before-shipment instalment is paid, whatever its date.)
 */
export function instalmentDueDate(line: Pick<PaymentTermLine, 'trigger' | 'days'>, events: PaymentEvents): string | null {
	const event = TRIGGER_EVENT[line.trigger];
	const happened = events[event];
	return happened ? addDays(happened, line.days, event) : null;
}

/**
 * An approved order change moved the total: instalments already paid in full keep their amounts, the
 * others share what is left by their shares (to the fen half up, the last open one taking the
 * remainder). What is left is never below 0: a total cut below what was paid leaves the open ones at 0.
 */
export function rescheduleAmounts<T extends { sequence: number; percent: bigint; amountFen: bigint; paidFen: bigint }>(
	totalFen: bigint,
	instalments: readonly T[],
): Array<T & { amountFen: bigint }> {
	if (totalFen < 0n) throw invalid('total', `total must not be negative, got ${formatMoney(totalFen)}`);
	const ordered = bySequence(instalments);
	const settled = (i: T) => i.amountFen > 0n && i.paidFen >= i.amountFen;
	const open = ordered.filter((i) => !settled(i));
	const weight = sumMoney(open.map((i) => i.percent));
	let left = atLeastZero(totalFen - sumMoney(ordered.filter(settled).map((i) => i.amountFen)));
	const share = new Map<T, bigint>();
	const spread = left;
	open.forEach((i, n) => {
		const part = n === open.length - 1 ? left : weight === 0n ? 0n : mulDivRound(spread, i.percent, weight);
		const amountFen = part > left ? left : part;
		left -= amountFen;
		share.set(i, amountFen);
	});
	return ordered.map((i) => ({ ...i, amountFen: share.get(i) ?? i.amountFen }));
}

/** A payment term line as stored, or as a write names it: `id` when it exists. */
type LineRow = Record<string, unknown>;
const keyText = (v: unknown) => String(v !== null && typeof v === 'object' ? (v as { id?: unknown }).id : v);

/**
 * The lines a term would have after a write of its nested `lines` value (Directus takes the whole
 * list — rows with an id are kept and updated, rows without one created, the rest deleted — or
 * `{ create, update, delete }`). A line of another term cannot be moved in.
 */
export function termLinesAfter(existing: readonly LineRow[], write: unknown): LineRow[] {
	const byId = new Map(existing.map((l) => [keyText(l.id), l]));
	const known = (v: unknown) => {
		const line = byId.get(keyText(v));
		if (!line) throw invalid('lines', `line ${keyText(v)} is not a line of this payment term`);
		return line;
	};
	const merge = (v: unknown): LineRow =>
		v !== null && typeof v === 'object' && !Array.isArray(v)
			? (v as LineRow).id === undefined
				? (v as LineRow)
				: { ...known(v), ...(v as LineRow) }
			: known(v);
	if (Array.isArray(write)) return write.map(merge);
	if (write === null || typeof write !== 'object')
		throw invalid('lines', `lines must be a list of payment term lines, got ${JSON.stringify(write)}`);
	const { create = [], update = [], delete: remove = [] } = write as { create?: unknown[]; update?: unknown[]; delete?: unknown[] };
	if (![create, update, remove].every(Array.isArray)) throw invalid('lines', 'lines.create, lines.update and lines.delete must be lists');
	const gone = new Set(remove.map((v) => keyText(known(v).id)));
	const updates = new Map(update.map((v) => [keyText(known(v).id), merge(v)]));
	return [
		...existing.filter((l) => !gone.has(keyText(l.id))).map((l) => updates.get(keyText(l.id)) ?? l),
		...create.map((v) => {
			if (v === null || typeof v !== 'object' || Array.isArray(v))
				throw invalid('lines', `a new line must be an object, got ${JSON.stringify(v)}`);
			return v as LineRow;
		}),
	];
}

/** The fen that must be received before the goods may leave. */
export const beforeShipmentShare = (schedule: ReadonlyArray<{ trigger: PaymentTrigger; amountFen: bigint }>) =>
	sumMoney(schedule.filter((s) => s.trigger === 'before_shipment').map((s) => s.amountFen));

/** The shipment gate (款到发货): refuses while receipts cover less than the before-shipment share. */
export function assertPaymentCovered(x: { order: string; requiredFen: bigint; coveredFen: bigint }): void {
	if (x.coveredFen >= x.requiredFen) return;
	const [required, covered, missing] = [x.requiredFen, x.coveredFen, x.requiredFen - x.coveredFen].map(formatMoney);
	throw new DomainError(
		ErrorCode.PAYMENT_REQUIRED,
		`${x.order}: ${required} must be paid before shipment, ${covered} covered, ${missing} missing`,
		409,
		{ required, covered, missing },
	);
}

/** Applies free advances oldest first to an open amount; each gives at most its free amount, together at most the open amount. */
export function applyAdvances<Id>(
	advances: ReadonlyArray<{ id: Id; freeFen: bigint }>,
	openFen: bigint,
): Array<{ id: Id; amountFen: bigint }> {
	let open = atLeastZero(openFen);
	const applied: Array<{ id: Id; amountFen: bigint }> = [];
	for (const { id, freeFen } of advances) {
		const amountFen = freeFen < open ? atLeastZero(freeFen) : open;
		if (amountFen === 0n) continue;
		applied.push({ id, amountFen });
		open -= amountFen;
	}
	return applied;
}

/** What has been paid, spread over the instalments in sequence order; none gets more than its amount, a surplus stays unspread. */
export function spreadPaid<T extends { sequence: number; amountFen: bigint }>(
	schedule: readonly T[],
	paidFen: bigint,
): Array<T & { paidFen: bigint }> {
	let left = atLeastZero(paidFen);
	return bySequence(schedule).map((instalment) => {
		const paid = instalment.amountFen < left ? instalment.amountFen : left;
		left -= paid;
		return { ...instalment, paidFen: paid };
	});
}

/**
 * An advance from a receipt to an order (预收款冲抵) takes at most the receipt's free amount and at most
 * what the order still lacks (total − already advanced).
 */
export function checkAdvance(x: {
	receipt: string;
	order: string;
	receiptFreeFen: bigint;
	orderTotalFen: bigint;
	orderAdvancedFen: bigint;
	amountFen: bigint;
}): void {
	const requested = formatMoney(x.amountFen);
	if (x.amountFen <= 0n) throw invalid('amount', `amount must be greater than 0, got ${requested}`);
	if (x.amountFen > x.receiptFreeFen) {
		const free = formatMoney(x.receiptFreeFen);
		throw new DomainError(ErrorCode.OVER_ALLOCATION, `${x.receipt}: free ${free}, requested ${requested} for ${x.order}`, 409, {
			receipt: x.receipt,
			free,
			requested,
		});
	}
	const lacking = atLeastZero(x.orderTotalFen - x.orderAdvancedFen);
	if (x.amountFen > lacking) {
		const [total, advanced, open] = [x.orderTotalFen, x.orderAdvancedFen, lacking].map(formatMoney);
		throw new DomainError(
			ErrorCode.OVER_ALLOCATION,
			`${x.order}: total ${total}, already advanced ${advanced}, still open ${open}, requested ${requested} from ${x.receipt}`,
			409,
			{ order: x.order, total, advanced, open, requested },
		);
	}
}

/** An instalment's payment state; one of nothing (a share of 0.01 rounded to 0.00) owes nothing and counts as paid. */
export const instalmentState = (amountFen: bigint, paidFen: bigint): 'unpaid' | 'partially_paid' | 'paid' =>
	paidFen >= amountFen ? 'paid' : paidFen <= 0n ? 'unpaid' : 'partially_paid';

export type ScheduledRow = { trigger: PaymentTrigger; dueDate: string | null; amountFen: bigint; paidFen: bigint };

/**
 * The due date of an invoice of orders with payment schedules (aging follows the instalments): the
 * earliest due date of the instalments payable after the goods left (all but before-shipment ones,
 * unless there are only those) that are not yet paid in full — or of all of them once they are; null
 * while those wait for their trigger (e.g. acceptance), so the invoice is not yet due.
 */
export function invoiceDueDate(instalments: readonly ScheduledRow[]): string | null {
	const after = instalments.filter((i) => i.trigger !== 'before_shipment');
	const candidates = after.length ? after : instalments;
	const open = candidates.filter((i) => i.paidFen < i.amountFen);
	const dates = (open.length ? open : candidates).map((i) => i.dueDate).filter((d): d is string => d !== null);
	return dates.sort()[0] ?? null;
}

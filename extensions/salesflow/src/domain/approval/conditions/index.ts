// The registry of approval condition types. A new type is one file beside these (plus its test),
// imported here and added to the list.
import { DomainError, ErrorCode } from '../../errors';
import type { ApprovalContext, ConditionResult } from '../context';
import { always } from './always';
import { amountBetween } from './amount-between';
import { belowFloor } from './below-floor';
import type { Condition } from './condition';
import { creditExceeded } from './credit-exceeded';
import { customerGrade } from './customer-grade';
import { firstOrderUnreviewed } from './first-order-unreviewed';
import { marginBelow } from './margin-below';
import { stockShort } from './stock-short';

export const CONDITIONS: Record<string, Condition> = Object.fromEntries(
	[always, belowFloor, marginBelow, amountBetween, creditExceeded, stockShort, firstOrderUnreviewed, customerGrade].map((c) => [c.type, c]),
);

/** Conditions whose reasons (and thresholds) only those who may see cost read. */
export const CONFIDENTIAL_CONDITIONS = Object.values(CONDITIONS)
	.filter((c) => c.confidential)
	.map((c) => c.type);

export function conditionParamsSchema(type: string): Condition['params'] {
	const c = CONDITIONS[type];
	if (!c)
		throw new DomainError(
			ErrorCode.INVALID_PAYLOAD,
			`unknown approval condition "${type}" (known: ${Object.keys(CONDITIONS).join(', ')})`,
			400,
			{ field: 'condition' },
		);
	return c.params;
}

export function evaluateCondition(type: string, params: unknown, ctx: ApprovalContext): ConditionResult {
	const parsed = conditionParamsSchema(type).safeParse(params ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
		throw new DomainError(ErrorCode.INVALID_PAYLOAD, `approval condition ${type}: invalid params: ${where}${issue.message}`, 400, {
			field: 'params',
		});
	}
	return CONDITIONS[type]!.evaluate(parsed.data, ctx);
}

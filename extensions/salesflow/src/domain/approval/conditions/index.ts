// The registry of approval condition types. A new type is one file beside these plus one line here.
import { DomainError } from '../../errors';
import type { ApprovalContext, ConditionResult } from '../context';
import { always } from './always';
import { amountBetween } from './amount-between';
import { belowFloor } from './below-floor';
import type { Condition } from './condition';
import { creditExceeded } from './credit-exceeded';
import { marginBelow } from './margin-below';

export const CONDITIONS: Record<string, Condition> = Object.fromEntries([always, belowFloor, marginBelow, amountBetween, creditExceeded].map((c) => [c.type, c]));

export function conditionParamsSchema(type: string) {
	const c = CONDITIONS[type];
	if (!c) throw new DomainError('INVALID_PAYLOAD', `unknown approval condition "${type}" (known: ${Object.keys(CONDITIONS).join(', ')})`, 400, { field: 'condition' });
	return c.params;
}

export function evaluateCondition(type: string, params: unknown, ctx: ApprovalContext): ConditionResult {
	const schema = conditionParamsSchema(type);
	const parsed = schema.safeParse(params ?? {});
	if (!parsed.success) throw new DomainError('INVALID_PAYLOAD', `approval condition ${type}: invalid params: ${parsed.error.issues[0]?.message}`, 400, { field: 'params' });
	return CONDITIONS[type]!.evaluate(parsed.data, ctx);
}

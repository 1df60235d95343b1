import type { z } from 'zod';
import type { ApprovalContext, ConditionResult } from '../context';

/** One approval condition type: its parameters (validated when an admin saves a rule) and how it matches. */
export type Condition<P = unknown> = {
	type: string;
	label: { en: string; zh: string };
	params: z.ZodType<P>;
	evaluate(params: P, ctx: ApprovalContext): ConditionResult;
};

export const defineCondition = <P>(c: Condition<P>): Condition<P> => c;

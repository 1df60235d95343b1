import type { z } from 'zod';
import type { ApprovalContext, ConditionResult } from '../context';

/** One approval condition type: its parameters (validated when an admin saves a rule) and how it matches. */
export type Condition<P = unknown> = {
	type: string;
	label: { en: string; zh: string };
	params: z.ZodType<P>;
	/**
	 * Set when the reasons (and a rule's name, which may state its threshold) carry confidential figures
	 * (cost, margin): what is shown instead to whoever may not see cost (PROCESS "Confidentiality of cost").
	 */
	confidential?: { rule: { en: string; zh: string }; reason: { en: string; zh: string } };
	evaluate(params: P, ctx: ApprovalContext): ConditionResult;
};

export const defineCondition = <P>(c: Condition<P>): Condition<P> => c;

// Delegation (转交/代理): an approver who is away names a delegate for a period; meanwhile the delegate
// decides the steps that ask the approver, on their behalf. Checked here without the database.
import { invalid } from '../errors';

export type DelegationInput = { user: string; delegate: string; starts_at: Date; ends_at: Date };

/** 400 naming the field: a delegate is someone else, and the period ends after it starts. */
export function checkDelegation(d: DelegationInput): void {
	if (d.delegate === d.user) throw invalid('delegate', 'the delegate must be someone other than the approver who is away');
	if (!(d.ends_at.getTime() > d.starts_at.getTime()))
		throw invalid('ends_at', `ends_at ${d.ends_at.toISOString()} must be after starts_at ${d.starts_at.toISOString()}`);
}

/** Whether a delegation covers the instant `at` (from its start, up to but not including its end). */
export const activeAt = (d: { starts_at: Date; ends_at: Date }, at: Date) =>
	d.starts_at.getTime() <= at.getTime() && at.getTime() < d.ends_at.getTime();

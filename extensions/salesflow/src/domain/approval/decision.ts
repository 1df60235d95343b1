// Walking an approval request's steps: who decides next, who is not asked twice, who may decide.
import { DomainError, ErrorCode } from '../errors';

export type StepState = {
	id: number | string;
	sequence: number;
	status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
	approver_user: string | null;
	approver_role: string | null;
	decided_by: string | null;
};

/** A user with the role keys they hold. */
export type Approver = { user: string; roles: string[] };

export const eligible = (step: StepState, a: Approver) =>
	step.approver_user ? step.approver_user === a.user : step.approver_role !== null && a.roles.includes(step.approver_role);

/**
 * Walks the steps in sequence: a waiting step that someone who already approved in this request
 * could decide is approved for them (`by`) — nobody is asked twice; the first other waiting step
 * becomes `next`. A step already pending is still the one to decide. `next: null` means every step
 * is approved: the request is complete.
 */
export function nextPending(
	steps: StepState[],
	alreadyApproved: Approver[],
): { autoApprove: Array<{ step: StepState; by: string }>; next: StepState | null } {
	const autoApprove: Array<{ step: StepState; by: string }> = [];
	for (const step of [...steps].sort((a, b) => a.sequence - b.sequence)) {
		if (step.status === 'rejected')
			throw new DomainError(ErrorCode.REQUEST_CLOSED, `the request was rejected at step ${step.sequence}`, 409, { step: step.sequence });
		if (step.status === 'pending') return { autoApprove, next: step };
		if (step.status !== 'waiting') continue;
		const earlier = alreadyApproved.find((a) => eligible(step, a));
		if (!earlier) return { autoApprove, next: step };
		autoApprove.push({ step, by: earlier.user });
	}
	return { autoApprove, next: null };
}

/**
 * Nobody approves or rejects their own document (not even an admin, nor through a delegation); only
 * the pending step's approver decides — its user, or a holder of its role — or their delegate: one of
 * `delegators` (approvers who named the actor for now) the step asks, never the document's requester.
 * Admins may stand in for a role step (or one with no approver left), never for a named user.
 * Returns on whose behalf the actor decides (null: their own step).
 */
export function canDecide(
	step: StepState,
	actor: Approver & { admin: boolean },
	requester: string | null,
	delegators: Approver[] = [],
): string | null {
	if (requester && actor.user === requester)
		throw new DomainError(ErrorCode.SELF_APPROVAL, 'You cannot approve or reject your own document', 403, { step: step.sequence });
	if (step.status !== 'pending')
		throw new DomainError(ErrorCode.REQUEST_CLOSED, `step ${step.sequence} is ${step.status}, not pending`, 409, {
			step: step.sequence,
			status: step.status,
		});
	if (eligible(step, actor) || (!step.approver_user && actor.admin)) return null;
	const stoodInFor = delegators.find((d) => d.user !== requester && eligible(step, d));
	if (stoodInFor) return stoodInFor.user;
	if (step.approver_user)
		throw new DomainError(ErrorCode.NOT_APPROVER, `step ${step.sequence} is for another approver`, 403, { step: step.sequence });
	const needs = step.approver_role ? `the role ${step.approver_role}` : 'an administrator';
	throw new DomainError(ErrorCode.NOT_APPROVER, `step ${step.sequence} needs ${needs}`, 403, {
		step: step.sequence,
		role: step.approver_role,
	});
}

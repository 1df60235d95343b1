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

const eligible = (step: StepState, a: Approver) =>
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
 * Nobody approves or rejects their own document (not even an admin); only the pending step's
 * approver decides — its user, or a holder of its role. Admins may stand in for a role step (or
 * one with no approver left), never for a named user.
 */
export function canDecide(step: StepState, actor: Approver & { admin: boolean }, requester: string | null): void {
	if (requester && actor.user === requester)
		throw new DomainError(ErrorCode.SELF_APPROVAL, 'You cannot approve or reject your own document', 403, { step: step.sequence });
	if (step.status !== 'pending')
		throw new DomainError(ErrorCode.REQUEST_CLOSED, `step ${step.sequence} is ${step.status}, not pending`, 409, {
			step: step.sequence,
			status: step.status,
		});
	if (step.approver_user) {
		if (step.approver_user !== actor.user)
			throw new DomainError(ErrorCode.NOT_APPROVER, `step ${step.sequence} is for another approver`, 403, { step: step.sequence });
		return;
	}
	if (actor.admin || (step.approver_role !== null && actor.roles.includes(step.approver_role))) return;
	const needs = step.approver_role ? `the role ${step.approver_role}` : 'an administrator';
	throw new DomainError(ErrorCode.NOT_APPROVER, `step ${step.sequence} needs ${needs}`, 403, {
		step: step.sequence,
		role: step.approver_role,
	});
}

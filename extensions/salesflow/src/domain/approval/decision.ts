// Walking an approval request's steps: who decides next, who is not asked twice, who may decide.
import { DomainError } from '../errors';

export type StepState = {
	id: number | string;
	sequence: number;
	status: 'waiting' | 'pending' | 'approved' | 'rejected' | 'skipped';
	approver_user: string | null;
	approver_role: string | null;
	decided_by: string | null;
};

export type Approver = { user: string; roles: string[] };

const eligible = (step: StepState, a: Approver) => (step.approver_user ? step.approver_user === a.user : step.approver_role ? a.roles.includes(step.approver_role) : false);

/**
 * The waiting steps in order: a step that someone who already approved in this request could
 * decide is approved for them (not asked twice); the first other step becomes pending.
 */
export function nextPending(steps: StepState[], alreadyApproved: Approver[]): { autoApprove: Array<{ step: StepState; by: string }>; next: StepState | null } {
	const autoApprove: Array<{ step: StepState; by: string }> = [];
	for (const step of [...steps].sort((a, b) => a.sequence - b.sequence)) {
		if (step.status !== 'waiting') continue;
		const earlier = alreadyApproved.find((a) => eligible(step, a));
		if (earlier) {
			autoApprove.push({ step, by: earlier.user });
			continue;
		}
		return { autoApprove, next: step };
	}
	return { autoApprove, next: null };
}

/** Nobody approves their own document; only the current step's approver decides (admins stand in for roles). */
export function canDecide(step: StepState, actor: Approver & { admin: boolean }, requester: string | null): void {
	if (requester && actor.user === requester) throw new DomainError('SELF_APPROVAL', 'You cannot approve or reject your own document', 403);
	if (step.approver_user) {
		if (step.approver_user !== actor.user) throw new DomainError('NOT_APPROVER', `Step ${step.sequence} is for another approver`, 403, { step: step.sequence });
		return;
	}
	if (step.approver_role && !actor.roles.includes(step.approver_role) && !actor.admin) {
		throw new DomainError('NOT_APPROVER', `Step ${step.sequence} needs the role ${step.approver_role}`, 403, { step: step.sequence, role: step.approver_role });
	}
}

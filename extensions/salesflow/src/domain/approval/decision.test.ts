import { describe, expect, it } from 'vitest';
import { canDecide, nextPending, type StepState } from './decision';

let nextId = 1;
const step = (
	sequence: number,
	approver: { user?: string; role?: string },
	status: StepState['status'] = 'waiting',
	decided_by: string | null = null,
): StepState => ({
	id: nextId++,
	sequence,
	status,
	approver_user: approver.user ?? null,
	approver_role: approver.role ?? null,
	decided_by,
});

const seqs = (r: ReturnType<typeof nextPending>) => ({
	auto: r.autoApprove.map((a) => [a.step.sequence, a.by]),
	next: r.next?.sequence ?? null,
});

describe('nextPending', () => {
	it('makes the first waiting step pending when nobody approved yet', () => {
		const steps = [step(1, { user: 'mgr' }), step(2, { role: 'division_head' })];
		expect(seqs(nextPending(steps, []))).toEqual({ auto: [], next: 1 });
	});

	it('walks in sequence order whatever the array order', () => {
		const steps = [step(3, { role: 'finance' }), step(1, { user: 'mgr' }, 'approved', 'mgr'), step(2, { role: 'legal' })];
		expect(seqs(nextPending(steps, [{ user: 'mgr', roles: ['sales_manager'] }]))).toEqual({ auto: [], next: 2 });
	});

	it('auto-approves a later step for the same user', () => {
		const steps = [step(1, { user: 'mgr' }, 'approved', 'mgr'), step(2, { user: 'mgr' }), step(3, { role: 'vp' })];
		expect(seqs(nextPending(steps, [{ user: 'mgr', roles: ['sales_manager'] }]))).toEqual({ auto: [[2, 'mgr']], next: 3 });
	});

	it('auto-approves a role step when an earlier approver holds the role', () => {
		// The manager is also the division head: the discount step is not asked of them twice.
		const steps = [step(1, { user: 'boss' }, 'approved', 'boss'), step(2, { role: 'division_head' }), step(3, { role: 'finance_manager' })];
		expect(seqs(nextPending(steps, [{ user: 'boss', roles: ['division_head'] }]))).toEqual({ auto: [[2, 'boss']], next: 3 });
	});

	it('auto-approves several steps in a row and completes the request', () => {
		const steps = [
			step(1, { role: 'legal' }, 'approved', 'x'),
			step(2, { role: 'legal' }),
			step(3, { user: 'x' }),
			step(4, { role: 'finance' }),
		];
		expect(seqs(nextPending(steps, [{ user: 'x', roles: ['legal', 'finance'] }]))).toEqual({
			auto: [
				[2, 'x'],
				[3, 'x'],
				[4, 'x'],
			],
			next: null,
		});
	});

	it('stops at the first step nobody earlier can decide, even if later ones could be auto-approved', () => {
		const steps = [step(1, { user: 'a' }, 'approved', 'a'), step(2, { role: 'vp' }), step(3, { user: 'a' })];
		expect(seqs(nextPending(steps, [{ user: 'a', roles: [] }]))).toEqual({ auto: [], next: 2 });
	});

	it('does not auto-approve a user step for someone else with the same role', () => {
		const steps = [step(1, { role: 'sales_manager' }, 'approved', 'm1'), step(2, { user: 'm2' })];
		expect(seqs(nextPending(steps, [{ user: 'm1', roles: ['sales_manager'] }]))).toEqual({ auto: [], next: 2 });
	});

	it('does not auto-approve a role step the earlier approver lacks', () => {
		const steps = [step(1, { user: 'mgr' }, 'approved', 'mgr'), step(2, { role: 'division_head' })];
		expect(seqs(nextPending(steps, [{ user: 'mgr', roles: ['sales_manager'] }]))).toEqual({ auto: [], next: 2 });
	});

	it('keeps a pending step as the one to decide', () => {
		const steps = [step(1, { user: 'a' }, 'approved', 'a'), step(2, { user: 'b' }, 'pending'), step(3, { user: 'a' })];
		expect(seqs(nextPending(steps, [{ user: 'a', roles: [] }]))).toEqual({ auto: [], next: 2 });
	});

	it('skips approved and skipped steps', () => {
		const steps = [step(1, { user: 'a' }, 'approved', 'a'), step(2, { role: 'x' }, 'skipped'), step(3, { user: 'c' })];
		expect(seqs(nextPending(steps, []))).toEqual({ auto: [], next: 3 });
	});

	it.each([
		['no steps', []],
		['only approved steps', [step(1, { user: 'a' }, 'approved', 'a'), step(2, { role: 'vp' }, 'approved', 'v')]],
	])('completes the request with %s', (_name, steps) => {
		expect(seqs(nextPending(steps, []))).toEqual({ auto: [], next: null });
	});

	it('refuses to walk a rejected request', () => {
		const steps = [step(1, { user: 'a' }, 'rejected', 'a'), step(2, { user: 'b' }, 'skipped')];
		expect(() => nextPending(steps, [])).toThrow(
			expect.objectContaining({ code: 'REQUEST_CLOSED', status: 409, message: 'the request was rejected at step 1' }),
		);
	});
});

describe('canDecide', () => {
	const rep = 'rep-1';
	const as = (user: string, roles: string[] = [], admin = false) => ({ user, roles, admin });

	it.each([
		['the named approver', step(1, { user: 'mgr' }, 'pending'), as('mgr')],
		['a holder of the role', step(1, { role: 'legal' }, 'pending'), as('lawyer', ['legal'])],
		['a holder of the role among others', step(1, { role: 'legal' }, 'pending'), as('x', ['finance', 'legal'])],
		['an admin for a role step', step(1, { role: 'vp' }, 'pending'), as('root', [], true)],
		['an admin for a step with no approver', step(1, {}, 'pending'), as('root', [], true)],
	])('lets %s decide', (_name, s, actor) => {
		expect(() => canDecide(s, actor, rep)).not.toThrow();
	});

	it.each([
		['a user step', step(1, { user: rep }, 'pending'), as(rep)],
		['a role step the requester holds', step(2, { role: 'sales_manager' }, 'pending'), as(rep, ['sales_manager'])],
		['an admin approving their own document', step(3, { role: 'vp' }, 'pending'), as(rep, [], true)],
	])('refuses self-approval on %s with 403 SELF_APPROVAL', (_name, s, actor) => {
		expect(() => canDecide(s, actor, rep)).toThrow(
			expect.objectContaining({
				code: 'SELF_APPROVAL',
				status: 403,
				message: 'You cannot approve or reject your own document',
				extensions: { step: s.sequence },
			}),
		);
	});

	it.each([
		[
			'another user on a user step',
			step(1, { user: 'mgr' }, 'pending'),
			as('other', ['sales_manager']),
			'step 1 is for another approver',
			{ step: 1 },
		],
		['an admin on a user step', step(1, { user: 'mgr' }, 'pending'), as('root', [], true), 'step 1 is for another approver', { step: 1 }],
		[
			'a user without the role',
			step(2, { role: 'legal' }, 'pending'),
			as('x', ['finance']),
			'step 2 needs the role legal',
			{ step: 2, role: 'legal' },
		],
		[
			'a user on a step with no approver',
			step(3, {}, 'pending'),
			as('x', ['vp']),
			'step 3 needs an administrator',
			{ step: 3, role: null },
		],
	])('refuses %s with 403 NOT_APPROVER', (_name, s, actor, message, extensions) => {
		expect(() => canDecide(s, actor, rep)).toThrow(expect.objectContaining({ code: 'NOT_APPROVER', status: 403, message, extensions }));
	});

	it.each([['waiting'], ['approved'], ['rejected'], ['skipped']] as const)('refuses a %s step with 409 REQUEST_CLOSED', (status) => {
		expect(() => canDecide(step(4, { user: 'mgr' }, status), as('mgr'), rep)).toThrow(
			expect.objectContaining({ code: 'REQUEST_CLOSED', status: 409, message: `step 4 is ${status}, not pending` }),
		);
	});

	describe('through a delegation (审批代理)', () => {
		const away = { user: 'mgr', roles: ['sales_manager'] };
		it('a delegate decides the steps that ask the approver away, on their behalf', () => {
			expect(canDecide(step(1, { user: 'mgr' }, 'pending'), as('deputy'), rep, [away])).toBe('mgr');
			expect(canDecide(step(2, { role: 'sales_manager' }, 'pending'), as('deputy'), rep, [away])).toBe('mgr');
		});
		it('deciding their own step is never on anyone’s behalf', () => {
			expect(canDecide(step(1, { user: 'deputy' }, 'pending'), as('deputy'), rep, [away])).toBeNull();
		});
		it('not a step that asks someone else', () => {
			expect(() => canDecide(step(1, { user: 'cfo' }, 'pending'), as('deputy'), rep, [away])).toThrow(
				expect.objectContaining({ code: 'NOT_APPROVER', status: 403 }),
			);
		});
		it('never self-approval: not the delegate’s own document, not for the requester', () => {
			expect(() => canDecide(step(1, { user: 'mgr' }, 'pending'), as(rep), rep, [away])).toThrow(
				expect.objectContaining({ code: 'SELF_APPROVAL' }),
			);
			expect(() =>
				canDecide(step(1, { role: 'sales_manager' }, 'pending'), as('deputy'), 'mgr', [{ user: 'mgr', roles: ['sales_manager'] }]),
			).toThrow(expect.objectContaining({ code: 'NOT_APPROVER' }));
		});
	});

	it('lets anyone eligible decide when the requester is unknown', () => {
		expect(() => canDecide(step(1, { role: 'vp' }, 'pending'), as('v', ['vp']), null)).not.toThrow();
	});
});

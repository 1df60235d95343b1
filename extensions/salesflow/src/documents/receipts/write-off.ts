// Who may allocate a receipt (核销). Finance allocates any receipt; sales allocate those of their own
// customers (seed 000 「财务人员发票开具完成后,销售人员在系统做手工核销」): the owning rep, and the rep's
// manager for the team — exactly the receipts their read scope shows them (schema/access.ts).
import type { Knex } from 'knex';
import { GRANTS } from '../../../../../schema/grants';
import { DomainError } from '../../domain/errors';
import { holdsGrant } from '../../platform/access';
import type { Actor } from '../../platform/context';
import { ownerInScope, scopeOf } from '../../platform/row-scope';

const ALLOCATORS = [...new Set([...GRANTS.allocate_receipts, ...GRANTS.allocate_own_receipts])];

/** 403 unless the caller allocates receipts at all (finance, or sales for their own customers). */
export function requireAllocator(actor: Actor): void {
	if (holdsGrant(actor, 'allocate_receipts') || holdsGrant(actor, 'allocate_own_receipts')) return;
	throw new DomainError('FORBIDDEN', `Only ${ALLOCATORS.join(', ')} may allocate receipts`, 403, { roles: ALLOCATORS });
}

/**
 * 403 unless the caller may allocate this receipt: finance any, sales one whose customer they own (or a
 * rep of theirs owns). Runs in the allocation's transaction before anything is written; a missing
 * receipt passes here and is answered 404 by the allocation.
 */
export async function assertMayAllocate(db: Knex, actor: Actor, receiptId: number): Promise<void> {
	if (holdsGrant(actor, 'allocate_receipts')) return;
	const row = await db('receipts as r').leftJoin('customers as c', 'c.id', 'r.customer').where('r.id', receiptId).first('c.owner');
	if (!row) return;
	const scope = holdsGrant(actor, 'allocate_own_receipts') ? scopeOf(actor, 'receipts', ['read']) : null;
	if (scope && row.owner && (await ownerInScope(db, scope, actor.user, row.owner))) return;
	// Another rep's receipt: refused without its number or customer.
	throw new DomainError(
		'FORBIDDEN',
		`You may allocate only receipts of your own customers${scope === 'team' ? " or your team's" : ''}; receipt ${receiptId} is not one of them`,
		403,
		{ receipt: receiptId },
	);
}

// The customer's 需整改 (needs rectification, 002): the delivery stays "delivered" with what to fix and
// by when, the rep is told, and the result joins the delivery's history (status_history, delivered →
// delivered with the note) beside the later move to "accepted".
import type { AcceptanceResult } from '../../domain/delivery-quality';
import { DomainError } from '../../domain/errors';
import type { DocContext, Id } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { now } from '../../platform/clock';
import { dbDate, lockRow } from '../../platform/database';
import { itemLink, notify } from '../../platform/notify';

export async function recordRectification(
	ctx: DocContext,
	keys: Id[],
	payload: Record<string, unknown>,
	acceptance: { result: AcceptanceResult; note?: string; due?: string },
): Promise<void> {
	await inTransaction(ctx, async (t) => {
		for (const id of keys) {
			const row = await lockRow(t.trx, 'shipments', id);
			if (!row) continue;
			if (row.status !== 'delivered')
				throw new DomainError(
					'INVALID_TRANSITION',
					`${row.number} is ${row.status}: only a delivered delivery note is accepted or sent back for rectification`,
					409,
					{ field: 'acceptance', status: row.status },
				);
			await t
				.trx('shipments')
				.where({ id })
				.update({
					acceptance: 'needs_rectification',
					rectification_note: acceptance.note,
					rectification_due: dbDate(t.trx, acceptance.due ?? null),
					...('acceptance_note' in payload ? { acceptance_note: payload.acceptance_note } : {}),
				});
			const reason = `需整改 / Needs rectification: ${acceptance.note}（整改期限 / due ${acceptance.due}）`;
			await t.trx('status_history').insert({
				collection: 'shipments',
				item: String(id),
				document_number: row.number,
				owner: row.owner ?? null,
				from_status: 'delivered',
				to_status: 'delivered',
				moved_by: t.actor.user,
				by_system: false,
				reason,
				date_created: now(),
			});
			if (row.owner) {
				const customer = await t.trx('customers').where({ id: row.customer }).first('name');
				await notify(t.trx, {
					recipient: row.owner,
					sender: t.actor.user ?? null,
					subject: `验收需整改 / Rectification required: ${row.number} ${customer?.name ?? ''}`.trim(),
					event: 'salesflow.notice.rectification_required',
					number: row.number,
					message: `${reason}\n${itemLink('shipments', id)}`,
					collection: 'shipments',
					item: id,
				});
			}
		}
	});
}

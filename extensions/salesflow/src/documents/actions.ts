// The moves a caller may make on a document now, for its page in the data app
// (GET /documents/:collection/:id/actions). The candidates come from the document's status table
// (movesFrom) and the named routes; whether each is possible is found by making it in a transaction
// that is rolled back (rehearse): the same door, the same rules, so a reason is exactly the refusal
// the real move gives — and a confirmation says what the move really does (approvers, stock).
import type { Knex } from 'knex';
import { statusLabel } from '../../../../schema/labels';
import {
	confirmText,
	moveLabel,
	type Outcome,
	POOL_CONFIRM,
	type Refusal,
	ROUTE_LABELS,
	refusalText,
	type Text,
} from '../domain/document-actions';
import { displayQty, parseQty } from '../domain/money';
import { movesFrom } from '../domain/state-machines';
import { decide } from '../engine/approvals/engine';
import { approvalInbox } from '../engine/approvals/inbox';
import { openApprovers } from '../engine/approvals/timeline';
import type { DocContext, Id, TrxDocContext } from '../engine/document-type';
import { rehearse } from '../engine/status';
import { holdsGrant } from '../platform/access';
import type { Row } from '../platform/database';
import { assertOrderCovered } from './contracts/performance';
import { assignPooledCustomer, claimCustomer, poolAssignees } from './customers/pool';
import { type BlueRequest, createBlueInvoice, INVOICEABLE_SHIPMENT } from './invoices/drafts';
import { issueInvoiceAs } from './invoices/issue';
import { assertPrepaid } from './receipts/advances';

export type DocumentAction = {
	key: string;
	label: Text;
	/** A status move: PATCH /items/:collection/:id { status: to }. */
	to?: string;
	/**
	 * A named route: the call to make with `body` (a comment asked for when `comment` says so; with `pick`,
	 * the body's field of that name carries one of `choices`, which the user picks); `opens`: the
	 * collection of the document the route creates, whose page the app opens next.
	 */
	route?: {
		method: 'POST';
		path: string;
		comment?: 'optional' | 'required';
		pick?: string;
		body?: Record<string, unknown>;
		opens?: string;
	};
	choices?: Array<{ value: string; text: string }>;
	/** A page to open instead (print, a new delivery note). */
	link?: string;
	enabled: boolean;
	reason?: Text;
	confirm?: Text;
};

/** What GET /print/:collection/:id prints (CONTRACT.md). */
const PRINTABLE = ['quotes', 'contracts', 'sales_orders', 'shipments', 'invoices', 'statements'];

type Attempt = { ok: true; confirm: Text } | { ok: false; refusal: Refusal };

/** Our DomainError and its Directus form both carry code, message and extensions. */
function refusalOf(e: unknown): Refusal | null {
	if (typeof e !== 'object' || e === null || typeof (e as { code?: unknown }).code !== 'string') return null;
	const { code, message, extensions } = e as { code: string; message?: string; extensions?: Record<string, unknown> };
	return { code, message: String(extensions?.message ?? message ?? code), extensions: extensions ?? {} };
}

const label = (collection: string, status: string): Text => statusLabel(collection, status) ?? { zh: status, en: status };

/**
 * Makes `work` on the document and rolls it back: refused (the refusal), or what it did to the
 * document's status, its approval and the stock. Errors that are no refusal (a bug, the database) propagate.
 */
async function attempt(ctx: DocContext, collection: string, row: Row, work: (t: TrxDocContext) => Promise<unknown>): Promise<Attempt> {
	let lastMove = 0;
	const result = await rehearse(
		ctx,
		async (t) => {
			lastMove = Number((await t.trx('stock_moves').max({ m: 'id' }).first())?.m ?? 0);
			await work(t);
		},
		(t) => outcome(t.trx, collection, row, lastMove),
	);
	if (result.ok) return { ok: true, confirm: confirmText(result.value) };
	const refusal = refusalOf(result.error);
	if (!refusal) throw result.error;
	return { ok: false, refusal };
}

async function outcome(trx: Knex, collection: string, before: Row, lastMove: number): Promise<Outcome> {
	const after = await trx(collection).where({ id: before.id }).first();
	const moves: Row[] = await trx('stock_moves as m')
		.join('products as p', 'p.id', 'm.product')
		.join('warehouses as w', 'w.id', 'm.warehouse')
		.where('m.id', '>', lastMove)
		.orderBy('m.id')
		.select('p.sku', 'w.code as warehouse', 'm.quantity');
	const approving = after?.status === 'pending_approval' && after.approval_request;
	return {
		from: label(collection, before.status),
		to: label(collection, after?.status ?? before.status),
		approvers: approving ? await openApprovers(trx, after.approval_request) : [],
		stock: moves.map((m) => ({ sku: m.sku, warehouse: m.warehouse, quantity: displayQty(parseQty(m.quantity)) })),
	};
}

/** An action from an attempt; refusals for want of permission are no action of the caller's at all. */
function actionOf(base: Omit<DocumentAction, 'enabled'>, a: Attempt): DocumentAction | null {
	if (a.ok) return { ...base, enabled: true, confirm: a.confirm };
	if (a.refusal.code === 'FORBIDDEN') return null;
	return { ...base, enabled: false, reason: refusalText(a.refusal) };
}

/** The status moves of the document's table open to the caller, each tried as the caller's own PATCH. */
async function statusMoves(ctx: DocContext, collection: string, row: Row): Promise<DocumentAction[]> {
	const lifecycle = ctx.documents.document(collection)?.lifecycle;
	if (!lifecycle) return [];
	const out: DocumentAction[] = [];
	for (const move of movesFrom(lifecycle, row.status, ctx.actor)) {
		const tried = await attempt(ctx, collection, row, async (t) => {
			const service = new t.services.ItemsService(collection, { knex: t.trx, schema: t.schema, accountability: t.accountability });
			// Our rules run as for any PATCH; the request's after-effects (cache purge, action hooks) are not for a rehearsal.
			await service.updateOne(row.id, { status: move.to }, { autoPurgeCache: false, bypassEmitAction: () => {} });
		});
		const action = actionOf(
			{ key: `status:${move.to}`, label: moveLabel(collection, move.to, statusLabel(collection, move.to)), to: move.to },
			tried,
		);
		if (action) out.push(action);
	}
	return out;
}

/** Approve and reject for the caller when the document's current approval step asks them (or one they stand in for). */
async function approvalDecisions(ctx: DocContext, collection: string, row: Row): Promise<DocumentAction[]> {
	if (row.status !== 'pending_approval' || !row.approval_request) return [];
	const mine = (await approvalInbox(ctx)).find((x) => x.collection === collection && String(x.item) === String(row.id));
	if (!mine) return [];
	const path = `/approvals/${mine.request}`;
	const approved = await attempt(ctx, collection, row, (t) => decide(t, mine.request, { decision: 'approve', comment: null }));
	const requester = mine.requested_by_name ?? '—';
	return [
		actionOf(
			{ key: 'approve', label: ROUTE_LABELS.approve, route: { method: 'POST', path: `${path}/approve`, comment: 'optional' } },
			approved,
		),
		{
			key: 'reject',
			label: ROUTE_LABELS.reject,
			route: { method: 'POST', path: `${path}/reject`, comment: 'required' },
			enabled: true,
			confirm: {
				zh: `单据将被驳回并退回给 ${requester}，驳回需填写意见。`,
				en: `The document is rejected and goes back to ${requester}; a rejection needs a comment.`,
			},
		},
	].filter((a): a is DocumentAction => a !== null);
}

/** Issuing an invoice: finance's route (POST /invoicing/invoices/:id/issue), rehearsed as the route runs it. */
async function invoiceIssue(ctx: DocContext, row: Row): Promise<DocumentAction[]> {
	if (!['draft', 'submitted'].includes(row.status) || !holdsGrant(ctx.actor, 'issue_invoices')) return [];
	const tried = await attempt(ctx, 'invoices', row, (t) => issueInvoiceAs(t, Number(row.id)));
	const action = actionOf(
		{ key: 'issue_invoice', label: ROUTE_LABELS.issue_invoice, route: { method: 'POST', path: `/invoicing/invoices/${row.id}/issue` } },
		tried,
	);
	return action ? [action] : [];
}

/**
 * Invoicing a delivery note whose goods have left: a draft blue invoice of what is left to invoice on
 * it, of the type its order asks for (POST /invoicing/invoices), which the app then opens.
 */
async function shipmentInvoice(ctx: DocContext, row: Row): Promise<DocumentAction[]> {
	if (!INVOICEABLE_SHIPMENT.includes(row.status) || !holdsGrant(ctx.actor, 'draft_invoices')) return [];
	const order = await ctx.db('sales_orders').where({ id: row.order }).first('invoice_type');
	const body = { type: (order?.invoice_type ?? 'vat_ordinary') as BlueRequest['type'], shipments: [Number(row.id)] };
	const tried = await attempt(ctx, 'shipments', row, (t) => createBlueInvoice(t.trx, { ...body, owner: ctx.actor.user }));
	const action = actionOf(
		{
			key: 'draft_invoice',
			label: ROUTE_LABELS.draft_invoice,
			route: { method: 'POST', path: '/invoicing/invoices', body, opens: 'invoices' },
		},
		tried,
	);
	if (action?.enabled)
		action.confirm = {
			zh: '将按本发货单未开票的数量新建发票（草稿），由财务开票。',
			en: "A draft invoice of this note's uninvoiced quantities is created; finance issues it.",
		};
	return action ? [action] : [];
}

/**
 * Delivering a confirmed order: a delivery note the caller may draft for it, and the gates its goods
 * pass on the way out (signed contract, advance payment) — the checks the note's submit and issue run.
 */
async function orderDelivery(ctx: DocContext, row: Row): Promise<DocumentAction[]> {
	if (!['confirmed', 'partially_shipped'].includes(row.status)) return [];
	const warehouse = await ctx.db('warehouses').orderBy('id').first('id');
	const tried = await attempt(ctx, 'sales_orders', row, async (t) => {
		const service = new t.services.ItemsService('shipments', { knex: t.trx, schema: t.schema, accountability: t.accountability });
		await service.createOne({ order: row.id, warehouse: warehouse?.id ?? null }, { autoPurgeCache: false, bypassEmitAction: () => {} });
		await assertOrderCovered(t.trx, row.id);
		await assertPrepaid(t.trx, row.id);
	});
	const action = actionOf({ key: 'deliver', label: ROUTE_LABELS.deliver, link: '/admin/content/shipments/+' }, tried);
	if (action?.enabled)
		action.confirm = {
			zh: '将新建本订单的发货单（草稿），提交仓库后出库。',
			en: 'A draft delivery note for this order is created; the warehouse issues it once sent.',
		};
	return action ? [action] : [];
}

/**
 * A customer in the public pool (公海, no owner): a seller claims it (认领), a sales manager assigns it
 * to a seller of the team (分配) — each rehearsed through the pool's own code, so a reason is the
 * refusal the route gives. An assignment is tried with the first seller the caller may pick.
 */
async function poolMoves(ctx: DocContext, row: Row): Promise<DocumentAction[]> {
	if (row.owner) return [];
	const out: DocumentAction[] = [];
	// The rehearsal's confirmation speaks of the status, which the pool leaves alone: say who owns it instead.
	const withConfirm = (action: DocumentAction | null, confirm: Text) => {
		if (action) out.push(action.enabled ? { ...action, confirm } : action);
	};
	if (holdsGrant(ctx.actor, 'own_customers')) {
		const tried = await attempt(ctx, 'customers', row, (t) => claimCustomer(t, Number(row.id)));
		const path = `/customers/${row.id}/claim`;
		withConfirm(
			actionOf({ key: 'claim', label: ROUTE_LABELS.claim, route: { method: 'POST', path } }, tried),
			POOL_CONFIRM.claim(row.name),
		);
	}
	if (holdsGrant(ctx.actor, 'transfer_ownership')) {
		const sellers = await poolAssignees(ctx);
		const base = {
			key: 'assign',
			label: ROUTE_LABELS.assign,
			route: { method: 'POST' as const, path: `/customers/${row.id}/assign`, pick: 'owner' },
			choices: sellers.map((u) => ({ value: u.id, text: u.name })),
		};
		if (!sellers.length) out.push({ ...base, enabled: false, reason: POOL_CONFIRM.noAssignee });
		else {
			const tried = await attempt(ctx, 'customers', row, (t) => assignPooledCustomer(t, Number(row.id), sellers[0]!.id));
			withConfirm(actionOf(base, tried), POOL_CONFIRM.assign(row.name));
		}
	}
	return out;
}

/** Every action on a document the caller may read (the caller checks that first). */
export async function documentActions(ctx: DocContext, collection: string, id: Id): Promise<DocumentAction[]> {
	const row = await ctx.db(collection).where({ id }).first();
	const actions = [
		...(await statusMoves(ctx, collection, row)),
		...(await approvalDecisions(ctx, collection, row)),
		...(collection === 'invoices' ? await invoiceIssue(ctx, row) : []),
		...(collection === 'sales_orders' ? await orderDelivery(ctx, row) : []),
		...(collection === 'customers' ? await poolMoves(ctx, row) : []),
		...(collection === 'shipments' ? await shipmentInvoice(ctx, row) : []),
	];
	// Printing is another route's (GET /print/:collection/:id, CONTRACT.md): only its link here.
	if (PRINTABLE.includes(collection))
		actions.push({ key: 'print', label: ROUTE_LABELS.print, link: `/print/${collection}/${id}`, enabled: true });
	return actions;
}

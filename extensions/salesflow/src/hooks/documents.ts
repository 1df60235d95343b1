// The rules every document shares: owner defaults to the creator, a generated number, computed
// fields only the server writes, status moves only through the transition table, and a document
// (with its lines) is write-locked outside its editable statuses.
import type { Knex } from 'knex';
import { computeLine } from '../domain/document-totals';
import { DomainError } from '../domain/errors';
import { isId, nonNegativeMoney, positiveMoney, positiveQty, zRate } from '../domain/money';
import { assertWritable } from '../lib/input';
import { EDITABLE_STATUSES, initialStatus } from '../domain/state-machines';
import type { Actor } from '../lib/actor';
import { COMPUTED_FIELDS, LINE_PARENTS, NUMBERED, OWNED, WITH_STATUS } from '../lib/model';
import { nextDocumentNumber } from '../lib/numbering';
import { assertVisible, readVisible } from '../lib/access';
import type { RuleContext } from '../lib/context';
import { runTransitions } from './transitions';
import { forget, memoized, remember, remembered } from '../lib/transaction-memo';

/** Fields that stay editable after a document leaves its editable statuses (logistics, follow-up). */
const ALWAYS_EDITABLE: Record<string, string[]> = {
	shipments: ['carrier', 'tracking_no', 'shipped_at', 'eta', 'delivered_at', 'acceptance', 'acceptance_note'],
	contracts: ['signed_scan', 'sign_date'],
	statements: ['confirmed_payment_date', 'dispute_note'],
	customers: ['*'],
	complaints: ['*'],
	work_reports: ['review_comment'],
	quotes: ['memo'],
	sales_orders: ['memo'],
};

const OWNER_TRANSFER_ROLES = ['sales_manager', 'division_head'];

/** Fields that define what a document is about: fixed once it exists (make a new document instead). */
const FIXED_AFTER_CREATE: Record<string, string[]> = {
	shipments: ['order', 'customer'],
	return_requests: ['shipment', 'customer'],
	order_changes: ['order'],
	loan_returns: ['loan'],
	loan_conversions: ['loan'],
	returns: ['return_request', 'customer'],
	receipts: ['customer'],
	invoices: ['customer', 'direction', 'original_invoice'],
	statements: ['customer', 'period'],
	stock_entries: ['type', 'warehouse'],
};

/** References a user may change while editing: the new target must be one they can see. */
const REFERENCES: Record<string, Record<string, string>> = {
	quotes: { customer: 'customers' },
	contracts: { customer: 'customers', quote: 'quotes' },
	sales_orders: { customer: 'customers', contract: 'contracts', quote: 'quotes' },
	loans: { customer: 'customers' },
	visits: { customer: 'customers' },
	complaints: { customer: 'customers' },
};

/** Statuses a new record may be created in besides the first one (a customer is registered as a lead or a prospect). */
const CREATE_STATUSES: Record<string, string[]> = { customers: ['lead', 'prospect'] };

/** Numbers a user types on lines, checked at the edge before any rule reads them. */
const LINE_NUMBERS: Record<string, { schema: ReturnType<typeof positiveQty>; nullable: boolean }> = {
	quantity: { schema: positiveQty('quantity'), nullable: false },
	unit_price: { schema: nonNegativeMoney('unit_price'), nullable: false },
	tax_rate: { schema: zRate('tax_rate'), nullable: true }, // null takes the product's rate
	new_quantity: { schema: positiveQty('new_quantity'), nullable: true }, // an order change may leave it as is
	new_unit_price: { schema: nonNegativeMoney('new_unit_price'), nullable: true },
};

/** Document amounts that stay greater than 0 when edited (creation checks them in the document's own rule). */
const POSITIVE_ON_UPDATE: Record<string, string[]> = { receipts: ['amount'] };

/** What a new line must name (the rules below read them; a line without them is meaningless). */
const LINE_REQUIRED: Record<string, string[]> = {
	quote_lines: ['product', 'quantity', 'unit_price'],
	sales_order_lines: ['product', 'quantity', 'unit_price'],
	stock_entry_lines: ['product', 'quantity'],
	loan_lines: ['product', 'quantity'],
	shipment_lines: ['order_line', 'quantity'],
	return_request_lines: ['shipment_line', 'quantity'],
	loan_return_lines: ['loan_line', 'quantity'],
	loan_conversion_lines: ['loan_line', 'quantity'],
	order_change_lines: ['order_line'],
};

function checkLineInput(line: string, payload: Record<string, any>, creating: boolean): void {
	for (const field of creating ? (LINE_REQUIRED[line] ?? []) : []) {
		if (payload[field] === undefined || payload[field] === null || payload[field] === '')
			throw new DomainError('INVALID_PAYLOAD', `${line}.${field} is required`, 400, { field });
	}
	for (const [field, rule] of Object.entries(LINE_NUMBERS)) {
		if (!(field in payload) || (payload[field] === null && rule.nullable)) continue;
		if (payload[field] === null) throw new DomainError('INVALID_PAYLOAD', `${line}.${field} is required`, 400, { field });
		const parsed = rule.schema.safeParse(payload[field]);
		if (!parsed.success) throw new DomainError('INVALID_PAYLOAD', `${line}.${field}: ${parsed.error.issues[0]!.message}`, 400, { field });
	}
}

export type CreateRule = (ctx: RuleContext, payload: Record<string, any>) => Promise<void>;
export type LineRule = (
	ctx: RuleContext,
	payload: Record<string, any>,
	current: Record<string, any> | undefined,
	parent: Record<string, any> | undefined,
) => Promise<void>;
const createRules = new Map<string, CreateRule[]>();
const lineRules = new Map<string, LineRule[]>();

/** A document type's own checks and defaults on create (inside the creating transaction). */
export function onCreate(collection: string, rule: CreateRule): void {
	createRules.set(collection, [...(createRules.get(collection) ?? []), rule]);
}

/** A line type's own checks and derived fields on create/update (parent already lock-checked). */
export function onLineWrite(line: string, rule: LineRule): void {
	lineRules.set(line, [...(lineRules.get(line) ?? []), rule]);
}

/** A user may not write computed fields; our own code writes them with knex or as system. */
export function rejectComputed(collection: string, payload: Record<string, unknown>, actor: Actor): void {
	if (actor.system) return;
	const computed = COMPUTED_FIELDS[collection];
	const hit = Object.keys(payload).find((f) => computed?.has(f));
	if (hit) throw new DomainError('FORBIDDEN', `${collection}.${hit} is computed by Salesflow and cannot be written`, 403, { field: hit });
}

function checkOwner(payload: Record<string, unknown>, actor: Actor, creating: boolean): void {
	if (!('owner' in payload) || actor.system || actor.admin) return;
	if (creating && payload.owner === actor.user) return;
	if (!actor.roles.some((r) => OWNER_TRANSFER_ROLES.includes(r))) {
		throw new DomainError('FORBIDDEN', 'Only a sales manager or division head can transfer ownership', 403, { field: 'owner' });
	}
}

/** Throws DOCUMENT_LOCKED when `fields` may not change while the document is in `status`. */
export function assertEditable(collection: string, row: { status?: string; number?: string; id: unknown }, fields: string[]): void {
	const editable = EDITABLE_STATUSES[collection];
	if (!editable || !row.status || editable.includes(row.status)) return;
	const always = ALWAYS_EDITABLE[collection] ?? [];
	if (always.includes('*')) return;
	const locked = fields.filter((f) => !always.includes(f));
	if (locked.length) {
		throw new DomainError(
			'DOCUMENT_LOCKED',
			`${row.number ?? `${collection} ${row.id}`} is ${row.status} and locked: ${locked.join(', ')} cannot change`,
			409,
			{
				status: row.status,
				fields: locked,
			},
		);
	}
}

export async function beforeCreateDocument(ctx: RuleContext, collection: string, payload: Record<string, any>): Promise<void> {
	await assertWritable(ctx, collection, payload);
	rejectComputed(collection, payload, ctx.actor);
	checkOwner(payload, ctx.actor, true);
	if (OWNED.has(collection) && !payload.owner && ctx.actor.user) payload.owner = ctx.actor.user;
	if (WITH_STATUS.has(collection) && (payload.status === null || payload.status === ''))
		throw new DomainError('INVALID_PAYLOAD', `${collection}.status is required`, 400, { field: 'status' });
	if (WITH_STATUS.has(collection) && payload.status !== undefined && !ctx.actor.system) {
		const startsAs = CREATE_STATUSES[collection] ?? [initialStatus(collection)];
		if (!startsAs.includes(payload.status))
			throw new DomainError('INVALID_TRANSITION', `${collection} start as ${startsAs.join(' or ')}, not ${payload.status}`, 409, {
				to: payload.status,
			});
	}
	if (NUMBERED.has(collection)) {
		payload.number = await nextDocumentNumber(ctx.db, collection);
		remember(ctx.db, createdHere(collection, payload.number));
	}
	if (collection === 'customers') payload.code = await nextDocumentNumber(ctx.db, 'customers');
	for (const rule of createRules.get(collection) ?? []) await rule(ctx, payload);
}

/**
 * Update of one or more documents. Status moves run first, each in its own transaction (Directus
 * then records a single document's move, see runTransitions); the remaining fields are returned
 * for Directus to write.
 */
export async function beforeUpdateDocument(
	ctx: RuleContext,
	collection: string,
	keys: Array<string | number>,
	payload: Record<string, any>,
): Promise<Record<string, any>> {
	forget(ctx.db, collection);
	await assertVisible(ctx, collection, keys);
	await assertWritable(ctx, collection, payload);
	rejectComputed(collection, payload, ctx.actor);
	checkOwner(payload, ctx.actor, false);
	for (const field of POSITIVE_ON_UPDATE[collection] ?? []) {
		if (!(field in payload)) continue;
		const parsed = positiveMoney(field).safeParse(payload[field]);
		if (!parsed.success)
			throw new DomainError('INVALID_PAYLOAD', `${collection}.${field}: ${parsed.error.issues[0]!.message}`, 400, { field });
	}
	const { status, ...rest } = payload;
	const fields = Object.keys(rest);
	const fixed = fields.find((f) => FIXED_AFTER_CREATE[collection]?.includes(f));
	if (fixed && !ctx.actor.system)
		throw new DomainError('INVALID_PAYLOAD', `${collection}.${fixed} cannot change once the document exists; create a new one`, 400, {
			field: fixed,
		});
	for (const [field, target] of Object.entries(REFERENCES[collection] ?? {})) {
		if (rest[field] !== undefined && rest[field] !== null && !ctx.actor.system) await readVisible(ctx, target, rest[field], field);
	}
	if (fields.length) {
		const rows = await ctx
			.db(collection)
			.whereIn('id', keys)
			.select('id', ...(WITH_STATUS.has(collection) ? ['status'] : []), ...(NUMBERED.has(collection) ? ['number'] : []));
		for (const row of rows) assertEditable(collection, row, fields);
	}
	if (status !== undefined && WITH_STATUS.has(collection)) {
		// Setting the status a document already has is refused too: a second "issued" must not pass silently.
		const final = await runTransitions(ctx, collection, keys, String(status), rest);
		return final === null ? {} : { status: final };
	}
	return payload;
}

/** The memo key of a document created in the current transaction, by its freshly drawn number. */
const createdHere = (collection: string, number: unknown) => `created:${collection}:${number}`;

async function parentRow(db: Knex, line: string, parentId: unknown): Promise<any | undefined> {
	const p = LINE_PARENTS[line]!;
	if (parentId === undefined || parentId === null) return undefined;
	const id = typeof parentId === 'object' ? (parentId as any).id : parentId;
	return memoized(db, `${p.parent}:${id}`, () => db(p.parent).where({ id }).first());
}

/** Fills a line's computed amounts and snapshots, and refuses changes to a locked document. */
export async function beforeWriteLine(
	ctx: RuleContext,
	line: string,
	payload: Record<string, any>,
	current?: Record<string, any>,
	creating = !current,
): Promise<void> {
	await assertWritable(ctx, line, payload);
	rejectComputed(line, payload, ctx.actor);
	checkLineInput(line, payload, creating && !ctx.actor.system);
	const p = LINE_PARENTS[line]!;
	// A line goes only into a document the caller can see (permissions don't filter creates by row),
	// or one this request has just created (nested lines): its number was drawn in this transaction.
	if (!ctx.actor.system && (creating || p.fk in payload) && payload[p.fk] !== undefined && payload[p.fk] !== null) {
		const key = typeof payload[p.fk] === 'object' ? payload[p.fk].id : payload[p.fk];
		const own = isId(key) && remembered(ctx.db, createdHere(p.parent, (await parentRow(ctx.db, line, key))?.number));
		if (!own) await memoized(ctx.db, `visible:${p.parent}:${key}`, () => readVisible(ctx, p.parent, key, p.fk));
	}
	const parent = await parentRow(ctx.db, line, payload[p.fk] ?? current?.[p.fk]);
	if (parent) assertEditable(p.parent, parent, [p.alias]);
	for (const rule of lineRules.get(line) ?? []) await rule(ctx, payload, current, parent);
	const merged = { ...current, ...payload };
	const productId = merged.product;
	if ('unit_price' in merged && 'quantity' in merged && productId && ['quote_lines', 'sales_order_lines'].includes(line)) {
		const product = await memoized(ctx.db, `products:${productId}`, () => ctx.db('products').where({ id: productId }).first());
		if (!product) throw new DomainError('INVALID_PAYLOAD', `product ${productId} does not exist`, 400, { field: 'product' });
		if (!payload.tax_rate && !current?.tax_rate) payload.tax_rate = product.tax_rate;
		if (!current || 'product' in payload) {
			payload.floor_price = product.floor_price;
			if (line === 'quote_lines') Object.assign(payload, { list_price: product.list_price, cost_price: product.cost_price });
		}
		Object.assign(
			payload,
			computeLine({ quantity: merged.quantity, unit_price: merged.unit_price, tax_rate: payload.tax_rate ?? merged.tax_rate }),
		);
	}
}

export async function beforeDeleteLines(ctx: RuleContext, line: string, keys: Array<string | number>): Promise<void> {
	await assertVisible(ctx, line, keys);
	const p = LINE_PARENTS[line]!;
	const parents = await ctx.db(line).whereIn('id', keys).distinct(p.fk);
	for (const r of parents) {
		const parent = await parentRow(ctx.db, line, r[p.fk]);
		if (parent) assertEditable(p.parent, parent, [p.alias]);
	}
}

// The rules every document shares, driven by its type (engine/document-type.ts): owner defaults to
// the creator, a generated number, computed fields only the server writes, references only to rows
// the caller may read, status moves only through the status table (engine/status.ts), and a document
// with its lines write-locked outside its editable statuses, and for good once archived (归档).
import { GRANTS } from '../../../../schema/access';
import { assertNotArchived } from '../domain/archive';
import { computeLine } from '../domain/document-totals';
import { DomainError, invalid } from '../domain/errors';
import { isId, nonNegativeMoney, nonNegativeQty, positiveMoney, positiveQty, zRate } from '../domain/money';
import { initialStatus } from '../domain/state-machines';
import { assertVisible, holdsGrant, keyOf, readVisible } from '../platform/access';
import type { Actor } from '../platform/context';
import type { Row } from '../platform/database';
import { assertWritable } from '../platform/input';
import { forget, memoized, remember, remembered } from '../platform/memo';
import { AUDIT_FIELDS, COMPUTED_FIELDS, NUMBERED, OWNED, REFERENCES, WITH_STATUS } from '../platform/model';
import { nextDocumentNumber } from '../platform/numbering';
import type { DocContext, DocumentType, Id, LineOf, RecordRules } from './document-type';
import { checkReferences } from './references';
import { moveByUser } from './status';

/** Numbers a user types on lines, checked at the edge before any rule reads them. */
const LINE_NUMBERS: Record<string, { schema: ReturnType<typeof positiveQty>; nullable: boolean }> = {
	quantity: { schema: positiveQty('quantity'), nullable: false },
	unit_price: { schema: nonNegativeMoney('unit_price'), nullable: false },
	tax_rate: { schema: zRate('tax_rate'), nullable: true }, // null takes the product's rate
	new_quantity: { schema: positiveQty('new_quantity'), nullable: true }, // an order change may leave it as is
	new_unit_price: { schema: nonNegativeMoney('new_unit_price'), nullable: true },
};

/** Where a line collection reads one of them differently: a contract change's new quantity 0 removes the line. */
const LINE_NUMBERS_OF: Record<string, typeof LINE_NUMBERS> = {
	contract_change_lines: { ...LINE_NUMBERS, new_quantity: { schema: nonNegativeQty('new_quantity'), nullable: true } },
};

function checkLineInput(of: LineOf, payload: Row, creating: boolean): void {
	const line = of.line.collection;
	for (const field of creating ? (of.line.required ?? []) : []) {
		if (payload[field] === undefined || payload[field] === null || payload[field] === '')
			throw invalid(field, `${line}.${field} is required`);
	}
	for (const [field, rule] of Object.entries(LINE_NUMBERS_OF[line] ?? LINE_NUMBERS)) {
		if (!(field in payload) || (payload[field] === null && rule.nullable)) continue;
		if (payload[field] === null) throw invalid(field, `${line}.${field} is required`);
		const parsed = rule.schema.safeParse(payload[field]);
		if (!parsed.success) throw invalid(field, `${line}.${field}: ${parsed.error.issues[0]!.message}`);
	}
}

/** A user may not write computed fields (our own code writes them with knex or as system), nor audit stamps. */
export function rejectComputed(collection: string, payload: Row, actor: Actor): void {
	if (actor.system) return;
	const hit = Object.keys(payload).find((f) => COMPUTED_FIELDS[collection]?.has(f));
	if (hit) throw new DomainError('FORBIDDEN', `${collection}.${hit} is computed by Salesflow and cannot be written`, 403, { field: hit });
	rejectAuditStamps(collection, payload, actor);
}

/** Who created or changed a row and when is recorded by the system; only an administrator corrects it. */
export function rejectAuditStamps(collection: string, payload: Row, actor: Actor): void {
	if (actor.system || actor.admin) return;
	const stamp = Object.keys(payload).find((f) => AUDIT_FIELDS[collection]?.has(f));
	if (stamp)
		throw new DomainError('FORBIDDEN', `${collection}.${stamp} is recorded by the system and cannot be written`, 403, { field: stamp });
}

function checkOwner(payload: Row, actor: Actor, creating: boolean): void {
	if (!('owner' in payload) || actor.system || actor.admin) return;
	if (creating && payload.owner === actor.user) return;
	if (!holdsGrant(actor, 'transfer_ownership')) {
		throw new DomainError('FORBIDDEN', `Only ${GRANTS.transfer_ownership.join(', ')} can transfer ownership`, 403, { field: 'owner' });
	}
}

/** Throws DOCUMENT_LOCKED when `fields` may not change while the document is in `status`, or at all once it is archived. */
export function assertEditable(type: DocumentType, row: Row, fields: string[]): void {
	assertNotArchived(type.collection, row);
	const editable = type.lifecycle?.editable;
	if (!editable || !row.status || editable.includes(row.status)) return;
	const always = type.lifecycle?.alwaysEditable ?? [];
	const locked = fields.filter((f) => !always.includes(f));
	if (locked.length) {
		throw new DomainError(
			'DOCUMENT_LOCKED',
			`${row.number ?? `${type.collection} ${row.id}`} is ${row.status} and locked: ${locked.join(', ')} cannot change`,
			409,
			{ status: row.status, fields: locked },
		);
	}
}

/**
 * Refuses any item write to archived documents, status moves and always-editable fields included. Only
 * writes through Directus' items come here: Salesflow's own bookkeeping on an archived document (a
 * receipt paying an archived invoice, invoiced quantities of an archived delivery note) is SQL and goes on.
 */
async function assertNoneArchived(ctx: DocContext, type: DocumentType, keys: Id[]): Promise<void> {
	if (!type.archive) return;
	const rows = await ctx.db(type.collection).whereIn('id', keys).select('id', 'number', 'archived_at', 'archive_location');
	for (const row of rows) assertNotArchived(type.collection, row);
}

/**
 * Deleting documents: the caller's own rows (a rule's message must not reveal others'), each in an
 * editable status (an issued delivery note or a confirmed order has effects a delete would orphan) and
 * none archived.
 */
export async function beforeDeleteDocument(ctx: DocContext, type: DocumentType, keys: Id[]): Promise<void> {
	if (type.archive) await assertVisible(ctx, type.collection, keys);
	await assertNoneArchived(ctx, type, keys);
	const editable = type.lifecycle?.editable;
	if (editable) {
		const locked = await ctx.db(type.collection).whereIn('id', keys).whereNotIn('status', editable).first('id', 'number', 'status');
		if (locked)
			throw new DomainError(
				'DOCUMENT_LOCKED',
				`${locked.number ?? `${type.collection} ${locked.id}`} is ${locked.status} and locked: only a document in ${editable.join('/')} can be deleted`,
				409,
				{ status: locked.status },
			);
	}
	await type.onDelete?.(ctx, keys);
}

/** The memo key of a document created in the current transaction, by its freshly drawn number. */
const createdHere = (collection: string, number: unknown) => `created:${collection}:${number}`;

export async function beforeCreateDocument(ctx: DocContext, type: DocumentType, payload: Row): Promise<void> {
	const { collection } = type;
	await assertWritable(ctx, collection, payload);
	rejectComputed(collection, payload, ctx.actor);
	checkOwner(payload, ctx.actor, true);
	await checkReferences(ctx, collection, payload);
	if (OWNED.has(collection) && !payload.owner && ctx.actor.user) payload.owner = ctx.actor.user;
	if (WITH_STATUS.has(collection) && (payload.status === null || payload.status === ''))
		throw invalid('status', `${collection}.status is required`);
	if (type.lifecycle && payload.status !== undefined && !ctx.actor.system) {
		const startsAs = [initialStatus(type.lifecycle), ...(type.lifecycle.createdAs ?? [])];
		if (!startsAs.includes(payload.status)) {
			throw new DomainError('INVALID_TRANSITION', `${collection} start as ${startsAs.join(' or ')}, not ${payload.status}`, 409, {
				to: payload.status,
			});
		}
	}
	if (NUMBERED.has(collection)) {
		payload.number = await nextDocumentNumber(ctx.db, collection);
		remember(ctx.db, createdHere(collection, payload.number));
	}
	await type.onCreate?.(ctx, payload);
}

/**
 * Update of one or more documents. A status move runs first, in its own transaction (engine/status.ts);
 * the remaining fields are returned for Directus to write.
 */
export async function beforeUpdateDocument(ctx: DocContext, type: DocumentType, keys: Id[], payload: Row): Promise<Row> {
	const { collection } = type;
	forget(ctx.db, collection);
	await assertVisible(ctx, collection, keys);
	await assertNoneArchived(ctx, type, keys);
	await assertWritable(ctx, collection, payload);
	rejectComputed(collection, payload, ctx.actor);
	checkOwner(payload, ctx.actor, false);
	for (const field of type.positiveOnUpdate ?? []) {
		if (!(field in payload)) continue;
		const parsed = positiveMoney(field).safeParse(payload[field]);
		if (!parsed.success) throw invalid(field, `${collection}.${field}: ${parsed.error.issues[0]!.message}`);
	}
	const { status, ...rest } = payload;
	const fields = Object.keys(rest);
	const fixed = fields.find((f) => type.fixedAfterCreate?.includes(f));
	if (fixed && !ctx.actor.system) throw invalid(fixed, `${collection}.${fixed} cannot change once the document exists; create a new one`);
	if (Object.keys(rest).some((f) => REFERENCES[collection]?.[f]))
		await checkReferences(ctx, collection, rest, await ctx.db(collection).whereIn('id', keys));
	if (fields.length) {
		const rows = await ctx
			.db(collection)
			.whereIn('id', keys)
			.select('id', ...(WITH_STATUS.has(collection) ? ['status'] : []), ...(NUMBERED.has(collection) ? ['number'] : []));
		for (const row of rows) assertEditable(type, row, fields);
	}
	if (status !== undefined && type.lifecycle) {
		// Setting the status a document already has is refused too: a second "issued" must not pass silently.
		// The other fields are written inside the move, where this filter runs on them again with the type's own rules.
		const final = await moveByUser(ctx, collection, keys, String(status), rest);
		return final === null ? {} : { status: final };
	}
	await type.onUpdate?.(ctx, keys, payload);
	return payload;
}

/** A plain record (contact, sales target, approval rule…): audit stamps and references, then its own rule. */
export async function beforeCreateRecord(ctx: DocContext, type: RecordRules, payload: Row): Promise<void> {
	rejectAuditStamps(type.collection, payload, ctx.actor);
	await checkReferences(ctx, type.collection, payload);
	await type.onCreate?.(ctx, payload);
}

export async function beforeUpdateRecord(ctx: DocContext, type: RecordRules, keys: Id[], payload: Row): Promise<Row | undefined> {
	rejectAuditStamps(type.collection, payload, ctx.actor);
	if (Object.keys(payload).some((f) => REFERENCES[type.collection]?.[f])) {
		await assertVisible(ctx, type.collection, keys);
		await checkReferences(ctx, type.collection, payload, await ctx.db(type.collection).whereIn('id', keys));
	}
	return type.onUpdate?.(ctx, keys, payload);
}

async function parentRow(ctx: DocContext, of: LineOf, parentId: unknown): Promise<Row | undefined> {
	if (parentId === undefined || parentId === null) return undefined;
	const id = keyOf(parentId) as Id;
	return memoized(ctx.db, `${of.parent.collection}:${id}`, () => ctx.db(of.parent.collection).where({ id }).first());
}

/** Fills a line's computed amounts and snapshots, and refuses changes to a locked document. */
export async function beforeWriteLine(ctx: DocContext, of: LineOf, payload: Row, current?: Row, creating = !current): Promise<void> {
	const line = of.line.collection;
	await assertWritable(ctx, line, payload);
	rejectComputed(line, payload, ctx.actor);
	checkLineInput(of, payload, creating && !ctx.actor.system);
	// A line goes only into a document the caller can see (permissions don't filter creates by row),
	// or one this request has just created (nested lines): its number was drawn in this transaction.
	if (!ctx.actor.system && (creating || of.fk in payload) && payload[of.fk] !== undefined && payload[of.fk] !== null) {
		const key = keyOf(payload[of.fk]);
		const own = isId(key) && remembered(ctx.db, createdHere(of.parent.collection, (await parentRow(ctx, of, key))?.number));
		if (!own) await memoized(ctx.db, `visible:${of.parent.collection}:${key}`, () => readVisible(ctx, of.parent.collection, key, of.fk));
	}
	await checkReferences(ctx, line, payload, current ? [current] : []);
	const parent = await parentRow(ctx, of, payload[of.fk] ?? current?.[of.fk]);
	if (parent) assertEditable(of.parent, parent, [of.alias]);
	await of.line.onWrite?.(ctx, payload, current, parent);
	if (of.line.snapshot) await priceLine(ctx, of, payload, current);
}

/** A line the user prices: the product's rate by default, its prices snapshotted, the amounts computed. */
async function priceLine(ctx: DocContext, of: LineOf, payload: Row, current: Row | undefined): Promise<void> {
	const merged = { ...current, ...payload };
	const productId = merged.product;
	if (!('unit_price' in merged && 'quantity' in merged && productId)) return;
	const product = await memoized(ctx.db, `products:${productId}`, () => ctx.db('products').where({ id: productId }).first());
	if (!product) throw invalid('product', `product ${productId} does not exist`);
	if (!payload.tax_rate && !current?.tax_rate) payload.tax_rate = product.tax_rate;
	if (!current || 'product' in payload) for (const field of of.line.snapshot ?? []) payload[field] = product[field];
	Object.assign(
		payload,
		computeLine({ quantity: merged.quantity, unit_price: merged.unit_price, tax_rate: payload.tax_rate ?? merged.tax_rate }),
	);
}

/** Refuses deleting lines of a locked document; answers the documents the lines belong to. */
export async function beforeDeleteLines(ctx: DocContext, of: LineOf, keys: Id[]): Promise<unknown[]> {
	await assertVisible(ctx, of.line.collection, keys);
	const parents: unknown[] = (await ctx.db(of.line.collection).whereIn('id', keys).distinct(of.fk)).map((r: Row) => r[of.fk]);
	for (const id of parents) {
		const parent = await parentRow(ctx, of, id);
		if (parent) assertEditable(of.parent, parent, [of.alias]);
	}
	return parents;
}

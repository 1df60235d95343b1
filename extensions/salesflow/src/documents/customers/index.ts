// Customers (客户管理): registration by first report (报备制度) with at least one contact; a second
// registration of the same company is refused and says who owns it; grade, owner and status changes
// are kept as history (history.ts); finance's review (enterprise status, credit rating) is stamped with
// who and when.
import type { Knex } from 'knex';
import { GRANTS } from '../../../../../schema/grants';
import { ROLES } from '../../../../../schema/roles';
import { duplicateCustomerMessage, personName } from '../../domain/crm';
import { REVIEW_FIELDS } from '../../domain/customer-review';
import { GRADES, normalizeCustomerName, normalizeTaxId } from '../../domain/customers';
import { DomainError, invalid } from '../../domain/errors';
import { roleId } from '../../domain/ids';
import { nonNegativeMoney } from '../../domain/money';
import { type DocContext, defineDocument, type Effect, type Id } from '../../engine/document-type';
import { keyOf } from '../../platform/access';
import { dateAt, now, today } from '../../platform/clock';
import { instantOf, lockKeys, type Row } from '../../platform/database';
import { nestedRows } from '../../platform/input';
import { MAX_LENGTH } from '../../platform/model';
import { nextDocumentNumber } from '../../platform/numbering';
import { blank, checkContact } from '../contacts';
import { captureBefore, recordChanges } from './history';
import { customerLifecycle } from './lifecycle';
import { sweepPublicPool } from './pool';

const INTENTS = ['high', 'medium', 'low'];

const roleLabel = (role: string | null | undefined) => {
	const r = ROLES.find((x) => roleId(x.key) === role);
	return r ? `${r.label.zh} / ${r.label.en}` : null;
};

/** Field rules shared by create and update (only the fields present are checked on update). */
function checkCustomerFields(payload: Row, creating: boolean): void {
	if (creating || 'name' in payload) {
		if (blank(payload.name) || typeof payload.name !== 'string') throw invalid('name', 'name (客户名称) is required');
		payload.name = payload.name.trim();
		const max = MAX_LENGTH.customers!.name!;
		if (payload.name.length > max) throw invalid('name', `name is longer than ${max} characters`);
		payload.name_key = normalizeCustomerName(payload.name);
		if (!payload.name_key) throw invalid('name', `name "${payload.name}" has nothing left to identify the customer`);
	}
	if ('tax_id' in payload) {
		if (payload.tax_id !== null && typeof payload.tax_id !== 'string') throw invalid('tax_id', 'tax_id must be text');
		payload.tax_id = normalizeTaxId(payload.tax_id);
		if (payload.tax_id && !/^[0-9A-Z]{6,30}$/.test(payload.tax_id)) {
			throw invalid('tax_id', `tax_id must be 6–30 letters and digits (统一社会信用代码), got "${payload.tax_id}"`);
		}
	}
	if (creating && 'status' in payload && blank(payload.status)) throw invalid('status', 'status (客户状态) is required');
	if ('grade' in payload && !(typeof payload.grade === 'string' && Object.hasOwn(GRADES, payload.grade))) {
		throw invalid('grade', `grade must be one of ${Object.keys(GRADES).join(', ')}, got ${JSON.stringify(payload.grade)}`);
	}
	if ('intent' in payload && payload.intent !== null && !INTENTS.includes(payload.intent)) {
		throw invalid('intent', `intent must be one of ${INTENTS.join(', ')}, got ${JSON.stringify(payload.intent)}`);
	}
	if ('credit_limit' in payload && payload.credit_limit !== null) {
		const limit = nonNegativeMoney('credit_limit').safeParse(payload.credit_limit);
		if (!limit.success) throw invalid('credit_limit', limit.error.issues[0]!.message);
	}
	if ('payment_terms_days' in payload && payload.payment_terms_days !== null) {
		const d = Number(payload.payment_terms_days);
		if (typeof payload.payment_terms_days === 'boolean' || !Number.isInteger(d) || d < 0 || d > 365) {
			throw invalid(
				'payment_terms_days',
				`payment_terms_days must be a whole number of days 0–365, got ${JSON.stringify(payload.payment_terms_days)}`,
			);
		}
	}
}

/** A registration names at least one new contact person with name, title and phone (必填). */
function requireContacts(contacts: unknown): void {
	const fresh = (nestedRows(contacts) as unknown[])
		.map((c, i) => [c, i] as const)
		.filter(([c]) => c && typeof c === 'object' && !(c as Row).id);
	if (!fresh.length)
		throw invalid('contacts', 'contacts: a customer is registered with at least one contact (name, title, phone / 联系人、职务、电话)');
	for (const [c, i] of fresh) checkContact(c as Row, `contacts[${i}].`, true);
}

/**
 * Refuses a customer whose taxpayer ID or normalised name another customer already has. The
 * message says who registered it and when — nothing else of that record.
 */
async function assertNotRegistered(
	ctx: DocContext,
	c: { name: string; nameKey: string; taxId: string | null },
	except: Id[] = [],
): Promise<void> {
	const hit = await ctx
		.db('customers as c')
		.leftJoin('directus_users as u', 'u.id', 'c.owner')
		.where((w) => {
			w.where('c.name_key', c.nameKey);
			if (c.taxId) w.orWhere('c.tax_id', c.taxId);
		})
		.modify((q) => {
			if (except.length) q.whereNotIn('c.id', except);
		})
		.orderBy('c.id')
		.first('c.id', 'c.code', 'c.pooled_at', 'c.tax_id', 'c.date_created', 'c.owner', 'u.first_name', 'u.last_name', 'u.email', 'u.role');
	if (!hit) return;
	const matchedBy = c.taxId && hit.tax_id === c.taxId ? 'tax_id' : 'name';
	// 公海: the first report stands; a pooled customer is claimed, not registered again.
	if (!hit.owner && hit.pooled_at)
		throw new DomainError(
			'DUPLICATE_CUSTOMER',
			`${c.name} is already registered and is in the public pool (公海, ${matchedBy === 'tax_id' ? 'same taxpayer ID' : 'same name'}); claim customer ${hit.code} instead`,
			409,
			{ field: matchedBy, in_pool: true, customer: hit.id },
		);
	const created = instantOf(hit.date_created);
	const message = duplicateCustomerMessage({
		name: c.name,
		matchedBy,
		ownerName: hit.owner ? personName(hit) : null,
		ownerRole: roleLabel(hit.role),
		registeredOn: created ? dateAt(created) : null,
		self: !!hit.owner && hit.owner === ctx.actor.user,
	});
	throw new DomainError('DUPLICATE_CUSTOMER', message, 409, { field: matchedBy, owner_name: hit.owner ? personName(hit) : null });
}

const identityLocks = (nameKey: string, taxId: string | null) => [`customer-name:${nameKey}`, ...(taxId ? [`customer-tax:${taxId}`] : [])];

/** The new owner must be an active user who sells. */
async function checkNewOwner(db: Knex, owner: unknown): Promise<void> {
	if (blank(owner)) throw invalid('owner', 'owner is required: a customer always has an owner');
	const id = keyOf(owner);
	const user = await db('directus_users')
		.where({ id: String(id) })
		.first('id', 'status', 'role');
	if (user?.status !== 'active') throw invalid('owner', `owner ${id} is not an active user`);
	if (!GRANTS.own_customers.some((r) => roleId(r) === user.role))
		throw invalid('owner', `owner must be a sales rep, sales manager or division head`);
}

/** Everything an update of customers must satisfy (run before any of it is written). */
async function checkCustomerUpdate(ctx: DocContext, keys: Id[], payload: Row): Promise<void> {
	checkCustomerFields(payload, false);
	if ('owner' in payload) await checkNewOwner(ctx.db, payload.owner);
	if (!('name' in payload) && !('tax_id' in payload)) return;
	if (keys.length > 1) throw invalid('name', 'rename customers or change their taxpayer IDs one at a time');
	const row = await ctx.db('customers').where({ id: keys[0] }).first('id', 'name', 'name_key', 'tax_id');
	if (!row) return; // Directus answers for a missing item
	const nameKey = payload.name_key ?? row.name_key;
	const taxId = 'tax_id' in payload ? payload.tax_id : row.tax_id;
	if (nameKey === row.name_key && taxId === row.tax_id) return;
	await assertNotRegistered(ctx, { name: payload.name ?? row.name, nameKey, taxId }, [row.id]);
}

/** Setting the enterprise status or the credit rating is the customer review (资信审核): who and when are stamped. */
function stampReview(ctx: DocContext, payload: Row): void {
	if (!REVIEW_FIELDS.some((f) => f in payload)) return;
	payload.reviewed_by = ctx.actor.user;
	payload.reviewed_at = now().toISOString();
}

/** Every status move is kept in the customer's history, in the same transaction. */
const recordStatus: Effect = async ({ trx, id, from, to, actor }) => {
	await trx('customer_history').insert({
		customer: id,
		kind: 'status',
		from_value: from,
		to_value: to,
		date_created: now(),
		user_created: actor.user,
	});
	return undefined;
};

export const customers = defineDocument({
	collection: 'customers',
	lifecycle: customerLifecycle,
	onCreate: async (ctx, payload) => {
		payload.code = await nextDocumentNumber(ctx.db, 'customers');
		checkCustomerFields(payload, true);
		requireContacts(payload.contacts);
		payload.status ??= 'lead';
		// Registering on behalf of someone (a manager for a rep): that someone must sell.
		if (payload.owner && keyOf(payload.owner) !== ctx.actor.user) await checkNewOwner(ctx.db, payload.owner);
		// Inside the creating transaction: a parallel registration of the same customer waits here
		// (PostgreSQL advisory lock; SQLite has one writer) and then sees this one.
		await lockKeys(ctx.db, identityLocks(payload.name_key, payload.tax_id ?? null));
		await assertNotRegistered(ctx, { name: payload.name, nameKey: payload.name_key, taxId: payload.tax_id ?? null });
		stampReview(ctx, payload);
	},
	onUpdate: async (ctx, keys, payload) => {
		await checkCustomerUpdate(ctx, keys, payload);
		// A new owner starts with a clean public-pool clock (pool.ts counts from owner_since).
		if ('owner' in payload) Object.assign(payload, { owner_since: today(), pool_reminded_on: null, pooled_at: null });
		await captureBefore(ctx.db, ctx.accountability, keys, payload);
		stampReview(ctx, payload);
		return undefined;
	},
	afterCommit: { update: (ctx, keys, payload) => recordChanges(ctx.db, ctx.accountability, keys, payload) },
	effects: Object.fromEntries(customerLifecycle.statuses.map((s) => [s, recordStatus])),
	jobs: [{ name: 'public-pool', env: 'PUBLIC_POOL', cron: '29 * * * *', run: (ctx) => sweepPublicPool(ctx) }],
});

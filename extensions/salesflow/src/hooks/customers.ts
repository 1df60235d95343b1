// Customers (客户管理): registration by first report (报备制度) with at least one contact, duplicate
// registrations refused with who owns the customer, grade/owner/status changes kept as history,
// and the list of customers nobody has contacted for N days.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ROLES } from '../../../../schema/roles';
import {
	businessTimeZone,
	daysWithoutContact,
	duplicateCustomerMessage,
	isPlausiblePhone,
	localClock,
	parseInstant,
	personName,
	staleCustomerDays,
} from '../domain/crm';
import { GRADES, normalizeCustomerName, normalizeTaxId } from '../domain/customers';
import { addDays } from '../domain/dates';
import { DomainError, invalid } from '../domain/errors';
import { roleId } from '../domain/ids';
import { nonNegativeMoney } from '../domain/money';
import { STATUSES } from '../domain/state-machines';
import { assertVisible, readVisible } from '../lib/access';
import { dataCachePurger } from '../lib/cache';
import { isPostgres, type RuleContext } from '../lib/context';
import { directusErrors } from '../lib/errors';
import { notify } from '../lib/notify';
import type { ContextFactory } from './features';
import { onCreate } from './documents';
import { onTransition } from './transitions';

const INTENTS = ['high', 'medium', 'low'];
const CONTACT_FIELDS = [
	['name', '联系人姓名 / contact name'],
	['title', '联系人职务 / contact title'],
	['phone', '联系电话 / contact phone'],
] as const;
/** Who may own customers: the people who sell. */
const OWNER_ROLES = ['sales_rep', 'sales_manager', 'division_head'];

// ——— helpers other CRM files share ———

/** The company's time zone (SALESFLOW_TIMEZONE, default Asia/Shanghai). */
export const timeZone = () => businessTimeZone(process.env);

/** Today's date in the company's time zone. */
export const localToday = (now = new Date()) => localClock(now, timeZone()).date;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A DATE column as 'YYYY-MM-DD', whichever shape the driver hands back: Directus writes dates as
 * local midnight, which SQLite keeps as epoch milliseconds (or text when written as text) and
 * node-postgres returns as a Date at local midnight — so the local calendar fields are the date.
 */
export function dateOnly(v: unknown): string | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'string' && !/^\d+(\.\d+)?$/.test(v)) return v.slice(0, 10);
	const d = v instanceof Date ? v : new Date(Number(v));
	if (Number.isNaN(d.getTime())) return null;
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A calendar day as Directus itself stores it in a DATE column (local midnight on SQLite). */
export function dbDate(db: Knex, day: string | null): string | Date | null {
	if (!day) return null;
	if (isPostgres(db)) return day;
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(y, m - 1, d);
}

type DayOp = '=' | '<' | '<=' | '>' | '>=';

/** `column op day` by calendar day, for either shape SQLite may hold (epoch ms or text). */
export function whereDay(db: Knex, q: Knex.QueryBuilder, column: string, op: DayOp, day: string): Knex.QueryBuilder {
	if (isPostgres(db)) return q.where(column, op, day);
	const ms = (dbDate(db, day) as Date).getTime();
	return q.where((w) =>
		w
			.where((a) => a.whereRaw("typeof(??) in ('integer', 'real')", [column]).where(column, op, ms))
			.orWhere((b) => b.whereRaw("typeof(??) = 'text'", [column]).whereRaw(`substr(??, 1, 10) ${op} ?`, [column, day])),
	);
}

/**
 * Serialises writers that check-then-insert the same keys (PostgreSQL: transaction-scoped advisory
 * locks, taken in one global order so two writers never deadlock). SQLite serialises writers already.
 * Must run inside the writing transaction.
 */
export async function lockKeys(db: Knex, keys: string[]): Promise<void> {
	if (!isPostgres(db)) return;
	const ids = [...new Set(keys)]
		.map((k) => createHash('sha1').update(`salesflow:${k}`).digest().readBigInt64BE(0))
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	for (const id of ids) await db.raw('select pg_advisory_xact_lock(?::bigint)', [id.toString()]);
}

const roleLabel = (role: string | null | undefined) => {
	const r = ROLES.find((x) => roleId(x.key) === role);
	return r ? `${r.label.zh} / ${r.label.en}` : null;
};

// ——— registration ———

const idOf = (v: any) => (v && typeof v === 'object' ? v.id : v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

/** Field rules shared by create and update (only the fields present are checked on update). */
function checkCustomerFields(payload: Record<string, any>, creating: boolean): void {
	if (creating || 'name' in payload) {
		if (blank(payload.name) || typeof payload.name !== 'string') throw invalid('name', 'name (客户名称) is required');
		payload.name = payload.name.trim();
		if (payload.name.length > 255) throw invalid('name', 'name is longer than 255 characters');
		payload.name_key = normalizeCustomerName(payload.name);
		if (!payload.name_key) throw invalid('name', `name "${payload.name}" has nothing left to identify the customer`);
	}
	if ('tax_id' in payload) {
		if (payload.tax_id !== null && typeof payload.tax_id !== 'string') throw invalid('tax_id', 'tax_id must be text');
		payload.tax_id = normalizeTaxId(payload.tax_id);
		if (payload.tax_id && !/^[0-9A-Z]{6,30}$/.test(payload.tax_id))
			throw invalid('tax_id', `tax_id must be 6–30 letters and digits (统一社会信用代码), got "${payload.tax_id}"`);
	}
	if (creating && 'status' in payload && blank(payload.status)) throw invalid('status', 'status (客户状态) is required');
	if ('grade' in payload && !(typeof payload.grade === 'string' && Object.hasOwn(GRADES, payload.grade)))
		throw invalid('grade', `grade must be one of ${Object.keys(GRADES).join(', ')}, got ${JSON.stringify(payload.grade)}`);
	if ('intent' in payload && payload.intent !== null && !INTENTS.includes(payload.intent))
		throw invalid('intent', `intent must be one of ${INTENTS.join(', ')}, got ${JSON.stringify(payload.intent)}`);
	if ('credit_limit' in payload && payload.credit_limit !== null) {
		const limit = nonNegativeMoney('credit_limit').safeParse(payload.credit_limit);
		if (!limit.success) throw invalid('credit_limit', limit.error.issues[0]!.message);
	}
	if ('payment_terms_days' in payload && payload.payment_terms_days !== null) {
		const d = Number(payload.payment_terms_days);
		if (typeof payload.payment_terms_days === 'boolean' || !Number.isInteger(d) || d < 0 || d > 365)
			throw invalid(
				'payment_terms_days',
				`payment_terms_days must be a whole number of days 0–365, got ${JSON.stringify(payload.payment_terms_days)}`,
			);
	}
}

function checkContact(c: Record<string, any>, prefix: string, creating: boolean): void {
	for (const [f, label] of CONTACT_FIELDS) {
		if (!creating && !(f in c)) continue;
		if (blank(c[f]) || typeof c[f] !== 'string') throw invalid(`${prefix}${f}`, `${prefix}${f} (${label}) is required`);
		c[f] = c[f].trim();
		if (c[f].length > 255) throw invalid(`${prefix}${f}`, `${prefix}${f} is longer than 255 characters (got ${c[f].length})`);
	}
	if ('phone' in c && !isPlausiblePhone(c.phone))
		throw invalid(`${prefix}phone`, `${prefix}phone "${c.phone}" is not a phone number (at least 7 digits)`);
}

/** A registration names at least one new contact person with name, title and phone (必填). */
function requireContacts(contacts: unknown): void {
	const created = Array.isArray(contacts) ? contacts : contacts && typeof contacts === 'object' ? ((contacts as any).create ?? []) : [];
	const fresh = (created as unknown[]).map((c, i) => [c, i] as const).filter(([c]) => c && typeof c === 'object' && !(c as any).id);
	if (!fresh.length)
		throw invalid('contacts', 'contacts: a customer is registered with at least one contact (name, title, phone / 联系人、职务、电话)');
	for (const [c, i] of fresh) checkContact(c as any, `contacts[${i}].`, true);
}

/**
 * Refuses a customer whose taxpayer ID or normalised name another customer already has. The
 * message says who registered it and when — nothing else of that record.
 */
async function assertNotRegistered(
	ctx: RuleContext,
	db: Knex,
	c: { name: string; nameKey: string; taxId: string | null },
	except: Array<string | number> = [],
): Promise<void> {
	const hit = await db('customers as c')
		.leftJoin('directus_users as u', 'u.id', 'c.owner')
		.where((w) => {
			w.where('c.name_key', c.nameKey);
			if (c.taxId) w.orWhere('c.tax_id', c.taxId);
		})
		.modify((q) => {
			if (except.length) q.whereNotIn('c.id', except);
		})
		.orderBy('c.id')
		.first('c.tax_id', 'c.date_created', 'c.owner', 'u.first_name', 'u.last_name', 'u.email', 'u.role');
	if (!hit) return;
	const matchedBy = c.taxId && hit.tax_id === c.taxId ? 'tax_id' : 'name';
	const created = parseInstant(hit.date_created);
	const message = duplicateCustomerMessage({
		name: c.name,
		matchedBy,
		ownerName: hit.owner ? personName(hit) : null,
		ownerRole: roleLabel(hit.role),
		registeredOn: created ? localClock(created, timeZone()).date : null,
		self: !!hit.owner && hit.owner === ctx.actor.user,
	});
	throw new DomainError('DUPLICATE_CUSTOMER', message, 409, { field: matchedBy, owner_name: hit.owner ? personName(hit) : null });
}

const identityLocks = (nameKey: string, taxId: string | null) => [`customer-name:${nameKey}`, ...(taxId ? [`customer-tax:${taxId}`] : [])];

onCreate('customers', async (ctx, payload) => {
	checkCustomerFields(payload, true);
	requireContacts(payload.contacts);
	payload.status ??= 'lead';
	// Registering on behalf of someone (a manager for a rep): that someone must sell.
	if (payload.owner && idOf(payload.owner) !== ctx.actor.user) await checkNewOwner(ctx.db, payload.owner);
	// Inside the creating transaction: a parallel registration of the same customer waits here
	// (PostgreSQL advisory lock; SQLite has one writer) and then sees this one.
	await lockKeys(ctx.db, identityLocks(payload.name_key, payload.tax_id ?? null));
	await assertNotRegistered(ctx, ctx.db, { name: payload.name, nameKey: payload.name_key, taxId: payload.tax_id ?? null });
});

/** The new owner must be an active user who sells. */
async function checkNewOwner(db: Knex, owner: unknown): Promise<void> {
	if (blank(owner)) throw invalid('owner', 'owner is required: a customer always has an owner');
	const id = typeof owner === 'object' ? (owner as any).id : owner;
	const user = await db('directus_users')
		.where({ id: String(id) })
		.first('id', 'status', 'role');
	if (user?.status !== 'active') throw invalid('owner', `owner ${id} is not an active user`);
	if (!OWNER_ROLES.some((r) => roleId(r) === user.role))
		throw invalid('owner', `owner must be a sales rep, sales manager or division head`);
}

/** Everything an update of customers must satisfy (run before any of it is written). */
async function checkCustomerUpdate(ctx: RuleContext, db: Knex, keys: Array<string | number>, payload: Record<string, any>): Promise<void> {
	checkCustomerFields(payload, false);
	if ('owner' in payload) await checkNewOwner(db, payload.owner);
	if (!('name' in payload) && !('tax_id' in payload)) return;
	if (keys.length > 1) throw invalid('name', 'rename customers or change their taxpayer IDs one at a time');
	const row = await db('customers').where({ id: keys[0] }).first('id', 'name', 'name_key', 'tax_id');
	if (!row) return; // Directus answers for a missing item
	const nameKey = payload.name_key ?? row.name_key;
	const taxId = 'tax_id' in payload ? payload.tax_id : row.tax_id;
	if (nameKey === row.name_key && taxId === row.tax_id) return;
	await assertNotRegistered(ctx, db, { name: payload.name ?? row.name, nameKey, taxId }, [row.id]);
}

// ——— history (客户变更历史) ———

type Before = { grade: string | null; owner: string | null };
/**
 * Values before an update, per request: the update filter captures them, the update action (run
 * only after the write committed) compares and records. Keyed by the request's accountability
 * object, which Directus hands to both hooks, so parallel requests never mix.
 */
const captured = new WeakMap<object, Map<string, Before>>();
const SYSTEM = {};

async function recordChanges(db: Knex, keys: Array<string | number>, payload: Record<string, any>, accountability: any): Promise<void> {
	const store = captured.get(accountability ?? SYSTEM);
	if (!store) return;
	const user = accountability?.user ?? null;
	for (const key of keys) {
		const before = store.get(String(key));
		store.delete(String(key));
		if (!before) continue;
		const changes: Array<{ kind: 'grade' | 'owner'; from: string | null; to: string | null }> = [];
		for (const kind of ['grade', 'owner'] as const) {
			if (!(kind in payload)) continue;
			const to = payload[kind] && typeof payload[kind] === 'object' ? payload[kind].id : payload[kind];
			if ((to ?? null) !== before[kind]) changes.push({ kind, from: before[kind], to: to ?? null });
		}
		if (!changes.length) continue;
		await db.transaction(async (trx) => {
			const customer = await trx('customers').where({ id: key }).first('id', 'code', 'name');
			if (!customer) return;
			for (const c of changes) {
				await trx('customer_history').insert({
					customer: key,
					kind: c.kind,
					from_value: c.from,
					to_value: c.to,
					date_created: new Date(),
					user_created: user,
				});
			}
			const transfer = changes.find((c) => c.kind === 'owner');
			if (transfer?.to && transfer.to !== user) {
				await notify(trx, {
					recipient: transfer.to,
					sender: user,
					subject: `客户转入 / Customer transferred to you: ${customer.code} ${customer.name}`,
					collection: 'customers',
					item: key,
				});
			}
			if (transfer?.from && transfer.from !== user) {
				await notify(trx, {
					recipient: transfer.from,
					sender: user,
					subject: `客户转出 / Customer transferred away: ${customer.code} ${customer.name}`,
					collection: 'customers',
					item: key,
				});
			}
		});
	}
}

// Status moves run through the transition table; their history is written in the same transaction.
// ("signed" is set by the first signed contract, which writes its own history — hooks/contracts.ts.)
for (const to of STATUSES.customers!) {
	onTransition('customers', to, async ({ trx, id, from, to: final, actor }) => {
		await trx('customer_history').insert({
			customer: id,
			kind: 'status',
			from_value: from,
			to_value: final,
			date_created: new Date(),
			user_created: actor.user,
		});
	});
}

// ——— contacts ———

async function checkLastContact(db: Knex, keys: Array<string | number>): Promise<void> {
	const affected = await db('contacts').whereIn('id', keys).whereNotNull('customer').distinct('customer');
	for (const { customer } of affected) {
		const left = await db('contacts').where({ customer }).whereNotIn('id', keys).count({ n: '*' }).first();
		if (Number(left?.n ?? 0) === 0) {
			const c = await db('customers').where({ id: customer }).first('code');
			throw new DomainError(
				'CONTACT_REQUIRED',
				`${c?.code ?? `customer ${customer}`} must keep at least one contact; add another before removing this one`,
				409,
				{ field: 'contacts' },
			);
		}
	}
}

// ——— stale customers (跟进提醒) ———

export type StaleCustomer = {
	id: number;
	code: string;
	name: string;
	owner: string | null;
	grade: string;
	status: string;
	last_contacted_on: string | null;
	next_follow_up_on: string | null;
	days_without_contact: number;
};

/**
 * Customers (not inactive) nobody has contacted for at least `days` days at `asOf` — counted from
 * registration when never contacted — most neglected first. `owners` narrows to some owners.
 */
export async function staleCustomers(
	db: Knex,
	asOf: string | Date = localToday(),
	days = staleCustomerDays(process.env),
	opts: { owners?: string[] } = {},
): Promise<StaleCustomer[]> {
	const day = typeof asOf === 'string' ? asOf.slice(0, 10) : localClock(asOf, timeZone()).date;
	const cutoff = addDays(day, -days, 'as_of');
	const rows = await db('customers')
		.whereNot('status', 'inactive')
		.where((w) => w.whereNull('last_contacted_on').orWhere((o) => whereDay(db, o, 'last_contacted_on', '<=', cutoff)))
		.modify((q) => {
			if (opts.owners) q.whereIn('owner', opts.owners);
		})
		.select('id', 'code', 'name', 'owner', 'grade', 'status', 'last_contacted_on', 'next_follow_up_on', 'date_created');
	const out: StaleCustomer[] = [];
	for (const r of rows) {
		const last = dateOnly(r.last_contacted_on);
		const created = parseInstant(r.date_created);
		const registered = created ? localClock(created, timeZone()).date : day;
		const age = daysWithoutContact(last, registered, day);
		if (age < days) continue;
		out.push({
			id: r.id,
			code: r.code,
			name: r.name,
			owner: r.owner,
			grade: r.grade,
			status: r.status,
			last_contacted_on: last,
			next_follow_up_on: dateOnly(r.next_follow_up_on),
			days_without_contact: age,
		});
	}
	return out.sort((a, b) => b.days_without_contact - a.days_without_contact || a.id - b.id);
}

// ——— registration of the Directus hooks ———

export function registerCustomerRules({ filter, action }: any, ext: any, ruleContext: ContextFactory): void {
	const purge = dataCachePurger(ext);
	filter('customers.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			const ctx = ruleContext(context);
			await checkCustomerUpdate(ctx, ctx.db, meta.keys, payload);
			const watched = ['grade', 'owner'].filter((f) => f in payload);
			if (watched.length) {
				const key = context.accountability ?? SYSTEM;
				const store = captured.get(key) ?? new Map<string, Before>();
				captured.set(key, store);
				for (const row of await ctx.db('customers').whereIn('id', meta.keys).select('id', 'grade', 'owner'))
					store.set(String(row.id), { grade: row.grade ?? null, owner: row.owner ?? null });
			}
			return payload;
		}),
	);
	action('customers.items.update', async ({ payload, keys }: any, context: any) => {
		try {
			await recordChanges(ext.database, keys, payload, context?.accountability);
			await purge();
		} catch (e) {
			ext.logger?.error?.(e, 'salesflow: recording customer history failed');
		}
	});

	filter('contacts.items.create', (payload: any, _meta: any, context: any) =>
		directusErrors(async () => {
			checkContact(payload, '', true);
			// Permissions don't filter creates by row: the customer must be one the caller sees.
			const ctx = ruleContext(context);
			if (!ctx.actor.system && payload.customer !== undefined && payload.customer !== null)
				await readVisible(ctx, 'customers', payload.customer, 'customer');
			return payload;
		}),
	);
	filter('contacts.items.update', (payload: any, meta: any, context: any) =>
		directusErrors(async () => {
			await assertVisible(ruleContext(context), 'contacts', meta.keys);
			checkContact(payload, '', false);
			if ('customer' in payload && blank(payload.customer)) await checkLastContact(ruleContext(context).db, meta.keys);
			return payload;
		}),
	);
	filter('contacts.items.delete', (keys: any, _meta: any, context: any) =>
		directusErrors(async () => {
			await assertVisible(ruleContext(context), 'contacts', keys);
			await checkLastContact(ruleContext(context).db, keys);
			return keys;
		}),
	);
}

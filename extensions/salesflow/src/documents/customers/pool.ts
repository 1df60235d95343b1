// The public pool (公海, PROCESS §12): a customer its owner neglects is first flagged to the owner, then
// released — its owner set to null, which is what "in the pool" means (no second flag to keep in step,
// and the owner row scopes stop showing it to the rep who lost it). Any seller may then claim it, first
// come first served, or a sales manager assigns it; every move is a `pool` row of the customer history.
import { GRANTS } from '../../../../../schema/grants';
import { personName } from '../../domain/crm';
import { DomainError, invalid } from '../../domain/errors';
import { roleId } from '../../domain/ids';
import { poolDecision } from '../../domain/public-pool';
import type { DocContext, Id, TrxDocContext } from '../../engine/document-type';
import { inTransaction } from '../../engine/status';
import { sweep } from '../../engine/sweep';
import { keyOf } from '../../platform/access';
import { dateAt, now, today } from '../../platform/clock';
import { dayOf, dbDate, instantOf, lockRow, type Row } from '../../platform/database';
import { notify } from '../../platform/notify';
import { ownerInScope, scopeOf } from '../../platform/row-scope';
import { refreshSettings, settings } from '../../platform/settings';

/** What the pool job decides for one customer row on `day`. */
function decisionFor(row: Row, day: string) {
	const created = instantOf(row.date_created);
	// A claim or an assignment starts the owner's clock again: contact before it was another owner's.
	const ownerSince = dayOf(row.owner_since);
	const contacted = dayOf(row.last_contacted_on);
	return poolDecision({
		lastContactedOn: contacted && (!ownerSince || contacted >= ownerSince) ? contacted : null,
		registeredOn: ownerSince ?? (created ? dateAt(created) : day),
		remindedOn: dayOf(row.pool_reminded_on),
		today: day,
		staleDays: settings().stale_customer_days,
		graceDays: settings().pool_grace_days,
	});
}

const FIELDS = ['id', 'code', 'name', 'owner', 'status', 'date_created', 'owner_since', 'last_contacted_on', 'pool_reminded_on'];

/**
 * The daily pool job for `day`: reminds owners of customers not followed up for `stale_customer_days`
 * (once), and returns to the pool those still not followed up `pool_grace_days` after the reminder.
 * Each customer is re-read under a row lock in its own transaction, so a visit or a claim that came
 * in between wins. Returns how many customers it reminded or released.
 */
export async function sweepPublicPool(ctx: DocContext, day: string = today()): Promise<number> {
	await refreshSettings(ctx.db);
	const owned: Row[] = await ctx.db('customers').whereNotNull('owner').whereNot('status', 'inactive').select(FIELDS);
	return sweep(
		ctx,
		owned.filter((c) => decisionFor(c, day) !== 'none'),
		async (t, { id }) => {
			const row = await lockRow(t.trx, 'customers', id);
			if (!row?.owner || row.status === 'inactive') return false;
			const decision = decisionFor(row, day);
			if (decision === 'remind') {
				await t
					.trx('customers')
					.where({ id })
					.update({ pool_reminded_on: dbDate(t.trx, day) });
				await notify(t.trx, {
					recipient: row.owner,
					subject: `客户即将转入公海 / Customer goes to the public pool soon: ${row.code} ${row.name}`,
					message:
						`${settings().stale_customer_days} 天未跟进；${settings().pool_grace_days} 天内仍未跟进将转入公海。 / ` +
						`Not followed up for ${settings().stale_customer_days} days; it returns to the public pool unless followed up within ${settings().pool_grace_days} days.`,
					collection: 'customers',
					item: id,
				});
				return true;
			}
			if (decision !== 'return_to_pool') return false;
			await t.trx('customers').where({ id }).update({ owner: null, pooled_at: now(), pool_reminded_on: null, owner_since: null });
			await recordMove(t, id, row.owner, null);
			await notify(t.trx, {
				recipient: row.owner,
				subject: `客户已转入公海 / Customer returned to the public pool: ${row.code} ${row.name}`,
				message: `提醒后 ${settings().pool_grace_days} 天仍未跟进。 / Not followed up ${settings().pool_grace_days} days after the reminder.`,
				collection: 'customers',
				item: id,
			});
			return true;
		},
	);
}

async function recordMove(t: TrxDocContext, customer: Id, from: string | null, to: string | null): Promise<void> {
	await t.trx('customer_history').insert({
		customer,
		kind: 'pool',
		from_value: from,
		to_value: to,
		date_created: now(),
		user_created: t.actor.user,
	});
}

/**
 * Takes a pooled customer for `owner`. The row lock (PostgreSQL) or the single writer (SQLite) makes
 * parallel takes queue; the first finds it pooled and takes it, the others find an owner: 409.
 */
async function takeFromPool(ctx: DocContext, id: number, owner: string): Promise<Row> {
	return inTransaction(ctx, async (t) => {
		const row = await lockRow(t.trx, 'customers', id);
		if (!row) throw new DomainError('NOT_FOUND', `customer ${id} does not exist`, 404);
		const notInPool = (current: string) =>
			new DomainError(
				'NOT_IN_POOL',
				`customer ${row.code} ${row.name} is not in the public pool: ${current === owner ? 'it is already yours' : 'another seller owns it'}`,
				409,
				{ field: 'owner' },
			);
		if (row.owner) throw notInPool(row.owner);
		// Conditional as well, for a SQLite connection that read before another's write committed.
		const taken = await t
			.trx('customers')
			.where({ id })
			.whereNull('owner')
			.update({ owner, pooled_at: null, pool_reminded_on: null, owner_since: dbDate(t.trx, today()) });
		if (!taken) throw notInPool('');
		await recordMove(t, id, null, owner);
		if (owner !== ctx.actor.user)
			await notify(t.trx, {
				recipient: owner,
				sender: ctx.actor.user,
				subject: `公海客户分配给您 / Public-pool customer assigned to you: ${row.code} ${row.name}`,
				collection: 'customers',
				item: id,
			});
		return { ...row, owner };
	});
}

/** A seller claims a pooled customer for themselves (认领, a new first report); the route checks the grant. */
export async function claimCustomer(ctx: DocContext, id: number): Promise<Row> {
	return takeFromPool(ctx, id, ctx.actor.user!);
}

/** Active sellers (reps, sales managers, division heads): the users who may own customers. */
const sellers = (ctx: DocContext) =>
	ctx
		.db('directus_users')
		.where({ status: 'active' })
		.whereIn(
			'role',
			GRANTS.own_customers.map((r) => roleId(r)),
		);

/** Whether `user` is the caller or of the caller's team (the owners their customer scope takes in). */
async function inTeam(ctx: DocContext, user: string): Promise<boolean> {
	const scope = scopeOf(ctx.actor, 'customers', ['update']);
	return !!scope && (await ownerInScope(ctx.db, scope, ctx.actor.user, user));
}

/** The sellers the caller may assign a pooled customer to, by name: themselves and their team. */
export async function poolAssignees(ctx: DocContext): Promise<Array<{ id: string; name: string }>> {
	const rows: Row[] = await sellers(ctx).orderBy('id').select('id', 'first_name', 'last_name', 'email');
	const out: Array<{ id: string; name: string }> = [];
	for (const r of rows) if (await inTeam(ctx, r.id)) out.push({ id: r.id, name: personName(r) });
	return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** A sales manager gives a pooled customer to a seller of their team (a division head to any seller); the route checks the grant. */
export async function assignPooledCustomer(ctx: DocContext, id: number, owner: unknown): Promise<Row> {
	const user = keyOf(owner);
	if (typeof user !== 'string' || !user) throw invalid('owner', 'owner is required: the seller who takes the customer');
	if (!(await sellers(ctx).where({ id: user }).first('id')))
		throw invalid('owner', `owner ${user} is not an active sales rep, sales manager or division head`);
	if (!(await inTeam(ctx, user)))
		throw new DomainError('FORBIDDEN', `You may assign pooled customers only to yourself or your team; ${user} is not in it`, 403, {
			field: 'owner',
		});
	return takeFromPool(ctx, id, user);
}

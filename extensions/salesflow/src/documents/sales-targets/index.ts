// Sales targets (销售目标): one per rep and month; a sales manager sets them for the team, the division
// head for everyone.
import { personName } from '../../domain/crm';
import { DomainError, invalid } from '../../domain/errors';
import { zPeriod } from '../../domain/invoicing';
import { parseMoney } from '../../domain/money';
import { type DocContext, defineRecords, type Id } from '../../engine/document-type';
import { holdsGrant, keyOf } from '../../platform/access';
import { lockKeys, type Row } from '../../platform/database';
import { blank } from '../contacts';

async function checkTarget(ctx: DocContext, payload: Row, creating: boolean, keys: Id[] = []): Promise<void> {
	if (creating || 'period' in payload) {
		const p = zPeriod.safeParse(payload.period);
		if (!p.success) throw invalid('period', `period: ${p.error.issues[0]!.message}, got ${JSON.stringify(payload.period ?? null)}`);
	}
	if (creating || 'amount' in payload) {
		if (blank(payload.amount)) throw invalid('amount', 'amount (目标金额) is required');
		if (parseMoney(payload.amount, 'amount') < 0n) throw invalid('amount', 'amount cannot be negative');
	}
	for (const f of ['new_customers', 'visits']) {
		if (!(f in payload) || payload[f] === null) continue;
		const n = Number(payload[f]);
		if (typeof payload[f] === 'boolean' || !Number.isInteger(n) || n < 0)
			throw invalid(f, `${f} must be a whole number ≥ 0, got ${JSON.stringify(payload[f])}`);
	}
	let rep: Row | undefined;
	if (creating || 'rep' in payload) {
		if (blank(payload.rep)) throw invalid('rep', 'rep is required');
		rep = await ctx
			.db('directus_users')
			.where({ id: String(keyOf(payload.rep)) })
			.first('id', 'first_name', 'last_name', 'email', 'status', 'manager');
		if (rep?.status !== 'active') throw invalid('rep', `rep ${keyOf(payload.rep)} is not an active user`);
		const a = ctx.actor;
		if (!holdsGrant(a, 'set_any_target') && rep.id !== a.user && rep.manager !== a.user) {
			throw new DomainError('FORBIDDEN', `${personName(rep)} is not in your team`, 403, { field: 'rep' });
		}
	}
	if (!creating && !('rep' in payload) && !('period' in payload)) return;
	if (!creating && keys.length > 1) throw invalid('period', 'change the rep or period of one target at a time');
	const current = creating ? undefined : await ctx.db('sales_targets').where({ id: keys[0] }).first();
	if (!creating && !current) return;
	const repId = String(keyOf(payload.rep ?? current.rep));
	const period = payload.period ?? current.period;
	if (creating) await lockKeys(ctx.db, [`sales-target:${repId}:${period}`]);
	const other = await ctx
		.db('sales_targets')
		.where({ rep: repId, period })
		.modify((q) => {
			if (current) q.whereNot('id', current.id);
		})
		.first('id');
	if (other) {
		rep ??= await ctx.db('directus_users').where({ id: repId }).first('first_name', 'last_name', 'email');
		throw new DomainError('DUPLICATE_TARGET', `${personName(rep)} already has a sales target for ${period}; change that one instead`, 409, {
			field: 'period',
		});
	}
}

export const salesTargets = defineRecords({
	collection: 'sales_targets',
	onCreate: (ctx, payload) => checkTarget(ctx, payload, true),
	onUpdate: async (ctx, keys, payload) => {
		await checkTarget(ctx, payload, false, keys);
		return undefined;
	},
});

// The commission rate table (提成比例): every write and delete is checked against the whole table as it
// would be after it (domain/commission.ts checkRateTable: rate 0–100 %, a known grade, one row per group
// and grade pair), and the default row (neither group nor grade, created at 0 % by the setup step)
// always stays, so the report and the statements never meet a line without a rate. Writers queue on one key.
import { checkRateTable } from '../../domain/commission';
import { DomainError } from '../../domain/errors';
import { type DocContext, defineRecords, type Id } from '../../engine/document-type';
import { lockKeys, type Row } from '../../platform/database';

const FIELDS = ['product_group', 'customer_grade', 'rate'] as const;

/** A blank group means any group, like null. */
function normalise(payload: Row): void {
	if (typeof payload.product_group === 'string') payload.product_group = payload.product_group.trim() || null;
	if (payload.customer_grade === '') payload.customer_grade = null;
}

const pick = (payload: Row) => Object.fromEntries(FIELDS.filter((f) => f in payload).map((f) => [f, payload[f]]));

/** The table after a change: `edit` maps the current rows (in id order) to the rows that remain. */
async function checkTable(ctx: DocContext, edit: (rows: Row[]) => Row[]): Promise<void> {
	await lockKeys(ctx.db, ['commission-rates']);
	const rows: Row[] = await ctx
		.db('commission_rates')
		.orderBy('id')
		.select('id', ...FIELDS);
	const after = edit(rows);
	checkRateTable(after.map((r) => ({ product_group: r.product_group, customer_grade: r.customer_grade, rate: r.rate })));
	if (!after.some((r) => !r.product_group && !r.customer_grade))
		throw new DomainError(
			'NO_COMMISSION_RATE',
			'the default commission rate (no product group, no customer grade) must stay: change its rate instead',
			409,
			{ field: 'product_group' },
		);
}

export const commissionRates = defineRecords({
	collection: 'commission_rates',
	onCreate: (ctx, payload) => {
		normalise(payload);
		return checkTable(ctx, (rows) => [...rows, { rate: undefined, ...pick(payload) }]);
	},
	onUpdate: async (ctx, keys, payload) => {
		normalise(payload);
		const changed = new Set(keys.map(String));
		await checkTable(ctx, (rows) => rows.map((r) => (changed.has(String(r.id)) ? { ...r, ...pick(payload) } : r)));
		return undefined;
	},
	onDelete: (ctx, keys: Id[]) => {
		const gone = new Set(keys.map(String));
		return checkTable(ctx, (rows) => rows.filter((r) => !gone.has(String(r.id))));
	},
});

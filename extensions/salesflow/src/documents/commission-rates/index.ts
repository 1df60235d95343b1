// The commission rate table (提成比例): every write is checked against the whole table as it would
// be after it (domain/commission.ts checkRateTable: rate 0–100 %, a known grade, one row per group
// and grade pair), so the report never meets a table it cannot read. Writers queue on one key.
import { checkRateTable } from '../../domain/commission';
import { defineRecords, type DocContext, type Id } from '../../engine/document-type';
import { lockKeys, type Row } from '../../platform/database';

const FIELDS = ['product_group', 'customer_grade', 'rate'] as const;

/** A blank group means any group, like null. */
function normalise(payload: Row): void {
	if (typeof payload.product_group === 'string') payload.product_group = payload.product_group.trim() || null;
	if (payload.customer_grade === '') payload.customer_grade = null;
}

async function checkTable(ctx: DocContext, changed: Id[], payload: Row, creating: boolean): Promise<void> {
	normalise(payload);
	await lockKeys(ctx.db, ['commission-rates']);
	const rows: Row[] = await ctx
		.db('commission_rates')
		.orderBy('id')
		.select('id', ...FIELDS);
	const keys = new Set(changed.map(String));
	const after = rows.map((r) => (keys.has(String(r.id)) ? { ...r, ...pick(payload) } : r));
	if (creating) after.push({ rate: undefined, ...pick(payload) });
	checkRateTable(after.map((r) => ({ product_group: r.product_group, customer_grade: r.customer_grade, rate: r.rate })));
}

const pick = (payload: Row) => Object.fromEntries(FIELDS.filter((f) => f in payload).map((f) => [f, payload[f]]));

export const commissionRates = defineRecords({
	collection: 'commission_rates',
	onCreate: (ctx, payload) => checkTable(ctx, [], payload, true),
	onUpdate: async (ctx, keys, payload) => {
		await checkTable(ctx, keys, payload, false);
		return undefined;
	},
});

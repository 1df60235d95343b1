// Payment terms (付款条件): finance keeps them. A term's instalment lines are checked as a whole on
// every write that changes them — nested in the term, or one line at a time — as the set the write
// would leave (domain/payment-terms.ts): shares add up to exactly 100, each > 0, days ≥ 0. A term in
// use may still be edited: the schedules of confirmed orders copied share, trigger and days and keep them.
import { DomainError, invalid } from '../../domain/errors';
import { checkTermLines, termLinesAfter } from '../../domain/payment-terms';
import { defineRecords, type DocContext, type Id } from '../../engine/document-type';
import { keyOf } from '../../platform/access';
import type { Row } from '../../platform/database';
import { assertWritable } from '../../platform/input';

/**
 * Terms whose whole set of lines a request's term write has checked ('new' for a term being created):
 * the line writes nested in it are part of that set. Keyed by the request's accountability, the one
 * object the term's filter and its nested line writes share (Directus runs an update's filter outside
 * the transaction its nested writes use).
 */
const checkedIn = new WeakMap<object, Set<string>>();
const NEW_TERM = 'new';

function markChecked(ctx: DocContext, term: unknown): void {
	if (!ctx.accountability) return;
	const set = checkedIn.get(ctx.accountability) ?? new Set<string>();
	set.add(String(term));
	checkedIn.set(ctx.accountability, set);
}

/** Our own writes are trusted; a user's line write is checked unless its term's write in this request checked the set. */
function alreadyChecked(ctx: DocContext, terms: unknown[]): boolean {
	if (ctx.actor.system || !ctx.accountability) return true;
	const set = checkedIn.get(ctx.accountability);
	return Boolean(set && (set.has(NEW_TERM) || terms.every((t) => set.has(String(t)))));
}

const linesOf = (ctx: DocContext, term: unknown): Promise<Row[]> =>
	ctx
		.db('payment_term_lines')
		.where({ term: term as Id })
		.orderBy('sequence')
		.select('id', 'sequence', 'trigger', 'percent', 'days');

/** Checks the lines `term` would have after `write` (a nested lines value) and marks the transaction as checked. */
async function checkLinesAfter(ctx: DocContext, term: unknown, write: unknown): Promise<void> {
	checkTermLines(termLinesAfter(term === undefined ? [] : await linesOf(ctx, term), write));
	markChecked(ctx, term ?? NEW_TERM);
}

/** The terms the given lines belong to, each with the keys among them. */
async function byTerm(ctx: DocContext, keys: Id[]): Promise<Map<unknown, Id[]>> {
	const rows: Row[] = await ctx.db('payment_term_lines').whereIn('id', keys).select('id', 'term');
	const out = new Map<unknown, Id[]>();
	for (const r of rows) out.set(r.term, [...(out.get(r.term) ?? []), r.id]);
	return out;
}

export const paymentTerms = defineRecords({
	collection: 'payment_terms',
	onCreate: async (ctx, payload) => {
		await assertWritable(ctx, 'payment_terms', payload);
		if (payload.lines === undefined) throw invalid('lines', 'payment terms need at least one line');
		await checkLinesAfter(ctx, undefined, payload.lines);
	},
	onUpdate: async (ctx, keys, payload) => {
		await assertWritable(ctx, 'payment_terms', payload);
		if ('lines' in payload) for (const key of keys) await checkLinesAfter(ctx, key, payload.lines);
		return undefined;
	},
	// A term customers, contracts or orders use stays (they point at it): deactivate it instead.
	onDelete: async (ctx, keys) => {
		for (const table of ['customers', 'contracts', 'sales_orders']) {
			const used = await ctx.db(table).whereIn('payment_term', keys).count({ n: '*' }).first();
			if (Number(used?.n ?? 0) > 0)
				throw new DomainError(
					'DOCUMENT_LOCKED',
					`the payment term is used by ${used!.n} ${table.replace('_', ' ')}; set it inactive instead of deleting it`,
					409,
					{ field: 'payment_term', [table]: Number(used!.n) },
				);
		}
	},
});

export const paymentTermLines = defineRecords({
	collection: 'payment_term_lines',
	onCreate: async (ctx, payload) => {
		await assertWritable(ctx, 'payment_term_lines', payload);
		const term = keyOf(payload.term);
		if (alreadyChecked(ctx, [term])) return;
		if (term === undefined || term === null) throw invalid('term', 'a payment term line needs its term');
		await checkLinesAfter(ctx, term, { create: [payload] });
	},
	onUpdate: async (ctx, keys, payload) => {
		await assertWritable(ctx, 'payment_term_lines', payload);
		const terms = await byTerm(ctx, keys);
		if (alreadyChecked(ctx, [...terms.keys()])) return undefined;
		if ('term' in payload) throw invalid('term', 'a line stays with its payment term; add a line to the other term instead');
		for (const [term, ids] of terms) await checkLinesAfter(ctx, term, { update: ids.map((id) => ({ ...payload, id })) });
		return undefined;
	},
	onDelete: async (ctx, keys) => {
		const terms = await byTerm(ctx, keys);
		if (alreadyChecked(ctx, [...terms.keys()])) return;
		for (const [term, ids] of terms) await checkLinesAfter(ctx, term, { delete: ids });
	},
});

/** Written by the rules only (documents/payment-schedules): no item write, administrators' included. */
const refuse = (ctx: DocContext) => {
	if (ctx.actor.system) return;
	throw new DomainError('FORBIDDEN', "payment_schedules are written by Salesflow from the order's payment term", 403, {
		field: 'payment_schedules',
	});
};

export const paymentSchedules = defineRecords({
	collection: 'payment_schedules',
	onCreate: async (ctx) => refuse(ctx),
	onUpdate: async (ctx) => {
		refuse(ctx);
		return undefined;
	},
	onDelete: async (ctx) => refuse(ctx),
});

// Visits (拜访记录): who was visited when, with what result; every committed change recomputes the
// customer's last contact and next follow-up (客户信息更新). A visit dated today or earlier is a
// record, approved as it is written; a planned (future) visit is submitted for approval (PROCESS.md §12).
import type { Knex } from 'knex';
import { customerFollowUp, lastVisitPerContact } from '../../domain/crm';
import { epochDay } from '../../domain/dates';
import { invalid } from '../../domain/errors';
import { submitForApproval } from '../../engine/approvals/engine';
import { type DocContext, defineDocument } from '../../engine/document-type';
import { keyOf, readVisible } from '../../platform/access';
import { today } from '../../platform/clock';
import { dayOf, dbDate, type Row } from '../../platform/database';
import { blank, checkContactOfCustomer } from '../contacts';
import { visitLifecycle } from './lifecycle';

const VISIT_KINDS = ['visit', 'call', 'online', 'after_sales'];
const VISIT_STATES = ['planned', 'done'];

/** Dates and choices of a visit as it will be stored (`v` = current row merged with the change). */
function checkVisit(v: Row): void {
	if (blank(v.visited_on)) throw invalid('visited_on', 'visited_on (拜访日期) is required');
	const day = epochDay(v.visited_on, 'visited_on');
	if (!VISIT_STATES.includes(v.state))
		throw invalid('state', `state must be one of ${VISIT_STATES.join(', ')}, got ${JSON.stringify(v.state)}`);
	if (v.kind !== undefined && v.kind !== null && !VISIT_KINDS.includes(v.kind)) {
		throw invalid('kind', `kind must be one of ${VISIT_KINDS.join(', ')}, got ${JSON.stringify(v.kind)}`);
	}
	// A visit that has not happened yet is "planned".
	if (v.state === 'done' && day > epochDay(today())) {
		throw invalid('visited_on', `a done visit cannot be dated in the future (${dayOf(v.visited_on)}); plan it instead (state "planned")`);
	}
	if (!blank(v.next_date) && epochDay(v.next_date, 'next_date') < day) {
		throw invalid('next_date', `next_date ${dayOf(v.next_date)} is before the visit (${dayOf(v.visited_on)})`);
	}
}

async function checkVisitShipment(ctx: DocContext, shipment: unknown, customer: unknown): Promise<void> {
	if (blank(shipment)) return;
	const s = await readVisible(ctx, 'shipments', shipment, 'shipment');
	if (String(s.customer) !== String(keyOf(customer))) throw invalid('shipment', `shipment ${s.number} is not a delivery to this customer`);
}

/**
 * Recomputes a customer's last contact and next follow-up, and the last visit of each of its
 * contacts, from its visits (with knex: the fields are computed, users cannot write them). Code that
 * writes visits directly (the after-sales follow-up planned on acceptance) calls this too.
 */
export async function refreshCustomerFollowUp(db: Knex, customerIds: Iterable<unknown>): Promise<void> {
	const ids = new Set(
		[...customerIds]
			.map(keyOf)
			.filter((x) => x !== null && x !== undefined)
			.map(String),
	);
	for (const id of ids) {
		const visits: Row[] = await db('visits').where({ customer: id }).select('id', 'visited_on', 'state', 'next_date', 'contact');
		const dated = visits
			.filter((v) => dayOf(v.visited_on))
			.map((v) => ({ id: v.id, state: v.state, contact: v.contact, visited_on: dayOf(v.visited_on)!, next_date: dayOf(v.next_date) }));
		const f = customerFollowUp(dated);
		await db('customers')
			.where({ id })
			.update({ last_contacted_on: dbDate(db, f.last_contacted_on), next_follow_up_on: dbDate(db, f.next_follow_up_on) });
		const lastByContact = lastVisitPerContact(dated);
		for (const c of (await db('contacts').where({ customer: id }).select('id', 'last_visited_on')) as Row[]) {
			const last = lastByContact.get(String(c.id)) ?? null;
			if (dayOf(c.last_visited_on) !== last)
				await db('contacts')
					.where({ id: c.id })
					.update({ last_visited_on: dbDate(db, last) });
		}
	}
}

/** Customers a visit was moved away from or deleted from, refreshed after the commit (recomputing one too many is harmless). */
const formerCustomers = new Set<string>();

export const visits = defineDocument({
	collection: 'visits',
	lifecycle: visitLifecycle,
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		payload.state ??= 'done';
		payload.kind ??= 'visit';
		checkVisit(payload);
		await checkVisitShipment(ctx, payload.shipment, payload.customer);
		await checkContactOfCustomer(ctx, payload.contact, payload.customer);
		// A visit that already happened is a record: no approval. A planned one starts as a draft to submit.
		const record = epochDay(payload.visited_on, 'visited_on') <= epochDay(today());
		if (payload.status === 'approved' && !record) {
			throw invalid(
				'status',
				`a planned visit (${dayOf(payload.visited_on)}) is submitted for approval; only a visit that happened is recorded as approved`,
			);
		}
		payload.status = record ? 'approved' : 'draft';
	},
	approvalContext: async (db, row) => ({
		collection: 'visits',
		amountFen: 0n,
		lines: [],
		customerGrade: (await db('customers').where({ id: row.customer }).first('grade'))?.grade ?? null,
	}),
	effects: { submitted: submitForApproval },
	onUpdate: async (ctx, keys, payload) => {
		if ('customer' in payload) await readVisible(ctx, 'customers', payload.customer, 'customer');
		const rows: Row[] = await ctx.db('visits').whereIn('id', keys);
		for (const row of rows) {
			const merged: Row = { ...row, visited_on: dayOf(row.visited_on), next_date: dayOf(row.next_date), ...payload };
			checkVisit(merged);
			if ('shipment' in payload || 'customer' in payload) await checkVisitShipment(ctx, merged.shipment, merged.customer);
			if ('contact' in payload || 'customer' in payload) await checkContactOfCustomer(ctx, merged.contact, merged.customer);
			if ('customer' in payload && row.customer !== null) formerCustomers.add(String(row.customer));
		}
		return undefined;
	},
	onDelete: async (ctx, keys) => {
		for (const r of await ctx.db('visits').whereIn('id', keys).distinct('customer'))
			if (r.customer !== null) formerCustomers.add(String(r.customer));
	},
	afterCommit: {
		create: (ctx, _key, payload) => refresh(ctx.db, [payload.customer]),
		update: async (ctx, keys) =>
			refresh(
				ctx.db,
				(await ctx.db('visits').whereIn('id', keys).select('customer')).map((r: Row) => r.customer),
			),
		delete: (ctx) => refresh(ctx.db, []),
	},
});

async function refresh(db: Knex, ids: unknown[]): Promise<void> {
	const all = [...ids, ...formerCustomers];
	formerCustomers.clear();
	await refreshCustomerFollowUp(db, all);
}

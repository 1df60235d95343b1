// Customers nobody has followed up (跟进提醒): not contacted for N days, counted from registration when
// never contacted, most neglected first.
import type { Knex } from 'knex';
import { daysWithoutContact, staleCustomerDays } from '../../domain/crm';
import { addDays } from '../../domain/dates';
import { dateAt, today } from '../../platform/clock';
import { dayOf, instantOf, type Row, whereDay } from '../../platform/database';

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

/** Customers (not inactive) nobody has contacted for at least `days` days at `asOf`; `owners` narrows to some owners. */
export async function staleCustomers(
	db: Knex,
	asOf: string = today(),
	days = staleCustomerDays(process.env),
	opts: { owners?: string[] } = {},
): Promise<StaleCustomer[]> {
	const cutoff = addDays(asOf, -days, 'as_of');
	const rows: Row[] = await db('customers')
		.whereNot('status', 'inactive')
		.where((w) => w.whereNull('last_contacted_on').orWhere((o) => whereDay(db, o, 'last_contacted_on', 'date', '<=', cutoff)))
		.modify((q) => {
			if (opts.owners) q.whereIn('owner', opts.owners);
		})
		.select('id', 'code', 'name', 'owner', 'grade', 'status', 'last_contacted_on', 'next_follow_up_on', 'date_created');
	const out: StaleCustomer[] = [];
	for (const r of rows) {
		const last = dayOf(r.last_contacted_on);
		const created = instantOf(r.date_created);
		const age = daysWithoutContact(last, created ? dateAt(created) : asOf, asOf);
		if (age < days) continue;
		out.push({
			id: r.id,
			code: r.code,
			name: r.name,
			owner: r.owner,
			grade: r.grade,
			status: r.status,
			last_contacted_on: last,
			next_follow_up_on: dayOf(r.next_follow_up_on),
			days_without_contact: age,
		});
	}
	return out.sort((a, b) => b.days_without_contact - a.days_without_contact || a.id - b.id);
}

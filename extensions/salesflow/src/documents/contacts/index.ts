// Contacts (联系人): name, title and phone are required (必填); a contact belongs to a customer the
// caller can see, and a customer always keeps at least one.
import { isPlausiblePhone } from '../../domain/crm';
import { DomainError, invalid } from '../../domain/errors';
import { defineRecords, type DocContext, type Id } from '../../engine/document-type';
import { assertVisible, keyOf } from '../../platform/access';
import type { Row } from '../../platform/database';
import { MAX_LENGTH } from '../../platform/model';

const CONTACT_FIELDS = [
	['name', '联系人姓名 / contact name'],
	['title', '联系人职务 / contact title'],
	['phone', '联系电话 / contact phone'],
] as const;

export const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim());

/** The required fields of a contact (`prefix` names it inside a customer's registration, e.g. `contacts[0].`). */
export function checkContact(c: Row, prefix: string, creating: boolean): void {
	for (const [f, label] of CONTACT_FIELDS) {
		if (!creating && !(f in c)) continue;
		if (blank(c[f]) || typeof c[f] !== 'string') throw invalid(`${prefix}${f}`, `${prefix}${f} (${label}) is required`);
		c[f] = c[f].trim();
		const max = MAX_LENGTH.contacts![f]!;
		if (c[f].length > max) throw invalid(`${prefix}${f}`, `${prefix}${f} is longer than ${max} characters (got ${c[f].length})`);
	}
	if ('phone' in c && !isPlausiblePhone(c.phone))
		throw invalid(`${prefix}phone`, `${prefix}phone "${c.phone}" is not a phone number (at least 7 digits)`);
}

/** Refuses to leave a customer without contacts; `staysWith` is the customer the contacts move to, if any. */
async function checkLastContact(ctx: DocContext, keys: Id[], staysWith?: unknown): Promise<void> {
	const affected: Row[] = await ctx
		.db('contacts')
		.whereIn('id', keys)
		.whereNotNull('customer')
		.modify((q) => staysWith !== undefined && staysWith !== null && q.whereNot('customer', staysWith as Id))
		.distinct('customer');
	for (const { customer } of affected) {
		const left = await ctx.db('contacts').where({ customer }).whereNotIn('id', keys).count({ n: '*' }).first();
		if (Number(left?.n ?? 0) === 0) {
			const c = await ctx.db('customers').where({ id: customer }).first('code');
			throw new DomainError(
				'CONTACT_REQUIRED',
				`${c?.code ?? `customer ${customer}`} must keep at least one contact; add another before removing this one`,
				409,
				{
					field: 'contacts',
				},
			);
		}
	}
}

/** A contact named on a visit or a daily report's row must be one of that customer's contacts. */
export async function checkContactOfCustomer(ctx: DocContext, contact: unknown, customer: unknown): Promise<void> {
	if (blank(contact)) return;
	const c = await ctx
		.db('contacts')
		.where({ id: keyOf(contact) })
		.first('id', 'customer');
	if (!c || String(c.customer) !== String(keyOf(customer))) {
		throw invalid('contact', `contact ${keyOf(contact)} is not a contact of customer ${keyOf(customer)}`);
	}
}

/** The last visit is kept by the visits (refreshCustomerFollowUp); records get no generic computed-field check. */
function rejectLastVisit(ctx: DocContext, payload: Row): void {
	if ('last_visited_on' in payload && !ctx.actor.system)
		throw new DomainError('FORBIDDEN', 'contacts.last_visited_on is kept by the visits and cannot be written', 403, {
			field: 'last_visited_on',
		});
}

export const contacts = defineRecords({
	collection: 'contacts',
	// The customer a contact is created for or moved to is checked like every reference (engine/references.ts).
	onCreate: async (ctx, payload) => {
		rejectLastVisit(ctx, payload);
		checkContact(payload, '', true);
	},
	onUpdate: async (ctx, keys, payload) => {
		rejectLastVisit(ctx, payload);
		await assertVisible(ctx, 'contacts', keys);
		checkContact(payload, '', false);
		// Moving a contact to another customer (or to none) must leave its customer one.
		if ('customer' in payload) await checkLastContact(ctx, keys, keyOf(payload.customer));
		return undefined;
	},
	onDelete: async (ctx, keys) => {
		await assertVisible(ctx, 'contacts', keys);
		await checkLastContact(ctx, keys);
	},
});

// Contacts (联系人): name, title and phone are required (必填); a contact belongs to a customer the
// caller can see, and a customer always keeps at least one.
import { isPlausiblePhone } from '../../domain/crm';
import { DomainError, invalid } from '../../domain/errors';
import { defineRecords, type DocContext, type Id } from '../../engine/document-type';
import { assertVisible, readVisible } from '../../platform/access';
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

async function checkLastContact(ctx: DocContext, keys: Id[]): Promise<void> {
	const affected: Row[] = await ctx.db('contacts').whereIn('id', keys).whereNotNull('customer').distinct('customer');
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

export const contacts = defineRecords({
	collection: 'contacts',
	onCreate: async (ctx, payload) => {
		checkContact(payload, '', true);
		// Permissions don't filter creates by row: the customer must be one the caller sees.
		if (!ctx.actor.system && payload.customer !== undefined && payload.customer !== null)
			await readVisible(ctx, 'customers', payload.customer, 'customer');
	},
	onUpdate: async (ctx, keys, payload) => {
		await assertVisible(ctx, 'contacts', keys);
		checkContact(payload, '', false);
		if ('customer' in payload && blank(payload.customer)) await checkLastContact(ctx, keys);
		return undefined;
	},
	onDelete: async (ctx, keys) => {
		await assertVisible(ctx, 'contacts', keys);
		await checkLastContact(ctx, keys);
	},
});

import type { CollectionDef, FieldDef } from './model';
import { L, user } from './model';
import { approvals } from './collections/approvals';
import { crm } from './collections/crm';
import { delivery } from './collections/delivery';
import { finance } from './collections/finance';
import { operations } from './collections/operations';
import { selling } from './collections/selling';
import { stock } from './collections/stock';

/** Every Salesflow collection, in creation order. */
export const COLLECTIONS: CollectionDef[] = [...crm, ...stock, ...selling, ...delivery, ...finance, ...approvals, ...operations];

/** Fields Salesflow adds to Directus' own collections. */
export const SYSTEM_FIELDS: Array<{ collection: string; field: FieldDef }> = [
	{
		collection: 'directus_users',
		field: user('manager', L('Manager (direct superior)', '直属上级'), {
			note: L(
				'Approves as "the owner\'s manager" and sees this user\'s customers and documents.',
				'作为“负责人的上级”审批，并可查看该用户的客户与单据。',
			),
		}),
	},
];

export type { CollectionDef, FieldDef };

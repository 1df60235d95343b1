import type { CollectionDef, FieldDef } from './model';
import { ACTION_COLLECTIONS } from '../extensions/salesflow/src/documents/lifecycles';
import { withForm, withLocks } from './forms';
import { documentActions, L, o2m, user } from './model';
import { approvals } from './collections/approvals';
import { crm } from './collections/crm';
import { delivery } from './collections/delivery';
import { commission } from './collections/commission';
import { finance } from './collections/finance';
import { integrations } from './collections/integrations';
import { operations } from './collections/operations';
import { selling } from './collections/selling';
import { settings } from './collections/settings';
import { stock } from './collections/stock';

/** Documents get their actions first in the form (documentActions), above the sections of schema/forms.ts. */
const withActions = (c: CollectionDef): CollectionDef =>
	ACTION_COLLECTIONS.includes(c.collection) ? { ...c, fields: [documentActions(), ...c.fields] } : c;

/** Every Salesflow collection, in creation order, documents with their forms in sections (schema/forms.ts). */
export const COLLECTIONS: CollectionDef[] = [
	...crm,
	...stock,
	...selling,
	...delivery,
	...finance,
	...approvals,
	...operations,
	...settings,
	...integrations,
	...commission,
]
	.map(withForm)
	.map(withLocks)
	.map(withActions);

/** Fields that hold a file (an upload in directus_files). */
export const FILE_FIELDS = COLLECTIONS.flatMap((c) =>
	c.fields.filter((f) => f.m2o?.related === 'directus_files').map((f) => ({ collection: c.collection, field: f.field })),
);

/** The back-reference from a file to the documents that use it: what lets permissions say "files of documents you may read". */
export const fileUsageAlias = (collection: string, field: string) => `sf_${collection}_${field}`;

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
	...FILE_FIELDS.map(({ collection, field }) => ({
		collection: 'directus_files',
		field: o2m(
			fileUsageAlias(collection, field),
			L(`Used by ${collection}.${field}`, `被引用：${collection}.${field}`),
			collection,
			field,
			{
				ownsRows: false,
				readonly: true,
				hidden: true,
			},
		),
	})),
];

export type { CollectionDef, FieldDef };

// Flow operation `salesflow-transition`: moves a document through the status door with every rule,
// as a user's PATCH of its status would — the items service runs our update filter (checks, effects,
// approvals) with the operation's accountability (the trigger's user or a chosen role).
import { defineOperationApi } from '@directus/extensions-sdk';
import { invalid } from '../../domain/errors';
import { operationContext } from '../permissions';

type Options = { collection?: string; key?: string | number; status?: string; permissions?: string };

export default defineOperationApi<Options>({
	id: 'salesflow-transition',
	handler: async ({ collection, key, status, permissions }, op) => {
		const ctx = await operationContext(permissions, op);
		if (!collection || !ctx.documents.document(collection)?.lifecycle)
			throw invalid('collection', `collection must be a Salesflow document type, got ${JSON.stringify(collection)}`);
		if (key === undefined || key === null || key === '') throw invalid('key', 'key (the document id) is required');
		if (!status) throw invalid('status', 'status is required');
		const items = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
		await items.updateOne(key, { status });
		const row = await ctx.db(collection).where({ id: key }).first('id', 'number', 'status');
		return { collection, id: row?.id ?? key, number: row?.number ?? null, status: row?.status ?? null };
	},
});

// Flow operation `salesflow-print`: the document's PDF — the one GET /print/:collection/:id?format=pdf
// serves — stored in Directus Files (in the chosen folder) as the trigger's user or a chosen role would
// upload it, so only a document that user or role may read prints. Returns the file's id.
import { Readable } from 'node:stream';
import { defineOperationApi } from '@directus/extensions-sdk';
import { invalid } from '../../domain/errors';
import { zId } from '../../domain/money';
import { isPrintable, PRINTABLE } from '../../domain/print/documents';
import { printedDocument } from '../../documents/printing';
import { parseInput } from '../../platform/endpoint';
import { printedPdf } from '../../platform/printing';
import { operationContext } from '../permissions';

/** Where Directus stores uploads by default: the first of STORAGE_LOCATIONS (a list or "a,b"). */
const firstStorage = (locations: unknown): string =>
	(Array.isArray(locations) ? String(locations[0]) : String(locations ?? 'local').split(',')[0]!).trim() || 'local';

type Options = { collection?: string; key?: string | number; folder?: string | null; permissions?: string };

export default defineOperationApi<Options>({
	id: 'salesflow-print',
	handler: async ({ collection, key, folder, permissions }, op) => {
		const ctx = await operationContext(permissions, op);
		if (!collection || !isPrintable(collection))
			throw invalid('collection', `collection must be one of ${PRINTABLE.join(', ')}, got ${JSON.stringify(collection ?? null)}`);
		const id = parseInput(zId, key, 'key');
		if (folder && !(await ctx.db('directus_folders').where({ id: folder }).first('id')))
			throw invalid('folder', `folder ${JSON.stringify(folder)} does not exist`);
		const doc = await printedDocument(ctx, collection, id);
		const bytes = await printedPdf(ctx, doc);
		const name = `${doc.number || `${collection}-${id}`}.pdf`;
		const files = new ctx.services.FilesService({ knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
		const file = await files.uploadOne(Readable.from([bytes]), {
			storage: firstStorage(op.env.STORAGE_LOCATIONS),
			filename_download: name,
			title: doc.number || name,
			type: 'application/pdf',
			...(folder ? { folder } : {}),
		});
		return { file, collection, id, number: doc.number || null };
	},
});

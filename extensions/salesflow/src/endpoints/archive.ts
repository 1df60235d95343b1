// /archive: files a finished document (归档, PROCESS "Archiving") — where its paper original is kept, by whom,
// when. From then on the document and its lines are read-only (engine/document-rules.ts). This route is the
// only way the archive fields are written: the permissions let no role write them (schema/access.ts).
import { defineEndpoint } from '@directus/extensions-sdk';
import { z } from 'zod';
import { assertArchivable } from '../domain/archive';
import { DomainError } from '../domain/errors';
import { zId } from '../domain/money';
import { readableRow, requireGrant } from '../platform/access';
import { now } from '../platform/clock';
import { lockRow } from '../platform/database';
import { type EndpointContext, parseInput, purgeCacheOnWrite, route } from '../platform/endpoint';
import { MAX_LENGTH } from '../platform/model';
import { documentRequest } from './request';

const zArchive = (collection: string) =>
	z
		.object({
			location: z.string().trim().min(1, 'say where the paper original is kept').max(MAX_LENGTH[collection]!.archive_location!),
		})
		.strict();

export default defineEndpoint({
	id: 'archive',
	handler: (router, ext: EndpointContext) => {
		purgeCacheOnWrite(router, ext);
		router.post(
			'/:collection/:id',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const collection = String(req.params.collection);
				const archive = ctx.documents.document(collection)?.archive;
				if (!archive) throw new DomainError('NOT_FOUND', `${collection} are not archived documents`, 404);
				// A row the caller may not read answers 404 before anything else is said about it.
				const id = parseInput(zId, req.params.id, 'id');
				await readableRow(ctx, collection, id, collection);
				requireGrant(ctx.actor, archive.grant, `archive ${collection}`);
				const { location } = parseInput(zArchive(collection), req.body);
				await ctx.db.transaction(async (trx) => {
					const row = await lockRow(trx, collection, id);
					if (!row) throw new DomainError('NOT_FOUND', `${collection} ${id} does not exist`, 404);
					assertArchivable(collection, row, archive.statuses);
					// With SQL: no role writes the archive fields through the items API (schema/access.ts).
					await trx(collection).where({ id }).update({ archived_at: now(), archived_by: ctx.actor.user, archive_location: location });
				});
				const items = new ctx.services.ItemsService(collection, { knex: ctx.db, schema: ctx.schema, accountability: ctx.accountability });
				res.json({
					data: await items.readOne(id, { fields: ['id', 'number', 'status', 'archived_at', 'archived_by', 'archive_location'] }),
				});
			}),
		);
	},
});

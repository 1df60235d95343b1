// /documents: what a document's page in the data app shows — the moves the caller may make now
// (documents/actions.ts) and its approval and status timeline. Only documents with a status table,
// only for callers who may read them (any other answers 404 like a missing one).
import { defineEndpoint } from '@directus/extensions-sdk';
import type { Request } from 'express';
import { z } from 'zod';
import { zId } from '../domain/money';
import { documentActions } from '../documents/actions';
import { ACTION_COLLECTIONS } from '../documents/lifecycles';
import { documentTimeline } from '../engine/approvals/timeline';
import type { DocContext } from '../engine/document-type';
import { readableRow } from '../platform/access';
import { parseInput, route } from '../platform/endpoint';
import { documentRequest } from './request';

const zCollection = z.enum(ACTION_COLLECTIONS as [string, ...string[]]);

async function readableDocument(ctx: DocContext, req: Request) {
	const collection = parseInput(zCollection, req.params.collection, 'collection');
	const id = parseInput(zId, req.params.id, 'id');
	await readableRow(ctx, collection, id, collection);
	return { collection, id };
}

export default defineEndpoint({
	id: 'documents',
	handler: (router, ext) => {
		router.get(
			'/:collection/:id/actions',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const { collection, id } = await readableDocument(ctx, req);
				res.json({ data: await documentActions(ctx, collection, id) });
			}),
		);
		router.get(
			'/:collection/:id/timeline',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const { collection, id } = await readableDocument(ctx, req);
				res.json({ data: await documentTimeline(ctx.db, collection, id) });
			}),
		);
	},
});

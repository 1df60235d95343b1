// Entry of Salesflow's rules: only registers hooks; the rules live in the files it imports.
import { defineHook } from '@directus/extensions-sdk';
import { assertVisible } from '../lib/access';
import { actorOf } from '../lib/actor';
import { dataCachePurger } from '../lib/cache';
import type { RuleContext } from '../lib/context';
import { directusErrors } from '../lib/errors';
import { LINE_PARENTS, NUMBERED, OWNED, WITH_STATUS } from '../lib/model';
import { beforeCreateDocument, beforeDeleteLines, beforeUpdateDocument, beforeWriteLine } from './documents';
import { recomputeTotalsSoon, TOTALLED } from './totals';
import { registerFeatureHooks } from './features';

export default defineHook((register, ext) => {
	const { filter, action } = register;
	// Totals written after commit (below) bypass Directus' cache purge.
	const purge = dataCachePurger(ext);
	// After-commit work: a failure is logged, never an unhandled rejection.
	const later =
		<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) =>
		(...args: A) => {
			fn(...args).catch((e) => ext.logger.error(e, 'salesflow: after-commit totals failed'));
		};
	const ruleContext = (meta: { database: any; accountability: any; schema: any }): RuleContext => ({
		db: meta.database,
		accountability: meta.accountability ?? null,
		schema: meta.schema,
		actor: actorOf(meta.accountability),
		services: ext.services,
		getSchema: ext.getSchema,
	});

	// Approval steps move only through decisions (see features.ts), not the generic status rules.
	const documents = new Set([...NUMBERED, ...OWNED, ...WITH_STATUS].filter((c) => c !== 'approval_steps'));
	for (const collection of documents) {
		filter(`${collection}.items.create`, (payload: any, _meta, context) =>
			directusErrors(async () => {
				await beforeCreateDocument(ruleContext(context as any), collection, payload);
				return payload;
			}),
		);
		filter(`${collection}.items.update`, (payload: any, meta: any, context) =>
			directusErrors(() => beforeUpdateDocument(ruleContext(context as any), collection, meta.keys, payload)),
		);
	}

	for (const line of Object.keys(LINE_PARENTS)) {
		const { parent, fk } = LINE_PARENTS[line]!;
		filter(`${line}.items.create`, (payload: any, _meta, context) =>
			directusErrors(async () => {
				await beforeWriteLine(ruleContext(context as any), line, payload);
				return payload;
			}),
		);
		filter(`${line}.items.update`, (payload: any, meta: any, context) =>
			directusErrors(async () => {
				const ctx = ruleContext(context as any);
				await assertVisible(ctx, line, meta.keys);
				const current = meta.keys.length === 1 ? await ctx.db(line).where({ id: meta.keys[0] }).first() : undefined;
				await beforeWriteLine(ctx, line, payload, current, false);
				return payload;
			}),
		);
		filter(`${line}.items.delete`, (keys: any, _meta, context) =>
			directusErrors(async () => {
				await beforeDeleteLines(ruleContext(context as any), line, keys);
				return keys;
			}),
		);
		if (TOTALLED.includes(parent)) {
			// Document totals follow their lines once the write is committed.
			const refresh = async (ids: unknown[]) => {
				for (const id of new Set(ids.filter((x) => x !== null && x !== undefined)))
					await recomputeTotalsSoon(ext.database, parent, id as any);
				await purge();
			};
			action(
				`${line}.items.create`,
				later(async ({ payload }: any) => refresh([payload[fk]])),
			);
			action(
				`${line}.items.update`,
				later(async ({ keys }: any) => refresh((await ext.database(line).whereIn('id', keys).select(fk)).map((r: any) => r[fk]))),
			);
		}
	}
	for (const doc of TOTALLED) {
		const lines = Object.values(LINE_PARENTS).find((p) => p.parent === doc)!.alias;
		action(
			`${doc}.items.create`,
			later(async ({ key }: any) => {
				await recomputeTotalsSoon(ext.database, doc, key);
				await purge();
			}),
		);
		// Only an update that wrote lines (nested in the document) changes totals, not a status move.
		action(
			`${doc}.items.update`,
			later(async ({ keys, payload }: any) => {
				if (!payload || !(lines in payload)) return;
				for (const key of keys) await recomputeTotalsSoon(ext.database, doc, key);
				await purge();
			}),
		);
	}

	registerFeatureHooks(register, ext, ruleContext);
});

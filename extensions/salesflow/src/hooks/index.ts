// Entry of Salesflow's rules: only wires the document types (documents/index.ts) to Directus' hooks.
// Every rule lives with its document type; the engine (engine/) runs them.
import { defineHook } from '@directus/extensions-sdk';
import type { ActionHandler, EventContext } from '@directus/types';
import type { Knex } from 'knex';
import { DOCUMENTS } from '../documents/index';
import {
	beforeCreateDocument,
	beforeCreateRecord,
	beforeDeleteDocument,
	beforeDeleteLines,
	beforeUpdateDocument,
	beforeUpdateRecord,
	beforeWriteLine,
} from '../engine/document-rules';
import type { AfterCommit, CollectionModule, DocContext, Id } from '../engine/document-type';
import { onCommitting } from '../engine/status';
import { recomputeTotalsBeforeCommit } from '../engine/totals';
import { assertVisible, keyOf } from '../platform/access';
import { dataCachePurger } from '../platform/cache';
import { hookContexts, systemContext } from '../platform/context';
import type { Row } from '../platform/database';
import { directusErrors } from '../platform/errors';
import { emitCommittedEvents } from '../platform/events';
import { failureStoreFor, loginThrottle } from '../platform/login-throttle';
import { enqueueOutbox } from '../platform/outbox';
import { ownPresetsOnly } from '../platform/presets';
import { type LimitedQuery, limitRead, staffLimitMax } from '../platform/query-limits';
import { type ScopedQuery, scopeQuery } from '../platform/query-scope';
import { readiness } from '../platform/readiness';
import { requestLimits } from '../platform/request-limits';
import { runScheduledJob } from '../platform/scheduled-jobs';
import { companyCalendar, refreshSettings, settings } from '../platform/settings';
import { requestClock, useTimeZone, useWorkCalendar } from '../platform/clock';

/** What Directus hands an action: its own loosely typed event metadata. */
type Meta = Parameters<ActionHandler>[0];

export default defineHook(({ filter, action, init, schedule }, ext) => {
	// Nothing is served before setup has finished; the company's settings and clock are current per request.
	useTimeZone(() => settings().time_zone);
	useWorkCalendar(companyCalendar);
	const gate = readiness(ext.database, String(ext.env.SECRET ?? ''), () => refreshSettings(ext.database));
	// Oversized or malformed requests are refused before anything else looks at them (platform/request-limits.ts).
	const limits = requestLimits(ext.env.MAX_PAYLOAD_SIZE ?? '1mb');
	init('app.before', ({ app }) => app.use(limits.beforeParsing, gate.middleware));
	init('middlewares.after', ({ app }) => app.use(limits.whileParsing, limits.afterParsing));
	if (String(ext.env.SALESFLOW_TEST_CLOCK) === 'true') init('routes.before', ({ app }) => app.use(requestClock));

	// Failed logins are throttled per address and account (platform/login-throttle.ts); the body is
	// parsed by 'routes.before'. Password logins elsewhere (GraphQL, WebSocket) are refused.
	const logins = loginThrottle(failureStoreFor(ext.env, ext.logger), ext.logger);
	init('routes.before', ({ app }) => app.use(logins.middleware));
	filter('auth.login', (payload) => logins.onlyThrottledLogins(payload));

	// Filters see what reads see (platform/query-scope.ts); presets are personal (platform/presets.ts).
	// One read costs a bounded amount: staff rows capped, no grouping by related fields (platform/query-limits.ts).
	const staffMax = staffLimitMax(ext.env.SALESFLOW_STAFF_QUERY_LIMIT_MAX);
	filter<ScopedQuery & LimitedQuery>('items.query', (query, meta, event) =>
		directusErrors(async () => {
			const limited = limitRead(query, String(meta.collection), event.schema!, event.accountability, staffMax);
			return scopeQuery(limited, String(meta.collection), event.database, event.schema!, event.accountability);
		}),
	);
	// Users too: a colleague's email must not be found by filtering on it (their own record excepted).
	filter<ScopedQuery>('users.query', (query, _meta, event) =>
		scopeQuery(query, 'directus_users', event.database, event.schema!, event.accountability),
	);
	filter<Row>('presets.create', (payload, _meta, event) =>
		directusErrors(async () => {
			ownPresetsOnly(payload, event.accountability, true);
			return payload;
		}),
	);
	filter<Row>('presets.update', (payload, _meta, event) =>
		directusErrors(async () => {
			ownPresetsOnly(payload, event.accountability, false);
			return payload;
		}),
	);

	const contextOf = hookContexts(ext);
	const ctx = (event: EventContext): DocContext => ({ ...contextOf(event), documents: DOCUMENTS });
	// Our SQL writes after commit bypass Directus' cache purge.
	const purge = dataCachePurger(ext);
	// After-commit work: a failure is logged, never an unhandled rejection.
	const later = (what: string, work: (meta: Meta, event: EventContext) => Promise<unknown>) => (meta: Meta, event: EventContext) => {
		work(meta, event)
			.then(() => purge())
			.catch((e) => ext.logger.error(e, `salesflow: ${what} failed`));
	};

	for (const m of DOCUMENTS.modules) {
		const c = m.collection;
		if (m.kind === 'document') {
			filter<Row>(`${c}.items.create`, (payload, _meta, event) =>
				directusErrors(async () => {
					await beforeCreateDocument(ctx(event), m, payload);
					return payload;
				}),
			);
			filter<Row>(`${c}.items.update`, (payload, meta, event) =>
				directusErrors(() => beforeUpdateDocument(ctx(event), m, meta.keys, payload)),
			);
			filter<Id[]>(`${c}.items.delete`, (keys, _meta, event) =>
				directusErrors(async () => {
					await beforeDeleteDocument(ctx(event), m, keys);
					return keys;
				}),
			);
		} else {
			filter<Row>(`${c}.items.create`, (payload, _meta, event) =>
				directusErrors(async () => {
					await beforeCreateRecord(ctx(event), m, payload);
					return payload;
				}),
			);
			filter<Row>(`${c}.items.update`, (payload, meta, event) =>
				directusErrors(async () => (await beforeUpdateRecord(ctx(event), m, meta.keys, payload)) ?? payload),
			);
		}
		if (m.kind === 'records' && m.onDelete) {
			const onDelete = m.onDelete;
			filter<Id[]>(`${c}.items.delete`, (keys, _meta, event) =>
				directusErrors(async () => {
					await onDelete(ctx(event), keys);
					return keys;
				}),
			);
		}
		registerAfterCommit(m, m.afterCommit);
	}

	function registerAfterCommit(m: CollectionModule, after: AfterCommit | undefined): void {
		const { create, update, delete: remove } = after ?? {};
		if (create)
			action(
				`${m.collection}.items.create`,
				later(`${m.collection} after create`, ({ key, payload }, event) => create(ctx(event), key, payload)),
			);
		if (update)
			action(
				`${m.collection}.items.update`,
				later(`${m.collection} after update`, ({ keys, payload }, event) => update(ctx(event), keys, payload)),
			);
		if (remove)
			action(
				`${m.collection}.items.delete`,
				later(`${m.collection} after delete`, ({ keys }, event) => remove(ctx(event), keys)),
			);
	}

	// Lines of every document: locked with their document, checked by its type's line rules; a document's
	// totals follow its lines inside the transaction that wrote them.
	for (const m of DOCUMENTS.modules) {
		for (const of of DOCUMENTS.linesOf(m.collection)) {
			const line = of.line.collection;
			// `parents` is read only for documents that have totals.
			const totals = async (db: Knex, parents: () => Promise<unknown[]>) => {
				if (!of.parent.totals) return;
				for (const id of new Set((await parents()).filter((x) => x !== null && x !== undefined).map(keyOf)))
					await recomputeTotalsBeforeCommit(db, DOCUMENTS, m.collection, id as Id);
			};
			filter<Row>(`${line}.items.create`, (payload, _meta, event) =>
				directusErrors(async () => {
					const c = ctx(event);
					await beforeWriteLine(c, of, payload);
					await totals(c.db, async () => [payload[of.fk]]);
					return payload;
				}),
			);
			filter<Row>(`${line}.items.update`, (payload, meta, event) =>
				directusErrors(async () => {
					const c = ctx(event);
					await assertVisible(c, line, meta.keys);
					const current = meta.keys.length === 1 ? await c.db(line).where({ id: meta.keys[0] }).first() : undefined;
					await beforeWriteLine(c, of, payload, current, false);
					await totals(c.db, async () => {
						const before: Row[] = current ? [current] : await c.db(line).whereIn('id', meta.keys).select(of.fk);
						return [...before.map((r) => r[of.fk]), payload[of.fk]];
					});
					return payload;
				}),
			);
			filter<Id[]>(`${line}.items.delete`, (keys, _meta, event) =>
				directusErrors(async () => {
					const c = ctx(event);
					const parents = await beforeDeleteLines(c, of, keys);
					await totals(c.db, async () => parents);
					return keys;
				}),
			);
		}
	}

	// Committed moves and approvals go to other extensions' `action('salesflow.…')` and to Flows with an
	// event trigger on these names (CONTRACT.md, Integrations); a rolled-back transaction announces nothing.
	emitCommittedEvents(ext);
	onCommitting(enqueueOutbox);

	// Scheduled jobs: each tick runs on one replica (platform/scheduled-jobs.ts); SALESFLOW_CRON_*
	// override the schedules (tests run them every second) or switch a job off ("off").
	for (const job of DOCUMENTS.jobs) {
		const cron = String(ext.env[`SALESFLOW_CRON_${job.env}`] ?? job.cron);
		if (cron === 'off') continue;
		schedule(cron, async () => {
			try {
				// Not before setup has finished on this database (an upgrade's ensure step may still be adding tables).
				if (!(await gate.ready())) return;
				if (job.due && !(await job.due(ext.database))) return;
				const n = await runScheduledJob(ext.database, job.name, async () =>
					job.run({ ...(await systemContext(ext)), documents: DOCUMENTS }),
				);
				if (n) {
					await purge();
					ext.logger.info(`salesflow: ${job.name}: ${n}`);
				}
			} catch (e) {
				ext.logger.error(e, `salesflow: ${job.name} failed`);
			}
		});
	}
});

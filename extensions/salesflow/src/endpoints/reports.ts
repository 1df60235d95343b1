// /reports: the data behind the cockpit panels. GET /reports lists the reports and whether the
// caller may open them; GET /reports/:name runs one with zod-validated query filters, summed in
// SQL over the rows the caller may read (own / team / all, as the permissions grant).
import { defineEndpoint } from '@directus/extensions-sdk';
import { DomainError } from '../domain/errors';
import { type EndpointContext, parseInput, requestContext, route } from '../platform/endpoint';
import { viewerFor } from '../platform/row-scope';
import { REPORTS } from '../reports/index';

/** Query parameters Directus itself understands; not report filters. */
const TRANSPORT = ['access_token'];

export default defineEndpoint({
	id: 'reports',
	handler: (router, ext: EndpointContext) => {
		router.get(
			'/',
			route(async (req, res) => {
				const ctx = requestContext(ext, req);
				const list = [...REPORTS.values()].map((r) => {
					try {
						viewerFor(ctx.db, ctx.actor, r.name, r);
						return { name: r.name, available: true };
					} catch {
						return { name: r.name, available: false };
					}
				});
				res.json({ data: list });
			}),
		);

		router.get(
			'/:name',
			route(async (req, res) => {
				const ctx = requestContext(ext, req);
				const report = REPORTS.get(req.params.name!);
				if (!report)
					throw new DomainError('NOT_FOUND', `There is no report "${req.params.name}"; reports: ${[...REPORTS.keys()].join(', ')}`, 404);
				const viewer = viewerFor(ctx.db, ctx.actor, report.name, report);
				const query = Object.fromEntries(Object.entries(req.query).filter(([k]) => !TRANSPORT.includes(k)));
				const filters = parseInput(report.filters, query) as { owner?: string };
				if (filters.owner) await viewer.narrowTo(filters.owner);
				res.json({ data: await report.run(ctx.db, viewer, filters) });
			}),
		);
	},
});

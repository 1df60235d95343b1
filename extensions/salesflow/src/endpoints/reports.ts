// /reports: the data behind the cockpit panels. GET /reports lists the reports and whether the
// caller may open them; GET /reports/:name runs one with zod-validated query filters, summed in
// SQL over the rows the caller may read (own / team / all, as the permissions grant).
import { defineEndpoint } from '@directus/extensions-sdk';
import { type EndpointContext, queryOf, requestContext, route } from '../platform/endpoint';
import { viewerFor } from '../platform/row-scope';
import { REPORTS, runReport } from '../reports/index';

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
				res.json({ data: await runReport(requestContext(ext, req), req.params.name!, queryOf(req)) });
			}),
		);
	},
});

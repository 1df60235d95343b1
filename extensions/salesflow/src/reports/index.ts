// The reports behind the cockpit panels, by the name used in GET /reports/:name.
// A new report is one file in this folder (defineReport) listed here, plus its test.
import { DomainError } from '../domain/errors';
import type { RuleContext } from '../platform/context';
import { parseInput } from '../platform/endpoint';
import { viewerFor } from '../platform/row-scope';
import aging from './aging';
import commission from './commission';
import followUp from './follow-up';
import pipeline from './pipeline';
import repPerformance from './rep-performance';
import salesTrend from './sales-trend';
import satisfaction from './satisfaction';
import stock from './stock';
import type { Report } from './report';

export const REPORTS: ReadonlyMap<string, Report> = new Map(
	[salesTrend, pipeline, repPerformance, aging, stock, followUp, satisfaction, commission].map((r) => [r.name, r as Report]),
);

/** Runs a report for the caller, scoped to the rows they may read; `query` holds its filters. */
export async function runReport(ctx: RuleContext, name: string, query: Record<string, unknown>): Promise<unknown> {
	const report = REPORTS.get(name);
	if (!report) throw new DomainError('NOT_FOUND', `There is no report "${name}"; reports: ${[...REPORTS.keys()].join(', ')}`, 404);
	const viewer = viewerFor(ctx.db, ctx.actor, report.name, report);
	const filters = parseInput(report.filters, query) as { owner?: string };
	if (filters.owner) await viewer.narrowTo(filters.owner);
	return report.run(ctx.db, viewer, filters);
}

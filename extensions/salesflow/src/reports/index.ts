// The reports behind the cockpit panels, by the name used in GET /reports/:name.
// A new report is one file in this folder (defineReport) listed here, plus its test.
import aging from './aging';
import followUp from './follow-up';
import pipeline from './pipeline';
import repPerformance from './rep-performance';
import salesTrend from './sales-trend';
import satisfaction from './satisfaction';
import stock from './stock';
import type { Report } from './report';

export const REPORTS: ReadonlyMap<string, Report> = new Map(
	[salesTrend, pipeline, repPerformance, aging, stock, followUp, satisfaction].map((r) => [r.name, r as Report]),
);

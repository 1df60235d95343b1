// Figures of a weekly or monthly work report (周报/月报), computed at submit for the report's period
// and kept as they were then: the standard wants customers touched, new customers, grade changes
// (等级变化须在报告中体现), opportunities advanced, orders and their amount, and receipts.
import { addDays, epochDay, isoDate, type DateInput } from './dates';
import { OPPORTUNITY_STAGES } from './opportunities';
import { reportPeriod } from './crm';

/** The calendar days a report covers, as the half-open range [start, end). */
export function reportRange(kind: string, periodStart: DateInput): { start: string; end: string } {
	const { start } = reportPeriod(kind, periodStart);
	if (kind === 'daily') return { start, end: addDays(start, 1) };
	if (kind === 'weekly') return { start, end: addDays(start, 7) };
	const [y, m] = start.split('-').map(Number) as [number, number];
	return { start, end: isoDate(epochDay(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`)) };
}

/** Stage order of the pipeline; `lost` is not a step forward. */
const RANK: Record<string, number> = Object.fromEntries(OPPORTUNITY_STAGES.filter((s) => s !== 'lost').map((s, i) => [s, i]));

/** Opportunities with at least one move to a later stage (won included; lost and moves back are not advances). */
export function opportunitiesAdvanced(moves: Array<{ opportunity: unknown; from_stage: string | null; to_stage: string }>): number {
	const advanced = new Set<string>();
	for (const m of moves) {
		const to = RANK[m.to_stage];
		const from = m.from_stage === null ? undefined : RANK[m.from_stage];
		if (to !== undefined && from !== undefined && to > from) advanced.add(String(m.opportunity));
	}
	return advanced.size;
}

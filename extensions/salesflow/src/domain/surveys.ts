// Satisfaction surveys (满意度调查): seed 001 has the sales director run customer satisfaction
// surveys. Scores are 1–5; managers look at each rep's average per quarter, and the important
// customers (grades A and B) are surveyed at least once a year.
import { type DateInput, epochDay } from './dates';
import { parseField, zWholeNumber } from './field-checks';
import { formatScaled, mulDivRound } from './money';
import { parsePlanPeriod } from './sales-plans';

export const zScore = zWholeNumber('score', 1, 5);

export type ScoreAverage = { rep: string; quarter: string; count: number; average: string };

/**
 * Survey count and average score per rep and quarter ('2027-Q1'), in order of first appearance;
 * the average is exact to 2 decimals, rounded half up (4.125 → 4.13).
 */
export function averageScores(rows: Array<{ rep: string; quarter: string; score: number }>): ScoreAverage[] {
	const groups = new Map<string, { rep: string; quarter: string; count: number; sum: number }>();
	for (const row of rows) {
		parsePlanPeriod(row.quarter, 'quarter', ['quarterly']);
		const score = parseField(zScore, 'score', row.score);
		const key = JSON.stringify([row.rep, row.quarter]);
		const group = groups.get(key) ?? { rep: row.rep, quarter: row.quarter, count: 0, sum: 0 };
		groups.set(key, group);
		group.count += 1;
		group.sum += score;
	}
	return [...groups.values()].map(({ rep, quarter, count, sum }) => ({
		rep,
		quarter,
		count,
		average: formatScaled(mulDivRound(BigInt(sum), 100n, BigInt(count)), 2),
	}));
}

/** Days a survey counts for: a customer surveyed 365 or more days ago is due again. */
const SURVEY_VALID_DAYS = 365;
const SURVEYED_GRADES = ['A', 'B'];

/** The grade A and B customers (in the order given) with no survey in the last 365 days, `today` included. */
export function surveysDue<C extends { id: unknown; grade: string | null; lastSurveyOn: DateInput | null | undefined }>(input: {
	customers: C[];
	today: DateInput;
}): C[] {
	const today = epochDay(input.today, 'today');
	return input.customers.filter(
		(c) =>
			c.grade !== null &&
			SURVEYED_GRADES.includes(c.grade) &&
			(!c.lastSurveyOn || today - epochDay(c.lastSurveyOn, 'last_survey_on') >= SURVEY_VALID_DAYS),
	);
}

import { describe, expect, it } from 'vitest';
import { averageScores, surveysDue, zScore } from './surveys';

const refusal = (field: string, message: string) =>
	expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field }, message });

describe('zScore', () => {
	it.each([
		[1, true],
		[5, true],
		[3, true],
		[0, false],
		[6, false],
		[4.5, false],
		['4', false],
		[null, false],
	])('%j → %s', (v, ok) => {
		expect(zScore.safeParse(v).success).toBe(ok);
	});
});

describe('averageScores', () => {
	const averageOf = (scores: number[]) => averageScores(scores.map((score) => ({ rep: 'r', quarter: '2027-Q1', score })))[0];

	it.each([
		[[5], 1, '5.00'],
		[[1], 1, '1.00'],
		[[4, 5], 2, '4.50'],
		[[5, 4, 4], 3, '4.33'], // 4.333…
		[[5, 5, 4], 3, '4.67'], // 4.666… → up
		[[1, 2, 2], 3, '1.67'],
		[[5, 5, 5, 4, 4, 4, 4, 2], 8, '4.13'], // 33 / 8 = 4.125, exactly half → up
		[[...Array(4).fill(5), ...Array(28).fill(4), 1], 33, '4.03'], // 133 / 33 = 4.0303…
	])('%j → count %s, average %s', (scores, count, average) => {
		expect(averageOf(scores)).toEqual({ rep: 'r', quarter: '2027-Q1', count, average });
	});

	it('groups per rep and quarter, in order of first appearance', () => {
		expect(
			averageScores([
				{ rep: 'wang', quarter: '2027-Q2', score: 5 },
				{ rep: 'li', quarter: '2027-Q2', score: 3 },
				{ rep: 'wang', quarter: '2027-Q1', score: 2 },
				{ rep: 'wang', quarter: '2027-Q2', score: 4 },
				{ rep: 'li', quarter: '2027-Q2', score: 4 },
				{ rep: 'li', quarter: '2027-Q2', score: 4 },
			]),
		).toEqual([
			{ rep: 'wang', quarter: '2027-Q2', count: 2, average: '4.50' },
			{ rep: 'li', quarter: '2027-Q2', count: 3, average: '3.67' },
			{ rep: 'wang', quarter: '2027-Q1', count: 1, average: '2.00' },
		]);
	});

	it('no rows: no averages', () => {
		expect(averageScores([])).toEqual([]);
	});

	it.each([
		[{ rep: 'r', quarter: '2027-Q1', score: 0 }, 'score', 'score must be a whole number from 1 to 5, got 0'],
		[{ rep: 'r', quarter: '2027-Q1', score: 3.5 }, 'score', 'score must be a whole number from 1 to 5, got 3.5'],
		[{ rep: 'r', quarter: '2027-Q1', score: 6 }, 'score', 'score must be a whole number from 1 to 5, got 6'],
		[{ rep: 'r', quarter: '2027', score: 3 }, 'quarter', 'quarter must be a quarter (2027-Q1), got "2027"'],
		[{ rep: 'r', quarter: '2027-03', score: 3 }, 'quarter', 'quarter must be a quarter (2027-Q1), got "2027-03"'],
		[{ rep: 'r', quarter: '2027-Q5', score: 3 }, 'quarter', 'quarter must be a quarter (2027-Q1), got "2027-Q5"'],
	])('refuses %j naming %s', (row, field, message) => {
		expect(() => averageScores([row])).toThrow(refusal(field, message));
	});
});

describe('surveysDue', () => {
	const today = '2027-06-30';

	it.each([
		['A', null, true], // never surveyed
		['B', undefined, true],
		['A', '2026-06-30', true], // 365 days ago: outside the last 365 days
		['B', '2026-07-01', false], // 364 days ago
		['A', '2027-06-30', false], // today
		['A', '2025-01-01', true],
		['B', '2027-07-15', false], // a date after today counts as recent
		['C', null, false], // only A and B
		['D', '2020-01-01', false],
		[null, null, false],
		['a', null, false], // grades are upper case
	])('grade %s, last survey %s → due %s', (grade, lastSurveyOn, due) => {
		expect(surveysDue({ customers: [{ id: 1, grade, lastSurveyOn }], today })).toHaveLength(due ? 1 : 0);
	});

	it('keeps the rows as given, in order; in a leap year 365 days is a day short of a calendar year', () => {
		const customers = [
			{ id: 3, grade: 'B', lastSurveyOn: '2027-03-01', name: '365 days before 2028-02-29' },
			{ id: 1, grade: 'A', lastSurveyOn: null, name: 'never surveyed' },
			{ id: 2, grade: 'A', lastSurveyOn: '2027-03-02', name: '364 days before' },
			{ id: 4, grade: 'C', lastSurveyOn: null, name: 'grade C' },
		];
		expect(surveysDue({ customers, today: '2028-02-29' })).toEqual([customers[0], customers[1]]);
	});

	it('empty list: nobody due', () => {
		expect(surveysDue({ customers: [], today })).toEqual([]);
	});

	it.each([
		[{ today: '2027-13-01', customers: [] }, 'today', 'today must be a date YYYY-MM-DD, got "2027-13-01"'],
		[
			{ today, customers: [{ id: 1, grade: 'A', lastSurveyOn: 'last spring' }] },
			'last_survey_on',
			'last_survey_on must be a date YYYY-MM-DD, got "last spring"',
		],
	])('refuses %j naming %s', (input, field, message) => {
		expect(() => surveysDue(input)).toThrow(refusal(field, message));
	});
});

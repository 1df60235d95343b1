import { describe, expect, it } from 'vitest';
import { context } from '../test-fixtures';
import { customerGrade } from './customer-grade';

const run = (grade: string | null | undefined, grades = ['A']) =>
	customerGrade.evaluate({ grades }, { ...context({ collection: 'visits' }), customerGrade: grade });

describe('customer_grade', () => {
	it('matches a customer of one of the grades, naming the grade', () => {
		expect(run('A')).toEqual({ matched: true, reasons: ['customer grade A / 客户等级 A'] });
		expect(run('B', ['A', 'B']).matched).toBe(true);
	});

	it('does not match another grade or a document without a customer grade', () => {
		expect(run('B')).toEqual({ matched: false, reasons: [] });
		expect(run(null)).toEqual({ matched: false, reasons: [] });
		expect(run(undefined)).toEqual({ matched: false, reasons: [] });
	});

	it('needs at least one grade', () => {
		expect(customerGrade.params.safeParse({ grades: [] }).success).toBe(false);
		expect(customerGrade.params.safeParse({}).success).toBe(false);
	});
});

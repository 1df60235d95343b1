import { describe, expect, it } from 'vitest';
import { legacyCreditRating, legacyEnterpriseStatus, reviewGaps } from './customer-review';

describe('reviewGaps', () => {
	it('passes a normal status with a rating, and names each missing part otherwise', () => {
		expect(reviewGaps({ enterprise_status: 'normal', credit_rating: 'AAA' })).toEqual([]);
		expect(reviewGaps({ enterprise_status: 'normal', credit_rating: 'C' })).toEqual([]);
		expect(reviewGaps({}).map((g) => g.field)).toEqual(['enterprise_status', 'credit_rating']);
		expect(reviewGaps({ enterprise_status: '', credit_rating: '' }).map((g) => g.field)).toEqual(['enterprise_status', 'credit_rating']);
		expect(reviewGaps({ enterprise_status: 'revoked', credit_rating: 'A' })).toEqual([
			{ field: 'enterprise_status', text: 'enterprise status is 吊销 / revoked, not 存续 / normal' },
		]);
		expect(reviewGaps({ enterprise_status: 'deregistered', credit_rating: 'BBB' }).map((g) => g.field)).toEqual([
			'enterprise_status',
			'credit_rating',
		]);
	});
});

describe('legacy free-text values', () => {
	it.each([
		['normal', 'normal'],
		['存续', 'normal'],
		['存续（在营、开业、在册）', 'normal'],
		[' 在业 ', 'normal'],
		['Normal (in business)', 'normal'],
		['经营异常', 'abnormal'],
		['列入经营异常名录', 'abnormal'],
		['吊销', 'revoked'],
		['吊销，未注销', 'revoked'],
		['注销', 'deregistered'],
		['已注销', 'deregistered'],
		['REVOKED', 'revoked'],
		['待查', null],
		['unknown', null],
	])('enterprise status %j → %j', (text, key) => {
		expect(legacyEnterpriseStatus(text)).toBe(key);
	});

	it.each([
		['AAA', 'AAA'],
		['aa', 'AA'],
		[' A ', 'A'],
		['Ｂ', 'B'],
		['C级', 'C'],
		['BBB', null],
		['A+', null],
		['良好', null],
	])('credit rating %j → %j', (text, key) => {
		expect(legacyCreditRating(text)).toBe(key);
	});
});

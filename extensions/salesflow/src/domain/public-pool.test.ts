import { describe, expect, it } from 'vitest';
import { poolDecision } from './public-pool';

const base = { registeredOn: '2027-01-01', staleDays: 30, graceDays: 7 };

describe('poolDecision', () => {
	it.each([
		// never contacted: days count from registration
		[null, null, '2027-01-30', 'none'], // 29 days
		[null, null, '2027-01-31', 'remind'], // 30 days
		[null, null, '2027-06-01', 'remind'],
		// contacted: days count from the last contact
		['2027-03-01', null, '2027-03-30', 'none'],
		['2027-03-01', null, '2027-03-31', 'remind'],
		['2027-03-01', null, '2027-03-01', 'none'],
		// reminded, no contact since: wait graceDays, then back to the pool
		[null, '2027-01-31', '2027-01-31', 'none'], // the reminder is not sent twice
		[null, '2027-01-31', '2027-02-06', 'none'], // 6 days after
		[null, '2027-01-31', '2027-02-07', 'return_to_pool'], // 7 days after
		[null, '2027-01-31', '2027-05-01', 'return_to_pool'],
		['2027-03-01', '2027-03-31', '2027-04-07', 'return_to_pool'], // the contact was before the reminder
		// contact on or after the reminder resets it
		['2027-01-31', '2027-01-31', '2027-02-07', 'none'], // called the same day
		['2027-02-03', '2027-01-31', '2027-02-20', 'none'],
		['2027-02-03', '2027-01-31', '2027-03-05', 'remind'], // stale again: a new reminder
		['2027-02-03', '2027-01-31', '2027-03-04', 'none'], // 29 days after that contact
	])('last contact %s, reminded %s, today %s → %s', (lastContactedOn, remindedOn, today, decision) => {
		expect(poolDecision({ ...base, lastContactedOn, remindedOn, today })).toBe(decision);
	});

	it.each([
		[1, 1, '2027-01-02', null, 'remind'],
		[1, 1, '2027-01-01', null, 'none'],
		[1, 1, '2027-01-03', '2027-01-02', 'return_to_pool'],
		[90, 30, '2027-04-01', null, 'remind'], // 90 days after 2027-01-01
		[90, 30, '2027-05-01', '2027-04-01', 'return_to_pool'],
		[90, 30, '2027-04-30', '2027-04-01', 'none'],
	])('staleDays %s, graceDays %s, today %s, reminded %s → %s', (staleDays, graceDays, today, remindedOn, decision) => {
		expect(poolDecision({ registeredOn: '2027-01-01', lastContactedOn: null, remindedOn, today, staleDays, graceDays })).toBe(decision);
	});

	it('takes Dates as their UTC day and ignores a time after the date', () => {
		expect(
			poolDecision({ ...base, lastContactedOn: new Date('2027-03-01T23:00:00Z'), remindedOn: undefined, today: '2027-03-31T08:00:00' }),
		).toBe('remind');
	});

	it.each([
		[{ staleDays: 0 }, 'stale_days', 'stale_days must be a whole number ≥ 1, got 0'],
		[{ staleDays: 1.5 }, 'stale_days', 'stale_days must be a whole number ≥ 1, got 1.5'],
		[{ graceDays: 0 }, 'grace_days', 'grace_days must be a whole number ≥ 1, got 0'],
		[{ graceDays: -3 }, 'grace_days', 'grace_days must be a whole number ≥ 1, got -3'],
		[{ today: '2027-02-30' }, 'today', 'today must be a date YYYY-MM-DD, got "2027-02-30"'],
		[{ registeredOn: 'yesterday' }, 'registered_on', 'registered_on must be a date YYYY-MM-DD, got "yesterday"'],
		[{ lastContactedOn: '2027/03/01' }, 'last_contacted_on', 'last_contacted_on must be a date YYYY-MM-DD, got "2027/03/01"'],
		[{ remindedOn: 'soon' }, 'reminded_on', 'reminded_on must be a date YYYY-MM-DD, got "soon"'],
	])('refuses %j naming %s', (change, field, message) => {
		expect(() => poolDecision({ ...base, lastContactedOn: null, remindedOn: null, today: '2027-03-01', ...change })).toThrow(
			expect.objectContaining({ code: 'INVALID_PAYLOAD', status: 400, extensions: { field }, message }),
		);
	});
});

import type { Accountability, SchemaOverview } from '@directus/types';
import { describe, expect, it } from 'vitest';
import { limitQuery, limitRead, readingAll, STAFF_QUERY_LIMIT_MAX, staffLimitMax } from './query-limits';

// Orders: columns (customer is a relation's key) and `lines`, the list of related rows (an alias).
const COLUMNS = new Set(['id', 'customer', 'order_date', 'total']);
const isColumn = (f: string) => COLUMNS.has(f);
const schema = {
	collections: {
		sales_orders: {
			fields: Object.fromEntries([...[...COLUMNS].map((f) => [f, { type: 'integer' }]), ['lines', { type: 'alias' }]]),
		},
	},
} as unknown as SchemaOverview;
const rep = { user: 'u1', role: 'r1', roles: ['r1'], admin: false, app: true } as unknown as Accountability;
const admin = { ...rep, admin: true } as Accountability;

describe('limitQuery', () => {
	it.each([
		[-1, 1000],
		[5000, 1000],
		[1000, 1000],
		[25, 25],
		[undefined, undefined],
	])('caps a staff limit of %s to %s', (limit, expected) => {
		expect(limitQuery({ limit }, 'sales_orders', isColumn, 1000).limit).toBe(expected);
	});

	it('leaves an unlimited read alone when there is no cap', () => {
		const q = { limit: -1, deep: { lines: { _limit: -1 } } };
		expect(limitQuery(q, 'sales_orders', isColumn, null)).toBe(q);
	});

	it('caps nested lists at any depth, keeping their other settings', () => {
		const deep = { lines: { _limit: -1, _sort: ['id'], product: { _limit: 9999, _filter: { active: { _eq: true } } } } };
		expect(limitQuery({ deep }, 'sales_orders', isColumn, 1000).deep).toEqual({
			lines: { _limit: 1000, _sort: ['id'], product: { _limit: 1000, _filter: { active: { _eq: true } } } },
		});
	});

	it.each([['customer'], ['year(order_date)'], ['id']])('groups by the column %s', (g) => {
		expect(limitQuery({ group: [g] }, 'sales_orders', isColumn, null).group).toEqual([g]);
	});

	it.each([['customer.name'], ['lines'], ['year(customer.date_created)']])('refuses to group by %s, for administrators too', (g) => {
		expect(() => limitQuery({ group: [g] }, 'sales_orders', isColumn, null)).toThrow(
			`Cannot group sales_orders by ${g}: group by a field of sales_orders itself (a relation by its key, e.g. customer)`,
		);
	});
});

describe('limitRead', () => {
	it('caps staff, not administrators nor Salesflow itself', async () => {
		expect(limitRead({ limit: -1 }, 'sales_orders', schema, rep, 10).limit).toBe(10);
		expect(limitRead({ limit: -1 }, 'sales_orders', schema, admin, 10).limit).toBe(-1);
		expect(limitRead({ limit: -1 }, 'sales_orders', schema, null, 10).limit).toBe(-1);
		expect(limitRead({ limit: -1 }, 'sales_orders', schema, undefined, 10).limit).toBe(-1);
		expect(await readingAll(async () => limitRead({ limit: -1 }, 'sales_orders', schema, rep, 10).limit)).toBe(-1);
	});

	it('knows a list of related rows is not a column', () => {
		expect(() => limitRead({ group: ['lines'] }, 'sales_orders', schema, admin, 10)).toThrow(/Cannot group sales_orders by lines/);
	});
});

describe('staffLimitMax', () => {
	it.each([
		[undefined, STAFF_QUERY_LIMIT_MAX],
		['', STAFF_QUERY_LIMIT_MAX],
		['50000', 50000],
		[200, 200],
	])('%j → %d', (setting, max) => {
		expect(staffLimitMax(setting)).toBe(max);
	});

	it.each([['-1'], ['0'], ['many'], ['1.5']])('refuses %j', (setting) => {
		expect(() => staffLimitMax(setting)).toThrow(`SALESFLOW_STAFF_QUERY_LIMIT_MAX must be a positive whole number, got "${setting}"`);
	});
});

import type { SchemaOverview } from '@directus/types';
import { describe, expect, it } from 'vitest';
import { type ReadRule, type Rules, scopeQueryWith } from './query-scope';

// A slice of the schema: orders point at contracts and customers, contracts at customers, orders own lines.
const m2o = (collection: string, field: string, related: string) => ({ collection, field, related_collection: related, meta: null });
const schema = {
	relations: [
		m2o('sales_orders', 'contract', 'contracts'),
		m2o('sales_orders', 'customer', 'customers'),
		m2o('contracts', 'customer', 'customers'),
		{ collection: 'sales_order_lines', field: 'order', related_collection: 'sales_orders', meta: { one_field: 'lines' } },
		m2o('sales_order_lines', 'product', 'products'),
	],
} as unknown as Pick<SchemaOverview, 'relations'>;

const rule = (filter: Record<string, unknown> | null, fields = ['*']): ReadRule => ({ filter, fields: new Set(fields) });
const OWN = { owner: { _eq: 'rep' } };
const TEAM = { _or: [OWN, { owner: { manager: { _eq: 'rep' } } }] };
const rules: Rules = new Map([
	['sales_orders', [rule(OWN)]],
	['contracts', [rule(TEAM)]],
	['customers', [rule(OWN)]],
	['products', [rule(null, ['id', 'sku', 'name']), rule({ product_manager: { _eq: 'rep' } }, ['*'])]],
]);
const scope = (filter: Record<string, unknown>, extra: Record<string, unknown> = {}, collection = 'sales_orders') =>
	scopeQueryWith({ filter, ...extra }, collection, rules, schema).filter;

describe('scopeQueryWith', () => {
	it('leaves a filter on the collection’s own fields alone', () => {
		expect(scope({ status: { _eq: 'draft' }, total: { _gt: 5 } })).toEqual({ _and: [{ status: { _eq: 'draft' } }, { total: { _gt: 5 } }] });
		expect(scope({ contract: { _null: true } })).toEqual({ contract: { _null: true } });
	});

	it('joins every many-to-one step with the rows the caller reads there, one key per object', () => {
		expect(scope({ contract: { customer: { name: { _starts_with: '深' } } } })).toEqual({
			_and: [
				{ _and: [{ contract: { customer: { name: { _starts_with: '深' } } } }, { contract: { customer: OWN } }] },
				{ _or: [{ contract: OWN }, { contract: { owner: { manager: { _eq: 'rep' } } } }] },
			],
		});
	});

	it('turns a step into many rows into a _some sub-query (scoped by Directus) and scopes steps inside it', () => {
		expect(scope({ lines: { product: { sku: { _eq: 'A' } } } })).toEqual({
			lines: { _some: { product: { sku: { _eq: 'A' } } } },
		});
		expect(scope({ lines: { _none: { quantity: { _gt: 1 } } } })).toEqual({ lines: { _none: { quantity: { _gt: 1 } } } });
	});

	it('keeps _and/_or of the caller in place and scopes inside them', () => {
		const f = scope({ _or: [{ status: { _eq: 'draft' } }, { customer: { name: { _eq: 'X' } } }] });
		expect(f).toEqual({
			_or: [{ status: { _eq: 'draft' } }, { _and: [{ customer: { name: { _eq: 'X' } } }, { customer: OWN }] }],
		});
	});

	it('filters, sorts and aggregates a partly readable field only on the rows where it is readable', () => {
		const mine = { product_manager: { _eq: 'rep' } };
		expect(scope({ cost_price: { _lt: 10 } }, {}, 'products')).toEqual({ _and: [{ cost_price: { _lt: 10 } }, mine] });
		expect(scopeQueryWith({ sort: ['-cost_price'] }, 'products', rules, schema).filter).toEqual(mine);
		expect(scopeQueryWith({ aggregate: { sum: ['cost_price'] } }, 'products', rules, schema).filter).toEqual(mine);
		expect(scopeQueryWith({ sort: ['sku'] }, 'products', rules, schema).filter).toBeUndefined();
	});

	it('adds nothing where the caller reads every row', () => {
		const all: Rules = new Map([
			['sales_orders', [rule(null)]],
			['contracts', [rule(null)]],
			['customers', [rule(null)]],
		]);
		expect(scopeQueryWith({ filter: { contract: { customer: { name: { _eq: 'X' } } } } }, 'sales_orders', all, schema).filter).toEqual({
			contract: { customer: { name: { _eq: 'X' } } },
		});
	});
});

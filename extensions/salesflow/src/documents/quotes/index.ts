// Quotes (报价单): made for a customer the caller can see, lines priced with the product's list and
// floor prices snapshotted; approved by the direct superior, with the special-discount and margin rules
// of approval_rules. Cost is confidential (保密): it is snapshotted by Salesflow when the quote goes for
// approval, never written or read by the rep who prices it.
import { parseMoney } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { pricedLines } from '../../engine/approvals/context';
import { defineDocument } from '../../engine/document-type';
import { readVisible } from '../../platform/access';
import { quoteLifecycle } from './lifecycle';

export const quotes = defineDocument({
	collection: 'quotes',
	lifecycle: quoteLifecycle,
	alwaysEditable: ['memo'],
	lines: [{ collection: 'quote_lines', required: ['product', 'quantity', 'unit_price'], snapshot: ['floor_price', 'list_price'] }],
	totals: (db, id) => db('quote_lines').where({ quote: id }).select('quantity', 'unit_price', 'tax_rate'),
	amountField: 'total',
	approvalContext: async (db, row) => ({
		collection: 'quotes',
		amountFen: parseMoney(row.total),
		lines: await pricedLines(db, 'quote_lines', 'quote', row.id),
	}),
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
	},
	effects: {
		submitted: async (m) => {
			await m
				.trx('quote_lines')
				.where({ quote: m.id })
				.update({ cost_price: m.trx('products').select('cost_price').where('products.id', m.trx.ref('quote_lines.product')) });
			return submitForApproval(m);
		},
	},
});

// Contracts (销售合同): made for a customer (and quote) the caller can see; approved by the sales
// manager, legal and finance, then by amount (VP above 100,000, general manager above 500,000), and
// like quotes by the special-discount and margin rules on their lines. A contract with lines amounts
// to their total; one without is a framework contract (框架合同) with an entered amount.
// Signing stamps the sign date and sets the customer to "signed" (its first signed contract). What was
// ordered, shipped, invoiced and received against it is kept on it (./performance.ts); it is completed
// only when fully performed.
import { checkPerformed } from '../../domain/contract-performance';
import { invalid } from '../../domain/errors';
import { parseMoney } from '../../domain/money';
import { pricedLines } from '../../engine/approvals/context';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { readVisible } from '../../platform/access';
import { nestedRows } from '../../platform/input';
import { today } from '../../platform/clock';
import { dbDate } from '../../platform/database';
import { quotedPrices } from '../quotes';
import { contractLifecycle } from './lifecycle';
import { performanceOf } from './performance';

const amountOfLines = (contract: string) =>
	invalid('amount', `the amount of ${contract} is the total of its lines; change the lines, or remove them for a framework contract`);

export const contracts = defineDocument({
	collection: 'contracts',
	lifecycle: contractLifecycle,
	archive: { statuses: ['signed', 'completed', 'terminated'], grant: 'archive_contracts' },
	// A contract without lines is a framework contract (框架合同) with its entered amount.
	lines: [
		{ collection: 'contract_lines', required: ['product', 'quantity', 'unit_price'], snapshot: ['floor_price'], optionalWhen: () => true },
	],
	totals: (db, id) => db('contract_lines').where({ contract: id }).select('quantity', 'unit_price', 'tax_rate'),
	// With lines the amount is their total; a framework contract keeps the amount entered.
	totalsInto: (amounts, lines) => (lines ? { amount: amounts.total } : {}),
	amountField: 'amount',
	// The quote's floor-price and margin rules, on the contract's lines; prices its binding quote granted are covered.
	approvalContext: async (db, row) => ({
		collection: 'contracts',
		amountFen: parseMoney(row.amount),
		lines: await pricedLines(db, 'contract_lines', 'contract', row.id, await quotedPrices(db, row.quote, row.customer)),
	}),
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		if (payload.quote !== undefined && payload.quote !== null) await readVisible(ctx, 'quotes', payload.quote, 'quote');
		if (payload.amount !== undefined && payload.amount !== null && nestedRows(payload.lines).length > 0)
			throw amountOfLines('the new contract');
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!('amount' in payload)) return undefined;
		const lined = await ctx
			.db('contract_lines as l')
			.join('contracts as c', 'c.id', 'l.contract')
			.whereIn('l.contract', keys)
			.first('c.number');
		if (lined) throw amountOfLines(lined.number);
		return undefined;
	},
	effects: {
		submitted: async (m) => {
			const lines = await m.trx('contract_lines').where({ contract: m.id }).count({ n: '*' });
			if (!Number(lines[0]!.n) && (m.row.amount === null || m.row.amount === undefined))
				throw invalid('amount', `${m.row.number} has neither lines nor an amount (a framework contract states its amount)`);
			return submitForApproval(m);
		},
		'approved->signed': async (m) => {
			if (!m.row.sign_date)
				await m
					.trx('contracts')
					.where({ id: m.id })
					.update({ sign_date: dbDate(m.trx, today()) });
			const customer = await m.trx('customers').where({ id: m.row.customer }).first('id', 'status');
			if (customer && customer.status !== 'signed')
				await moveAsSystem(m, { collection: 'customers', id: customer.id, to: 'signed', reason: m.row.number });
			return undefined;
		},
		// Completed only when fully performed (合同履行完毕): figures recomputed under the move's lock.
		'signed->completed': async (m) => {
			const performance = await performanceOf(m.trx, m.id);
			const lines = await m.trx('contract_lines').where({ contract: m.id }).count({ n: '*' });
			checkPerformed({
				...performance,
				contract: m.row.number,
				amountFen: parseMoney(m.row.amount ?? 0),
				framework: !Number(lines[0]!.n),
			});
			return undefined;
		},
	},
});

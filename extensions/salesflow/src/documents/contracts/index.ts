// Contracts (销售合同): made for a customer (and quote) the caller can see; approved by the sales
// manager, legal and finance, then by amount (VP above 100,000, general manager above 500,000).
// Signing stamps the sign date and sets the customer to "signed" (its first signed contract).
import { parseMoney } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { readVisible } from '../../platform/access';
import { today } from '../../platform/clock';
import { dbDate } from '../../platform/database';
import { contractLifecycle } from './lifecycle';

export const contracts = defineDocument({
	collection: 'contracts',
	lifecycle: contractLifecycle,
	alwaysEditable: ['signed_scan', 'sign_date'],
	archive: { statuses: ['signed', 'completed', 'terminated'], grant: 'archive_contracts' },
	amountField: 'amount',
	approvalContext: async (_db, row) => ({ collection: 'contracts', amountFen: parseMoney(row.amount), lines: [] }),
	onCreate: async (ctx, payload) => {
		await readVisible(ctx, 'customers', payload.customer, 'customer');
		if (payload.quote !== undefined && payload.quote !== null) await readVisible(ctx, 'quotes', payload.quote, 'quote');
	},
	effects: {
		submitted: submitForApproval,
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
	},
});

// Statements (对账单): created with the figures computed for the customer and period; sending freezes
// today's figures; the customer's answer is a confirmed payment date (确认回款时间) or a dispute note.
import { zIsoDate } from '../../domain/dates';
import { DomainError, invalid } from '../../domain/errors';
import { zPeriod } from '../../domain/invoicing';
import { defineDocument } from '../../engine/document-type';
import { readVisible } from '../../platform/access';
import { dayOf } from '../../platform/database';
import { customerFigures, statementOf } from './figures';
import { statementLifecycle } from './lifecycle';

export const statements = defineDocument({
	collection: 'statements',
	lifecycle: statementLifecycle,
	fixedAfterCreate: ['customer', 'period'],
	onCreate: async (ctx, payload) => {
		const period = zPeriod.safeParse(payload.period);
		if (!period.success)
			throw invalid('period', `statements.period: ${period.error.issues[0]!.message}, got ${JSON.stringify(payload.period ?? null)}`);
		const customer = await readVisible(ctx, 'customers', payload.customer, 'customer');
		const existing = await ctx.db('statements').where({ customer: customer.id, period: period.data }).first('number');
		if (existing) {
			throw new DomainError('DUPLICATE_STATEMENT', `${customer.name} already has statement ${existing.number} for ${period.data}`, 409, {
				field: 'period',
				statement: existing.number,
			});
		}
		Object.assign(payload, statementOf(await customerFigures(ctx.db, customer.id, period.data)));
	},
	effects: {
		// Reopened by finance: the customer's earlier answer no longer stands.
		draft: async ({ trx, id }) => {
			await trx('statements').where({ id }).update({ confirmed_payment_date: null, dispute_note: null });
			return undefined;
		},
		// Sending (again, after a dispute) sends today's figures; from then on they stay as sent.
		sent: async ({ trx, id, row }) => {
			await trx('statements')
				.where({ id })
				.update(statementOf(await customerFigures(trx, row.customer, row.period)));
			return undefined;
		},
		'sent->confirmed': async ({ row, payload }) => {
			const value = 'confirmed_payment_date' in payload ? payload.confirmed_payment_date : dayOf(row.confirmed_payment_date);
			if (value === undefined || value === null || value === '') {
				throw invalid(
					'confirmed_payment_date',
					`${row.number}: confirmed_payment_date (确认回款时间, the payment date the customer confirmed) is required to confirm a statement`,
				);
			}
			if (!zIsoDate.safeParse(typeof value === 'string' ? value.slice(0, 10) : value).success) {
				throw invalid(
					'confirmed_payment_date',
					`${row.number}: confirmed_payment_date must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`,
				);
			}
			return undefined;
		},
		'sent->disputed': async ({ row, payload }) => {
			const note = 'dispute_note' in payload ? payload.dispute_note : row.dispute_note;
			if (typeof note !== 'string' || !note.trim())
				throw invalid('dispute_note', `${row.number}: a disputed statement needs a dispute note (异议说明)`);
			return undefined;
		},
	},
});

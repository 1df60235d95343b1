// Loan conversions (借出转换单, 转销售): after the trial the customer buys what is still out. Approved by
// the manager and the division head (floor-price rules apply to its prices); the last approval executes
// it in its transaction: per line (re-checked with the loan line locked before anything of that line is
// written) the goods come back (loan_convert_in), then — under its signed contract, re-checked — one
// confirmed sales order against the contract, one issued delivery note and its sales_out, ready to
// invoice. Any refusal rolls it all back.
import type { Knex } from 'knex';
import { checkContractCovered } from '../../domain/contract-performance';
import { computeLine } from '../../domain/document-totals';
import { invalid } from '../../domain/errors';
import { formatQty, lineTotal, parseMoney, parseQty } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { approvalLine, productsOf } from '../../engine/approvals/context';
import { defineDocument, type Id } from '../../engine/document-type';
import { recomputeTotals } from '../../engine/totals';
import { now, today } from '../../platform/clock';
import { dbDate, insertRow, lockRow, type Row } from '../../platform/database';
import { settings } from '../../platform/settings';
import { nextDocumentNumber } from '../../platform/numbering';
import { postMove } from '../../stock/ledger';
import { closeIfSettled, issuedLoan, lockAndCheck, lockIssuedLoan, settlingLineRule } from '../loans/settling';
import { assertWithinContract, type CallOffLine } from '../contracts/call-offs';
import { assertReviewPath, firstOrderReview } from '../sales-orders/review';
import { addToRollup } from '../sales-orders/rollups';
import { issueShipment } from '../shipments/issue';
import { loanConversionLifecycle } from './lifecycle';

const withinLoan = settlingLineRule('loan_conversions');

/**
 * The sale a conversion makes needs a signed contract of the loan's customer, as a delivery does
 * (「试用完成，签订合同后」; below `contract_required_from` none), and stays within it — then counts
 * against it. `lock`: read the contract under its row lock (at the approval that executes it).
 */
async function assertConversionCovered(trx: Knex, row: Row, customer: Id, lock: boolean): Promise<void> {
	const lines: CallOffLine[] = await trx('loan_conversion_lines as c')
		.join('loan_lines as ll', 'll.id', 'c.loan_line')
		.where('c.conversion', row.id)
		.orderBy('c.id')
		.select('ll.product', 'c.quantity', 'c.unit_price');
	const contract = !row.contract
		? null
		: lock
			? await lockRow(trx, 'contracts', row.contract)
			: await trx('contracts').where({ id: row.contract }).first();
	checkContractCovered({
		order: row.number,
		totalFen: lines.reduce((s, l) => s + lineTotal(parseQty(l.quantity), parseMoney(l.unit_price)), 0n),
		requiredFromFen: parseMoney(settings().contract_required_from),
		contract: contract ?? null,
	});
	if (contract) await assertWithinContract(trx, contract, { customer, lines });
}

export const loanConversions = defineDocument({
	collection: 'loan_conversions',
	lifecycle: loanConversionLifecycle,
	fixedAfterCreate: ['loan'],
	lines: [
		{
			collection: 'loan_conversion_lines',
			required: ['loan_line', 'quantity'],
			onWrite: async (ctx, payload, current, parent) => {
				if ('unit_price' in payload || !current) {
					const price = payload.unit_price;
					if (price === undefined || price === null || price === '' || parseMoney(price, 'unit_price') <= 0n) {
						throw invalid('unit_price', `unit_price is required and must be greater than 0, got ${JSON.stringify(price ?? null)}`);
					}
				}
				await withinLoan(ctx, payload, current, parent);
			},
		},
	],
	approvalContext: async (db, row) => {
		const rows: Row[] = await db('loan_conversion_lines as c')
			.join('loan_lines as ll', 'll.id', 'c.loan_line')
			.join('products as p', 'p.id', 'll.product')
			.where('c.conversion', row.id)
			.orderBy('c.id')
			.select('c.quantity', 'c.unit_price', 'p.id as product', 'p.sku', 'p.list_price', 'p.floor_price', 'p.cost_price', 'p.tax_rate');
		const lines = rows.map((r, i) => approvalLine(r, i + 1));
		const loan = await db('loans').where({ id: row.loan }).first('customer');
		return {
			collection: 'loan_conversions',
			amountFen: lines.reduce((s, l) => s + lineTotal(l.quantityMilli, l.unitPriceFen), 0n),
			lines,
			products: await productsOf(
				db,
				rows.map((r) => r.product),
			),
			// The order it makes may be the customer's first: reviewed as an order would be.
			review: await firstOrderReview(db, loan.customer, null),
		};
	},
	onCreate: async (ctx, payload) => {
		await issuedLoan(ctx, payload.loan, 'converted to a sale');
	},
	effects: {
		submitted: async (m) => {
			const loan = await m.trx('loans').where({ id: m.row.loan }).first('customer');
			await assertConversionCovered(m.trx, m.row, loan.customer, false);
			await assertReviewPath(m.trx, 'loan_conversions', m.row, loan.customer, null);
			return submitForApproval(m);
		},
	},
	onApproved: async (m) => {
		const { trx, id, row, actor } = m;
		const loan = await lockIssuedLoan(trx, row.loan, row);
		const lines: Row[] = await trx('loan_conversion_lines').where({ conversion: id }).orderBy('id');
		if (!lines.length) throw invalid('lines', `${row.number} has no lines`);
		const at = now();
		const converted: Array<{ line: Row; quantity: bigint; unit_price: string | number }> = [];
		for (const l of lines) {
			const quantity = parseQty(l.quantity);
			const line = await lockAndCheck(trx, l.loan_line, quantity);
			await postMove(trx, {
				type: 'loan_convert_in',
				product: line.product,
				warehouse: loan.warehouse,
				quantity,
				source_collection: 'loan_conversions',
				source_id: id,
				source_line: l.id,
				source_number: row.number,
				user: actor.user,
			});
			await addToRollup(trx, 'loan_lines', line.id, 'converted_qty', quantity);
			converted.push({ line, quantity, unit_price: l.unit_price });
		}

		// After the loan and its lines: the contract lock comes last (documents/contracts/performance.ts).
		await assertConversionCovered(trx, row, loan.customer, true);
		const customer = await trx('customers').where({ id: loan.customer }).first('address_phone');
		const owner = loan.owner ?? row.owner ?? null;
		const day = dbDate(trx, today());
		const orderId = await insertRow(trx, 'sales_orders', {
			number: await nextDocumentNumber(trx, 'sales_orders'),
			customer: loan.customer,
			contract: row.contract ?? null,
			owner,
			status: 'confirmed',
			order_date: day,
			ship_by: day,
			ship_to: customer?.address_phone ?? null,
			confirmed_at: at,
			memo: `借出转销售 ${row.number}（借出单 ${loan.number}） / Converted from loan ${loan.number}`,
			date_created: at,
			user_created: owner,
		});
		const orderLines: Array<{ id: number; product: number; quantity: string; unit_price: string | number; tax_rate: string | number }> = [];
		for (const c of converted) {
			const product = await trx('products').where({ id: c.line.product }).first('tax_rate', 'floor_price');
			const fields = { product: c.line.product, quantity: formatQty(c.quantity), unit_price: c.unit_price, tax_rate: product.tax_rate };
			const lineId = await insertRow(trx, 'sales_order_lines', {
				order: orderId,
				...fields,
				floor_price: product.floor_price,
				...computeLine(fields),
				shipped_qty: 0,
				returned_qty: 0,
				invoiced_qty: 0,
			});
			orderLines.push({ id: lineId, ...fields });
		}
		await recomputeTotals(trx, m.documents.document('sales_orders'), orderId);

		const shipmentNumber = await nextDocumentNumber(trx, 'shipments');
		const shipmentId = await insertRow(trx, 'shipments', {
			number: shipmentNumber,
			order: orderId,
			customer: loan.customer,
			warehouse: loan.warehouse,
			owner,
			status: 'issued',
			ship_to: customer?.address_phone ?? null,
			date_created: at,
			user_created: owner,
		});
		await trx('shipment_lines').insert(
			orderLines.map((ol) => ({
				shipment: shipmentId,
				order_line: ol.id,
				product: ol.product,
				quantity: ol.quantity,
				unit_price: ol.unit_price,
				tax_rate: ol.tax_rate,
				invoiced_qty: 0,
				returned_qty: 0,
			})),
		);
		await recomputeTotals(trx, m.documents.document('shipments'), shipmentId);
		await issueShipment(m, { id: shipmentId, number: shipmentNumber, order: orderId, warehouse: loan.warehouse });

		await trx('loan_conversions').where({ id }).update({ order: orderId, shipment: shipmentId });
		await closeIfSettled(m, loan.id);
		return undefined;
	},
});

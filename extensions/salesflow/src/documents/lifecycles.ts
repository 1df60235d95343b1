// Every status table, by collection: pure data that the rules, the schema's status choices and the
// data app's actions all read, so a status exists in exactly one place.
import type { Lifecycle } from '../domain/state-machines';
import { approvalRequestLifecycle, approvalStepLifecycle } from '../engine/approvals/lifecycle';
import { outboxMessageLifecycle } from './channels/lifecycle';
import { commissionStatementLifecycle } from './commission-statements/lifecycle';
import { complaintLifecycle } from './complaints/lifecycle';
import { contractChangeLifecycle } from './contract-changes/lifecycle';
import { contractLifecycle } from './contracts/lifecycle';
import { customerLifecycle } from './customers/lifecycle';
import { invoiceLifecycle } from './invoices/lifecycle';
import { loanConversionLifecycle } from './loan-conversions/lifecycle';
import { loanReturnLifecycle } from './loan-returns/lifecycle';
import { loanLifecycle } from './loans/lifecycle';
import { orderChangeLifecycle } from './order-changes/lifecycle';
import { quoteLifecycle } from './quotes/lifecycle';
import { receiptLifecycle } from './receipts/lifecycle';
import { returnRequestLifecycle } from './return-requests/lifecycle';
import { returnLifecycle } from './returns/lifecycle';
import { salesOrderLifecycle } from './sales-orders/lifecycle';
import { salesPlanLifecycle } from './sales-plans/lifecycle';
import { shipmentLifecycle } from './shipments/lifecycle';
import { statementLifecycle } from './statements/lifecycle';
import { stockEntryLifecycle } from './stock-entries/lifecycle';
import { visitLifecycle } from './visits/lifecycle';
import { workReportLifecycle } from './work-reports/lifecycle';

export const LIFECYCLES: Record<string, Lifecycle> = {
	quotes: quoteLifecycle,
	contracts: contractLifecycle,
	sales_orders: salesOrderLifecycle,
	order_changes: orderChangeLifecycle,
	contract_changes: contractChangeLifecycle,
	return_requests: returnRequestLifecycle,
	loans: loanLifecycle,
	loan_returns: loanReturnLifecycle,
	loan_conversions: loanConversionLifecycle,
	shipments: shipmentLifecycle,
	invoices: invoiceLifecycle,
	stock_entries: stockEntryLifecycle,
	receipts: receiptLifecycle,
	returns: returnLifecycle,
	approval_requests: approvalRequestLifecycle,
	approval_steps: approvalStepLifecycle,
	outbox_messages: outboxMessageLifecycle,
	statements: statementLifecycle,
	customers: customerLifecycle,
	complaints: complaintLifecycle,
	work_reports: workReportLifecycle,
	visits: visitLifecycle,
	sales_plans: salesPlanLifecycle,
	commission_statements: commissionStatementLifecycle,
};

export function lifecycleOf(collection: string): Lifecycle {
	const l = LIFECYCLES[collection];
	if (!l) throw new RangeError(`${collection} has no status table`);
	return l;
}

/** Documents that go through approval, with the status their approval reaches. */
export const APPROVED_STATUS: Record<string, string> = Object.fromEntries(
	Object.entries(LIFECYCLES).flatMap(([c, l]) => (l.approved ? [[c, l.approved]] : [])),
);

export const APPROVAL_COLLECTIONS = Object.keys(APPROVED_STATUS);

/** Documents whose page shows the actions and timeline (every status table but the approval engine's and the outbox's, which only Salesflow moves). */
export const ACTION_COLLECTIONS = Object.keys(LIFECYCLES).filter((c) => !c.startsWith('approval_') && c !== 'outbox_messages');

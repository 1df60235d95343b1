// Named grants (who may issue an invoice, post stock, close an order…): plain data, read by the status
// tables, the endpoints and the hooks alike. Kept apart from access.ts, which derives from the collections.

/**
 * Named grants for what is not a plain item write: endpoints, hooks and the status tables ask for
 * these by name, so "who may issue an invoice" has one answer.
 */
export const GRANTS = {
	/** Draft blue and red invoices from delivery notes. */
	draft_invoices: ['sales_rep', 'sales_assistant', 'sales_manager', 'finance', 'finance_manager'],
	/** Issue invoices (and finance's other ledger actions). */
	issue_invoices: ['finance', 'finance_manager'],
	/** Confirm receipts. */
	confirm_receipts: ['finance', 'finance_manager'],
	/** Allocate receipts to invoices for any customer (核销). */
	allocate_receipts: ['finance', 'finance_manager'],
	/**
	 * Allocate the receipts one may read (核销 by sales, seed 000 「销售人员在系统做手工核销」): the rep those of
	 * their own customers, the sales manager those of the team's (the `receipts` read scope decides).
	 */
	allocate_own_receipts: ['sales_rep', 'sales_manager'],
	/** Compare the business and the finance ledgers. */
	ledger_check: ['finance', 'finance_manager', 'division_head', 'vp', 'general_manager'],
	/** Move goods: issue delivery notes and loans, receive returns. */
	move_stock: ['warehouse', 'warehouse_manager'],
	/** Post stock entries (purchases, stock-take gains and losses). */
	post_stock_entries: ['warehouse_manager'],
	/** Record that goods arrived at the customer. */
	record_delivery: ['sales_assistant', 'sales_rep', 'warehouse', 'warehouse_manager'],
	/** Record the customer's acceptance. */
	record_acceptance: ['sales_assistant', 'sales_rep'],
	/** Close a fully shipped order. */
	close_orders: ['sales_manager', 'division_head', 'finance'],
	/** Review work reports. */
	review_reports: ['sales_manager', 'division_head'],
	/** Transfer ownership of customers and documents. */
	transfer_ownership: ['sales_manager', 'division_head'],
	/** Own customers. */
	own_customers: ['sales_rep', 'sales_manager', 'division_head'],
	/**
	 * See cost prices and margins (保密, seed 001): finance and management. Product managers see the cost
	 * of the products they manage (an extra policy in access.ts), not margins across products.
	 */
	see_costs: ['finance', 'finance_manager', 'division_head', 'vp', 'general_manager'],
	/** Set credit limit, credit rating, enterprise status and payment terms of customers (信用评审, 资信审核). */
	set_credit: ['finance', 'finance_manager'],
	/** Reopen a confirmed or disputed statement. */
	reopen_statements: ['finance', 'finance_manager'],
	/** Archive finished sales documents (归档): the sales assistant (内勤) keeps the paper originals. */
	archive_documents: ['sales_assistant'],
	/** Archive signed contracts: legal files them too. */
	archive_contracts: ['sales_assistant', 'legal'],
	/** Archive issued and void invoices: finance files them too. */
	archive_invoices: ['sales_assistant', 'finance', 'finance_manager'],
} as const satisfies Record<string, readonly string[]>;

export type GrantName = keyof typeof GRANTS;

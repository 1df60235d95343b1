// Printing glue: loads a document the caller may read (quotes … statements) with its customer, lines,
// related numbers and approval trail, and hands it to the printable model (domain/print). The caller's
// read permission decides whether the document prints at all (platform/access.ts readableRow: 404 like a
// missing one); what belongs to a readable document (its lines, its customer's invoice data, the approvers'
// names) is then read as Salesflow, like the statement always was.
import type { Knex } from 'knex';
import { ROLES } from '../../../../schema/roles';
import { periodRange } from '../domain/invoicing';
import { formatMoney, parseMoney } from '../domain/money';
import { type PrintLine, type PrintSource, type Printable, printableOf } from '../domain/print/documents';
import type { ApprovalEntry, PrintDocument } from '../domain/print/model';
import { addDays } from '../domain/dates';
import { roleId } from '../domain/ids';
import { readableRow } from '../platform/access';
import type { RuleContext } from '../platform/context';
import { now, wallTime } from '../platform/clock';
import { dayOf, instantOf, type Row } from '../platform/database';
import { choiceLabel } from '../platform/model';
import { settings } from '../platform/settings';
import { customerFigures, movementLines, statementOf } from './statements/figures';

/** Line collection, its key to the document, and whether its rows carry stored amounts. */
const LINES: Partial<Record<Printable, { table: string; fk: string }>> = {
	quotes: { table: 'quote_lines', fk: 'quote' },
	contracts: { table: 'contract_lines', fk: 'contract' },
	sales_orders: { table: 'sales_order_lines', fk: 'order' },
	shipments: { table: 'shipment_lines', fk: 'shipment' },
	invoices: { table: 'invoice_lines', fk: 'invoice' },
	returns: { table: 'return_request_lines', fk: 'request' },
};

/** Columns stored as dates (printed YYYY-MM-DD) and as instants (printed as the company's wall time). */
const DATE_FIELDS = [
	'quote_date',
	'valid_until',
	'sign_date',
	'order_date',
	'requested_date',
	'eta',
	'issue_date',
	'due_date',
	'confirmed_payment_date',
];
const TIME_FIELDS = ['issued_at', 'received_at'];

async function linesOf(db: Knex, collection: Printable, doc: Row): Promise<PrintLine[]> {
	const spec = LINES[collection];
	if (!spec) return [];
	const key = collection === 'returns' ? doc.return_request : doc.id;
	if (key === null || key === undefined) return [];
	const amounts =
		spec.table === 'shipment_lines' ? [] : ['l.total', ...(spec.table === 'return_request_lines' ? [] : ['l.amount_excl', 'l.tax'])];
	// Return lines take their tax rate from the delivery line they send back.
	const rate = spec.table === 'return_request_lines' ? 'sl.tax_rate' : 'l.tax_rate';
	const q = db(`${spec.table} as l`)
		.join('products as p', 'p.id', 'l.product')
		.where(`l.${spec.fk}`, key)
		.orderBy('l.id')
		.select('p.sku', 'p.name', 'p.spec', 'p.unit', 'l.quantity', 'l.unit_price', `${rate} as tax_rate`, ...amounts);
	if (spec.table === 'return_request_lines') q.leftJoin('shipment_lines as sl', 'sl.id', 'l.shipment_line');
	return (await q) as PrintLine[];
}

const userName = (u: Row | undefined) => (u ? [u.last_name, u.first_name].filter(Boolean).join('') || u.email || '' : '');

async function usersById(db: Knex, ids: unknown[]): Promise<Map<string, Row>> {
	const keys = [...new Set(ids.filter((v): v is string => typeof v === 'string' && v !== ''))];
	if (!keys.length) return new Map();
	const rows: Row[] = await db('directus_users').whereIn('id', keys).select('id', 'first_name', 'last_name', 'email', 'role');
	return new Map(rows.map((u) => [String(u.id), u]));
}

const ROLE_LABEL = new Map(ROLES.map((r) => [r.key, r.label.zh]));
const ROLE_LABEL_BY_ID = new Map(ROLES.map((r) => [roleId(r.key), r.label.zh]));
const DECISION: Record<string, string> = { approved: '同意', rejected: '驳回' };

/** The decided steps of the document's approval request, in order. */
async function approvalTrail(db: Knex, doc: Row): Promise<ApprovalEntry[]> {
	if (!doc.approval_request) return [];
	const steps: Row[] = await db('approval_steps')
		.where({ request: doc.approval_request })
		.whereIn('status', Object.keys(DECISION))
		.orderBy(['sequence', 'id'])
		.select('sequence', 'approver_role', 'approver_user', 'decided_by', 'decided_at', 'status', 'comment');
	const users = await usersById(
		db,
		steps.flatMap((s) => [s.decided_by, s.approver_user]),
	);
	return steps.map((s) => {
		const at = instantOf(s.decided_at);
		return {
			step: Number(s.sequence),
			// A step asking a named user (the owner's manager, a product manager) shows that user's role.
			role: s.approver_role
				? (ROLE_LABEL.get(s.approver_role) ?? s.approver_role)
				: (ROLE_LABEL_BY_ID.get(String(users.get(String(s.approver_user))?.role)) ?? ''),
			approver: userName(users.get(String(s.decided_by))),
			decision: DECISION[s.status] ?? s.status,
			at: at ? wallTime(at) : '',
			comment: s.comment ?? '',
		};
	});
}

const numberOf = async (db: Knex, table: string, id: unknown, column = 'number'): Promise<string | null> =>
	id === null || id === undefined ? null : ((await db(table).where({ id }).first(column))?.[column] ?? null);

/** Numbers and names of what the document refers to. */
async function refsOf(db: Knex, collection: Printable, doc: Row): Promise<PrintSource['refs']> {
	const owner = (await usersById(db, [doc.owner])).get(String(doc.owner));
	const request =
		collection === 'returns' && doc.return_request ? await db('return_requests').where({ id: doc.return_request }).first() : null;
	const warehouse = doc.warehouse ? await db('warehouses').where({ id: doc.warehouse }).first('code', 'name') : null;
	const term = doc.payment_term ? await db('payment_terms').where({ id: doc.payment_term }).first('code', 'name') : null;
	return {
		owner: userName(owner) || null,
		order: await numberOf(db, 'sales_orders', doc.order),
		contract: await numberOf(db, 'contracts', doc.contract),
		quote: await numberOf(db, 'quotes', doc.quote),
		original_invoice: await numberOf(db, 'invoices', doc.original_invoice),
		red_invoice: await numberOf(db, 'invoices', doc.red_invoice),
		return_request: request?.number ?? null,
		shipment: await numberOf(db, 'shipments', request?.shipment),
		reason: request?.reason ?? null,
		warehouse: warehouse ? `${warehouse.code} ${warehouse.name}` : null,
		payment_term: term ? `${term.code} ${term.name}` : null,
	};
}

/** The statement's figures: today's while it is a draft, the ones the customer received once sent. */
async function statementSource(db: Knex, st: Row): Promise<NonNullable<PrintSource['statement']>> {
	const figures =
		st.status === 'draft'
			? statementOf(await customerFigures(db, st.customer, st.period))
			: {
					opening: formatMoney(parseMoney(st.opening)),
					shipped: formatMoney(parseMoney(st.shipped)),
					invoiced: formatMoney(parseMoney(st.invoiced)),
					red: formatMoney(parseMoney(st.red)),
					received: formatMoney(parseMoney(st.received)),
					closing: formatMoney(parseMoney(st.closing)),
				};
	const range = periodRange(st.period);
	return {
		period: st.period,
		start: range.start,
		end: addDays(range.end, -1),
		figures,
		movements: await movementLines(db, st.customer, st.period, parseMoney(figures.opening)),
	};
}

/** The printable model of a document the caller may read; 404 when it is missing or not theirs to read. */
export async function printedDocument(ctx: RuleContext, collection: Printable, id: number): Promise<PrintDocument> {
	const row = await readableRow(ctx, collection, id, collection);
	const db = ctx.db;
	const doc: Row = { ...row };
	for (const f of DATE_FIELDS) if (f in doc) doc[f] = dayOf(doc[f]);
	for (const f of TIME_FIELDS) if (f in doc) doc[f] = doc[f] ? wallTime(instantOf(doc[f])!) : null;
	const customer: Row = (await db('customers').where({ id: doc.customer }).first()) ?? { name: '' };
	const contact = customer.id ? await db('contacts').where({ customer: customer.id }).orderBy('id').first('name', 'phone') : null;
	const s = settings();
	return printableOf({
		collection,
		doc,
		statusLabel: choiceLabel(collection, 'status', doc.status) ?? String(doc.status),
		customer: { ...customer, name: customer.name, contact: contact ?? null },
		lines: await linesOf(db, collection, doc),
		refs: await refsOf(db, collection, doc),
		labels: {
			type: choiceLabel(collection, 'type', doc.type),
			invoice_type: choiceLabel(collection, 'invoice_type', doc.invoice_type),
		},
		approvals: await approvalTrail(db, doc),
		company: {
			name: s.company_name,
			tax_id: s.company_tax_id,
			address_phone: s.company_address_phone,
			bank_account: s.company_bank_account,
		},
		printedAt: wallTime(now()),
		statement: collection === 'statements' ? await statementSource(db, doc) : undefined,
	});
}

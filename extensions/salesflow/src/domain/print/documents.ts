// From a loaded document to its printable model: one builder per printable collection, all sharing
// the product table, the amount in capitals and the signature blocks, so every printed document
// looks alike. Inputs are plain rows (dates already as YYYY-MM-DD); nothing here reads a database.
import { amountInWords } from '../amount-in-words';
import { type DecimalInput, formatMoney, lineTotal, parseMoney, parseQty } from '../money';
import {
	type ApprovalEntry,
	columnsOf,
	type Company,
	fields,
	type PrintDocument,
	type PrintField,
	type PrintTable,
	percent,
	quantity,
	type SignatureBlock,
	yuan,
} from './model';

export const PRINTABLE = ['quotes', 'contracts', 'sales_orders', 'shipments', 'returns', 'invoices', 'statements'] as const;
export type Printable = (typeof PRINTABLE)[number];
export const isPrintable = (c: string): c is Printable => (PRINTABLE as readonly string[]).includes(c);

export type PrintLine = {
	sku: string;
	name: string;
	spec?: string | null;
	unit?: string | null;
	quantity: DecimalInput;
	unit_price: DecimalInput;
	tax_rate?: DecimalInput;
	amount_excl?: DecimalInput;
	tax?: DecimalInput;
	/** The stored line total; computed from quantity × unit price when absent (delivery lines). */
	total?: DecimalInput;
};

export type PrintParty = {
	name: string;
	code?: string | null;
	tax_id?: string | null;
	address_phone?: string | null;
	bank_account?: string | null;
	contact?: { name: string; phone?: string | null } | null;
};

/** A line of a statement's movements (documents/statements/figures.ts MovementLine). */
export type StatementMovement = {
	date: string | null;
	kind: 'shipment' | 'invoice' | 'red_invoice' | 'receipt';
	number: string;
	amount: string;
	balance: string;
};

export type StatementSource = {
	period: string;
	start: string;
	end: string;
	figures: { opening: string; shipped: string; invoiced: string; red: string; received: string; closing: string };
	movements: StatementMovement[];
};

export type PrintSource = {
	collection: Printable;
	/** The document's row; dates as YYYY-MM-DD, times as the company reads them. */
	doc: Record<string, unknown>;
	/** The status as people read it. */
	statusLabel: string;
	customer: PrintParty;
	lines: PrintLine[];
	/** Numbers and names of what the document refers to (order, contract, warehouse…), by field. */
	refs: Record<string, string | null | undefined>;
	/** Labels of the document's choice fields (invoice type…), by field. */
	labels: Record<string, string | null | undefined>;
	approvals: ApprovalEntry[];
	company: Company;
	printedAt: string;
	statement?: StatementSource;
};

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

const lineFen = (l: PrintLine): bigint =>
	l.total !== null && l.total !== undefined && l.total !== ''
		? parseMoney(l.total)
		: lineTotal(parseQty(l.quantity), parseMoney(l.unit_price));

const sumFen = (lines: PrintLine[]) => lines.reduce((s, l) => s + lineFen(l), 0n);

const productName = (l: PrintLine) => [l.name, l.spec].filter(Boolean).join(' ');

/** The goods table of quotes, contracts, orders, delivery and return notes. */
function goodsTable(lines: PrintLine[], title?: string): PrintTable {
	return {
		title,
		columns: columnsOf(
			['序号', 'center', 4],
			['产品编码', 'left', 12],
			['产品名称及规格', 'left', 26],
			['单位', 'center', 5],
			['数量', 'right', 8],
			['含税单价', 'right', 12],
			['税率', 'right', 6],
			['含税金额', 'right', 14],
		),
		rows: lines.map((l, i) => [
			String(i + 1),
			l.sku,
			productName(l),
			l.unit ?? '',
			quantity(l.quantity),
			yuan(l.unit_price),
			percent(l.tax_rate),
			yuan(formatMoney(lineFen(l))),
		]),
		// Units differ between lines, so only the amount is totalled.
		foot: lines.length ? [['', '合计', '', '', '', '', '', yuan(formatMoney(sumFen(lines)))]] : [],
		empty: '无明细',
	};
}

/** The amount in figures and in capitals; a missing amount prints as none. */
function amountOf(label: string, v: DecimalInput): PrintDocument['amount'] {
	if (v === null || v === undefined || v === '') return null;
	const fen = parseMoney(v);
	return { label, figures: yuan(formatMoney(fen)), words: amountInWords(fen) };
}

const partyFields = (label: string, c: PrintParty): PrintField[] =>
	fields(
		[label, c.name],
		['客户编码', c.code],
		['纳税人识别号', c.tax_id],
		['地址电话', c.address_phone],
		['开户行及账号', c.bank_account],
		['联系人', c.contact ? [c.contact.name, c.contact.phone].filter(Boolean).join(' ') : null],
	);

const companyBlock = (s: PrintSource, title: string, lines: string[]): SignatureBlock => ({
	title: `${title}：${s.company.name}`,
	lines: lines.map((label) => ({ label, value: '' })),
	companySeal: true,
});

const customerBlock = (s: PrintSource, title: string, lines: string[]): SignatureBlock => ({
	title: `${title}：${s.customer.name}`,
	lines: lines.map((label) => ({ label, value: '' })),
	companySeal: false,
});

type Built = Omit<PrintDocument, 'number' | 'status' | 'draft' | 'company' | 'approvals' | 'printedAt'>;

const BUILDERS: Record<Printable, (s: PrintSource) => Built> = {
	quotes: (s) => ({
		title: '报价单',
		party: partyFields('客户名称', s.customer),
		details: fields(['报价日期', text(s.doc.quote_date)], ['有效期至', text(s.doc.valid_until)], ['销售代表', s.refs.owner]),
		tables: [goodsTable(s.lines)],
		amount: amountOf('报价总额（含税）', s.doc.total as DecimalInput),
		terms: fields(['付款方式', text(s.doc.payment_terms)], ['交付条款', text(s.doc.delivery_terms)], ['备注', text(s.doc.memo)]),
		notes: [`以上价格为含税价（人民币）。本报价有效期至 ${text(s.doc.valid_until) ?? '—'}，逾期需重新确认。`],
		signatures: [companyBlock(s, '报价单位', ['经办人', '日期']), customerBlock(s, '客户确认', ['签字', '盖章', '日期'])],
	}),
	contracts: (s) => ({
		title: '销售合同',
		party: partyFields('需方（买方）', s.customer),
		details: fields(
			['签订日期', text(s.doc.sign_date)],
			['报价单号', s.refs.quote],
			['付款条件', s.refs.payment_term],
			['合同标的', text(s.doc.subject)],
		),
		tables: s.lines.length ? [goodsTable(s.lines, '一、产品、数量及价格')] : [],
		amount: amountOf('合同金额（含税）', s.doc.amount as DecimalInput),
		terms: fields(
			['价格条款', text(s.doc.price_terms)],
			['交货时间', text(s.doc.delivery_time)],
			['交货地点', text(s.doc.delivery_place)],
			['验收标准', text(s.doc.acceptance_standard)],
			['付款条款', text(s.doc.payment_terms)],
			['违约责任', text(s.doc.liabilities)],
			['保密条款', text(s.doc.confidentiality)],
		),
		notes: s.lines.length ? [] : ['本合同为框架合同：具体产品、数量与价格以双方确认的订单为准，订单金额合计不超过合同金额。'],
		signatures: [
			companyBlock(s, '供方（卖方）', ['法定代表人或授权代表', '日期']),
			customerBlock(s, '需方（买方）', ['法定代表人或授权代表', '盖章', '日期']),
		],
	}),
	sales_orders: (s) => ({
		title: '销售订单',
		party: partyFields('客户名称', s.customer),
		details: fields(
			['订单日期', text(s.doc.order_date)],
			['要求交货日期', text(s.doc.requested_date)],
			['合同编号', s.refs.contract],
			['报价单号', s.refs.quote],
			['付款条件', s.refs.payment_term],
			['发票类型', s.labels.invoice_type],
			['销售代表', s.refs.owner],
		),
		tables: [goodsTable(s.lines)],
		amount: amountOf('订单总额（含税）', s.doc.total as DecimalInput),
		terms: fields(['收货地址', text(s.doc.ship_to)], ['备注', text(s.doc.memo)]),
		notes: [],
		signatures: [companyBlock(s, '供方', ['经办人', '日期']), customerBlock(s, '客户确认', ['签字', '盖章', '日期'])],
	}),
	shipments: (s) => ({
		title: '送货单',
		party: partyFields('收货单位', s.customer),
		details: fields(
			['订单编号', s.refs.order],
			['发货仓库', s.refs.warehouse],
			['出库时间', text(s.doc.issued_at)],
			['承运商', text(s.doc.carrier)],
			['运单号', text(s.doc.tracking_no)],
			['预计到达', text(s.doc.eta)],
		),
		tables: [goodsTable(s.lines)],
		amount: amountOf('货物金额（含税）', formatMoney(sumFen(s.lines))),
		terms: fields(['收货地址', text(s.doc.ship_to)]),
		notes: ['请收货单位当面清点货物数量、检查外观与包装，核对无误后签字盖章并注明收货日期。如有短缺或破损，请在签收栏注明。'],
		signatures: [
			companyBlock(s, '发货单位', ['发货人', '送货人', '日期']),
			customerBlock(s, '客户签收', ['收货人签字', '收货日期', '收货单位盖章', '备注（短缺/破损）']),
		],
	}),
	returns: (s) => ({
		title: '退货单',
		party: partyFields('退货单位', s.customer),
		details: fields(
			['退货申请单号', s.refs.return_request],
			['原送货单号', s.refs.shipment],
			['入库仓库', s.refs.warehouse],
			['收货时间', text(s.doc.received_at)],
			['红字发票号', s.refs.red_invoice],
		),
		tables: [goodsTable(s.lines)],
		amount: amountOf('退货金额（含税）', formatMoney(sumFen(s.lines))),
		terms: fields(['退货原因', s.refs.reason]),
		notes: ['退回货物经仓库验收入库后，已开票部分开具红字发票冲减。'],
		signatures: [customerBlock(s, '退货单位', ['经办人签字', '盖章', '日期']), companyBlock(s, '收货单位', ['仓库验收人', '日期'])],
	}),
	invoices: (s) => {
		const red = s.doc.direction === 'red';
		return {
			title: red ? '红字发票申请单' : '开票申请单',
			party: fields(
				['购买方名称', text(s.doc.buyer_name) ?? s.customer.name],
				['纳税人识别号', text(s.doc.buyer_tax_id) ?? s.customer.tax_id],
				['地址电话', text(s.doc.buyer_address_phone) ?? s.customer.address_phone],
				['开户行及账号', text(s.doc.buyer_bank_account) ?? s.customer.bank_account],
			),
			details: fields(
				['发票类型', s.labels.type],
				['原蓝字发票', s.refs.original_invoice],
				['开票日期', text(s.doc.issue_date)],
				['到期日', text(s.doc.due_date)],
			),
			tables: [invoiceTable(s.lines)],
			amount: amountOf('价税合计', s.doc.total as DecimalInput),
			terms: fields(['红冲原因', text(s.doc.reason)]),
			notes: [],
			signatures: [companyBlock(s, '申请单位', ['申请人', '财务审核', '日期'])],
		};
	},
	statements: (s) => statementBuilt(s),
};

function invoiceTable(lines: PrintLine[]): PrintTable {
	const sum = (k: 'amount_excl' | 'tax' | 'total') => formatMoney(lines.reduce((a, l) => a + parseMoney(l[k] ?? 0), 0n));
	return {
		columns: columnsOf(
			['序号', 'center', 4],
			['货物或应税劳务名称', 'left', 26],
			['单位', 'center', 5],
			['数量', 'right', 8],
			['含税单价', 'right', 12],
			['税率', 'right', 6],
			['不含税金额', 'right', 13],
			['税额', 'right', 11],
			['价税合计', 'right', 13],
		),
		rows: lines.map((l, i) => [
			String(i + 1),
			`${l.sku} ${productName(l)}`,
			l.unit ?? '',
			quantity(l.quantity),
			yuan(l.unit_price),
			percent(l.tax_rate),
			yuan(l.amount_excl),
			yuan(l.tax),
			yuan(l.total),
		]),
		foot: lines.length ? [['', '合计', '', '', '', '', yuan(sum('amount_excl')), yuan(sum('tax')), yuan(sum('total'))]] : [],
		empty: '无明细',
	};
}

const MOVEMENT_LABEL: Record<StatementMovement['kind'], string> = {
	shipment: '发货',
	invoice: '开票',
	red_invoice: '红字发票',
	receipt: '收款',
};

function statementBuilt(s: PrintSource): Built {
	const st = s.statement;
	if (!st) throw new TypeError('a statement prints from its figures and movements');
	const [y, m] = st.period.split('-');
	const f = st.figures;
	return {
		title: '客户对账单',
		party: partyFields('客户名称', s.customer),
		details: fields(['对账期间', `${y}年${m}月（${st.start} 至 ${st.end}）`], ['确认回款时间', text(s.doc.confirmed_payment_date)]),
		tables: [
			{
				title: '一、本期汇总（单位：人民币元）',
				columns: ['期初余额', '本期发货', '本期开票', '本期红冲', '本期收款', '期末余额'].map((label) => ({
					label,
					align: 'right',
					width: 1,
				})),
				rows: [[f.opening, f.shipped, f.invoiced, f.red, f.received, f.closing].map(yuan)],
				foot: [],
				empty: '',
			},
			{
				title: '二、本期明细',
				columns: columnsOf(
					['序号', 'center', 5],
					['日期', 'center', 12],
					['业务类型', 'center', 10],
					['单据号', 'left', 20],
					['金额', 'right', 14],
					['应收余额', 'right', 14],
				),
				rows: st.movements.map((l, i) => [
					String(i + 1),
					l.date ?? '',
					MOVEMENT_LABEL[l.kind],
					l.number,
					yuan(l.amount),
					l.kind === 'shipment' ? '—' : yuan(l.balance),
				]),
				foot: [],
				empty: '本期无业务发生',
			},
		],
		amount: amountOf('期末应收余额', f.closing),
		terms: fields(['异议说明', text(s.doc.dispute_note)]),
		notes: [
			'期末余额 = 期初余额 + 本期开票 + 本期红冲 − 本期收款。本期发货仅供核对，未开票部分不计入应收余额。',
			'请贵司核对以上内容。如无异议，请签字盖章并注明确认回款时间后回传；如有异议，请注明差异并回传，以便我司及时核查。',
		],
		signatures: [
			companyBlock(s, '对账单位', ['经办人', '日期']),
			{
				title: `客户确认：${s.customer.name}`,
				lines: [
					{ label: '确认回款时间', value: text(s.doc.confirmed_payment_date) ?? '' },
					{ label: '签字', value: '' },
					{ label: '盖章', value: '' },
					{ label: '日期', value: '' },
				],
				companySeal: false,
			},
		],
	};
}

/** The printable model of a loaded document. */
export function printableOf(s: PrintSource): PrintDocument {
	return {
		...BUILDERS[s.collection](s),
		number: String(s.doc.number ?? ''),
		status: s.statusLabel,
		draft: s.doc.status === 'draft',
		company: s.company,
		approvals: s.approvals,
		printedAt: s.printedAt,
	};
}

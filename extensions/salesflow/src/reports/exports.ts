// 导出: every statement, aging, ledger-check and /reports figure as sheets, declared once per name:
// which function computes it (the same one, scoped the same way, as the JSON routes) and which
// columns of its answer become which typed, zh-CN-headed columns. Workbook bytes: platform/workbook.ts.
import { L, type Label } from '../../../../schema/model';
import { AGING_BUCKETS, AGING_LABELS } from '../domain/aging';
import { formatMoney, parseMoney, sumMoney } from '../domain/money';
import type { DocContext } from '../engine/document-type';
import type { CellKind, Table, TableColumn } from '../platform/workbook';
import type { FollowUpReport } from './follow-up';
import { runReport } from './index';
import type { PipelineReport } from './pipeline';
import type { RepPerformanceReport } from './rep-performance';
import type { SatisfactionReport } from './satisfaction';
import type { CommissionReport } from './commission';
import type { SalesTrendReport } from './sales-trend';
import type { StockReport } from './stock';
import { customerStatement, ledgerMismatches, periodStatements, receivablesAging } from './reconciliation';

type Rows = Array<Record<string, unknown>>;
type Export = (ctx: DocContext, query: Record<string, unknown>) => Promise<Table[]>;

const col = (key: string, kind: CellKind, zh: string, en: string): TableColumn => ({ key, kind, header: L(en, zh) });

/** Money columns summed exactly for the totals row; other columns' totals as given. */
const moneyTotals = (rows: Rows, keys: string[]) =>
	Object.fromEntries(keys.map((k) => [k, formatMoney(sumMoney(rows.map((r) => parseMoney((r[k] as string | null) ?? 0))))]));
const intTotals = (rows: Rows, keys: string[]) => Object.fromEntries(keys.map((k) => [k, rows.reduce((a, r) => a + Number(r[k] ?? 0), 0)]));

const table = (title: Label, columns: TableColumn[], rows: Rows, totals?: Record<string, unknown>): Table => ({
	title,
	columns,
	rows,
	totals,
});

const STATEMENT_FIGURES = [
	col('opening', 'money', '期初余额', 'Opening'),
	col('shipped', 'money', '本期发货', 'Shipped'),
	col('invoiced', 'money', '本期开票', 'Invoiced'),
	col('red', 'money', '红字发票', 'Red invoices'),
	col('received', 'money', '本期回款', 'Received'),
	col('closing', 'money', '期末余额', 'Closing'),
];
const FIGURE_KEYS = STATEMENT_FIGURES.map((c) => c.key);
const MOVEMENT_KINDS: Record<string, string> = { shipment: '发货', invoice: '发票', red_invoice: '红字发票', receipt: '回款' };

/** 对账单: one customer's movements of the month (?customer=&period=), or every customer's figures (?period=). */
const statements: Export = async (ctx, query) => {
	if (query.customer === undefined) {
		const s = await periodStatements(ctx, query);
		return [
			table(
				L(`Statements ${s.period}`, `对账单汇总 ${s.period}`),
				[col('code', 'text', '客户编码', 'Customer code'), col('name', 'text', '客户名称', 'Customer'), ...STATEMENT_FIGURES],
				s.customers,
				moneyTotals(s.customers, FIGURE_KEYS),
			),
		];
	}
	const s = await customerStatement(ctx, query);
	const lines = s.lines.map((l) => ({ ...l, kind: MOVEMENT_KINDS[l.kind] ?? l.kind }));
	return [
		table(
			L(`Statement ${s.customer.name} ${s.period}`, `对账单 ${s.period}`),
			[
				col('date', 'date', '日期', 'Date'),
				col('kind', 'text', '类型', 'Kind'),
				col('number', 'text', '单号', 'Number'),
				col('amount', 'money', '金额', 'Amount'),
				col('balance_effect', 'money', '影响应收', 'Balance effect'),
				col('balance', 'money', '应收余额', 'Balance'),
			],
			lines,
			{ ...moneyTotals(lines, ['balance_effect']), balance: s.closing },
		),
		table(L('Summary', '汇总'), [col('customer', 'text', '客户', 'Customer'), ...STATEMENT_FIGURES], [{ ...s, customer: s.customer.name }]),
	];
};

const AGING_FIGURES = [
	...AGING_BUCKETS.map((b) => col(b, 'money', AGING_LABELS[b].zh, AGING_LABELS[b].en)),
	col('total', 'money', '应收合计', 'Total'),
	col('advances', 'money', '预收款', 'Advances'),
	col('net', 'money', '净应收', 'Net'),
];

/** 应收账龄: every customer's buckets, and per owner (?as_of=&owner=). */
const aging: Export = async (ctx, query) => {
	const a = await receivablesAging(ctx, query);
	const owners = new Map(a.owners.map((o) => [o.owner, o.name]));
	const customers = a.customers.map((c) => ({ ...c, owner_name: owners.get(c.owner) ?? null }));
	return [
		table(
			L(`Aging ${a.as_of}`, `应收账龄 ${a.as_of}`),
			[
				col('code', 'text', '客户编码', 'Customer code'),
				col('name', 'text', '客户名称', 'Customer'),
				col('owner_name', 'text', '负责人', 'Owner'),
				...AGING_FIGURES,
			],
			customers,
			a.totals,
		),
		table(L('By owner', '按负责人'), [col('name', 'text', '负责人', 'Owner'), ...AGING_FIGURES], a.owners, a.totals),
	];
};

/** 业务账与财务账核对: every mismatch (?period=&customer=). */
const ledgerCheck: Export = async (ctx, query) => {
	const { data } = await ledgerMismatches(ctx, query);
	return [
		table(
			L('Ledger check', '账务核对'),
			[
				col('rule', 'text', '规则', 'Rule'),
				col('collection', 'text', '集合', 'Collection'),
				col('id', 'int', 'ID', 'ID'),
				col('number', 'text', '单号', 'Number'),
				col('expected', 'text', '应为', 'Expected'),
				col('actual', 'text', '实际', 'Actual'),
				col('message', 'text', '说明', 'Message'),
			],
			data,
		),
	];
};

// The /reports figures, each read with its report's own answer type (the panels read the same).
const report =
	<T>(name: string, sheets: (data: T) => Table[]): Export =>
	async (ctx, query) =>
		sheets((await runReport(ctx, name, query)) as T);

const TREND = ['ordered', 'shipped', 'invoiced', 'received'];
const salesTrend = report('sales-trend', (d: SalesTrendReport) => [
	table(
		L(`Sales trend ${d.from}–${d.to}`, `销售趋势 ${d.from}–${d.to}`),
		[
			col('month', 'text', '月份', 'Month'),
			col('ordered', 'money', '订单额', 'Ordered'),
			col('shipped', 'money', '发货额', 'Shipped'),
			col('invoiced', 'money', '开票额', 'Invoiced'),
			col('received', 'money', '回款额', 'Received'),
		],
		d.months,
		moneyTotals(d.months, TREND),
	),
]);

const pipeline = report('pipeline', (d: PipelineReport) => [
	table(
		L('Customers by grade', '客户（按等级/意向）'),
		[
			col('grade', 'text', '客户等级', 'Grade'),
			col('high', 'int', '高意向', 'High'),
			col('medium', 'int', '中意向', 'Medium'),
			col('low', 'int', '低意向', 'Low'),
			col('other', 'int', '未填', 'Other'),
			col('total', 'int', '合计', 'Total'),
		],
		d.customers.by_grade,
		intTotals(d.customers.by_grade, ['high', 'medium', 'low', 'other', 'total']),
	),
	table(
		L('Quotes by status', '报价（按状态）'),
		[col('status', 'text', '状态', 'Status'), col('count', 'int', '数量', 'Count'), col('amount', 'money', '金额', 'Amount')],
		d.quotes.by_status,
		{ count: d.quotes.count, amount: d.quotes.amount },
	),
	table(
		L('Conversion', '报价转订单'),
		[
			col('approved', 'int', '已批准报价', 'Approved'),
			col('converted', 'int', '已转订单', 'Converted'),
			col('rate', 'percent', '转化率%', 'Rate %'),
		],
		[d.conversion],
	),
]);

const repPerformance = report('rep-performance', (d: RepPerformanceReport) => [
	table(
		L(`Rep performance ${d.period}`, `销售业绩 ${d.period}`),
		[
			col('name', 'text', '销售', 'Rep'),
			col('target', 'money', '目标', 'Target'),
			col('actual', 'money', '实际', 'Actual'),
			col('achievement', 'percent', '达成率%', 'Achievement %'),
			col('orders', 'int', '订单数', 'Orders'),
			col('new_customers', 'int', '新客户', 'New customers'),
			col('new_customers_target', 'int', '新客户目标', 'New customers target'),
			col('visits', 'int', '拜访', 'Visits'),
			col('visits_target', 'int', '拜访目标', 'Visits target'),
		],
		d.reps,
		d.totals,
	),
]);

const stock = report('stock', (d: StockReport) => [
	table(
		L(`Stock ${d.as_of}`, `库存 ${d.as_of}`),
		[
			col('sku', 'text', '物料编码', 'SKU'),
			col('name', 'text', '产品名称', 'Product'),
			col('unit', 'text', '单位', 'Unit'),
			col('warehouse_code', 'text', '仓库编码', 'Warehouse code'),
			col('warehouse_name', 'text', '仓库', 'Warehouse'),
			col('on_hand', 'qty', '现存量', 'On hand'),
			col('threshold', 'qty', '安全库存', 'Threshold'),
			col('reserved', 'qty', '已预留', 'Reserved'),
			col('available', 'qty', '可用量', 'Available'),
			col('on_loan', 'qty', '借出未还', 'On loan'),
			col('on_loan_overdue', 'qty', '借出逾期', 'On loan overdue'),
		],
		d.levels,
	),
	table(
		L('By product', '按产品'),
		[
			col('sku', 'text', '物料编码', 'SKU'),
			col('name', 'text', '产品名称', 'Product'),
			col('on_hand', 'qty', '现存量', 'On hand'),
			col('reserved', 'qty', '已预留', 'Reserved'),
			col('available', 'qty', '可用量', 'Available'),
		],
		d.products,
	),
]);

const satisfaction = report('satisfaction', (d: SatisfactionReport) => [
	table(
		L(`Satisfaction ${d.year}`, `客户满意度 ${d.year}`),
		[
			col('name', 'text', '销售', 'Rep'),
			col('quarter', 'text', '季度', 'Quarter'),
			col('count', 'int', '调查数', 'Surveys'),
			col('average', 'qty', '平均分', 'Average score'),
		],
		d.rows,
		{ count: d.count },
	),
]);

const commission = report('commission', (d: CommissionReport) => [
	table(
		L(`Commission ${d.period}`, `提成 ${d.period}`),
		[col('name', 'text', '销售', 'Rep'), col('received', 'money', '回款', 'Received'), col('commission', 'money', '提成', 'Commission')],
		d.rows,
		moneyTotals(d.rows, ['received', 'commission']),
	),
]);

/** Each follow-up list with the date it is late against (the sections name it differently). */
const FOLLOW_UP: Record<string, { title: Label; due: string }> = {
	late_orders: { title: L('Late orders', '逾期未发订单'), due: 'ship_by' },
	late_deliveries: { title: L('Late deliveries', '逾期未到货'), due: 'eta' },
	overdue_loans: { title: L('Overdue loans', '借出逾期未还'), due: 'expected_return_date' },
	instalments: { title: L('Instalments due', '到期付款计划'), due: 'due_date' },
	complaints: { title: L('Open complaints', '未结投诉'), due: 'received_at' },
};
type Section = { count: number; items: Rows } | null | undefined;
const followUp = report('follow-up', (d: FollowUpReport) => [
	...Object.entries(FOLLOW_UP)
		.map(([key, s]) => ({ s, section: (d as unknown as Record<string, Section>)[key] }))
		.filter((x): x is { s: (typeof FOLLOW_UP)[string]; section: NonNullable<Section> } => Boolean(x.section))
		.map(({ s, section }) =>
			table(
				s.title,
				[
					col('number', 'text', '单号', 'Number'),
					col('status', 'text', '状态', 'Status'),
					col('customer_name', 'text', '客户', 'Customer'),
					col('owner_name', 'text', '负责人', 'Owner'),
					col('due', 'date', '到期日', 'Due'),
					col('days_late', 'int', '逾期天数', 'Days late'),
				],
				section.items.map((i) => ({ ...i, due: i[s.due] })),
			),
		),
	table(
		L('Overdue approvals', '超时未审批'),
		[
			col('number', 'text', '审批单号', 'Request'),
			col('document_number', 'text', '单据号', 'Document'),
			col('approver_name', 'text', '审批人', 'Approver'),
			col('due_at', 'text', '到期时间', 'Due at'),
			col('hours_late', 'int', '超时小时', 'Hours late'),
		],
		d.overdue_approvals.items,
	),
]);

export const EXPORTS: Record<string, Export> = {
	statements,
	aging,
	'ledger-check': ledgerCheck,
	'sales-trend': salesTrend,
	pipeline,
	'rep-performance': repPerformance,
	stock,
	'follow-up': followUp,
	satisfaction,
	commission,
};

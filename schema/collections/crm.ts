import {
	approvableHead,
	bool,
	C,
	L,
	ch,
	choice,
	date,
	datetime,
	documentFields,
	file,
	group,
	id,
	int,
	m2o,
	money,
	o2m,
	status,
	str,
	text,
	user,
	type CollectionDef,
} from '../model';
import { CREDIT_RATINGS, ENTERPRISE_STATUSES } from '../../extensions/salesflow/src/domain/customer-review';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES } from '../../extensions/salesflow/src/domain/delivery-quality';
import {
	NEED_LEVEL_LABELS,
	NEED_LEVELS,
	OPPORTUNITY_STAGE_LABELS,
	OPPORTUNITY_STAGES,
} from '../../extensions/salesflow/src/domain/opportunities';
import { complaintLifecycle } from '../../extensions/salesflow/src/documents/complaints/lifecycle';
import { customerLifecycle } from '../../extensions/salesflow/src/documents/customers/lifecycle';
import { salesPlanLifecycle } from '../../extensions/salesflow/src/documents/sales-plans/lifecycle';
import { visitLifecycle } from '../../extensions/salesflow/src/documents/visits/lifecycle';
import { workReportLifecycle } from '../../extensions/salesflow/src/documents/work-reports/lifecycle';

export const GRADE_CHOICES = [
	ch('A', 'A — clear need, buys within 1 month', 'A — 需求明确，1个月内采购', C.green),
	ch('B', 'B — clear need, 2–3 months', 'B — 需求明确，2–3个月', C.teal),
	ch('C', 'C — potential, 3–6 months follow-up', 'C — 潜在需求，3–6个月跟进', C.amber),
	ch('D', 'D — development', 'D — 待开发', C.grey),
];

const REVIEW_GROUP = 'credit_review';

const STATUS_COLOURS: Record<string, string> = { normal: C.green, abnormal: C.amber, revoked: C.red, deregistered: C.dark };
const ENTERPRISE_STATUS_CHOICES = Object.entries(ENTERPRISE_STATUSES).map(([key, l]) => ch(key, l.en, l.zh, STATUS_COLOURS[key]));
const CREDIT_RATING_CHOICES = CREDIT_RATINGS.map((r) => ch(r, r, r));

export const customers: CollectionDef = {
	collection: 'customers',
	label: { en: ['Customer', 'Customers'], zh: ['客户', '客户'] },
	icon: 'storefront',
	note: L('Registered first, owned first (报备制度): the rep who registers a customer owns it.', '报备制度：先报备者拥有客户。'),
	template: '{{code}} · {{name}}',
	fields: [
		...documentFields().filter((f) => f.field !== 'number'),
		str('code', L('Code', '客户编码'), {
			readonly: true,
			unique: true,
			note: L('Generated on create (CUS-YYYY-NNNNNN).', '创建时自动生成。'),
		}),
		str('name', L('Name', '客户名称'), { required: true, width: 'full' }),
		str('name_key', L('Normalised name', '规范化名称'), {
			readonly: true,
			hidden: true,
			index: true,
			note: L('Used to find duplicate registrations.', '用于识别重复报备。'),
		}),
		str('tax_id', L('Taxpayer ID', '纳税人识别号'), {
			index: true,
			note: L('A second customer with the same taxpayer ID is refused.', '相同纳税人识别号的客户不能重复报备。'),
		}),
		choice('grade', L('Grade', '客户等级'), GRADE_CHOICES, { required: true, default: 'C' }),
		choice(
			'intent',
			L('Intent', '意向'),
			[ch('high', 'High', '高', C.green), ch('medium', 'Medium', '中', C.amber), ch('low', 'Low', '低', C.grey)],
			{ default: 'medium' },
		),
		status(
			customerLifecycle,
			[
				ch('lead', 'Lead', '线索', C.grey),
				ch('prospect', 'Prospect', '潜在客户', C.teal),
				ch('signed', 'Signed', '已签约', C.green),
				ch('inactive', 'Inactive', '停用', C.dark),
			],
			L('"Signed" is set automatically by the first signed contract.', '“已签约”由第一份签署的合同自动设置。'),
		),
		str('industry', L('Industry', '行业')),
		str('region', L('Region', '区域')),
		// 资信审核: what finance records about the customer, in one marked box of the form.
		group(REVIEW_GROUP, L('Credit review', '资信审核'), {
			note: L(
				'Set by finance. A first order is confirmed directly only when the enterprise status is normal (存续) and a credit rating is set; otherwise the finance manager approves it.',
				'由财务填写。企业状态为“存续”且已评信用等级的客户，首单才可直接确认；否则需财务经理审批。',
			),
		}),
		choice('enterprise_status', L('Enterprise status', '企业状态'), ENTERPRISE_STATUS_CHOICES, {
			group: REVIEW_GROUP,
			note: L('From the business registry (国家企业信用信息公示系统).', '以国家企业信用信息公示系统为准。'),
		}),
		choice('credit_rating', L('Credit rating', '信用等级'), CREDIT_RATING_CHOICES, { group: REVIEW_GROUP }),
		money('credit_limit', L('Credit limit', '信用额度'), {
			group: REVIEW_GROUP,
			note: L(
				'Open receivables + confirmed uninvoiced orders above this need the finance manager.',
				'应收余额+已确认未开票订单超过额度需财务经理审批。',
			),
		}),
		int('payment_terms_days', L('Payment terms (days)', '账期（天）'), { default: 30, group: REVIEW_GROUP }),
		m2o('payment_term', L('Payment term', '付款条件'), 'payment_terms', {
			template: '{{code}} · {{name}}',
			group: REVIEW_GROUP,
			note: L(
				"The customer's default instalments; its orders take it unless their contract names one. Without one, the days above set the invoice due date.",
				'客户默认的付款条件；订单优先取合同的付款条件，其次取此项。未设置时按上面的账期天数计算发票到期日。',
			),
		}),
		user('reviewed_by', L('Reviewed by', '审核人'), {
			readonly: true,
			group: REVIEW_GROUP,
			note: L('Stamped when finance sets the enterprise status or the credit rating.', '财务填写企业状态或信用等级时自动记录。'),
		}),
		datetime('reviewed_at', L('Reviewed at', '审核时间'), { readonly: true, group: REVIEW_GROUP }),
		str('invoice_title', L('Invoice title', '开票名称'), { note: L('Required for VAT special invoices.', '开具增值税专用发票时必填。') }),
		str('address_phone', L('Address & phone', '地址电话')),
		str('bank_account', L('Bank & account', '开户行及账号')),
		date('last_contacted_on', L('Last contacted', '最近联系'), { readonly: true, note: L('Updated by visits.', '由拜访记录更新。') }),
		date('next_follow_up_on', L('Next follow-up', '下次跟进'), { readonly: true }),
		// 公海: a pooled customer has no owner; these say since when, and drive the daily pool job.
		datetime('pooled_at', L('In public pool since', '转入公海时间'), {
			readonly: true,
			note: L('Set when the customer returns to the public pool (公海); any rep may claim it.', '客户转入公海时设置；任何销售均可认领。'),
		}),
		date('pool_reminded_on', L('Pool reminder sent', '公海提醒日期'), {
			readonly: true,
			note: L('The owner was told the customer goes to the public pool unless followed up.', '已提醒负责人：若仍不跟进，客户将转入公海。'),
		}),
		date('owner_since', L('Owned since', '认领日期'), {
			readonly: true,
			note: L('When the owner claimed it or was assigned it from the public pool.', '负责人从公海认领或被分配的日期。'),
		}),
		o2m('contacts', L('Contacts', '联系人'), 'contacts', 'customer', {
			// Registering a customer without a contact is refused (documents/customers): the form marks it.
			required: true,
			fields: ['name', 'title', 'phone', 'email', 'last_visited_on'],
			note: L('At least one contact (name, title, phone) is required.', '至少需要一位联系人（姓名、职务、电话）。'),
		}),
		o2m('history', L('History', '变更历史'), 'customer_history', 'customer', {
			ownsRows: false,
			readonly: true,
			fields: ['date_created', 'kind', 'from_value', 'to_value', 'user_created'],
		}),
	],
	// One registration per company (报备): the hooks say who owns it; these keep races out.
	indexes: [
		{ columns: ['name_key'], unique: true },
		{ columns: ['tax_id'], unique: true },
	],
};

export const contacts: CollectionDef = {
	collection: 'contacts',
	label: { en: ['Contact', 'Contacts'], zh: ['联系人', '联系人'] },
	icon: 'contact_phone',
	template: '{{name}} · {{title}}',
	fields: [
		id(),
		m2o('customer', L('Customer', '客户'), 'customers', { onDelete: 'CASCADE', template: '{{name}}' }),
		str('name', L('Name', '姓名'), { required: true }),
		str('title', L('Title', '职务'), { required: true }),
		str('phone', L('Phone', '电话'), { required: true }),
		str('email', L('Email', '邮箱')),
		date('last_visited_on', L('Last visit', '最近拜访'), {
			readonly: true,
			note: L('The latest done visit that met this contact; kept by the visits.', '拜访该联系人的最近一次已完成拜访，由拜访记录更新。'),
		}),
	],
};

export const customer_history: CollectionDef = {
	collection: 'customer_history',
	label: { en: ['Customer change', 'Customer history'], zh: ['客户变更', '客户变更历史'] },
	icon: 'history',
	note: L(
		'Grade, ownership, public-pool and credit-term changes, written by the system.',
		'等级、负责人、公海与信用条件（额度、等级、账期）的变更，由系统记录。',
	),
	template: '{{kind}}: {{from_value}} → {{to_value}}',
	fields: [
		id(),
		m2o('customer', L('Customer', '客户'), 'customers', { onDelete: 'CASCADE', template: '{{name}}' }),
		choice('kind', L('Kind', '类型'), [
			ch('grade', 'Grade', '等级'),
			ch('owner', 'Owner', '负责人'),
			ch('status', 'Status', '状态'),
			ch('credit_limit', 'Credit limit', '信用额度'),
			ch('credit_rating', 'Credit rating', '信用等级'),
			ch('enterprise_status', 'Enterprise status', '企业状态'),
			ch('payment_terms_days', 'Payment terms (days)', '账期（天）'),
			ch('pool', 'Public pool', '公海'),
		]),
		str('from_value', L('From', '原值')),
		str('to_value', L('To', '新值')),
		datetime('date_created', L('When', '时间'), { readonly: true, special: ['date-created'], index: true }),
		user('user_created', L('Who', '操作人'), { readonly: true, special: ['user-created'] }),
	],
};

export const visits: CollectionDef = {
	collection: 'visits',
	label: { en: ['Visit', 'Visits'], zh: ['拜访记录', '拜访记录'] },
	icon: 'directions_walk',
	template: '{{visited_on}} · {{customer.name}}',
	fields: [
		// A planned (future) visit is approved by the direct superior; a visit that happened is a record, approved at once.
		...approvableHead(visitLifecycle),
		m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' }),
		date('visited_on', L('Date', '拜访日期'), { required: true, index: true }),
		m2o('contact', L('Contact', '拜访对象'), 'contacts', {
			onDelete: 'SET NULL',
			template: '{{name}} · {{title}}',
			note: L('A contact of the visited customer.', '须为所拜访客户的联系人。'),
		}),
		str('location', L('Location', '拜访地点')),
		choice(
			'kind',
			L('Kind', '方式'),
			[
				ch('visit', 'Visit', '上门拜访'),
				ch('call', 'Call', '电话'),
				ch('online', 'Online', '线上'),
				ch('after_sales', 'After-sales follow-up', '售后回访'),
			],
			{ default: 'visit' },
		),
		str('purpose', L('Purpose', '拜访目的'), { width: 'full' }),
		text('content', L('Content', '拜访内容')),
		text('result', L('Result', '拜访结果')),
		text('problems', L('Problems', '存在问题')),
		text('next_step', L('Next step', '下一步计划')),
		file('photo', L('Photo', '现场照片'), {
			image: true,
			note: L('A photo taken at the visit (on site, the signed sheet).', '拜访现场照片（现场、签到表等）。'),
		}),
		date('next_date', L('Next date', '下次跟进日期'), { note: L("Updates the customer's next follow-up.", '更新客户的下次跟进日期。') }),
		choice('state', L('State', '状态'), [ch('planned', 'Planned', '计划中', C.amber), ch('done', 'Done', '已完成', C.green)], {
			default: 'done',
		}),
		m2o('shipment', L('Delivery', '发货单'), 'shipments', {
			onDelete: 'SET NULL',
			template: '{{number}}',
			note: L('Set for after-sales follow-ups (3–7 days after acceptance).', '售后回访（验收后3–7天）关联的发货单。'),
		}),
	],
};

export const work_reports: CollectionDef = {
	collection: 'work_reports',
	label: { en: ['Work report', 'Work reports'], zh: ['工作报告', '工作报告'] },
	icon: 'summarize',
	template: '{{number}} · {{kind}} · {{period_start}}',
	fields: [
		...documentFields(),
		choice('kind', L('Kind', '类型'), [ch('daily', 'Daily', '日报'), ch('weekly', 'Weekly', '周报'), ch('monthly', 'Monthly', '月报')], {
			required: true,
		}),
		date('period_start', L('Period start', '期间开始'), { required: true }),
		date('due_on', L('Due', '截止日期'), {
			readonly: true,
			note: L('Daily: same day; weekly: Friday; monthly: last day of the month.', '日报当天、周报周五、月报月末。'),
		}),
		text('summary', L('Summary', '工作总结')),
		text('plan', L('Plan', '工作计划')),
		text('support_needed', L('Support needed', '需要支持')),
		text('customers_touched', L('Customers touched', '接触客户')),
		money('sales_volume', L('Sales volume', '销售额')),
		status(workReportLifecycle, [
			ch('draft', 'Draft', '草稿', C.grey),
			ch('submitted', 'Submitted', '已提交', C.teal),
			ch('reviewed', 'Reviewed', '已审阅', C.green),
		]),
		text('review_comment', L('Manager comment', '上级批注')),
		// Daily reports (seed 001 销售员工作日报告): one row per customer touched that day.
		o2m('lines', L('Customers visited', '客户拜访明细'), 'work_report_lines', 'report', {
			fields: ['customer', 'contact', 'phone', 'visit_time', 'grade', 'memo'],
			note: L(
				"Daily reports: filled from the day's done visits when the report is created; editable while draft.",
				'日报：创建时按当日已完成的拜访记录填写，草稿状态下可修改。',
			),
		}),
		bool('add_visits', L("Add the day's visits", '补充当日拜访'), {
			note: L(
				'Daily drafts: tick and save to add a row for every customer visited that day that has none yet.',
				'日报草稿：勾选并保存，为当日已拜访但尚无明细的客户补充一行。',
			),
		}),
		// Weekly and monthly reports: computed at submit for the period and kept as they were then (form section 本期数据).
		int('fig_customers_touched', L('Customers touched', '接触客户数'), { readonly: true }),
		int('fig_new_customers', L('New customers', '新增客户数'), { readonly: true }),
		int('fig_grade_changes', L('Grade changes', '等级变化数'), { readonly: true }),
		text('fig_grade_change_list', L('Grade changes', '等级变化明细'), { readonly: true }),
		int('fig_opportunities_advanced', L('Opportunities advanced', '推进商机数'), { readonly: true }),
		int('fig_orders', L('Orders confirmed', '确认订单数'), { readonly: true }),
		money('fig_order_amount', L('Order amount', '订单金额'), { readonly: true }),
		money('fig_receipts', L('Receipts', '回款金额'), { readonly: true }),
		datetime('figures_at', L('Figures computed', '统计时间'), {
			readonly: true,
			note: L(
				'Weekly and monthly reports: computed at submit for the period, in the company time zone, and frozen.',
				'周报、月报：提交时按公司时区统计本期数据，之后不再变化。',
			),
		}),
	],
};

export const work_report_lines: CollectionDef = {
	collection: 'work_report_lines',
	label: { en: ['Work report row', 'Work report rows'], zh: ['日报客户明细', '日报客户明细'] },
	icon: 'list',
	hidden: true,
	template: '{{customer.name}} · {{visit_time}}',
	fields: [
		id(),
		m2o('report', L('Report', '报告'), 'work_reports', { onDelete: 'CASCADE', hidden: true }),
		m2o('customer', L('Customer', '客户名称'), 'customers', { required: true, template: '{{name}}' }),
		m2o('contact', L('Contact', '联络人'), 'contacts', {
			onDelete: 'SET NULL',
			template: '{{name}} · {{title}}',
			note: L("One of the customer's contacts.", '须为该客户的联系人。'),
		}),
		str('phone', L('Phone', '联系电话')),
		str('visit_time', L('Time (HH:MM)', '拜访时间'), {
			options: { placeholder: '09:30' },
			note: L('Filled with the time the visit was recorded.', '默认为拜访记录的录入时间。'),
		}),
		choice('grade', L('Grade', '客户级别'), GRADE_CHOICES),
		text('memo', L('Follow-up memo', '跟进备忘录')),
	],
};

export const complaints: CollectionDef = {
	collection: 'complaints',
	label: { en: ['Complaint', 'Complaints'], zh: ['客户投诉', '客户投诉'] },
	icon: 'report',
	template: '{{number}} · {{customer.name}}',
	fields: [
		...documentFields(),
		m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' }),
		text('description', L('Description', '投诉内容'), { required: true }),
		choice(
			'category',
			L('Category', '投诉类别'),
			COMPLAINT_CATEGORIES.map((c) => ch(c.key, c.en, c.zh)),
		),
		choice(
			'severity',
			L('Severity', '严重程度'),
			COMPLAINT_SEVERITIES.map((c) => ch(c.key, c.en, c.zh, c.key === 'major' ? C.red : C.grey)),
			{ default: 'normal', note: L('A major complaint is also reported to the general manager.', '重大投诉同时报告总经理。') },
		),
		datetime('received_at', L('Received', '受理时间'), { note: L('First response is due within 24 hours.', '须在24小时内首次响应。') }),
		datetime('responded_at', L('First response', '首次响应时间')),
		datetime('escalated_at', L('Escalated', '升级时间'), { readonly: true }),
		text('resolution', L('Resolution', '处理结果')),
		status(complaintLifecycle, [
			ch('open', 'Open', '待处理', C.amber),
			ch('responded', 'Responded', '已响应', C.teal),
			ch('escalated', 'Escalated', '已升级', C.red),
			ch('resolved', 'Resolved', '已解决', C.green),
			ch('closed', 'Closed', '已关闭', C.dark),
		]),
	],
};

export const sales_targets: CollectionDef = {
	collection: 'sales_targets',
	label: { en: ['Sales target', 'Sales targets'], zh: ['销售目标', '销售目标'] },
	icon: 'flag',
	note: L(
		"Monthly targets derived from the rep's approved sales plans: the month's own plan, else its share of the quarter's, else of the year's.",
		'月度目标由已批准的销售计划生成：优先取当月计划，其次按季度计划、年度计划平均分摊。',
	),
	template: '{{period}} · {{rep.first_name}}',
	fields: [
		id(),
		user('rep', L('Rep', '销售代表'), { required: true, readonly: true }),
		str('period', L('Period (YYYY-MM)', '期间（年-月）'), { required: true, readonly: true, index: true }),
		money('amount', L('Target amount', '目标金额'), {
			required: true,
			readonly: true,
			note: L('From the approved sales plans.', '来自已批准的销售计划。'),
		}),
		int('new_customers', L('New customers', '新客户数'), { readonly: true }),
		int('visits', L('Visits', '拜访次数'), { note: L('Set by the manager; not part of the plans.', '由经理设定，不属于销售计划。') }),
	],
	indexes: [{ columns: ['rep', 'period'], unique: true }],
};

const STAGE_COLOURS: Record<string, string> = {
	discovery: C.grey,
	project: C.teal,
	proposal: C.purple,
	negotiation: C.amber,
	won: C.green,
	lost: C.dark,
};
const STAGE_CHOICES = OPPORTUNITY_STAGES.map((s) =>
	ch(s, OPPORTUNITY_STAGE_LABELS[s].en, OPPORTUNITY_STAGE_LABELS[s].zh, STAGE_COLOURS[s]),
);
const NEEDS_GROUP = 'needs_analysis';

export const opportunities: CollectionDef = {
	collection: 'opportunities',
	label: { en: ['Opportunity', 'Opportunities'], zh: ['商机', '商机'] },
	icon: 'trending_up',
	note: L(
		'Sales opportunities (商机/项目) through the stages 信息开发 → 项目建立 → 方案/报价 → 商务谈判 → 成交 | 失败.',
		'商机/项目：信息开发 → 项目建立 → 方案/报价 → 商务谈判 → 成交或失败。',
	),
	template: '{{number}} · {{name}}',
	fields: [
		...documentFields(),
		m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' }),
		str('name', L('Name', '商机名称'), { required: true, width: 'full' }),
		choice('stage', L('Stage', '阶段'), STAGE_CHOICES, {
			required: true,
			default: 'discovery',
			note: L(
				'Forward any time; back to an earlier stage needs a stage note; lost needs a lost reason. An approved quote moves it to proposal, a confirmed order of its quote to won.',
				'可随时向前推进；退回较早阶段须填写阶段说明；失败须填写失败原因。报价批准后至少进入“方案/报价”，其报价的订单确认后自动成交。',
			),
		}),
		int('probability', L('Probability (%)', '成交概率（%）'), {
			note: L('0–100; defaults by stage (10, 25, 50, 75; won 100, lost 0).', '0–100；按阶段默认（10、25、50、75；成交100，失败0）。'),
		}),
		money('amount', L('Expected amount', '预计金额'), { note: L('Set to the order amount when won.', '成交时取订单金额。') }),
		date('expected_close', L('Expected close', '预计成交日期'), { index: true }),
		text('stage_note', L('Stage note', '阶段说明'), {
			note: L(
				'Why the stage changed; required when it goes back or is reopened. Kept in the history.',
				'阶段变更说明；退回或重新打开时必填，记入历史。',
			),
		}),
		text('lost_reason', L('Lost reason', '失败原因'), { note: L('Required when the opportunity is lost.', '商机失败时必填。') }),
		text('competitors', L('Competitors', '竞争对手')),
		group(NEEDS_GROUP, L('Needs analysis', '需求分析')),
		text('needs', L('Needs', '客户需求'), { group: NEEDS_GROUP }),
		choice(
			'need_level',
			L('Need level', '需求层次'),
			NEED_LEVELS.map((l) => ch(l, NEED_LEVEL_LABELS[l].en, NEED_LEVEL_LABELS[l].zh)),
			{ group: NEEDS_GROUP },
		),
		text('pain_points', L('Pain points', '痛点'), { group: NEEDS_GROUP }),
		text('goals', L('Goals', '目标'), { group: NEEDS_GROUP }),
		str('budget', L('Budget', '预算'), { group: NEEDS_GROUP }),
		text('decision_process', L('Decision process', '决策流程'), { group: NEEDS_GROUP }),
		o2m('quotes', L('Quotes', '报价单'), 'quotes', 'opportunity', {
			ownsRows: false,
			readonly: true,
			fields: ['number', 'status', 'total', 'valid_until'],
		}),
		o2m('history', L('Stage history', '阶段历史'), 'opportunity_history', 'opportunity', {
			ownsRows: false,
			readonly: true,
			fields: ['date_created', 'from_stage', 'to_stage', 'note', 'user_created'],
		}),
	],
};

export const opportunity_history: CollectionDef = {
	collection: 'opportunity_history',
	label: { en: ['Stage change', 'Opportunity history'], zh: ['阶段变更', '商机阶段历史'] },
	icon: 'history',
	note: L('Every stage change of an opportunity, written by the system.', '商机的每次阶段变更，由系统记录。'),
	template: '{{from_stage}} → {{to_stage}}',
	fields: [
		id(),
		m2o('opportunity', L('Opportunity', '商机'), 'opportunities', { onDelete: 'CASCADE', template: '{{number}} · {{name}}' }),
		choice('from_stage', L('From', '原阶段'), STAGE_CHOICES),
		choice('to_stage', L('To', '新阶段'), STAGE_CHOICES),
		text('note', L('Note', '说明')),
		datetime('date_created', L('When', '时间'), { readonly: true, special: ['date-created'], index: true }),
		user('user_created', L('Who', '操作人'), { readonly: true, special: ['user-created'] }),
	],
};

export const satisfaction_surveys: CollectionDef = {
	collection: 'satisfaction_surveys',
	label: { en: ['Satisfaction survey', 'Satisfaction surveys'], zh: ['满意度调查', '满意度调查'] },
	icon: 'sentiment_satisfied',
	note: L(
		"Customer satisfaction surveys (满意度调查): after acceptance of a delivery, and yearly for grade A and B customers. Seen like the customer (its owner's).",
		'客户满意度调查：交货验收后，以及每年对A、B级客户各一次。随客户的负责人可见。',
	),
	template: '{{surveyed_on}} · {{customer.name}} · {{score}}',
	fields: [
		id(),
		m2o('customer', L('Customer', '客户'), 'customers', { required: true, template: '{{name}}' }),
		m2o('shipment', L('Delivery', '发货单'), 'shipments', {
			onDelete: 'SET NULL',
			template: '{{number}}',
			note: L('The delivery surveyed, when the survey follows an acceptance.', '验收后回访时所调查的发货单。'),
		}),
		m2o('contact', L('Contact', '受访人'), 'contacts', { onDelete: 'SET NULL', template: '{{name}} · {{title}}' }),
		date('surveyed_on', L('Date', '调查日期'), { index: true, note: L('Defaults to today.', '默认为当天。') }),
		int('score', L('Score (1–5)', '评分（1–5）'), {
			required: true,
			note: L('5 = very satisfied, 1 = very dissatisfied.', '5=非常满意，1=非常不满意。'),
		}),
		text('comments', L('Comments', '意见与建议')),
		datetime('date_created', L('Created', '创建时间'), { readonly: true, special: ['date-created'], index: true }),
		user('user_created', L('Surveyed by', '调查人'), { readonly: true, special: ['user-created'] }),
	],
};

export const sales_plans: CollectionDef = {
	collection: 'sales_plans',
	label: { en: ['Sales plan', 'Sales plans'], zh: ['销售计划', '销售计划'] },
	icon: 'event_available',
	note: L(
		'Annual, quarterly and monthly sales plans (年度/季度/月度销售计划) per rep, approved by the direct superior.',
		'按销售人员的年度、季度、月度销售计划，由直属上级审批。',
	),
	template: '{{number}} · {{period}} · {{owner.first_name}}',
	fields: [
		...approvableHead(salesPlanLifecycle),
		str('period', L('Period', '计划期间'), {
			required: true,
			index: true,
			options: { placeholder: '2027 / 2027-Q1 / 2027-01' },
			note: L(
				'A year (2027), a quarter (2027-Q1) or a month (2027-01); one plan per owner and period.',
				'年（2027）、季度（2027-Q1）或月（2027-01）；每人每期间一份计划。',
			),
		}),
		money('amount', L('Sales amount', '销售额'), { required: true }),
		int('new_customers', L('New customers', '新客户数'), { default: 0 }),
		text('memo', L('Memo', '说明')),
	],
};

export const crm = [
	customers,
	contacts,
	customer_history,
	visits,
	work_reports,
	work_report_lines,
	complaints,
	sales_targets,
	opportunities,
	opportunity_history,
	satisfaction_surveys,
	sales_plans,
];

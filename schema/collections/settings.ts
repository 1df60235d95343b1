import { type CollectionDef, file, id, int, json, L, money, str } from '../model';

/**
 * The company's settings (公司设置): one row the administrator edits in the data app. The setup step
 * creates it; environment variables (SALESFLOW_TIMEZONE, …) only seed its first values.
 */
export const salesflow_settings: CollectionDef = {
	collection: 'salesflow_settings',
	label: { en: ['Salesflow settings', 'Salesflow settings'], zh: ['系统设置', '系统设置'] },
	icon: 'tune',
	singleton: true,
	note: L(
		'Company data on printed documents and the rules that depend on the company.',
		'打印单据上的公司信息，以及与公司相关的规则参数。',
	),
	fields: [
		id(),
		str('company_name', L('Company name', '公司名称'), { width: 'full', required: true }),
		str('company_tax_id', L('Company taxpayer ID', '公司纳税人识别号'), {
			note: L('Checked against the seller on imported e-invoice results when set.', '填写后，导入数电票结果时核对销售方识别号。'),
		}),
		str('company_address_phone', L('Company address & phone', '公司地址电话'), { width: 'full' }),
		str('company_bank_account', L('Company bank & account', '公司开户行及账号'), { width: 'full' }),
		file('logo', L('Logo', '公司标志'), { image: true, note: L('Printed in the letterhead.', '打印在单据抬头。') }),
		file('seal', L('Seal', '公司印章'), {
			image: true,
			note: L('Printed on documents that carry the company seal.', '打印在需盖章的单据上。'),
		}),
		str('time_zone', L('Time zone', '时区'), {
			default: 'Asia/Shanghai',
			required: true,
			note: L(
				'The company clock: "today" for every date stamped, numbered or reported (an IANA zone).',
				'公司时钟：单据日期、编号年度与报表"今天"所依据的时区（IANA 名称）。',
			),
		}),
		int('quote_validity_days', L('Quote validity (days)', '报价有效期（天）'), { default: 30, required: true }),
		money('contract_required_from', L('Contract required from (amount)', '需签合同的订单金额起点'), {
			default: '0.00',
			required: true,
			note: L(
				'Orders of this total or more need a signed contract before delivery; 0 = every order.',
				'订单金额达到此数须先签合同才能发货；0 表示所有订单。',
			),
		}),
		int('stale_customer_days', L('Follow-up reminder after (days)', '客户未跟进提醒（天）'), { default: 30, required: true }),
		int('pool_grace_days', L('Public pool after reminder (days)', '提醒后转入公海（天）'), {
			default: 7,
			required: true,
			note: L(
				'A customer still not followed up this many days after the reminder returns to the public pool.',
				'提醒后仍未跟进满此天数的客户转入公海。',
			),
		}),
		json('calendar_overrides', L('Calendar changes', '工作日历调整'), {
			interface: 'list',
			options: {
				template: '{{date}} · {{kind}}',
				addLabel: '添加 / Add',
				fields: [
					{ field: 'date', name: '日期 / Date', type: 'date', meta: { interface: 'datetime', width: 'half', required: true } },
					{
						field: 'kind',
						name: '类型 / Kind',
						type: 'string',
						meta: {
							interface: 'select-dropdown',
							width: 'half',
							required: true,
							options: {
								choices: [
									{ text: '休息日 / Holiday', value: 'holiday' },
									{ text: '工作日（调休上班）/ Working day', value: 'workday' },
								],
							},
						},
					},
					{ field: 'note', name: '说明 / Note', type: 'string', meta: { interface: 'input', width: 'full' } },
				],
			},
			note: L(
				"Corrections to China's public-holiday calendar (with its make-up working days) built in: a company holiday, or a day worked after all. Working-day promises and approval time limits in working hours follow them; add next year's official days here until the built-in calendar has them.",
				'对内置国家法定节假日及调休日历的调整：公司自定休息日，或调休上班日。发货承诺工作日与按工作时间计算的审批时限均按此计算；次年官方安排发布后、内置日历更新前可在此补充。',
			),
		}),
		json('voucher_accounts', L('Voucher accounts', '凭证科目'), {
			note: L(
				'Account codes of the voucher export for the finance software: a JSON object with the keys receivable, revenue, outputVat and bank; keys left out take 1122, 6001, 22210106 and 1002.',
				'凭证导出使用的会计科目代码：JSON 对象，键为 receivable、revenue、outputVat、bank；未填写的键分别取 1122、6001、22210106、1002。',
			),
		}),
		str('setup_fingerprint', L('Setup fingerprint', '初始化标识'), {
			readonly: true,
			hidden: true,
			note: L(
				'Which schema and access the setup step last applied; the API serves once it matches.',
				'上次初始化应用的结构与权限版本；一致后系统才对外服务。',
			),
		}),
		{
			field: 'setup_completed_at',
			type: 'timestamp',
			label: L('Setup completed', '初始化完成时间'),
			readonly: true,
			hidden: true,
			interface: 'datetime',
			width: 'half',
		},
	],
};

export const settings = [salesflow_settings];

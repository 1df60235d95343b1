import {
	C,
	L,
	bool,
	ch,
	choice,
	datetime,
	documentFields,
	id,
	int,
	json,
	m2o,
	o2m,
	status,
	str,
	text,
	user,
	type Choice,
	type CollectionDef,
} from '../model';
import { CONDITIONS } from '../../extensions/salesflow/src/domain/approval/conditions/index';
import { APPROVAL_COLLECTIONS } from '../../extensions/salesflow/src/documents/lifecycles';
import { approvalRequestLifecycle, approvalStepLifecycle } from '../../extensions/salesflow/src/engine/approvals/lifecycle';
import { commission } from './commission';
import { crm } from './crm';
import { delivery } from './delivery';
import { finance } from './finance';
import { selling } from './selling';

/** The documents that go through approval, named as their collections are. */
const DOCUMENTS: Choice[] = APPROVAL_COLLECTIONS.map((c) => {
	const def = [...selling, ...delivery, ...finance, ...crm, ...commission].find((d) => d.collection === c);
	if (!def) throw new Error(`approval document ${c} has no collection definition`);
	return { value: c, label: L(def.label.en[0], def.label.zh[0]) };
});

/** The approval conditions the engine knows, labelled as the domain labels them. */
const CONDITION_CHOICES: Choice[] = Object.values(CONDITIONS).map((c) => ({ value: c.type, label: L(c.label.en, c.label.zh) }));

export const approval_rules: CollectionDef = {
	collection: 'approval_rules',
	label: { en: ['Approval rule', 'Approval rules'], zh: ['审批规则', '审批规则'] },
	icon: 'rule',
	note: L(
		'Submitting a document evaluates the active rules; matched steps form one approval request.',
		'提交单据时评估启用的规则；匹配的步骤合并为一个审批单。',
	),
	template: '{{document}} · {{name}}',
	sort: 'priority',
	fields: [
		id(),
		str('key', L('Key', '标识'), {
			unique: true,
			note: L('Stable key of a shipped default rule; empty for your own rules.', '系统默认规则的固定标识；自定义规则可留空。'),
		}),
		str('name', L('Name', '名称'), { required: true }),
		choice('document', L('Document', '单据类型'), DOCUMENTS, { required: true }),
		choice('condition', L('Condition', '条件'), CONDITION_CHOICES, { required: true, default: 'always' }),
		// No braces in labels: the data app compiles custom translations as messages, and `{"…"}` fails to compile,
		// which stops it from translating any field (every choice then shows its raw `$t:` key).
		json('params', L('Parameters', '参数'), {
			note: L(
				'margin_below: "percent": 30; amount_between: "min": "100000.00", "max": "500000.00" (min exclusive, max inclusive; tiers may not gap or overlap).',
				'margin_below："percent": 30；amount_between："min": "100000.00", "max": "500000.00"（下限不含、上限含；区间不得有缺口或重叠）。',
			),
		}),
		json('steps', L('Approver steps', '审批步骤'), {
			note: L(
				'Ordered list of objects: "approver": "owner_manager", or "approver": "role" with "role": "division_head".',
				'有序对象列表："approver": "owner_manager"，或 "approver": "role" 加 "role": "division_head"。',
			),
		}),
		int('priority', L('Priority', '优先级'), { default: 100 }),
		bool('active', L('Active', '启用'), { default: true }),
	],
};

export const approval_requests: CollectionDef = {
	collection: 'approval_requests',
	label: { en: ['Approval request', 'Approval requests'], zh: ['审批单', '审批单'] },
	icon: 'approval',
	template: '{{number}} · {{document_number}}',
	fields: [
		...documentFields().filter((f) => f.field !== 'owner'),
		choice('collection', L('Document type', '单据类型'), DOCUMENTS, { readonly: true }),
		str('item', L('Document id', '单据ID'), { readonly: true, index: true }),
		str('document_number', L('Document', '单据号'), { readonly: true }),
		user('requested_by', L('Requested by', '申请人'), { readonly: true }),
		status(approvalRequestLifecycle, [
			ch('pending', 'Pending', '审批中', C.amber),
			ch('approved', 'Approved', '已批准', C.green),
			ch('rejected', 'Rejected', '已驳回', C.red),
			ch('cancelled', 'Cancelled', '已撤销', C.dark),
		]),
		json('reasons', L('Why', '审批原因'), {
			readonly: true,
			note: L(
				'The matched rules and their reasons, e.g. "line 2: 79.50 < floor 80.00".',
				'匹配的规则与原因，例如“第2行：79.50 < 底价 80.00”。',
			),
		}),
		json('cost_reasons', L('Why (with cost figures)', '审批原因（含成本数据）'), {
			readonly: true,
			note: L(
				'The reasons with margin figures; only finance and management read it, everyone else reads "gross margin below threshold".',
				'含毛利数据的审批原因；仅财务与管理层可见，其他人只看到“毛利率低于阈值”。',
			),
		}),
		str('amount', L('Amount', '金额'), { readonly: true }),
		datetime('decided_at', L('Decided at', '完成时间'), { readonly: true }),
		o2m('steps', L('Steps', '审批步骤'), 'approval_steps', 'request', {
			ownsRows: false,
			readonly: true,
			fields: ['sequence', 'approver_role', 'approver_user', 'status', 'decided_by', 'decided_at', 'comment'],
		}),
	],
};

export const approval_steps: CollectionDef = {
	collection: 'approval_steps',
	label: { en: ['Approval step', 'Approval steps'], zh: ['审批步骤', '审批步骤'] },
	icon: 'checklist',
	hidden: true,
	template: '#{{sequence}} {{approver_role}} {{status}}',
	fields: [
		id(),
		m2o('request', L('Request', '审批单'), 'approval_requests', { readonly: true, onDelete: 'CASCADE', template: '{{number}}' }),
		int('sequence', L('Sequence', '顺序'), { readonly: true }),
		str('approver_role', L('Approver role', '审批角色'), { readonly: true }),
		user('approver_user', L('Approver', '审批人'), { readonly: true }),
		status(approvalStepLifecycle, [
			ch('waiting', 'Waiting', '等待中', C.grey),
			ch('pending', 'Pending', '待审批', C.amber),
			ch('approved', 'Approved', '已批准', C.green),
			ch('rejected', 'Rejected', '已驳回', C.red),
			ch('skipped', 'Skipped', '已跳过', C.dark),
		]),
		json('reasons', L('Why', '原因'), { readonly: true }),
		json('cost_reasons', L('Why (with cost figures)', '原因（含成本数据）'), { readonly: true, hidden: true }),
		user('decided_by', L('Decided by', '审批人'), { readonly: true }),
		user('on_behalf_of', L('On behalf of', '代理审批（代谁）'), {
			readonly: true,
			note: L('The approver the decider stood in for (approval_delegations).', '审批人所代理的原审批人（见审批代理）。'),
		}),
		datetime('decided_at', L('Decided at', '审批时间'), { readonly: true }),
		text('comment', L('Comment', '审批意见'), { readonly: true }),
		// The time limit copied from the rule when the request opened, so a later rule edit moves no deadline.
		int('hours', L('Time limit (hours)', '审批时限（小时）'), { readonly: true }),
		bool('working_hours', L('Counts working hours', '按工作时间计'), { readonly: true, default: false }),
		str('escalate_to', L('Escalate to role', '超时上报角色'), { readonly: true }),
		datetime('due_at', L('Due at', '审批截止时间'), { readonly: true }),
		datetime('reminded_at', L('Reminded at', '超时提醒时间'), { readonly: true }),
		datetime('escalated_at', L('Escalated at', '超时上报时间'), { readonly: true }),
		json('escalated_to', L('Escalated to', '上报给'), { readonly: true }),
	],
};

/** 转交/代理: an approver away names who decides their steps meanwhile. */
export const approval_delegations: CollectionDef = {
	collection: 'approval_delegations',
	label: { en: ['Approval delegation', 'Approval delegations'], zh: ['审批代理', '审批代理'] },
	icon: 'switch_account',
	template: '{{user.first_name}} → {{delegate.first_name}}',
	note: L(
		'While you are away, the delegate decides the approval steps that ask you — also those already pending. Set it for yourself; a manager may set it for their team.',
		'外出期间由代理人处理需要您审批的步骤（含已在待审批的）。本人设置，上级可为下属设置。',
	),
	fields: [
		id(),
		user('user', L('Approver away', '原审批人'), {
			note: L('You, unless you set it for someone in your team.', '默认为本人；上级可为下属设置。'),
		}),
		user('delegate', L('Delegate', '代理人'), { required: true }),
		datetime('starts_at', L('From', '开始时间'), { required: true }),
		datetime('ends_at', L('Until', '结束时间'), { required: true }),
		text('reason', L('Reason', '原因')),
		user('user_created', L('Created by', '创建人'), { readonly: true, special: ['user-created'] }),
		datetime('date_created', L('Created at', '创建时间'), { readonly: true, special: ['date-created'] }),
	],
};

export const number_sequences: CollectionDef = {
	collection: 'number_sequences',
	label: { en: ['Number sequence', 'Number sequences'], zh: ['单号序列', '单号序列'] },
	icon: 'pin',
	hidden: true,
	fields: [
		id(),
		str('prefix', L('Prefix', '前缀'), { readonly: true }),
		int('year', L('Year', '年份'), { readonly: true }),
		int('last_value', L('Last number', '当前序号'), { readonly: true, default: 0 }),
	],
	indexes: [{ columns: ['prefix', 'year'], unique: true }],
};

export const approvals = [approval_rules, approval_requests, approval_steps, approval_delegations, number_sequences];

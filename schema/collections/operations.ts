import { bool, type CollectionDef, datetime, id, int, L, str, text, user } from '../model';

/** History of scheduled jobs (SLA escalation, report reminders): one row per job and tick. */
export const job_runs: CollectionDef = {
	collection: 'job_runs',
	label: { en: ['Scheduled job run', 'Scheduled job runs'], zh: ['定时任务记录', '定时任务记录'] },
	icon: 'schedule',
	hidden: true,
	note: L(
		'Each tick of a scheduled job runs on exactly one Directus instance; this is its record.',
		'定时任务每次触发只在一个 Directus 实例上执行；此处为执行记录。',
	),
	template: '{{job}} · {{tick}}',
	fields: [
		id(),
		str('job', L('Job', '任务'), { readonly: true }),
		str('tick', L('Tick (UTC)', '触发时刻（UTC）'), { readonly: true }),
		str('instance', L('Instance', '执行实例'), {
			readonly: true,
			note: L('host:pid of the Directus process that ran it.', '执行该任务的 Directus 进程（主机:进程号）。'),
		}),
		datetime('started_at', L('Started', '开始时间'), { readonly: true, index: true }),
		int('duration_ms', L('Duration (ms)', '耗时（毫秒）'), { readonly: true }),
		int('affected', L('Records affected', '处理条数'), { readonly: true }),
		text('error', L('Error', '错误'), { readonly: true }),
	],
	indexes: [{ columns: ['job', 'tick'], unique: true }],
};

/** Every status move of every document, written by the one door for status moves (engine/status.ts). */
export const status_history: CollectionDef = {
	collection: 'status_history',
	label: { en: ['Status change', 'Status history'], zh: ['状态变更', '状态变更记录'] },
	icon: 'timeline',
	// Read on each document (its timeline), not as a list of its own.
	hidden: true,
	note: L(
		'Who moved which document from which status to which, when and why; Salesflow writes it, nobody edits it.',
		'谁在何时因何将单据从哪个状态变为哪个状态；由系统记录，不可修改。',
	),
	template: '{{document_number}}: {{from_status}} → {{to_status}}',
	fields: [
		id(),
		str('collection', L('Document type', '单据类型'), { readonly: true, index: true }),
		str('item', L('Document id', '单据ID'), { readonly: true, index: true }),
		str('document_number', L('Document', '单据号'), { readonly: true }),
		user('owner', L('Owner', '负责人'), {
			readonly: true,
			note: L('Whose document it is; decides who may read this record.', '单据负责人；决定谁可查看此记录。'),
		}),
		str('from_status', L('From', '原状态'), { readonly: true }),
		str('to_status', L('To', '新状态'), { readonly: true }),
		user('moved_by', L('By', '操作人'), { readonly: true, note: L('The user who made or caused the move.', '执行或引起此变更的用户。') }),
		bool('by_system', L('By Salesflow', '系统执行'), {
			readonly: true,
			note: L('Made by Salesflow itself (approval outcome, rollup, scheduled job).', '由系统执行（审批结果、汇总、定时任务）。'),
		}),
		text('reason', L('Reason', '原因'), { readonly: true }),
		datetime('date_created', L('When', '时间'), { readonly: true, special: ['date-created'], index: true }),
	],
	indexes: [{ columns: ['collection', 'item'] }],
};

export const operations: CollectionDef[] = [job_runs, status_history];

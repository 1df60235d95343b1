import { L, datetime, id, int, str, text, type CollectionDef } from '../model';

/** History of scheduled jobs (SLA escalation, report reminders): one row per job and tick. */
export const job_runs: CollectionDef = {
	collection: 'job_runs',
	label: { en: ['Scheduled job run', 'Scheduled job runs'], zh: ['定时任务记录', '定时任务记录'] },
	icon: 'schedule',
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

export const operations: CollectionDef[] = [job_runs];

// The Insights dashboard 销售驾驶舱 / Sales cockpit and its panels, as data. scripts/apply-dashboard.ts
// writes it by fixed ids. Layout units are Insights grid cells (18 px); the board is 52 cells wide
// (936 px), which fits next to the navigation and the sidebar of a 1600 px screen.
import { stableUuid } from '../extensions/salesflow/src/domain/ids';

export type PanelDef = {
	key: string;
	type: string;
	name: string;
	icon: string;
	color?: string;
	note?: string;
	x: number;
	y: number;
	width: number;
	height: number;
	options?: Record<string, unknown>;
};

export const COCKPIT = {
	key: 'sales-cockpit',
	name: '销售驾驶舱 / Sales cockpit',
	icon: 'speed',
	color: '#3399FF',
	note: '销售趋势、漏斗、业绩、账龄、库存、跟进与审批待办 / Trend, pipeline, performance, aging, stock, follow-ups and approvals',
	/** Roles the cockpit is meant for (figures follow each viewer's row access). */
	roles: ['sales_manager', 'division_head', 'sales_assistant', 'finance', 'finance_manager', 'vp', 'general_manager'],
};

export const COCKPIT_PANELS: PanelDef[] = [
	{
		key: 'sales-trend',
		type: 'salesflow-sales-trend',
		name: '销售趋势 / Sales trend',
		icon: 'show_chart',
		color: '#3399FF',
		note: '近12个月：下单、发货、开票、回款 / Last 12 months: ordered, shipped, invoiced, received',
		x: 1,
		y: 1,
		width: 32,
		height: 16,
		options: { months: 12 },
	},
	{
		key: 'approvals-inbox',
		type: 'salesflow-approvals-inbox',
		name: '审批待办 / Approvals inbox',
		icon: 'approval',
		color: '#FFA439',
		x: 33,
		y: 1,
		width: 20,
		height: 16,
	},
	{
		key: 'pipeline',
		type: 'salesflow-pipeline',
		// Tall enough for the opportunity funnel above the customer and quote figures; its row follows.
		name: '销售漏斗 / Pipeline',
		icon: 'filter_alt',
		color: '#8866FF',
		x: 1,
		y: 17,
		width: 16,
		height: 28,
	},
	{
		key: 'rep-performance',
		type: 'salesflow-rep-performance',
		name: '销售业绩 / Rep performance',
		icon: 'emoji_events',
		color: '#2ECC71',
		x: 17,
		y: 17,
		width: 19,
		height: 28,
	},
	{
		key: 'aging',
		type: 'salesflow-aging',
		name: '应收账龄 / Receivables aging',
		icon: 'hourglass_bottom',
		color: '#E35169',
		x: 36,
		y: 17,
		width: 17,
		height: 28,
	},
	{
		key: 'stock',
		type: 'salesflow-stock',
		name: '库存与借出 / Stock and loans',
		icon: 'inventory_2',
		color: '#3399FF',
		x: 1,
		y: 45,
		width: 26,
		height: 18,
		options: { low_only: false },
	},
	{
		key: 'follow-up',
		type: 'salesflow-follow-up',
		name: '跟进清单 / Follow-up',
		icon: 'notification_important',
		color: '#E35169',
		x: 27,
		y: 45,
		width: 26,
		height: 18,
	},
];

export const dashboardId = (key = COCKPIT.key) => stableUuid(`dashboard:${key}`);
export const panelId = (key: string, dashboard = COCKPIT.key) => stableUuid(`panel:${dashboard}:${key}`);

/** 数据导入 / Excel import: one panel for every staff role; each import is judged by the caller's own permissions. */
export const IMPORT_BOARD = {
	key: 'excel-import',
	name: '数据导入 / Excel import',
	icon: 'upload_file',
	color: '#2ECDA7',
	note: '下载模板，试导入检查，再导入（全部成功或全部不导入）/ Download a template, dry-run, then import (all or nothing)',
};

export const IMPORT_PANELS: PanelDef[] = [
	{
		key: 'imports',
		type: 'salesflow-imports',
		name: 'Excel 导入 / Excel import',
		icon: 'upload_file',
		color: '#2ECDA7',
		x: 1,
		y: 1,
		width: 36,
		height: 24,
	},
];

/** Every dashboard applyDashboard keeps, with its panels. */
export const DASHBOARDS = [
	{ ...COCKPIT, panels: COCKPIT_PANELS },
	{ ...IMPORT_BOARD, panels: IMPORT_PANELS },
];

import { describe, expect, it } from 'vitest';
import { eventMessage } from './event-message';
import { renderBody } from './render';

describe('eventMessage', () => {
	it('a move shows the number, both statuses and the link', () => {
		const m = eventMessage(
			'salesflow.transition',
			{ collection: 'quotes', id: 7, number: 'QT-2026-000007', from: 'draft', to: 'pending_approval' },
			'http://sf.local/admin/content/quotes/7',
		);
		expect(m).toEqual({
			event: 'salesflow.transition',
			number: 'QT-2026-000007',
			link: 'http://sf.local/admin/content/quotes/7',
			title: '单据状态变更：QT-2026-000007',
			lines: ['状态：draft → pending_approval'],
		});
		// Renders for every platform.
		expect(renderBody('wecom', m, {})).toMatchObject({ msgtype: 'markdown' });
	});

	it.each([
		['salesflow.approval.requested', { step: 2 }, '待审批：HT-1', '第 2 步待审批'],
		['salesflow.approval.decided', { step: 1, decision: 'rejected' }, '审批已驳回：HT-1', '第 1 步'],
	])('%s', (event, extra, title, line) => {
		expect(eventMessage(event, { collection: 'contracts', id: 1, number: 'HT-1', ...extra })).toMatchObject({ title, lines: [line] });
	});

	it('a document without a number is named by collection and id', () => {
		expect(eventMessage('salesflow.transition', { collection: 'visits', id: 3, number: null, from: 'a', to: 'b' }).title).toBe(
			'单据状态变更：visits #3',
		);
	});

	it('a notice shows its subject and lines, the link once', () => {
		const link = 'http://sf.local/admin/content/sales_orders/5';
		const m = eventMessage(
			'salesflow.notice.order_confirmed',
			{
				collection: 'sales_orders',
				id: 5,
				number: 'SO-5',
				subject: '订单执行通知 / Order to execute: SO-5',
				message: `客户 / Customer: 甲\n\n${link}`,
			},
			link,
		);
		expect(m).toEqual({
			event: 'salesflow.notice.order_confirmed',
			number: 'SO-5',
			link,
			title: '订单执行通知 / Order to execute: SO-5',
			lines: ['客户 / Customer: 甲'],
		});
	});
});

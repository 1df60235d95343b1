import { describe, expect, it } from 'vitest';
import { reviewGaps, type ReviewState } from '../../customer-review';
import { context } from '../test-fixtures';
import { firstOrderUnreviewed } from './first-order-unreviewed';

const run = (firstOrder: boolean, state: ReviewState) =>
	firstOrderUnreviewed.evaluate(
		{},
		{ ...context({ collection: 'sales_orders' }), review: { customer: 'CUS-2026-000001 华东精密', firstOrder, gaps: reviewGaps(state) } },
	);

describe('first_order_unreviewed', () => {
	it('matches a first order of a customer without a normal status or a rating, naming the customer and what is missing', () => {
		expect(run(true, {})).toEqual({
			matched: true,
			reasons: ['first order of CUS-2026-000001 华东精密: enterprise status not recorded (企业状态未填); no credit rating (未评信用等级)'],
		});
		expect(run(true, { enterprise_status: 'abnormal', credit_rating: 'AA' })).toEqual({
			matched: true,
			reasons: ['first order of CUS-2026-000001 华东精密: enterprise status is 经营异常 / abnormal, not 存续 / normal'],
		});
		expect(run(true, { enterprise_status: 'normal', credit_rating: null }).reasons).toEqual([
			'first order of CUS-2026-000001 华东精密: no credit rating (未评信用等级)',
		]);
	});

	it('does not match a reviewed customer, a later order, or a document without review data', () => {
		expect(run(true, { enterprise_status: 'normal', credit_rating: 'C' })).toEqual({ matched: false, reasons: [] });
		expect(run(false, {})).toEqual({ matched: false, reasons: [] });
		expect(firstOrderUnreviewed.evaluate({}, context({ collection: 'sales_orders' }))).toEqual({ matched: false, reasons: [] });
	});
});

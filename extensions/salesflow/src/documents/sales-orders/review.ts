// 客户评审 before a customer's first order (PROCESS.md §12 "Customer review gates the first order"): an
// order is the customer's first while no other order of theirs was confirmed. Its approval context
// says whether the customer is reviewed (enterprise status normal, credit rating set); the default rule
// then asks the finance manager. With no active rule to ask anyone, the order is refused
// (REVIEW_REQUIRED) instead of being confirmed unreviewed.
//
// Nothing is locked here: two first orders of one customer submitted at once both count as first, and
// both go to review — the safe side.
import type { Knex } from 'knex';
import { firstOrderUnreviewed } from '../../domain/approval/conditions/first-order-unreviewed';
import { matchRules } from '../../domain/approval/rules';
import { CONFIRMED_ORDER_STATUSES, type FirstOrderReview, reviewGaps, reviewReason } from '../../domain/customer-review';
import { DomainError } from '../../domain/errors';
import { activeRules } from '../../engine/approvals/engine';
import type { Id } from '../../engine/document-type';
import type { Row } from '../../platform/database';

/** The review of the order's customer as it stands, and whether the order is its first. */
export async function firstOrderReview(db: Knex, customerId: Id, orderId: Id): Promise<FirstOrderReview> {
	const customer: Row | undefined = await db('customers')
		.where({ id: customerId })
		.first('id', 'code', 'name', 'enterprise_status', 'credit_rating');
	const confirmedBefore = await db('sales_orders')
		.where({ customer: customerId })
		.whereNot('id', orderId)
		.whereIn('status', [...CONFIRMED_ORDER_STATUSES])
		.first('id');
	return {
		customer: customer ? `${customer.code} ${customer.name}` : `customer ${customerId}`,
		firstOrder: !confirmedBefore,
		gaps: reviewGaps(customer ?? {}),
	};
}

/** 409 REVIEW_REQUIRED for a first order of an unreviewed customer that no active rule sends to a reviewer. */
export async function assertReviewPath(db: Knex, order: Row): Promise<void> {
	const review = await firstOrderReview(db, order.customer, order.id);
	if (!review.firstOrder || !review.gaps.length) return;
	const ctx = { collection: 'sales_orders', amountFen: 0n, lines: [], review };
	const asked = matchRules(await activeRules(db, 'sales_orders'), ctx).some(
		(m) => m.rule.condition === firstOrderUnreviewed.type && m.rule.steps.length > 0,
	);
	if (asked) return;
	throw new DomainError(
		'REVIEW_REQUIRED',
		`${order.number}: ${reviewReason(review)}. No active approval rule reviews first orders: finance records the customer review (资信审核) first`,
		409,
		{ customer: order.customer, missing: review.gaps.map((g) => g.field) },
	);
}

// 客户评审 before a customer's first order (PROCESS.md §12 "Customer review gates the first order"): an
// order is the customer's first while no other order of theirs was confirmed. Its approval context
// says whether the customer is reviewed (enterprise status normal, credit rating set); the default rule
// then asks the finance manager. With no active rule to ask anyone, the order is refused
// (REVIEW_REQUIRED) instead of being confirmed unreviewed. A loan conversion makes a confirmed order
// too, so a customer's first one is reviewed the same way (rule `loan_conversion_first_review`).
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

/** The review of the customer as it stands, and whether the order (`null`: one still to be made) is its first. */
export async function firstOrderReview(db: Knex, customerId: Id, orderId: Id | null): Promise<FirstOrderReview> {
	const customer: Row | undefined = await db('customers')
		.where({ id: customerId })
		.first('id', 'code', 'name', 'enterprise_status', 'credit_rating');
	const confirmedBefore = await db('sales_orders')
		.where({ customer: customerId })
		.modify((q) => {
			if (orderId !== null) q.whereNot('id', orderId);
		})
		.whereIn('status', [...CONFIRMED_ORDER_STATUSES])
		.first('id');
	return {
		customer: customer ? `${customer.code} ${customer.name}` : `customer ${customerId}`,
		firstOrder: !confirmedBefore,
		gaps: reviewGaps(customer ?? {}),
	};
}

/**
 * 409 REVIEW_REQUIRED for a first order of an unreviewed customer that no active rule of `collection`
 * sends to a reviewer. `orderId`: the order itself (a sales order), `null` for a loan conversion.
 */
export async function assertReviewPath(
	db: Knex,
	collection: 'sales_orders' | 'loan_conversions',
	doc: Row,
	customerId: Id,
	orderId: Id | null,
): Promise<void> {
	const review = await firstOrderReview(db, customerId, orderId);
	if (!review.firstOrder || !review.gaps.length) return;
	const ctx = { collection, amountFen: 0n, lines: [], review };
	const asked = matchRules(await activeRules(db, collection), ctx).some(
		(m) => m.rule.condition === firstOrderUnreviewed.type && m.rule.steps.length > 0,
	);
	if (asked) return;
	throw new DomainError(
		'REVIEW_REQUIRED',
		`${doc.number}: ${reviewReason(review)}. No active approval rule reviews first orders: finance records the customer review (资信审核) first`,
		409,
		{ customer: customerId, missing: review.gaps.map((g) => g.field) },
	);
}

// Business-rule refusals carry a CONTRACT.md code; the Directus glue turns them into its error format.

export const ErrorCode = {
	INVALID_PAYLOAD: 'INVALID_PAYLOAD',
	FORBIDDEN: 'FORBIDDEN',
	NOT_FOUND: 'NOT_FOUND',
	INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
	OVER_DELIVERY: 'OVER_DELIVERY',
	OVER_INVOICE: 'OVER_INVOICE',
	OVER_RETURN: 'OVER_RETURN',
	OVER_ALLOCATION: 'OVER_ALLOCATION',
	APPROVAL_REQUIRED: 'APPROVAL_REQUIRED',
	SELF_APPROVAL: 'SELF_APPROVAL',
	NOT_APPROVER: 'NOT_APPROVER',
	DOCUMENT_LOCKED: 'DOCUMENT_LOCKED',
	INVALID_TRANSITION: 'INVALID_TRANSITION',
	DUPLICATE_CUSTOMER: 'DUPLICATE_CUSTOMER',
	CREDIT_LIMIT: 'CREDIT_LIMIT',
	REQUEST_CLOSED: 'REQUEST_CLOSED',
	QUOTE_EXPIRED: 'QUOTE_EXPIRED',
	/** An order outside its contract (domain/contracts.ts). */
	CONTRACT_MISMATCH: 'CONTRACT_MISMATCH',
	/** Delivery (or loan conversion) for an order without a signed contract (domain/contract-performance.ts). */
	CONTRACT_REQUIRED: 'CONTRACT_REQUIRED',
	/** A delivery before the before-shipment share of its order is covered by advances (domain/payment-terms.ts). */
	PAYMENT_REQUIRED: 'PAYMENT_REQUIRED',
	/** A first order of an unreviewed customer with no approval rule to review it (domain/customer-review.ts). */
	REVIEW_REQUIRED: 'REVIEW_REQUIRED',
	/** An issue whose pre-shipment check records a failure (domain/delivery-quality.ts). */
	CHECK_FAILED: 'CHECK_FAILED',
	/** Too many failed logins (platform/login-throttle.ts); Directus' own rate limiter uses the same code. */
	REQUESTS_EXCEEDED: 'REQUESTS_EXCEEDED',
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

/** HTTP status per code; every code not listed is a business refusal (409 Conflict). */
export const ERROR_STATUS: Record<string, number> = {
	INVALID_PAYLOAD: 400,
	FORBIDDEN: 403,
	SELF_APPROVAL: 403,
	NOT_APPROVER: 403,
	NOT_FOUND: 404,
	REQUESTS_EXCEEDED: 429,
};

export class DomainError extends Error {
	constructor(
		public code: string,
		message: string,
		// Defaults to the code's status so callers cannot pair a code with the wrong status by accident.
		public status: number = ERROR_STATUS[code] ?? 409,
		public extensions: Record<string, unknown> = {},
	) {
		super(message);
		this.name = 'DomainError';
	}
}

/** Bad input: 400 INVALID_PAYLOAD naming the field. */
export const invalid = (field: string, message: string) => new DomainError(ErrorCode.INVALID_PAYLOAD, message, 400, { field });

/** A business-rule refusal with a CONTRACT.md code; the Directus glue turns it into its error format. */
export class DomainError extends Error {
	constructor(
		public code: string,
		message: string,
		public status: number = 409,
		public extensions: Record<string, unknown> = {},
	) {
		super(message);
		this.name = 'DomainError';
	}
}

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
} as const;

export const invalid = (field: string, message: string) => new DomainError(ErrorCode.INVALID_PAYLOAD, message, 400, { field });

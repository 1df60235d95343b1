import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode, ERROR_STATUS, invalid } from './errors';

describe('DomainError', () => {
	it('is an Error carrying code, status and extensions', () => {
		const e = new DomainError('OVER_DELIVERY', 'too many', 409, { sku: 'SKU-001' });
		expect(e).toBeInstanceOf(Error);
		expect(e.name).toBe('DomainError');
		expect([e.code, e.message, e.status, e.extensions]).toEqual(['OVER_DELIVERY', 'too many', 409, { sku: 'SKU-001' }]);
	});

	it.each([
		['INVALID_PAYLOAD', 400],
		['FORBIDDEN', 403],
		['SELF_APPROVAL', 403],
		['NOT_APPROVER', 403],
		['NOT_FOUND', 404],
		['REQUESTS_EXCEEDED', 429],
		['INSUFFICIENT_STOCK', 409],
		['OVER_DELIVERY', 409],
		['OVER_INVOICE', 409],
		['OVER_RETURN', 409],
		['OVER_ALLOCATION', 409],
		['APPROVAL_REQUIRED', 409],
		['DOCUMENT_LOCKED', 409],
		['INVALID_TRANSITION', 409],
		['DUPLICATE_CUSTOMER', 409],
		['CREDIT_LIMIT', 409],
		['REQUEST_CLOSED', 409],
		['QUOTE_EXPIRED', 409],
		['REVIEW_REQUIRED', 409],
		['SOMETHING_NEW', 409],
	])('%s defaults to status %i', (code, status) => {
		const e = new DomainError(code, 'm');
		expect(e.status).toBe(status);
		expect(e.extensions).toEqual({});
	});

	it('keeps an explicit status', () => {
		expect(new DomainError('NOT_FOUND', 'gone', 410).status).toBe(410);
	});
});

describe('ErrorCode', () => {
	it('maps every code to its own name', () => {
		for (const [k, v] of Object.entries(ErrorCode)) expect(v).toBe(k);
	});

	it('gives a status only for non-409 codes that exist', () => {
		for (const code of Object.keys(ERROR_STATUS)) expect(ErrorCode).toHaveProperty(code);
	});
});

describe('invalid', () => {
	it('is a 400 INVALID_PAYLOAD naming the field', () => {
		const e = invalid('quantity', 'quantity must be greater than 0');
		expect([e.code, e.status, e.message, e.extensions]).toEqual([
			'INVALID_PAYLOAD',
			400,
			'quantity must be greater than 0',
			{ field: 'quantity' },
		]);
	});
});

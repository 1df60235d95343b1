import { describe, expect, it } from 'vitest';
import { assertArchivable, assertNotArchived } from './archive';
import { DomainError } from './errors';

const refusal = (fn: () => void) => {
	try {
		fn();
	} catch (e) {
		return e instanceof DomainError ? [e.code, e.status, e.message] : e;
	}
	return null;
};

describe('archiving (归档)', () => {
	const signed = { id: 7, number: 'CT-2026-000007', status: 'signed', archived_at: null, archive_location: null };
	const filed = { ...signed, archived_at: '2026-12-03T01:00:00Z', archive_location: '档案室 A-3-12' };

	it('archives a finished document once', () => {
		expect(refusal(() => assertArchivable('contracts', signed, ['signed', 'completed']))).toBeNull();
		expect(refusal(() => assertArchivable('contracts', filed, ['signed']))).toEqual([
			'DOCUMENT_LOCKED',
			409,
			'CT-2026-000007 is archived (original kept at 档案室 A-3-12) and read-only',
		]);
	});

	it('refuses an unfinished document, naming its status and the archivable ones', () => {
		expect(refusal(() => assertArchivable('contracts', { ...signed, status: 'draft' }, ['signed', 'completed']))).toEqual([
			'INVALID_TRANSITION',
			409,
			'CT-2026-000007 is draft: only signed, completed contracts can be archived',
		]);
		expect(refusal(() => assertArchivable('invoices', { id: 3, status: 'draft' }, ['issued']))).toEqual([
			'INVALID_TRANSITION',
			409,
			'invoices 3 is draft: only issued invoices can be archived',
		]);
	});

	it('locks an archived document only', () => {
		expect(refusal(() => assertNotArchived('contracts', signed))).toBeNull();
		expect(refusal(() => assertNotArchived('contracts', filed))).toEqual(expect.arrayContaining(['DOCUMENT_LOCKED', 409]));
	});
});

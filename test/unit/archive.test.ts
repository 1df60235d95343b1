// Archiving (归档) is declared twice on purpose: the schema carries the fields, the document type says
// in which statuses and by whom. They must name the same documents and real statuses.
import { describe, expect, it } from 'vitest';
import { ARCHIVABLE, GRANTS } from '../../schema/access';
import { DOCUMENTS } from '../../extensions/salesflow/src/documents';

describe('archiving rules', () => {
	it('every document with the archive fields has an archive rule, and only those', () => {
		const ruled = DOCUMENTS.modules.filter((m) => m.kind === 'document' && m.archive).map((m) => m.collection);
		expect(ruled.sort()).toEqual([...ARCHIVABLE].sort());
	});

	it('archives in statuses the lifecycle has, with a grant that exists', () => {
		for (const collection of ARCHIVABLE) {
			const type = DOCUMENTS.document(collection)!;
			for (const status of type.archive!.statuses) expect(type.lifecycle!.statuses, collection).toContain(status);
			expect(GRANTS[type.archive!.grant], collection).toContain('sales_assistant');
		}
	});
});

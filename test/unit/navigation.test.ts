// The data app's navigation and forms as declared: every collection in exactly one folder, and document
// forms in sections with the lines right after the header and the system fields last.
import { describe, expect, it } from 'vitest';
import { sectionField } from '../../schema/forms';
import { COLLECTIONS } from '../../schema/index';
import { FOLDERS } from '../../schema/navigation';

describe('navigation folders', () => {
	it('place every collection in exactly one folder', () => {
		const placed = FOLDERS.flatMap((f) => f.members);
		expect(placed.filter((c, i) => placed.indexOf(c) !== i)).toEqual([]);
		expect(COLLECTIONS.map((c) => c.collection).filter((c) => !placed.includes(c))).toEqual([]);
		expect(placed.filter((c) => !COLLECTIONS.some((d) => d.collection === c))).toEqual([]);
	});
});

describe('document forms', () => {
	it.each(['quotes', 'contracts', 'sales_orders', 'shipments', 'invoices'])('%s: header, lines, …, system last', (name) => {
		const fields = COLLECTIONS.find((c) => c.collection === name)!.fields;
		const boxes = fields.filter((f) => f.type === 'alias' && !f.o2m).map((f) => f.field);
		// The document actions come first, above the sections.
		expect(boxes.slice(0, 3)).toEqual(['actions', sectionField('basic'), sectionField('lines')]);
		expect(boxes.at(-1)).toBe(sectionField('system'));
		expect(fields.find((f) => f.field === 'lines')!.group).toBe(sectionField('lines'));
		for (const f of ['number', 'owner', 'date_created']) expect(fields.find((x) => x.field === f)!.group).toBe(sectionField('system'));
		expect(fields.filter((f) => f.field !== 'id' && f.type !== 'alias' && !f.group)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { EXPORTS } from './exports';
import { REPORTS } from './index';

describe('exports', () => {
	it('cover every report, the statements, aging and the ledger check', () => {
		expect(Object.keys(EXPORTS).sort()).toEqual([...new Set([...REPORTS.keys(), 'statements', 'aging', 'ledger-check'])].sort());
	});
});

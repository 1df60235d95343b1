// README "Who sees what" embeds the permission matrix the integration test checks against the
// running Directus; this keeps the README copy identical to test/integration/permission-matrix.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, MATRIX, ROLE_ORDER, ROUTES, renderAccessMatrix } from '../integration/permission-matrix';

const README = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const START = '<!-- access-matrix:start -->';
const END = '<!-- access-matrix:end -->';

describe('README access matrix', () => {
	it('has exactly one marked block, inside "Who sees what"', () => {
		expect(README.split(START).length - 1).toBe(1);
		expect(README.split(END).length - 1).toBe(1);
		const section = README.indexOf('### Who sees what');
		const next = README.indexOf('\n## ', section);
		expect(section).toBeGreaterThan(-1);
		expect(README.indexOf(START)).toBeGreaterThan(section);
		expect(README.indexOf(END)).toBeLessThan(next);
	});

	it('equals renderAccessMatrix()', () => {
		const block = README.slice(README.indexOf(START) + START.length, README.indexOf(END));
		expect(block.trim()).toBe(renderAccessMatrix().trim());
	});

	it('covers every role for every collection and route', () => {
		for (const c of COLLECTIONS) expect(Object.keys(MATRIX[c]!).sort(), c).toEqual([...ROLE_ORDER].sort());
		const rendered = renderAccessMatrix();
		for (const c of COLLECTIONS) expect(rendered).toContain(`| \`${c}\` |`);
		for (const r of ROUTES) expect(rendered).toContain(`| \`${r.method} ${r.path}\` |`);
	});
});

// The shape of the house, checked on every run: no import circles in the extension, a domain layer
// that knows nothing of Directus, knex or the schema, and no block of six or more lines written twice
// in the source (tests aside).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'extensions/salesflow/src');

function filesUnder(dir: string, keep: (f: string) => boolean): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : filesUnder(path, keep);
		return keep(path) ? [path] : [];
	});
}

const isSource = (f: string) => /\.(ts|vue|mjs)$/.test(f) && !/\.test\.ts$|test-fixtures\.ts$|\.d\.ts$/.test(f);
const specifiers = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/** A relative import resolved to a file of the tree (TypeScript's resolution: .ts, /index.ts, .vue). */
function resolveImport(from: string, spec: string): string | null {
	if (!spec.startsWith('.')) return null;
	const base = resolve(dirname(from), spec);
	for (const candidate of [base, `${base}.ts`, join(base, 'index.ts'), `${base}.vue`]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return null;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const idx = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const on = new Set<string>();
	const out: string[][] = [];
	const visit = (v: string) => {
		idx.set(v, index);
		low.set(v, index++);
		stack.push(v);
		on.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!idx.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
		}
		if (low.get(v) === idx.get(v)) {
			const scc: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				on.delete(w);
				scc.push(w);
			} while (w !== v);
			if (scc.length > 1 || graph.get(v)?.includes(v)) out.push(scc.map((f) => relative(ROOT, f)).sort());
		}
	};
	for (const v of graph.keys()) if (!idx.has(v)) visit(v);
	return out;
}

describe('layering', () => {
	const files = filesUnder(SRC, isSource);
	const imports = new Map(files.map((f) => [f, specifiers(readFileSync(f, 'utf8'))]));

	it('has no import circle in the extension source', () => {
		const graph = new Map(
			files.map((f) => [
				f,
				imports
					.get(f)!
					.map((s) => resolveImport(f, s))
					.filter((x): x is string => x?.startsWith(SRC) === true),
			]),
		);
		expect(circles(graph)).toEqual([]);
	});

	it('keeps domain/ free of Directus, knex and the schema folder', () => {
		const domain = join(SRC, 'domain');
		const offending = files
			.filter((f) => f.startsWith(domain))
			.flatMap((f) =>
				imports.get(f)!.flatMap((s) => {
					const target = resolveImport(f, s);
					const outside = target !== null && !target.startsWith(domain);
					return /^@directus\/|^knex$|^directus$/.test(s) || outside ? [`${relative(ROOT, f)} → ${s}`] : [];
				}),
			);
		expect(offending).toEqual([]);
	});
});

/** Lines that carry code: trimmed, without blanks, comments, imports and lone punctuation. */
function codeLines(file: string): Array<{ line: number; text: string }> {
	// Import statements (also those over several lines) are blanked, keeping the line numbers.
	return readFileSync(file, 'utf8')
		.replace(/^import[\s\S]*?from\s*['"][^'"]+['"];?$/gm, (m) => m.replace(/[^\n]/g, ''))
		.split('\n')
		.map((text, i) => ({ line: i + 1, text: text.trim() }))
		.filter(
			({ text }) =>
				text &&
				!/^(\/\/|\/\*|\*|import\b|export \{.*\} from)/.test(text) &&
				!/^[\s{}()[\];,.:]*$/.test(text) &&
				// Bare tags of a Vue template's frame (</table>, <script setup lang="ts">).
				!/^<\/?[a-z-]+(\s+[a-z-]+="[^"]*")*>$/.test(text),
		);
}

describe('no copy-paste twins', () => {
	it('no block of six code lines appears twice in the source (tests aside)', () => {
		const WINDOW = 6;
		const roots = ['extensions/salesflow/src', 'schema', 'scripts', 'seed', 'bench'].map((d) => join(ROOT, d));
		const seen = new Map<string, string>();
		const twins: string[] = [];
		for (const file of roots.flatMap((r) => filesUnder(r, isSource))) {
			const lines = codeLines(file);
			for (let i = 0; i + WINDOW <= lines.length; i++) {
				const block = lines.slice(i, i + WINDOW);
				const key = block.map((l) => l.text).join('\n');
				const here = `${relative(ROOT, file)}:${block[0]!.line}-${block[WINDOW - 1]!.line}`;
				const first = seen.get(key);
				if (first === undefined) seen.set(key, here);
				else if (!first.startsWith(`${relative(ROOT, file)}:`) || Number(first.split(':')[1]!.split('-')[1]) < block[0]!.line)
					twins.push(`${here} = ${first}`);
			}
		}
		expect(twins).toEqual([]);
	});
});

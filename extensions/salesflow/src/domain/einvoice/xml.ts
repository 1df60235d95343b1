// The platform's invoice XML as a plain object, the shape resultFromXml reads: an element with only
// text is its text (kept as a string: a 20-digit number must not become a float), an element with
// children an object of them, a repeated child an array. Attributes, comments, processing
// instructions and the DOCTYPE are skipped; nothing is fetched or expanded beyond the five XML
// entities and character references. Enough for the invoice files, not a general XML library.
import { invalid } from '../errors';

type Element = { name: string; children: Array<[string, unknown]>; text: string };

const TOKEN =
	/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>[]|\[[^\]]*\])*>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>|([^<]+)/y;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
	return text.replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(\w+));/g, (whole, dec, hex, name) => {
		if (dec || hex) return String.fromCodePoint(Number.parseInt(dec ?? hex, dec ? 10 : 16));
		return ENTITIES[name] ?? whole;
	});
}

/** What an element becomes: its text, or its children (repeated names as arrays) with any text as `#text`. */
function elementValue(el: Element): unknown {
	const text = el.text.trim();
	if (!el.children.length) return text;
	const out: Record<string, unknown> = {};
	for (const [name, value] of el.children) {
		const prior = out[name];
		out[name] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
	}
	if (text) out['#text'] = text;
	return out;
}

/** The document as `{ root: value }`; 400 naming `file` when it is not well-formed. */
export function parseXml(xml: string, field = 'file'): Record<string, unknown> {
	const bad = (why: string) => invalid(field, `the XML is not readable: ${why}`);
	const root: Element = { name: '', children: [], text: '' };
	const stack: Element[] = [root];
	const source = xml.replace(/^\uFEFF/, '');
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < source.length) {
		const at = TOKEN.lastIndex;
		const m = TOKEN.exec(source);
		if (!m) throw bad(`unexpected "${source.slice(at, at + 20)}" at character ${at + 1}`);
		const [, cdata, close, open, selfClosing, text] = m;
		const top = stack[stack.length - 1]!;
		if (cdata !== undefined) top.text += cdata;
		else if (text !== undefined) {
			if (top === root && text.trim()) throw bad(`text outside the root element at character ${at + 1}`);
			top.text += decode(text);
		} else if (open) {
			if (top === root && root.children.length) throw bad(`a second root element <${open}>`);
			const el: Element = { name: open, children: [], text: '' };
			if (selfClosing) top.children.push([open, elementValue(el)]);
			else stack.push(el);
		} else if (close) {
			if (top.name !== close) throw bad(top === root ? `</${close}> closes nothing` : `</${close}> closes <${top.name}>`);
			stack.pop();
			stack[stack.length - 1]!.children.push([close, elementValue(top)]);
		}
	}
	if (stack.length > 1) throw bad(`<${stack[stack.length - 1]!.name}> is not closed`);
	if (!root.children.length) throw bad('no root element');
	return elementValue(root) as Record<string, unknown>;
}

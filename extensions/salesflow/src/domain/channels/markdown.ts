// Plain text inside the chat platforms' markdown (企业微信 / 钉钉 / 飞书). A notification line is text,
// never markup: a customer called `*A&B_<Co>*` must show as typed instead of turning bold, opening a
// tag, mentioning a member (<@userid>, <at id=all>) or starting a list. Each dialect has its own
// syntax characters and its own way — or none — to show them literally.

export type MarkdownDialect = 'wecom' | 'dingtalk' | 'feishu';

/** Feishu documents HTML numeric entities for its card markdown (&#42; for *), so its escapes are exact. */
const entity = (c: string) => `&#${c.codePointAt(0)};`;
/**
 * WeCom and DingTalk document no escape at all (a backslash would show). Their syntax characters
 * become the full-width forms (U+FF01–FF5E, same glyph, ASCII + 0xFEE0) Chinese text uses anyway,
 * which no markdown parser reads as syntax.
 */
const fullWidth = (c: string) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0);

const DIALECTS: Record<MarkdownDialect, { syntax: RegExp; literal: (c: string) => string }> = {
	// WeCom markdown: **bold**, [links](…), `code`, <font>, <@userid>; # only opens a line.
	wecom: { syntax: /[*_`[\]<>]/g, literal: fullWidth },
	// DingTalk adds italics, ~~strike~~, tables and inline HTML.
	dingtalk: { syntax: /[*_`[\]<>~|]/g, literal: fullWidth },
	// Feishu's documented list of characters to escape, with & itself so typed entities stay text.
	feishu: { syntax: /[&<>*_~`[\]()#+\-!\\$:"'/|]/g, literal: entity },
};

// What only means something at the start of a line: heading, quote, list item ("- ", "1. "),
// setext underline or rule ("===", "---"). A leading "-5.00" is touched too: harmless, and simpler.
const LINE_START = /^([#>+=-])|^(\d{1,9})([.)])(?=\s|$)/;

// Lone surrogates do not survive UTF-8; control characters and line breaks would start a new block.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

/** One line of plain text: breaks and control characters as spaces, trimmed (an indent would start a code block). */
export const singleLine = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD').replace(BREAKS, ' ').trim();

/** `text` as one line of `dialect` markdown that shows exactly the text. */
export function markdownText(dialect: MarkdownDialect, text: string): string {
	const { syntax, literal } = DIALECTS[dialect];
	return singleLine(text)
		.replace(syntax, literal)
		.replace(LINE_START, (_, mark: string | undefined, digits: string, dot: string) => (mark ? literal(mark) : digits + literal(dot)));
}

/** A URL for a markdown link `[text](url)`: parentheses and spaces would end it early. */
export const markdownHref = (url: URL) => url.href.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Bytes in UTF-8; a lone surrogate counts as the U+FFFD it is sent as. */
export function utf8Bytes(text: string): number {
	let bytes = 0;
	for (const char of text) {
		const code = char.codePointAt(0)!;
		bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
	}
	return bytes;
}

const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * The longest start of `text` within `maxBytes` UTF-8 bytes, ending in … when cut. Cut only between
 * graphemes, so no character, surrogate pair, emoji sequence or full-width escape is split.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
	if (utf8Bytes(text) <= maxBytes) return text;
	const room = maxBytes - utf8Bytes(ELLIPSIS);
	if (room < 0) return '';
	let kept = '';
	let used = 0;
	for (const { segment } of graphemes.segment(text)) {
		used += utf8Bytes(segment);
		if (used > room) break;
		kept += segment;
	}
	return kept + ELLIPSIS;
}

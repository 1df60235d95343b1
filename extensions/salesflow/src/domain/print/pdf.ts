// The printable model drawn as an A4 PDF with pdfkit: the same blocks as the HTML page, in a CJK
// TrueType font pdfkit embeds as a subset with a ToUnicode map, so the Chinese text is real,
// selectable and searchable text (not pictures of it). The font bytes come from the caller (read
// once per process); table headers repeat on every new page; drafts carry the 草稿 watermark.
import PDFDocument from 'pdfkit';
import { approvalTable, companyLines, type PrintDocument, type PrintImage, type PrintTable } from './model';
import { qrMatrix, qrRuns } from './qr';
import type { PrintImages } from './html';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 40, bottom: 48, side: 34 };
const CONTENT = A4.width - 2 * MARGIN.side;
const BOTTOM = A4.height - MARGIN.bottom;
const PAD = 3;

type Doc = PDFKit.PDFDocument;

/** pdfkit draws PNG and JPEG only; other logo or seal formats appear in the HTML page alone. */
const drawable = (i: PrintImage | null | undefined): Buffer | null =>
	i && (i.type === 'image/png' || i.type === 'image/jpeg') ? i.data : null;

function ensureSpace(doc: Doc, y: number, height: number): number {
	if (y + height <= BOTTOM) return y;
	doc.addPage();
	return MARGIN.top;
}

function drawRow(doc: Doc, cells: string[], widths: number[], aligns: string[], y: number, opts: { fill?: string; size: number }): number {
	doc.fontSize(opts.size);
	const height = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
	let x = MARGIN.side;
	cells.forEach((c, i) => {
		const w = widths[i]!;
		if (opts.fill) doc.rect(x, y, w, height).fillAndStroke(opts.fill, '#444444');
		else doc.rect(x, y, w, height).stroke('#444444');
		doc.fillColor('#111111').text(c, x + PAD, y + PAD, { width: w - 2 * PAD, align: (aligns[i] ?? 'left') as 'left' | 'right' | 'center' });
		x += w;
	});
	return y + height;
}

function drawTable(doc: Doc, t: PrintTable, y0: number): number {
	let y = y0;
	const total = t.columns.reduce((s, c) => s + c.width, 0);
	const widths = t.columns.map((c) => (c.width / total) * CONTENT);
	const aligns = t.columns.map((c) => c.align);
	const header = () =>
		drawRow(
			doc,
			t.columns.map((c) => c.label),
			widths,
			t.columns.map(() => 'center'),
			y,
			{ fill: '#eeeeee', size: 9 },
		);
	if (t.title) {
		y = ensureSpace(doc, y, 40);
		doc.fontSize(11).fillColor('#111111').text(t.title, MARGIN.side, y);
		y = doc.y + 2;
	}
	y = ensureSpace(doc, y, 36);
	y = header();
	const rows = t.rows.length ? t.rows : [[t.empty, ...t.columns.slice(1).map(() => '')]];
	for (const row of [...rows, ...t.foot]) {
		doc.fontSize(9);
		const height = Math.max(...row.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
		if (y + height > BOTTOM) {
			doc.addPage();
			y = MARGIN.top;
			// The header again on the new page, as the HTML page's <thead> does in print.
			y = header();
		}
		y = drawRow(doc, row, widths, aligns, y, { size: 9 });
	}
	return y + 8;
}

function drawFields(doc: Doc, list: Array<{ label: string; value: string }>, x: number, y0: number, width: number): number {
	let y = y0;
	doc.fontSize(9.5);
	for (const f of list) {
		doc.fillColor('#111111').text(`${f.label}：${f.value}`, x, y, { width });
		y = doc.y + 1;
	}
	return y;
}

function drawLetterhead(doc: Doc, d: PrintDocument, images: PrintImages): number {
	const top = MARGIN.top;
	let x = MARGIN.side;
	const logo = drawable(images.logo);
	if (logo) {
		doc.image(logo, x, top, { fit: [90, 40] });
		x += 98;
	}
	const qrSize = 66;
	const textWidth = CONTENT - (x - MARGIN.side) - qrSize - 8;
	doc.fontSize(15).fillColor('#111111').text(d.company.name, x, top, { width: textWidth });
	const sub = companyLines(d.company).join('\n');
	if (sub)
		doc
			.fontSize(8)
			.fillColor('#333333')
			.text(sub, x, doc.y + 2, { width: textWidth });
	// The QR code as rectangles (a 2-module quiet zone inside its square).
	const matrix = qrMatrix(d.number);
	const cell = qrSize / (matrix.length + 4);
	const qx = A4.width - MARGIN.side - qrSize;
	for (const [r, col, n] of qrRuns(matrix)) doc.rect(qx + (col + 2) * cell, top + (r + 2) * cell, n * cell, cell);
	doc.fill('#000000');
	const bottom = Math.max(doc.y, top + qrSize) + 4;
	doc
		.moveTo(MARGIN.side, bottom)
		.lineTo(A4.width - MARGIN.side, bottom)
		.lineWidth(1.5)
		.stroke('#111111')
		.lineWidth(1);
	return bottom + 8;
}

function drawSignatures(doc: Doc, d: PrintDocument, images: PrintImages, y0: number): number {
	const blocks = d.signatures;
	const lineHeight = 20;
	const height = 24 + Math.max(...blocks.map((b) => b.lines.length)) * lineHeight;
	const y = ensureSpace(doc, y0 + 10, height);
	const width = (CONTENT - 16 * (blocks.length - 1)) / blocks.length;
	const seal = drawable(images.seal);
	blocks.forEach((b, i) => {
		const x = MARGIN.side + i * (width + 16);
		doc.fontSize(10).fillColor('#111111').text(`${b.title}（盖章）`, x, y, { width });
		let ly = doc.y + 6;
		for (const l of b.lines) {
			doc.fontSize(9.5).text(`${l.label}：`, x, ly, { continued: false });
			const labelWidth = doc.widthOfString(`${l.label}：`);
			if (l.value) doc.text(l.value, x + labelWidth, ly);
			doc
				.moveTo(x + labelWidth, ly + 12)
				.lineTo(x + Math.min(width, labelWidth + 130), ly + 12)
				.stroke('#111111');
			ly += lineHeight;
		}
		if (b.companySeal && seal && !d.draft) doc.image(seal, x + 40, y - 6, { fit: [100, 100] });
	});
	return y + height;
}

/** Footer, page numbers and the draft watermark on every page, once all pages exist. */
function finishPages(doc: Doc, d: PrintDocument): void {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		if (d.draft) {
			doc.save();
			doc.rotate(-30, { origin: [A4.width / 2, A4.height / 2] });
			doc
				.fontSize(130)
				.fillColor('#c80000')
				.fillOpacity(0.13)
				.text('草稿', 0, A4.height / 2 - 80, { width: A4.width, align: 'center', lineBreak: false });
			doc.restore();
		}
		doc
			.fontSize(8)
			.fillColor('#666666')
			.fillOpacity(1)
			.text(
				`${d.title} ${d.number}　打印时间：${d.printedAt}　第 ${i + 1} / ${range.count} 页`,
				MARGIN.side,
				A4.height - MARGIN.bottom + 16,
				{
					width: CONTENT,
					align: 'right',
					lineBreak: false,
				},
			);
	}
}

/** The document as PDF bytes, in the CJK TrueType font given. */
export function renderPdf(d: PrintDocument, font: Buffer, images: PrintImages = {}): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: MARGIN.top, bottom: 0, left: MARGIN.side, right: MARGIN.side },
		bufferPages: true,
		// Our font from the start and throughout: pdfkit's default (Helvetica) would be read from files the
		// bundle does not carry. pdfkit takes font bytes here although its types only name a file.
		font: font as unknown as string,
		info: { Title: `${d.title} ${d.number}`, Author: d.company.name, Subject: d.title, Keywords: d.number },
		lang: 'zh-CN',
		displayTitle: true,
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	doc.lineWidth(0.7);

	let y = drawLetterhead(doc, d, images);
	doc.fontSize(18).fillColor('#111111').text(d.title, MARGIN.side, y, { width: CONTENT, align: 'center', characterSpacing: 4 });
	doc.fontSize(9).fillColor('#333333').text(`单号：${d.number}　状态：${d.status}`, { width: CONTENT, align: 'center' });
	y = doc.y + 8;
	const half = (CONTENT - 16) / 2;
	y = Math.max(drawFields(doc, d.party, MARGIN.side, y, half), drawFields(doc, d.details, MARGIN.side + half + 16, y, half)) + 6;
	for (const t of d.tables) y = drawTable(doc, t, y);
	if (d.amount) {
		y = ensureSpace(doc, y, 30);
		doc.fontSize(10).fillColor('#111111');
		const line = `${d.amount.label}：${d.amount.figures}　　人民币大写：${d.amount.words}`;
		const h = doc.heightOfString(line, { width: CONTENT - 12 }) + 10;
		doc.rect(MARGIN.side, y, CONTENT, h).stroke('#444444');
		doc.text(line, MARGIN.side + 6, y + 5, { width: CONTENT - 12 });
		y += h + 8;
	}
	for (const t of d.terms) {
		y = ensureSpace(doc, y, 30);
		doc.fontSize(10).fillColor('#111111').text(t.label, MARGIN.side, y);
		doc.fontSize(9.5).text(t.value, MARGIN.side + 20, doc.y + 1, { width: CONTENT - 20 });
		y = doc.y + 4;
	}
	for (const n of d.notes) {
		y = ensureSpace(doc, y, 24);
		doc.fontSize(9).fillColor('#333333').text(n, MARGIN.side, y, { width: CONTENT });
		y = doc.y + 4;
	}
	if (d.approvals.length) {
		y = drawTable(doc, approvalTable(d.approvals), y + 4);
	}
	drawSignatures(doc, d, images, y);
	finishPages(doc, d);
	doc.end();
	return done;
}

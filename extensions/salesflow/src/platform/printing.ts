// Printed documents out: the same printable model as an HTML page or a PDF. The PDF font is read from
// the bundle once per process; logo and seal come from the settings' files (cached until the file
// changes); at most PDF_SLOTS PDFs render at once, so concurrent requests queue instead of each
// holding a font parse and a growing document in memory.
import { readFile } from 'node:fs/promises';
import type { Response } from 'express';
import { z } from 'zod';
import type { PrintImages } from '../domain/print/html';
import { renderHtml } from '../domain/print/html';
import type { PrintDocument, PrintImage } from '../domain/print/model';
import { renderPdf } from '../domain/print/pdf';
import { limitConcurrency } from './concurrency';
import type { RuleContext } from './context';
import { settings } from './settings';

/** dist/api.js → assets/fonts/ of the bundle (the extension folder is what deployments mount). */
const FONT_URL = new URL('../assets/fonts/SalesflowSans.ttf', import.meta.url);

let font: Promise<Buffer> | undefined;
const fontBytes = (): Promise<Buffer> => {
	font ??= readFile(FONT_URL).catch((e) => {
		font = undefined;
		throw e;
	});
	return font;
};

const PDF_SLOTS = 2;
const pdfSlot = limitConcurrency(PDF_SLOTS);

/** Logo and seal larger than this are left off rather than inlined into every page. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const images = new Map<string, { version: string; image: PrintImage | null }>();

/** A settings image as bytes, read as Salesflow (every printed document shows the company's logo). */
async function settingsImage(ctx: RuleContext, id: string | null): Promise<PrintImage | null> {
	if (!id) return null;
	const file = await ctx.db('directus_files').where({ id }).first('type', 'filesize', 'modified_on', 'filename_disk');
	if (!file || !String(file.type ?? '').startsWith('image/') || Number(file.filesize) > MAX_IMAGE_BYTES) return null;
	const version = `${file.filename_disk}:${file.filesize}:${file.modified_on}`;
	const cached = images.get(id);
	if (cached?.version === version) return cached.image;
	const assets = new ctx.services.AssetsService({ knex: ctx.db, schema: ctx.schema, accountability: null });
	const { stream } = await assets.getAsset(id);
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	const image = { type: String(file.type), data: Buffer.concat(chunks) };
	images.set(id, { version, image });
	return image;
}

async function settingsImages(ctx: RuleContext): Promise<PrintImages> {
	const s = settings();
	return { logo: await settingsImage(ctx, s.logo), seal: await settingsImage(ctx, s.seal) };
}

/** The query of a print route: `?format=pdf` for the PDF, the HTML page otherwise. */
export const zPrintQuery = z.object({ format: z.enum(['html', 'pdf'], { error: 'format must be "html" or "pdf"' }).optional() }).strict();

export type PrintFormat = 'html' | 'pdf';

/** The PDF of `doc`, in its turn among the PDF slots. */
const pdfBytes = (doc: PrintDocument, pictures: PrintImages) => pdfSlot(async () => renderPdf(doc, await fontBytes(), pictures));

/** The document as a PDF, with the company's logo and seal (the salesflow-print Flow operation). */
export async function printedPdf(ctx: RuleContext, doc: PrintDocument): Promise<Buffer> {
	return pdfBytes(doc, await settingsImages(ctx));
}

/** Answers with the document as an HTML page or, in its turn among the PDF slots, as a PDF. */
export async function sendPrinted(ctx: RuleContext, res: Response, doc: PrintDocument, format: PrintFormat): Promise<void> {
	const pictures = await settingsImages(ctx);
	if (format === 'html') {
		res.status(200).set('content-type', 'text/html; charset=utf-8').send(renderHtml(doc, pictures));
		return;
	}
	const bytes = await pdfBytes(doc, pictures);
	res
		.status(200)
		.set('content-type', 'application/pdf')
		.set('content-disposition', `inline; filename="${encodeURIComponent(doc.number || 'document')}.pdf"`)
		.send(bytes);
}

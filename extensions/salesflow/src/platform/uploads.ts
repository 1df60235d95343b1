// One uploaded file from a multipart request, read into memory: our import routes (Excel, the
// e-invoice platform's results) parse whole workbooks, so streaming them further buys nothing.
// Directus parses multipart only for /files, so endpoints read it themselves.
import { finished } from 'node:stream';
import Busboy from 'busboy';
import type { Request } from 'express';
import { DomainError, invalid } from '../domain/errors';

export type Upload = { filename: string; mimetype: string; buffer: Buffer };

/** Uploads larger than this are refused with 413 before they are read to the end. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Reads the multipart field `field` (exactly one file); 400 when it is missing or the body is not multipart. */
export function readUpload(req: Request, field = 'file', maxBytes = MAX_UPLOAD_BYTES): Promise<Upload> {
	if (!req.is('multipart/form-data')) return Promise.reject(invalid(field, `Send the file as multipart/form-data in the field "${field}"`));
	return new Promise((resolve, reject) => {
		let upload: Upload | undefined;
		let failure: Error | undefined;
		// Decided once the file's stream has finished as well as the parser: the answer must not depend on
		// which of the two ends first (a file read before its end would count as "no file").
		let fileRead: Promise<void> = Promise.resolve();
		const parser = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes } });
		parser.on('file', (name, stream, info) => {
			if (name !== field) {
				stream.resume();
				return;
			}
			const chunks: Buffer[] = [];
			fileRead = new Promise((done) => finished(stream, () => done()));
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('limit', () => {
				failure = new DomainError('CONTENT_TOO_LARGE', `The file is larger than ${maxBytes} bytes`, 413, { max: maxBytes });
			});
			stream.on('end', () => {
				upload = { filename: info.filename ?? '', mimetype: info.mimeType ?? '', buffer: Buffer.concat(chunks) };
			});
		});
		parser.on('error', (e: Error) => reject(invalid(field, `Unreadable multipart body: ${e.message}`)));
		parser.on('close', () => {
			void fileRead.then(() => {
				if (failure) reject(failure);
				else if (!upload || upload.buffer.length === 0) reject(invalid(field, `No file in the field "${field}"`));
				else resolve(upload);
			});
		});
		req.pipe(parser);
	});
}

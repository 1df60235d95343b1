// The document number as a QR code (scanned at the warehouse door or by the customer's clerk). The
// matrix comes from the `qrcode` library; both media draw it themselves (SVG squares, PDF rectangles),
// so neither needs an image codec.
import QRCode from 'qrcode';

/** Dark modules of the QR code of `text`, as [row][column]; a quiet zone is left to the drawer. */
export function qrMatrix(text: string): boolean[][] {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => modules.get(r, c) === 1));
}

/** Runs of dark modules per row, [row, column, length]: fewer shapes to draw than single modules. */
export function qrRuns(matrix: boolean[][]): Array<[number, number, number]> {
	const runs: Array<[number, number, number]> = [];
	matrix.forEach((row, r) => {
		for (let c = 0; c < row.length; c++) {
			if (!row[c]) continue;
			let end = c;
			while (row[end + 1]) end++;
			runs.push([r, c, end - c + 1]);
			c = end;
		}
	});
	return runs;
}

/** An SVG image of the QR code (with a 4-module quiet zone), ready for an <img> data URI. */
export function qrSvg(text: string): string {
	const matrix = qrMatrix(text);
	const size = matrix.length + 8;
	const path = qrRuns(matrix)
		.map(([r, c, n]) => `M${c + 4} ${r + 4}h${n}v1h-${n}z`)
		.join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

/** The QR code as a data URI for an <img>. */
export const qrDataUri = (text: string) => `data:image/svg+xml;base64,${Buffer.from(qrSvg(text)).toString('base64')}`;

// /print/:collection/:id[?format=pdf]: a document as the zh-CN page staff print for signature and seal
// (报价单, 销售合同, 销售订单, 送货单, 退货单, 开票申请单, 对账单), or the same as a PDF. Any status prints;
// drafts carry a 草稿 watermark. Only documents the caller may read print (404 otherwise).
import { defineEndpoint } from '@directus/extensions-sdk';
import { DomainError } from '../domain/errors';
import { zId } from '../domain/money';
import { isPrintable, PRINTABLE } from '../domain/print/documents';
import { printedDocument } from '../documents/printing';
import { type EndpointContext, parseInput, queryOf, route } from '../platform/endpoint';
import { sendPrinted, zPrintQuery } from '../platform/printing';
import { documentRequest } from './request';

export default defineEndpoint({
	id: 'print',
	handler: (router, ext: EndpointContext) => {
		router.get(
			'/:collection/:id',
			route(async (req, res) => {
				const ctx = documentRequest(ext, req);
				const collection = String(req.params.collection);
				if (!isPrintable(collection))
					throw new DomainError('NOT_FOUND', `${collection} do not print; printable are ${PRINTABLE.join(', ')}`, 404);
				const id = parseInput(zId, req.params.id, 'id');
				const { format = 'html' } = parseInput(zPrintQuery, queryOf(req));
				await sendPrinted(ctx, res, await printedDocument(ctx, collection, id), format);
			}),
		);
	},
});

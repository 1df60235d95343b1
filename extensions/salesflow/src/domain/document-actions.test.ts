import { describe, expect, it } from 'vitest';
import { confirmText, moveLabel, POOL_CONFIRM, refusalText } from './document-actions';

describe('document actions', () => {
	it('names moves in business words, per collection where they differ', () => {
		expect(moveLabel('quotes', 'submitted', undefined)).toEqual({ zh: '提交审批', en: 'Submit for approval' });
		expect(moveLabel('shipments', 'submitted', undefined).zh).toBe('提交仓库');
		expect(moveLabel('shipments', 'issued', undefined).zh).toBe('发货出库');
		expect(moveLabel('x', 'odd', { zh: '奇', en: 'Odd' })).toEqual({ zh: '奇', en: 'Odd' });
	});

	it('names the public pool moves and their refusal', () => {
		expect(POOL_CONFIRM.claim('华东精密').zh).toBe('客户「华东精密」将归您负责（重新报备），移出公海。');
		expect(POOL_CONFIRM.assign('华东精密').en).toContain('goes to the seller you pick');
		const taken = { code: 'NOT_IN_POOL', message: 'customer CUS-1 is not in the public pool: another seller owns it', extensions: {} };
		expect(refusalText(taken)).toEqual({ zh: `客户不在公海：${taken.message}`, en: taken.message });
	});

	it('says why a move is refused with its figures', () => {
		const stock = {
			code: 'INSUFFICIENT_STOCK',
			message: 'x',
			extensions: { sku: 'SKU-001', warehouse: 'WH-SH', on_hand: '3', requested: '5' },
		};
		expect(refusalText(stock).zh).toBe('库存不足：SKU-001 在 WH-SH 现有 3，需要 5');
		const contract = { code: 'CONTRACT_REQUIRED', message: 'x', extensions: { order: 'SO-1', total: '113.00', contract: null } };
		expect(refusalText(contract).zh).toBe('需先签订合同：SO-1（金额 113.00）尚无合同');
		expect(refusalText({ code: 'DOCUMENT_LOCKED', message: 'QT-1 is approved', extensions: {} })).toEqual({
			zh: '单据已锁定：QT-1 is approved',
			en: 'QT-1 is approved',
		});
	});

	it('confirms what a move does: status, approvers, stock', () => {
		const text = confirmText({
			from: { zh: '已提交', en: 'Submitted' },
			to: { zh: '已出库', en: 'Issued' },
			approvers: [],
			stock: [{ sku: 'SKU-001', warehouse: 'WH-SH', quantity: '-5' }],
		});
		expect(text.zh).toBe('状态将由「已提交」变为「已出库」；库存出库：SKU-001 × 5（WH-SH）。');
		expect(text.en).toBe('Status goes from "Submitted" to "Issued"; stock goes out: SKU-001 × 5 (WH-SH).');
	});
});

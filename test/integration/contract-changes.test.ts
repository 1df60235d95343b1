// Contract changes (合同变更/解除申请, issue #14, PROCESS §12): a signed contract is changed or
// terminated only through an approved change — the owner's manager (部门领导), legal, finance and the
// general manager, in that order — applied in the transaction of the last approval; nobody terminates
// it by editing its status. An amendment never cuts below what open orders already take.
import { describe, expect, it } from 'vitest';
import { call, count, errorCode, ok, type Res, userId } from './helpers';
import { approveAll, approversMap, customerOf, requestOf, stockedProduct, submit } from './fixtures';

const APPROVERS = approversMap();

type Line = { product: number; quantity: string; unit_price: string };

const productAt = async (price: string) => (await stockedProduct(0, 'WH-SH', price)).product;

async function signedContract(lines: Line[], extra: Record<string, unknown> = {}) {
	const customer = (await customerOf('sales_rep')).id;
	const c = await ok<any>('sales_rep', 'POST', '/items/contracts', { customer, subject: '变更测试合同', ...extra, lines });
	await submit('sales_rep', 'contracts', c.id);
	await approveAll('contracts', c.id, APPROVERS);
	return ok<any>('sales_rep', 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
}

const contractNow = (id: number) =>
	ok<any>('admin', 'GET', `/items/contracts/${id}?fields=status,amount,lines.id,lines.product,lines.quantity,lines.unit_price,lines.total`);

const change = (body: Record<string, unknown>, who = 'sales_rep') => call(who, 'POST', '/items/contract_changes', body);

/** An order against the contract, submitted: open, it takes from the contract. */
async function openOrder(c: any, lines: Line[]) {
	const o = await ok<any>('sales_rep', 'POST', '/items/sales_orders', { customer: c.customer, contract: c.id, lines });
	await submit('sales_rep', 'sales_orders', o.id);
	return o;
}

const expectRefused = (r: Res, status: number, code: string, message?: string) => {
	expect([r.status, errorCode(r)], JSON.stringify(r.errors)).toEqual([status, code]);
	if (message) expect(r.errors![0]!.message).toContain(message);
};

/** Rows that a refused change must leave untouched. */
const counts = async () =>
	Promise.all(['contract_changes', 'contract_change_lines', 'contract_lines', 'approval_requests'].map((c) => count(c)));

describe('terminating a contract (合同解除)', () => {
	it('passes the owner’s manager, legal, finance and the general manager; only the last approval terminates it', async () => {
		const p = await productAt('100.00');
		const c = await signedContract([{ product: p.id, quantity: '10', unit_price: '100.00' }]);
		const created = await change({ contract: c.id, kind: 'terminate', reason: '客户项目取消' });
		expect(created.status, JSON.stringify(created.errors)).toBe(200);
		const cc = created.data;
		expect(cc.number).toMatch(/^CC-\d{4}-\d{6}$/);
		await submit('sales_rep', 'contract_changes', cc.id);

		const req = await requestOf('contract_changes', cc.id);
		const steps = [...req.steps].sort((a: any, b: any) => a.sequence - b.sequence);
		expect(steps.map((s: any) => s.approver_role ?? s.approver_user)).toEqual([
			userId('sales_manager'),
			'legal',
			'finance',
			'general_manager',
		]);
		// Legal and finance read the change they review.
		for (const who of ['legal', 'finance']) expect((await call(who, 'GET', `/items/contract_changes/${cc.id}`)).status).toBe(200);

		for (const [i, who] of ['sales_manager', 'legal', 'finance', 'general_manager'].entries()) {
			// Nobody approves out of turn.
			if (i < 3) expect((await call('general_manager', 'POST', `/approvals/${req.id}/approve`, { comment: 'ok' })).status).toBe(403);
			expect((await contractNow(c.id)).status).toBe('signed');
			await ok(who, 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
			const status = (await ok<any>('admin', 'GET', `/items/contract_changes/${cc.id}`)).status;
			expect([who, status]).toEqual([who, i < 3 ? 'pending_approval' : 'applied']);
		}
		expect((await contractNow(c.id)).status).toBe('terminated');
		const history = await ok<any[]>(
			'admin',
			'GET',
			`/items/status_history?filter[collection][_eq]=contracts&filter[item][_eq]=${c.id}&filter[to_status][_eq]=terminated`,
		);
		expect(history.map((h) => [h.by_system, h.reason])).toEqual([[true, `${cc.number}: 客户项目取消`]]);

		// A terminated contract takes no orders and no further change.
		const before = await count('sales_orders');
		const o = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: c.customer,
			contract: c.id,
			lines: [{ product: p.id, quantity: '1', unit_price: '100.00' }],
		});
		expectRefused(o, 409, 'CONTRACT_MISMATCH', `contract ${c.number} is terminated; only a signed contract takes orders`);
		expect(await count('sales_orders')).toBe(before);
		const rows = await counts();
		expectRefused(
			await change({ contract: c.id, kind: 'terminate', reason: '再次解除' }),
			409,
			'INVALID_TRANSITION',
			`${c.number} is terminated: a change on a terminated contract is not possible`,
		);
		expect(await counts()).toEqual(rows);
	});

	it('nobody sets a signed contract to terminated by editing its status', async () => {
		const p = await productAt('100.00');
		const c = await signedContract([{ product: p.id, quantity: '1', unit_price: '100.00' }]);
		const moves = await count('status_history', { collection: { _eq: 'contracts' }, item: { _eq: String(c.id) } });
		for (const who of ['sales_rep', 'sales_manager', 'division_head', 'general_manager', 'admin']) {
			const r = await call(who, 'PATCH', `/items/contracts/${c.id}`, { status: 'terminated' });
			// The owner's side and the administrator hear the status door (a move only Salesflow makes); the others may not edit contracts at all.
			if (['sales_rep', 'sales_manager', 'admin'].includes(who))
				expectRefused(r, 409, 'INVALID_TRANSITION', 'signed → terminated is not allowed by hand');
			else expect([403, 409], `${who}: ${JSON.stringify(r.errors)}`).toContain(r.status);
		}
		expect((await contractNow(c.id)).status).toBe('signed');
		expect(await count('status_history', { collection: { _eq: 'contracts' }, item: { _eq: String(c.id) } })).toBe(moves);
	});
});

describe('amending a contract (合同变更)', () => {
	it('applies new quantities, prices, new and removed lines on the last approval; the amount is the new lines’ total', async () => {
		const [a, b, n] = [await productAt('100.00'), await productAt('200.00'), await productAt('50.00')];
		const c = await signedContract([
			{ product: a.id, quantity: '10', unit_price: '100.00' },
			{ product: b.id, quantity: '5', unit_price: '200.00' },
		]);
		const before = await contractNow(c.id);
		expect(Number(before.amount)).toBe(2000);
		const lineOf = (product: number) => before.lines.find((l: any) => l.product === product).id;
		const cc = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
			contract: c.id,
			kind: 'amend',
			reason: '客户追加数量并调价',
			lines: [
				{ contract_line: lineOf(a.id), new_quantity: '12', new_unit_price: '110.00' },
				{ contract_line: lineOf(b.id), new_quantity: '0' },
				{ product: n.id, new_quantity: '2', new_unit_price: '50.00' },
			],
		});
		await submit('sales_rep', 'contract_changes', cc.id);
		// Nothing changes before the last approval.
		expect(await contractNow(c.id)).toEqual(before);
		await approveAll('contract_changes', cc.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/contract_changes/${cc.id}`)).status).toBe('applied');
		const after = await contractNow(c.id);
		expect(after.lines.map((l: any) => [l.product, Number(l.quantity), Number(l.unit_price), Number(l.total)])).toEqual([
			[a.id, 12, 110, 1320],
			[n.id, 2, 50, 100],
		]);
		expect(Number(after.amount)).toBe(1420);
		// The removed line's change keeps its product.
		const kept = await ok<any[]>('admin', 'GET', `/items/contract_change_lines?filter[change][_eq]=${cc.id}&sort=id`);
		expect(kept.map((l) => [l.contract_line, l.product])).toEqual([
			[lineOf(a.id), a.id],
			[null, b.id],
			[null, n.id],
		]);
		// An order now takes the amended terms: 12 of a, at 110.
		const o = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: c.customer,
			contract: c.id,
			lines: [{ product: a.id, quantity: '12', unit_price: '100.00' }],
		});
		expectRefused(o, 409, 'CONTRACT_MISMATCH', 'unit price 100.00 below contract price 110.00');
	});

	it('never cuts below what open orders take: refused at submit and again at apply, writing nothing', async () => {
		const a = await productAt('100.00');
		const c = await signedContract([{ product: a.id, quantity: '10', unit_price: '100.00' }]);
		const line = (await contractNow(c.id)).lines[0].id;
		await openOrder(c, [{ product: a.id, quantity: '6', unit_price: '100.00' }]);

		// At submit: 5 < 6 taken; a price above the 100.00 the open order pays.
		for (const [edit, message] of [
			[{ new_quantity: '5' }, `${c.number} ${a.sku}: amended to 5, open orders already take 6`],
			[{ new_unit_price: '100.01' }, `${c.number} ${a.sku}: contract price amended to 100.01, above what open orders pay (100.00)`],
		] as const) {
			const cc = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
				contract: c.id,
				reason: '客户减量',
				lines: [{ contract_line: line, ...edit }],
			});
			const rows = await counts();
			expectRefused(
				await call('sales_rep', 'PATCH', `/items/contract_changes/${cc.id}`, { status: 'submitted' }),
				409,
				'CONTRACT_MISMATCH',
				message,
			);
			expect((await ok<any>('admin', 'GET', `/items/contract_changes/${cc.id}`)).status).toBe('draft');
			expect(await counts()).toEqual(rows);
		}

		// At apply: a cut to 7 fits when submitted; another order takes 2 more before the last approval.
		const cc = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
			contract: c.id,
			reason: '客户减量',
			lines: [{ contract_line: line, new_quantity: '7' }],
		});
		await submit('sales_rep', 'contract_changes', cc.id);
		const req = await requestOf('contract_changes', cc.id);
		for (const who of ['sales_manager', 'legal', 'finance']) await ok(who, 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		await openOrder(c, [{ product: a.id, quantity: '2', unit_price: '100.00' }]);
		const before = await contractNow(c.id);
		const rows = await counts();
		const last = await call('general_manager', 'POST', `/approvals/${req.id}/approve`, { comment: '同意' });
		expectRefused(last, 409, 'CONTRACT_MISMATCH', `${c.number} ${a.sku}: amended to 7, open orders already take 8`);
		expect(await contractNow(c.id)).toEqual(before);
		expect(await counts()).toEqual(rows);
		expect((await ok<any>('admin', 'GET', `/items/contract_changes/${cc.id}`)).status).toBe('pending_approval');
		const stillPending = (await requestOf('contract_changes', cc.id)).steps.find((s: any) => s.approver_role === 'general_manager');
		expect(stillPending.status).toBe('pending');
	});

	it('a framework contract is amended by its amount, never below its open orders', async () => {
		const p = await productAt('100.00');
		const c = await signedContract([], { amount: '1000.00' });
		await openOrder(c, [{ product: p.id, quantity: '6', unit_price: '100.00' }]);
		const low = await ok<any>('sales_rep', 'POST', '/items/contract_changes', { contract: c.id, reason: '缩减额度', new_amount: '500.00' });
		expectRefused(
			await call('sales_rep', 'PATCH', `/items/contract_changes/${low.id}`, { status: 'submitted' }),
			409,
			'CONTRACT_MISMATCH',
			`framework contract ${c.number}: amended to 500.00, open orders already total 600.00`,
		);
		// Lines on a framework contract, an amount on a contract with lines: 400, nothing written.
		const rows = await counts();
		expectRefused(
			await change({ contract: c.id, reason: '加明细', lines: [{ product: p.id, new_quantity: '1', new_unit_price: '100.00' }] }),
			400,
			'INVALID_PAYLOAD',
		);
		expect(await counts()).toEqual(rows);

		const up = await ok<any>('sales_rep', 'POST', '/items/contract_changes', { contract: c.id, reason: '追加额度', new_amount: '2000.00' });
		await submit('sales_rep', 'contract_changes', up.id);
		await approveAll('contract_changes', up.id, APPROVERS);
		expect((await ok<any>('admin', 'GET', `/items/contract_changes/${up.id}`)).status).toBe('applied');
		expect(Number((await contractNow(c.id)).amount)).toBe(2000);
		const o = await call('sales_rep', 'POST', '/items/sales_orders', {
			customer: c.customer,
			contract: c.id,
			lines: [{ product: p.id, quantity: '14', unit_price: '100.00' }],
		});
		expect(o.status, JSON.stringify(o.errors)).toBe(200);
	});
});

describe('bad changes', () => {
	it('refuses a change on a draft contract, one the rep cannot see, a termination with lines, an amendment changing nothing', async () => {
		const p = await productAt('100.00');
		const customer = (await customerOf('sales_rep')).id;
		const draft = await ok<any>('sales_rep', 'POST', '/items/contracts', {
			customer,
			lines: [{ product: p.id, quantity: '1', unit_price: '100.00' }],
		});
		const c = await signedContract([{ product: p.id, quantity: '3', unit_price: '100.00' }]);
		const other = await signedContract([{ product: p.id, quantity: '3', unit_price: '100.00' }]);
		const otherLine = (await contractNow(other.id)).lines[0].id;
		const rows = await counts();

		expectRefused(
			await change({ contract: draft.id, kind: 'terminate', reason: 'x' }),
			409,
			'INVALID_TRANSITION',
			`${draft.number} is draft: a change on a draft contract is not possible`,
		);
		// As for every reference (engine/references.ts): a contract the caller may not read is named like a missing one.
		expectRefused(
			await change({ contract: c.id, kind: 'terminate', reason: 'x' }, 'sales_rep_2'),
			400,
			'INVALID_PAYLOAD',
			`contracts ${c.id} does not exist or is not yours to use`,
		);
		expectRefused(
			await change({
				contract: c.id,
				kind: 'terminate',
				reason: 'x',
				lines: [{ product: p.id, new_quantity: '1', new_unit_price: '1.00' }],
			}),
			400,
			'INVALID_PAYLOAD',
		);
		expectRefused(await change({ contract: c.id, kind: 'terminate', reason: 'x', new_amount: '5.00' }), 400, 'INVALID_PAYLOAD');
		expectRefused(await change({ contract: c.id, kind: 'amend', reason: 'x' }), 400, 'INVALID_PAYLOAD', 'must change something');
		expectRefused(await change({ contract: c.id, kind: 'amend', reason: 'x', new_amount: '5.00' }), 400, 'INVALID_PAYLOAD');
		expectRefused(
			await change({ contract: c.id, reason: 'x', lines: [{ contract_line: otherLine, new_quantity: '1' }] }),
			400,
			'INVALID_PAYLOAD',
			`contract line ${otherLine} is not on ${c.number}`,
		);
		expectRefused(
			await change({ contract: c.id, reason: 'x', lines: [{ product: p.id, new_quantity: '-1', new_unit_price: '1.00' }] }),
			400,
			'INVALID_PAYLOAD',
		);
		expectRefused(await change({ contract: c.id, kind: 'cancel', reason: 'x' }), 400, 'INVALID_PAYLOAD');
		expect(await counts()).toEqual(rows);

		// The kind and the contract are fixed once the change exists; a line of another contract is not added later.
		const cc = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
			contract: c.id,
			reason: '调价',
			lines: [{ contract_line: (await contractNow(c.id)).lines[0].id, new_unit_price: '90.00' }],
		});
		expectRefused(await call('sales_rep', 'PATCH', `/items/contract_changes/${cc.id}`, { kind: 'terminate' }), 400, 'INVALID_PAYLOAD');
		expectRefused(await call('sales_rep', 'PATCH', `/items/contract_changes/${cc.id}`, { contract: other.id }), 400, 'INVALID_PAYLOAD');
		const added = await call('sales_rep', 'POST', '/items/contract_change_lines', {
			change: cc.id,
			contract_line: otherLine,
			new_quantity: '1',
		});
		expectRefused(added, 400, 'INVALID_PAYLOAD', 'is not on the changed contract');
		expect(await count('contract_change_lines', { change: { _eq: cc.id } })).toBe(1);
	});
});

describe('two changes of one line', () => {
	it('the second, drafted before the first removed the line, is refused at submit instead of adding a line', async () => {
		const [a, b] = [await productAt('100.00'), await productAt('100.00')];
		const c = await signedContract([
			{ product: a.id, quantity: '2', unit_price: '100.00' },
			{ product: b.id, quantity: '2', unit_price: '100.00' },
		]);
		const line = (await contractNow(c.id)).lines.find((l: any) => l.product === b.id).id;
		const remove = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
			contract: c.id,
			reason: '取消 B',
			lines: [{ contract_line: line, new_quantity: '0' }],
		});
		const reprice = await ok<any>('sales_rep', 'POST', '/items/contract_changes', {
			contract: c.id,
			reason: 'B 调价',
			lines: [{ contract_line: line, new_unit_price: '90.00' }],
		});
		await submit('sales_rep', 'contract_changes', remove.id);
		await approveAll('contract_changes', remove.id, APPROVERS);
		const before = await contractNow(c.id);
		expect(before.lines.map((l: any) => l.product)).toEqual([a.id]);
		const r = await call('sales_rep', 'PATCH', `/items/contract_changes/${reprice.id}`, { status: 'submitted' });
		expectRefused(r, 400, 'INVALID_PAYLOAD', 'names no contract line and is no complete new line');
		expect(await contractNow(c.id)).toEqual(before);
	});
});

describe('the demo (seed/documents.ts)', () => {
	it('shows an applied amendment and a contract terminated by an applied termination', async () => {
		const applied = await ok<any[]>(
			'admin',
			'GET',
			'/items/contract_changes?filter[status][_eq]=applied&fields=kind,contract.status,contract.subject&limit=-1',
		);
		const kinds = (kind: string) => applied.filter((c) => c.kind === kind && c.contract.subject !== '变更测试合同');
		expect(kinds('amend').map((c) => c.contract.status)).toContain('signed');
		expect(kinds('terminate').map((c) => [c.contract.subject, c.contract.status])).toContainEqual(['备件框架协议', 'terminated']);
	});
});

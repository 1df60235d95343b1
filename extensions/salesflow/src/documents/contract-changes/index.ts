// Contract changes (合同变更/解除申请, PROCESS §12, seed 004): a signed contract is changed or terminated
// only through one. The rep applies; the rules (by default the department leader — the owner's manager —
// legal, finance, then the general manager) approve; it is applied in the approving transaction under the
// contract's row lock. `terminate` ends the contract; `amend` changes its lines (a line's quantity, price
// or rate, 0 removes it, a line without `contract_line` is new) or a framework contract's amount — never
// below what its open orders already take (domain/contracts.ts checkAmendment), checked at submit and
// again when applied.
import type { Knex } from 'knex';
import { checkAmendment, checkFrameworkAmendment } from '../../domain/contracts';
import { computeLine } from '../../domain/document-totals';
import { DomainError, ErrorCode, invalid } from '../../domain/errors';
import { parseMoney, parseQty, positiveMoney } from '../../domain/money';
import { submitForApproval } from '../../engine/approvals/engine';
import { defineDocument, type TrxDocContext } from '../../engine/document-type';
import { moveAsSystem } from '../../engine/status';
import { recomputeTotals } from '../../engine/totals';
import { keyOf, readVisible } from '../../platform/access';
import { insertRow, lockRow, type Row } from '../../platform/database';
import { nestedRows } from '../../platform/input';
import { openOrdersTake, openOrdersTotal } from '../contracts/call-offs';
import { contractChangeLifecycle } from './lifecycle';

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Only a signed contract is changed or terminated. */
function assertSigned(contract: Row): void {
	if (contract.status === 'signed') return;
	throw new DomainError(
		ErrorCode.INVALID_TRANSITION,
		`${contract.number} is ${contract.status}: a change on a ${contract.status} contract is not possible; only a signed contract is changed or terminated`,
		409,
		{ contract: contract.number, status: contract.status },
	);
}

/** What a change asks of its contract, as far as its own fields tell (the lines are checked at submit). */
function assertShape(kind: string, contractNumber: string, framework: boolean, hasLines: boolean, newAmount: unknown): void {
	if (kind === 'terminate') {
		if (hasLines || given(newAmount))
			throw invalid('kind', `a termination of ${contractNumber} changes nothing else: no lines and no new amount`);
		return;
	}
	if (given(newAmount)) {
		if (!framework)
			throw invalid('new_amount', `the amount of ${contractNumber} is the total of its lines; amend the lines instead of the amount`);
		const parsed = positiveMoney('new_amount').safeParse(newAmount);
		if (!parsed.success) throw invalid('new_amount', parsed.error.issues[0]!.message);
	}
	if (framework && hasLines)
		throw invalid('lines', `${contractNumber} is a framework contract (no lines): amend its amount (new_amount), not lines`);
}

type Plan =
	| { kind: 'terminate'; contract: Row }
	| { kind: 'framework'; contract: Row; newAmount: string }
	| { kind: 'lines'; contract: Row; edits: Row[]; lines: Row[] };

/**
 * The change as it would be applied, checked against its contract (locked here, as an order's submit
 * locks it, so open orders and changes count each other): still signed; for an amendment, lines of
 * this contract only, never below what open orders take of each product nor above the prices they pay,
 * a framework contract's amount not below their total.
 */
async function plan(trx: Knex, change: Row): Promise<Plan> {
	const contract = (await lockRow(trx, 'contracts', change.contract))!;
	assertSigned(contract);
	const edits: Row[] = await trx('contract_change_lines').where({ change: change.id }).orderBy('id');
	const lines: Row[] = await trx('contract_lines').where({ contract: contract.id }).orderBy('id');
	assertShape(change.kind, contract.number, !lines.length, edits.length > 0, change.new_amount);
	if (change.kind === 'terminate') return { kind: 'terminate', contract };
	if (!lines.length) {
		if (!given(change.new_amount))
			throw invalid('new_amount', `${change.number}: an amendment of framework contract ${contract.number} states its new amount`);
		checkFrameworkAmendment({
			contract: contract.number,
			newAmountFen: parseMoney(change.new_amount),
			openOrdersFen: await openOrdersTotal(trx, contract.id),
		});
		return { kind: 'framework', contract, newAmount: change.new_amount };
	}
	if (!edits.length) throw invalid('lines', `${change.number} changes nothing: add the lines to change, add or remove`);
	const byId = new Map(lines.map((l) => [String(l.id), l]));
	const seen = new Set<string>();
	const after = new Map(lines.map((l) => [String(l.id), { product: Number(l.product), quantity: l.quantity, unit_price: l.unit_price }]));
	const added: Array<{ product: number; quantity: unknown; unit_price: unknown }> = [];
	for (const e of edits) {
		if (!given(e.contract_line)) {
			// Also a line whose contract line another change has removed since: it no longer says what to change.
			if (!given(e.product) || !given(e.new_quantity) || !given(e.new_unit_price) || parseQty(e.new_quantity) === 0n)
				throw invalid('lines', `${change.number}: change line ${e.id} names no contract line and is no complete new line`);
			added.push({ product: Number(e.product), quantity: e.new_quantity, unit_price: e.new_unit_price });
			continue;
		}
		const key = String(e.contract_line);
		const line = byId.get(key);
		if (!line) throw invalid('contract_line', `contract line ${key} is not on ${contract.number}`);
		if (seen.has(key)) throw invalid('contract_line', `${change.number} changes contract line ${key} twice`);
		seen.add(key);
		if (given(e.new_quantity) && parseQty(e.new_quantity) === 0n) after.delete(key);
		else
			after.set(key, {
				product: Number(line.product),
				quantity: e.new_quantity ?? line.quantity,
				unit_price: e.new_unit_price ?? line.unit_price,
			});
	}
	const amended = [...after.values(), ...added];
	if (!amended.length)
		throw invalid('lines', `${change.number} removes every line of ${contract.number}; terminate the contract instead (kind terminate)`);
	const taken = await openOrdersTake(trx, contract.id);
	const products = [...new Set([...amended.map((l) => l.product), ...taken.keys(), ...lines.map((l) => Number(l.product))])];
	const skus = new Map<number, string>(
		(await trx('products').whereIn('id', products).select('id', 'sku')).map((p: Row) => [Number(p.id), p.sku]),
	);
	checkAmendment({
		contract: contract.number,
		newLines: amended.map((l) => ({
			product: l.product,
			sku: skus.get(l.product) ?? `product ${l.product}`,
			quantityMilli: parseQty(l.quantity as string),
			unitPriceFen: parseMoney(l.unit_price as string),
		})),
		takenByOpenOrders: new Map([...taken].map(([p, t]) => [p, t.quantityMilli])),
		lowestOpenPrice: new Map([...taken].map(([p, t]) => [p, t.lowestPriceFen])),
		skus,
	});
	return { kind: 'lines', contract, edits, lines };
}

async function apply(t: TrxDocContext, change: Row): Promise<void> {
	const { trx } = t;
	const p = await plan(trx, change);
	const reason = `${change.number}: ${change.reason}`;
	if (p.kind === 'terminate') {
		await moveAsSystem(t, { collection: 'contracts', id: p.contract.id, to: 'terminated', reason });
		return;
	}
	if (p.kind === 'framework') {
		await trx('contracts').where({ id: p.contract.id }).update({ amount: p.newAmount });
		return;
	}
	const byId = new Map(p.lines.map((l) => [String(l.id), l]));
	for (const e of p.edits) {
		const line = given(e.contract_line) ? byId.get(String(e.contract_line))! : null;
		if (line && given(e.new_quantity) && parseQty(e.new_quantity) === 0n) {
			// The change keeps the product it removed (its contract_line empties with the line).
			await trx('contract_change_lines').where({ contract_line: line.id }).update({ contract_line: null, product: line.product });
			await trx('contract_lines').where({ id: line.id }).delete();
			continue;
		}
		if (line) {
			const terms = {
				quantity: e.new_quantity ?? line.quantity,
				unit_price: e.new_unit_price ?? line.unit_price,
				tax_rate: e.tax_rate ?? line.tax_rate,
			};
			await trx('contract_lines')
				.where({ id: line.id })
				.update({ ...terms, ...computeLine(terms) });
			continue;
		}
		const product = await trx('products').where({ id: e.product }).first('id', 'tax_rate', 'floor_price');
		const terms = { quantity: e.new_quantity, unit_price: e.new_unit_price, tax_rate: e.tax_rate ?? product.tax_rate };
		await insertRow(trx, 'contract_lines', {
			contract: p.contract.id,
			product: product.id,
			floor_price: product.floor_price,
			...terms,
			...computeLine(terms),
		});
	}
	await recomputeTotals(trx, t.documents.document('contracts'), p.contract.id);
}

export const contractChanges = defineDocument({
	collection: 'contract_changes',
	lifecycle: contractChangeLifecycle,
	fixedAfterCreate: ['contract', 'kind'],
	lines: [
		{
			collection: 'contract_change_lines',
			// A termination and a framework contract's new amount have no lines.
			optionalWhen: (change) => change.kind === 'terminate' || given(change.new_amount),
			onWrite: async (ctx, payload, current, parent) => {
				const merged = { ...current, ...payload };
				const change = parent;
				if (change?.kind === 'terminate') throw invalid('lines', 'a termination has no lines');
				if (given(merged.contract_line)) {
					const line = await ctx
						.db('contract_lines')
						.where({ id: keyOf(merged.contract_line) })
						.first('id', 'contract', 'product');
					if (!line || (change && String(line.contract) !== String(change.contract)))
						throw invalid('contract_line', `contract line ${merged.contract_line} is not on the changed contract`);
					if (given(payload.product) && String(payload.product) !== String(line.product))
						throw invalid('product', `contract line ${line.id} is of product ${line.product}; add a new line for another product`);
					payload.product = line.product;
					if (!given(merged.new_quantity) && !given(merged.new_unit_price) && !given(merged.tax_rate))
						throw invalid('new_quantity', `the change of contract line ${line.id} changes nothing: give a new quantity, price or rate`);
					return;
				}
				for (const field of ['product', 'new_quantity', 'new_unit_price'])
					if (!given(merged[field])) throw invalid(field, `a new contract line needs ${field}`);
				if (parseQty(merged.new_quantity as string) === 0n) throw invalid('new_quantity', 'a new contract line needs a quantity above 0');
			},
		},
	],
	amountField: 'new_amount',
	approvalContext: async (db, row) => {
		const contract = await db('contracts').where({ id: row.contract }).first('amount');
		return { collection: 'contract_changes', amountFen: parseMoney(row.new_amount ?? contract?.amount ?? 0), lines: [] };
	},
	onCreate: async (ctx, payload) => {
		const contract = await readVisible(ctx, 'contracts', payload.contract, 'contract');
		// Its choices are checked with every write (platform/input.ts); the schema's default is not in the payload yet.
		payload.kind ??= 'amend';
		assertSigned(contract);
		const rows = nestedRows(payload.lines);
		const lined = await ctx.db('contract_lines').where({ contract: contract.id }).select('id');
		assertShape(String(payload.kind), contract.number, !lined.length, rows.length > 0, payload.new_amount);
		if (payload.kind === 'amend' && !rows.length && !given(payload.new_amount))
			throw invalid('lines', `an amendment of ${contract.number} must change something: lines, or a framework contract's new amount`);
		const own = new Set(lined.map((l: Row) => String(l.id)));
		for (const r of rows)
			if (given(r.contract_line) && !own.has(String(keyOf(r.contract_line))))
				throw invalid('contract_line', `contract line ${r.contract_line} is not on ${contract.number}`);
	},
	onUpdate: async (ctx, keys, payload) => {
		if (!given(payload.new_amount)) return undefined;
		for (const change of await ctx.db('contract_changes').whereIn('id', keys).select('kind', 'contract')) {
			const contract = await ctx.db('contracts').where({ id: change.contract }).first('id', 'number');
			const lined = await ctx.db('contract_lines').where({ contract: contract.id }).first('id');
			assertShape(change.kind, contract.number, !lined, false, payload.new_amount);
		}
		return undefined;
	},
	effects: {
		submitted: async (m) => {
			await plan(m.trx, m.row);
			return submitForApproval(m);
		},
	},
	onApproved: async (m) => {
		await apply(m, m.row);
		return 'applied';
	},
});

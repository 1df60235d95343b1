// Demo documents in every state, created the way people would: as the demo users, through the
// real rules (submit, approve, issue, invoice). Keeps the cockpit and follow-up lists non-empty.
import { todayPlus } from '../extensions/salesflow/src/platform/clock';
import type { AdminApi } from '../scripts/lib/admin-api';
import { userId } from './users';

type As = (key: string) => Promise<AdminApi>;

/** The company's date `offset` days from today. */
const day = todayPlus;
const month = (offset: number) => day(offset * 30).slice(0, 7);

async function approveAll(as: As, collection: string, id: number) {
	for (let i = 0; i < 8; i++) {
		const admin = await as('admin');
		const doc = await admin.get<any>(
			`/items/${collection}/${id}?fields=approval_request.id,approval_request.status,approval_request.steps.*`,
		);
		const req = doc.approval_request;
		if (req?.status !== 'pending') return;
		const step = req.steps.find((s: any) => s.status === 'pending');
		const who =
			step.approver_role ??
			(step.approver_user === userId('sales_manager')
				? 'sales_manager'
				: step.approver_user === userId('division_head')
					? 'division_head'
					: 'vp');
		await (await as(who)).post(`/approvals/${req.id}/approve`, { comment: '同意 / Approved' });
	}
}

export async function seedDocuments(as: As, log: (m: string) => void): Promise<void> {
	const admin = await as('admin');
	const products = await admin.get<any[]>('/items/products?limit=-1');
	const p = (sku: string) => products.find((x) => x.sku === sku)!;
	const warehouses = await admin.get<any[]>('/items/warehouses?limit=-1');
	const sh = warehouses.find((w) => w.code === 'WH-SH')!.id;
	const line = (sku: string, quantity: string, unit_price?: string) => ({
		product: p(sku).id,
		quantity,
		unit_price: unit_price ?? p(sku).list_price,
	});

	for (const repKey of ['sales_rep', 'sales_rep_2']) {
		const rep = await as(repKey);
		const customers = await rep.get<any[]>('/items/customers?sort=id&limit=-1');
		const [a, b, c] = customers;
		const submit = (collection: string, id: number) => rep.patch(`/items/${collection}/${id}`, { status: 'submitted' });

		// Quotes: draft, pending, approved, sent, lapsed.
		await rep.post('/items/quotes', {
			customer: c.id,
			quote_date: day(0),
			valid_until: day(30),
			payment_terms: '30% 预付，验收后付 70%',
			lines: [line('SKU-004', '5'), line('SKU-005', '50')],
		});
		const pendingQuote = await rep.post('/items/quotes', {
			customer: b.id,
			quote_date: day(-2),
			valid_until: day(28),
			lines: [line('SKU-001', '2', '11000.00')],
		});
		await submit('quotes', pendingQuote.id);
		// Opportunities (商机) in every stage, their close dates over the last twelve months (the open ones
		// mostly ahead, one overdue); the project one gets the approved quote below and so reaches proposal.
		const opportunity = (customer: number, name: string, stage: string, amount: string, close: number, extra = {}) =>
			rep.post('/items/opportunities', { customer, name, stage, amount, expected_close: day(close), ...extra });
		await opportunity(c.id, '仓储自动化改造（信息开发）', 'discovery', '80000.00', 90, {
			need_level: 'potential',
			needs: '库房出入库效率低',
		});
		const projectOpportunity = await opportunity(a.id, '装配线升级项目', 'project', '60000.00', 30, {
			need_level: 'core',
			needs: '装配线节拍提升 20%',
			pain_points: '人工装配误差大',
			goals: '年内完成改造',
			budget: '60 万以内',
			decision_process: '设备部提出，总经理批准',
			competitors: '某进口品牌',
		});
		await opportunity(b.id, '质检设备采购', 'negotiation', '45000.00', -10, { need_level: 'secondary' });
		await opportunity(b.id, '备件年度框架', 'won', '30000.00', -45);
		await opportunity(a.id, '控制柜改造', 'won', '22000.00', -150);
		await opportunity(c.id, '传感器替换', 'lost', '15000.00', -240, { lost_reason: '价格高于竞争对手' });
		await opportunity(b.id, '包装线项目', 'lost', '90000.00', -330, { lost_reason: '客户项目取消' });
		const approvedQuote = await rep.post('/items/quotes', {
			customer: a.id,
			opportunity: projectOpportunity.id,
			quote_date: day(-10),
			valid_until: day(20),
			lines: [line('SKU-002', '10'), line('SKU-003', '4')],
		});
		await submit('quotes', approvedQuote.id);
		await approveAll(as, 'quotes', approvedQuote.id);
		const sentQuote = await rep.post('/items/quotes', {
			customer: b.id,
			quote_date: day(-5),
			valid_until: day(25),
			lines: [line('SKU-006', '6')],
		});
		await submit('quotes', sentQuote.id);
		await approveAll(as, 'quotes', sentQuote.id);
		await rep.patch(`/items/quotes/${sentQuote.id}`, { status: 'sent' });
		// Approved but past its validity date: the hourly quote-expiry job marks it expired.
		const lapsedQuote = await rep.post('/items/quotes', {
			customer: c.id,
			quote_date: day(-45),
			valid_until: day(-15),
			lines: [line('SKU-003', '2')],
		});
		await submit('quotes', lapsedQuote.id);
		await approveAll(as, 'quotes', lapsedQuote.id);

		// Contracts: one signed (customer becomes signed), one pending.
		const contract = await rep.post('/items/contracts', {
			customer: a.id,
			quote: approvedQuote.id,
			amount: '57600.00',
			subject: '自动化设备采购',
			delivery_place: '客户工厂',
			payment_terms: '30% 预付，验收后付 70%',
		});
		await submit('contracts', contract.id);
		await approveAll(as, 'contracts', contract.id);
		await rep.patch(`/items/contracts/${contract.id}`, { status: 'signed' });
		// The assistant (内勤), who keeps the paper originals, has filed one of them (归档): read-only from now on.
		if (repKey === 'sales_rep_2')
			await (await as('sales_assistant')).post(`/archive/contracts/${contract.id}`, { location: '档案室 A-3-12' });
		const bigContract = await rep.post('/items/contracts', { customer: b.id, amount: '260000.00', subject: '产线改造项目' });
		await submit('contracts', bigContract.id);
		// A contract with lines (its amount is their total), citing the quote it came from, and an order against it.
		const linedContract = await rep.post('/items/contracts', {
			customer: b.id,
			quote: sentQuote.id,
			subject: '伺服电机年度采购',
			lines: [line('SKU-006', '20'), line('SKU-007', '10')],
		});
		await submit('contracts', linedContract.id);
		await approveAll(as, 'contracts', linedContract.id);
		await rep.patch(`/items/contracts/${linedContract.id}`, { status: 'signed' });
		const callOff = await rep.post('/items/sales_orders', {
			customer: b.id,
			contract: linedContract.id,
			requested_date: day(12),
			lines: [line('SKU-006', '6')],
		});
		await submit('sales_orders', callOff.id);
		// Contract changes (合同变更/解除): approved by the manager, legal, finance and the general manager, applied at once.
		// The lined contract is amended (more SKU-006 than the call-off takes); a framework agreement is terminated.
		const servo = await admin.get<any[]>(
			`/items/contract_lines?filter[contract][_eq]=${linedContract.id}&filter[product][_eq]=${p('SKU-006').id}`,
		);
		const amendment = await rep.post('/items/contract_changes', {
			contract: linedContract.id,
			kind: 'amend',
			reason: '客户扩产，追加伺服电机数量',
			lines: [{ contract_line: servo[0].id, new_quantity: '25' }],
		});
		await submit('contract_changes', amendment.id);
		await approveAll(as, 'contract_changes', amendment.id);
		const spares = await rep.post('/items/contracts', { customer: a.id, amount: '20000.00', subject: '备件框架协议' });
		await submit('contracts', spares.id);
		await approveAll(as, 'contracts', spares.id);
		await rep.patch(`/items/contracts/${spares.id}`, { status: 'signed' });
		const termination = await rep.post('/items/contract_changes', {
			contract: spares.id,
			kind: 'terminate',
			reason: '客户备件改为自行采购，双方协商解除',
		});
		await submit('contract_changes', termination.id);
		await approveAll(as, 'contract_changes', termination.id);

		// Orders: from the approved quote (confirmed, then shipped and invoiced), a draft and a pending one.
		const order = await rep.post('/items/sales_orders', {
			customer: a.id,
			quote: approvedQuote.id,
			contract: contract.id,
			requested_date: day(3),
		});
		await submit('sales_orders', order.id);
		await approveAll(as, 'sales_orders', order.id);
		const full = await admin.get<any>(`/items/sales_orders/${order.id}?fields=lines.*`);
		const note = await rep.post('/items/shipments', {
			order: order.id,
			warehouse: sh,
			lines: [
				{ order_line: full.lines[0].id, quantity: '6' },
				{ order_line: full.lines[1].id, quantity: '4' },
			],
		});
		await submit('shipments', note.id);
		const wh = await as('warehouse');
		await wh.patch(`/items/shipments/${note.id}`, { status: 'issued' });
		const assistant = await as('sales_assistant');
		await assistant.patch(`/items/shipments/${note.id}`, { carrier: '顺丰速运', tracking_no: `SF${Date.now()}`, eta: day(-1) });
		const invoice = await rep.post<any>('/invoicing/invoices', { type: 'vat_ordinary', shipments: [note.id] });
		await (await as('finance')).post(`/invoicing/invoices/${invoice.id}/issue`, {});
		await (await as('finance')).post('/items/receipts', {
			customer: a.id,
			amount: '20000.00',
			received_on: day(0),
			method: '银行转账',
			reference: `BK${Date.now()}`,
		});

		// A framework contract (框架合同: an amount, no lines) that the next order, delivered and accepted, comes under.
		const framework = await rep.post('/items/contracts', { customer: b.id, amount: '80000.00', subject: '年度框架采购协议' });
		await submit('contracts', framework.id);
		await approveAll(as, 'contracts', framework.id);
		await rep.patch(`/items/contracts/${framework.id}`, { status: 'signed' });
		const second = await rep.post('/items/sales_orders', {
			customer: b.id,
			contract: framework.id,
			requested_date: day(7),
			lines: [line('SKU-005', '100'), line('SKU-007', '5')],
		});
		await submit('sales_orders', second.id);
		await approveAll(as, 'sales_orders', second.id);
		const s2 = await rep.post('/items/shipments', { order: second.id, warehouse: sh });
		await submit('shipments', s2.id);
		await wh.patch(`/items/shipments/${s2.id}`, { status: 'issued' });
		await assistant.patch(`/items/shipments/${s2.id}`, { status: 'delivered' });
		await rep.patch(`/items/shipments/${s2.id}`, { status: 'accepted' });

		// Money before goods (款到发货): two orders on 「30% 预付，验收后付 70%」 under the framework contract.
		// The first got its deposit as an advance (预收款), went out, and the advance paid its invoice; the
		// second has part of its deposit, so its delivery waits.
		if (repKey === 'sales_rep') {
			const finance = await as('finance');
			const [pre30] = await admin.get<any[]>('/items/payment_terms?filter[code][_eq]=PT-PRE30');
			/** A confirmed PT-PRE30 order of `lines`, with a receipt of `deposit` held for it as an advance. */
			const prepaidOrder = async (lines: unknown[], requested: number, deposit: string) => {
				const o = await rep.post('/items/sales_orders', {
					customer: b.id,
					contract: framework.id,
					payment_term: pre30.id,
					requested_date: day(requested),
					lines,
				});
				await submit('sales_orders', o.id);
				await approveAll(as, 'sales_orders', o.id);
				const r = await finance.post('/items/receipts', {
					customer: b.id,
					amount: deposit,
					received_on: day(0),
					method: '银行转账',
					reference: `BK${Date.now()}-${o.id}`,
				});
				await finance.patch(`/items/receipts/${r.id}`, { status: 'confirmed' });
				await finance.post(`/reconciliation/receipts/${r.id}/allocate`, { allocations: [{ order: o.id, amount: deposit }] });
				return o;
			};
			const prepaid = await prepaidOrder([line('SKU-004', '2')], 5, '1788.00');
			const s3 = await rep.post('/items/shipments', { order: prepaid.id, warehouse: sh });
			await submit('shipments', s3.id);
			await wh.patch(`/items/shipments/${s3.id}`, { status: 'issued' });
			const prepaidInvoice = await rep.post<any>('/invoicing/invoices', { type: 'vat_ordinary', shipments: [s3.id] });
			await finance.post(`/invoicing/invoices/${prepaidInvoice.id}/issue`, {});
			// 2,000 of the 4,680 due before shipment: its delivery note waits as a draft.
			const waiting = await prepaidOrder([line('SKU-003', '3')], 9, '2000.00');
			await rep.post('/items/shipments', { order: waiting.id, warehouse: sh });
		}

		await rep.post('/items/sales_orders', { customer: c.id, requested_date: day(14), lines: [line('SKU-003', '2')] });
		const pendingOrder = await rep.post('/items/sales_orders', {
			customer: b.id,
			requested_date: day(10),
			lines: [line('SKU-001', '1', '11000.00')],
		});
		await submit('sales_orders', pendingOrder.id);

		// A loan out with the customer, due back already (shows as overdue).
		const loan = await rep.post('/items/loans', {
			customer: c.id,
			warehouse: sh,
			expected_return_date: day(-3),
			purpose: '样机试用',
			lines: [line('SKU-006', '1')].map(({ product, quantity }) => ({ product, quantity })),
		});
		await submit('loans', loan.id);
		await approveAll(as, 'loans', loan.id);
		await wh.patch(`/items/loans/${loan.id}`, { status: 'issued' });

		// Visits and an approved plan for this month.
		await rep.post('/items/visits', {
			customer: b.id,
			visited_on: day(-1),
			kind: 'visit',
			purpose: '技术交流',
			content: '介绍伺服方案',
			result: '客户有意向',
			next_step: '提交报价',
			next_date: day(6),
		});
		// This month's target comes from the approved plan; the manager adds the visits expected.
		const plan = await rep.post<any>('/items/sales_plans', { period: month(0), amount: '300000.00', new_customers: 3 });
		await submit('sales_plans', plan.id);
		await approveAll(as, 'sales_plans', plan.id);
		const manager = await as('sales_manager');
		const [target] = await manager.get<any[]>(`/items/sales_targets?filter[rep][_eq]=${userId(repKey)}&filter[period][_eq]=${month(0)}`);
		await manager.patch(`/items/sales_targets/${target.id}`, { visits: 12 });
	}
	log('demo documents seeded');
}

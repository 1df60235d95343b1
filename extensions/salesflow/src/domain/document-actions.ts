// What the data app offers on a document's page (GET /documents/:collection/:id/actions): the business
// words of each move, why a move is not possible now (the refusal the move itself gives, in zh-CN and
// en-US with its figures) and what a move will do. Pure: the engine finds the moves and runs them dry.

export type Text = { zh: string; en: string };

/** A move's words by the status it goes to; `collection:status` where one collection says it differently. */
const MOVE_LABELS: Record<string, Text> = {
	submitted: { zh: '提交审批', en: 'Submit for approval' },
	'shipments:submitted': { zh: '提交仓库', en: 'Send to warehouse' },
	'work_reports:submitted': { zh: '提交', en: 'Submit' },
	draft: { zh: '撤回', en: 'Withdraw' },
	'statements:draft': { zh: '重新打开', en: 'Reopen' },
	issued: { zh: '发货出库', en: 'Issue (stock out)' },
	'loans:issued': { zh: '借出出库', en: 'Issue loan (stock out)' },
	delivered: { zh: '确认送达', en: 'Confirm delivery' },
	accepted: { zh: '确认验收', en: 'Confirm acceptance' },
	'quotes:accepted': { zh: '客户已接受', en: 'Customer accepted' },
	sent: { zh: '发送客户', en: 'Send to customer' },
	signed: { zh: '签订合同', en: 'Sign' },
	completed: { zh: '履行完毕', en: 'Complete' },
	expired: { zh: '标记过期', en: 'Mark expired' },
	cancelled: { zh: '取消', en: 'Cancel' },
	void: { zh: '作废', en: 'Void' },
	confirmed: { zh: '确认', en: 'Confirm' },
	'receipts:confirmed': { zh: '确认收款', en: 'Confirm receipt' },
	'statements:confirmed': { zh: '客户已确认', en: 'Customer confirmed' },
	disputed: { zh: '客户有异议', en: 'Customer disputes' },
	received: { zh: '确认收货', en: 'Confirm goods received' },
	posted: { zh: '过账', en: 'Post' },
	reviewed: { zh: '已阅', en: 'Mark reviewed' },
	closed: { zh: '关闭', en: 'Close' },
	responded: { zh: '已回复', en: 'Responded' },
	resolved: { zh: '已解决', en: 'Resolved' },
	lead: { zh: '转为线索', en: 'Back to lead' },
	prospect: { zh: '转为意向客户', en: 'Make prospect' },
	inactive: { zh: '设为停用', en: 'Deactivate' },
};

/** The words of the move of `collection` to `to` (the status itself when nothing better is known). */
export const moveLabel = (collection: string, to: string, status: Text | undefined): Text =>
	MOVE_LABELS[`${collection}:${to}`] ?? MOVE_LABELS[to] ?? status ?? { zh: to, en: to };

/** The named routes' words. */
export const ROUTE_LABELS = {
	approve: { zh: '批准', en: 'Approve' },
	reject: { zh: '驳回', en: 'Reject' },
	issue_invoice: { zh: '开票', en: 'Issue invoice' },
	draft_invoice: { zh: '起草发票', en: 'Draft invoice' },
	deliver: { zh: '发货', en: 'Deliver' },
	print: { zh: '打印', en: 'Print' },
	claim: { zh: '认领', en: 'Claim' },
	assign: { zh: '分配', en: 'Assign' },
} satisfies Record<string, Text>;

/** A refusal as either our DomainError or its Directus form carries it. */
export type Refusal = { code: string; message: string; extensions: Record<string, unknown> };

const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Refusals whose figures make their own sentence. */
const SENTENCES: Record<string, (x: Record<string, unknown>) => Text> = {
	INSUFFICIENT_STOCK: (x) => ({
		zh: `库存不足：${s(x.sku)} 在 ${s(x.warehouse)} 现有 ${s(x.on_hand)}，需要 ${s(x.requested)}`,
		en: `Insufficient stock: ${s(x.sku)} at ${s(x.warehouse)} has ${s(x.on_hand)}, needs ${s(x.requested)}`,
	}),
	CONTRACT_REQUIRED: (x) => ({
		zh: `需先签订合同：${s(x.order)}（金额 ${s(x.total)}）${x.contract ? `的合同 ${s(x.contract)} 状态为 ${s(x.contract_status)}` : '尚无合同'}`,
		en: `A signed contract is needed first: ${s(x.order)} (total ${s(x.total)}) ${x.contract ? `has contract ${s(x.contract)} in status ${s(x.contract_status)}` : 'has no contract'}`,
	}),
	PAYMENT_REQUIRED: (x) => ({
		zh: `需先收到预付款：发货前应付 ${s(x.required)}，已收 ${s(x.covered)}，尚缺 ${s(x.missing)}`,
		en: `Advance payment needed first: ${s(x.required)} due before shipment, ${s(x.covered)} covered, ${s(x.missing)} missing`,
	}),
};

/** What other refusals are called in Chinese; their (English) message follows with the figures. */
const HEADINGS: Record<string, string> = {
	FORBIDDEN: '无权限',
	NOT_FOUND: '不存在',
	INVALID_PAYLOAD: '信息不完整或有误',
	INVALID_TRANSITION: '当前状态不允许此操作',
	DOCUMENT_LOCKED: '单据已锁定',
	APPROVAL_REQUIRED: '需先审批',
	SELF_APPROVAL: '不能审批自己的单据',
	NOT_APPROVER: '不是当前审批人',
	REQUEST_CLOSED: '审批已结束',
	CREDIT_LIMIT: '超出信用额度',
	QUOTE_EXPIRED: '报价已过期',
	CONTRACT_MISMATCH: '与合同不符',
	REVIEW_REQUIRED: '需先审核客户',
	CHECK_FAILED: '出库检查未通过',
	OVER_DELIVERY: '超出可发货数量',
	OVER_INVOICE: '超出可开票数量',
	OVER_RETURN: '超出可退数量',
	OVER_ALLOCATION: '超出可核销金额',
	NOT_IN_POOL: '客户不在公海',
};

/** Why a move is not possible, in both languages: exactly the refusal the move gives. */
export function refusalText(r: Refusal): Text {
	const sentence = SENTENCES[r.code];
	if (sentence) return sentence(r.extensions);
	const heading = HEADINGS[r.code];
	return { zh: heading ? `${heading}：${r.message}` : r.message, en: r.message };
}

/** The confirmations of the public pool's moves (公海): who will own the customer and who is told. */
export const POOL_CONFIRM = {
	claim: (customer: string): Text => ({
		zh: `客户「${customer}」将归您负责（重新报备），移出公海。`,
		en: `The customer "${customer}" becomes yours (a new registration) and leaves the public pool.`,
	}),
	assign: (customer: string): Text => ({
		zh: `客户「${customer}」将分配给所选销售并通知其本人，移出公海。`,
		en: `The customer "${customer}" goes to the seller you pick, who is notified; it leaves the public pool.`,
	}),
	noAssignee: {
		zh: '您的团队中没有可分配的在职销售。',
		en: 'There is no active seller in your team to assign it to.',
	} satisfies Text,
};

/** What a dry run of a move showed it will do. */
export type Outcome = {
	from: Text;
	to: Text;
	/** The approvers of the request the move opens, step by step. */
	approvers: Text[];
	/** Stock the move writes: signed quantity per SKU and warehouse. */
	stock: Array<{ sku: string; warehouse: string; quantity: string }>;
};

/** The confirmation of a move: the status it ends in, whom the approval goes to, the stock it moves. */
export function confirmText(o: Outcome): Text {
	const zh = [`状态将由「${o.from.zh}」变为「${o.to.zh}」`];
	const en = [`Status goes from "${o.from.en}" to "${o.to.en}"`];
	if (o.approvers.length) {
		zh.push(`将提交给 ${o.approvers.map((a) => a.zh).join(' → ')} 审批`);
		en.push(`approval goes to ${o.approvers.map((a) => a.en).join(' → ')}`);
	}
	const out = o.stock.filter((m) => m.quantity.startsWith('-'));
	const back = o.stock.filter((m) => !m.quantity.startsWith('-'));
	const list = (ms: Outcome['stock'], inZh: boolean) =>
		ms
			.map((m) => `${m.sku} × ${m.quantity.replace(/^-/, '')}${inZh ? `（${m.warehouse}）` : ` (${m.warehouse})`}`)
			.join(inZh ? '，' : ', ');
	if (out.length) {
		zh.push(`库存出库：${list(out, true)}`);
		en.push(`stock goes out: ${list(out, false)}`);
	}
	if (back.length) {
		zh.push(`库存入库：${list(back, true)}`);
		en.push(`stock comes in: ${list(back, false)}`);
	}
	return { zh: `${zh.join('；')}。`, en: `${en.join('; ')}.` };
}

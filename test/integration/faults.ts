// A Directus of the fault tests' own (not the shared one): booted on a scratch database, killed
// hard and restarted on the same database, with plain-fetch requests as the demo users.
import knex, { type Knex } from 'knex';
import { inject } from 'vitest';
import { bootstrap, startDirectus, type RunningDirectus } from '../../scripts/lib/directus-process';
import { Session } from '../../scripts/lib/admin-api';
import { directusEnv, knexConfig } from '../../scripts/lib/env';
import { freePort, scratchDatabase } from '../../scripts/lib/scratch-database';
import { ensure } from '../../scripts/ensure';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS, userId } from '../../seed/users';

export type Kind = 'sqlite' | 'postgres';
export type Res<T = any> = {
	status: number;
	data: T;
	errors?: Array<{ message: string; extensions: { code: string; [k: string]: unknown } }>;
};

export class Instance {
	/** Every instance made, so a boot cut short by a hook timeout is still cleaned up. */
	static readonly all = new Set<Instance>();
	private directus?: RunningDirectus;
	private disposed = false;
	private sessions = new Map<string, Promise<Session>>();

	private constructor(
		public kind: Kind,
		public env: Record<string, string>,
		private drop: () => Promise<void>,
	) {
		Instance.all.add(this);
	}

	/**
	 * A set-up Directus (schema, access, configuration, demo data): a copy of the run's template of
	 * that database type (the global setup's database before any test), else a setup of its own.
	 */
	static async boot(kind: Kind, name: string, overrides: Record<string, string> = {}): Promise<Instance> {
		const template = inject('directusTemplate');
		if (template?.DB_CLIENT === (kind === 'postgres' ? 'pg' : 'sqlite3')) return Instance.fresh(kind, name, overrides, template);
		const instance = await Instance.fresh(kind, name, overrides);
		try {
			await instance.setup();
		} catch (e) {
			await instance.dispose();
			throw e;
		}
		return instance;
	}

	/** Scratch database, bootstrapped and started, before Salesflow's setup step has run (or a copy of `template`, set up already). */
	static async fresh(
		kind: Kind,
		name: string,
		overrides: Record<string, string> = {},
		template?: Record<string, string>,
	): Promise<Instance> {
		const scratch = await scratchDatabase(kind, name, template);
		const port = String(await freePort());
		const env = directusEnv({
			...scratch.env,
			PORT: port,
			HOST: '127.0.0.1',
			SEED_DEMO: 'true',
			PUBLIC_URL: `http://127.0.0.1:${port}`,
			CACHE_ENABLED: 'false',
			PRESSURE_LIMITER_ENABLED: 'false',
			...overrides,
		});
		const instance = new Instance(kind, env, scratch.drop);
		try {
			if (!template) bootstrap(env);
			await instance.start();
		} catch (e) {
			await instance.dispose();
			throw e;
		}
		return instance;
	}

	/** Salesflow's setup step (schema, access, configuration, demo data), as `npm start` runs it. */
	setup(): Promise<void> {
		return ensure(this.env);
	}

	get url(): string {
		return this.directus!.url;
	}

	get running(): boolean {
		return !!this.directus && this.directus.proc.exitCode === null && this.directus.proc.signalCode === null;
	}

	async start(): Promise<void> {
		this.directus = await startDirectus(this.env);
		if (this.disposed) await this.directus.stop(); // disposed while it was starting
	}

	/** SIGKILL: no shutdown hooks, no rollback by the process — whatever was in flight is cut off. */
	async kill(): Promise<void> {
		const proc = this.directus!.proc;
		if (proc.exitCode !== null || proc.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
		proc.kill('SIGKILL');
		await exited;
	}

	async dispose(): Promise<void> {
		if (this.disposed) return;
		this.disposed = true;
		Instance.all.delete(this);
		await this.directus?.stop();
		await this.drop();
	}

	/** A knex handle on the same database (reads for the checks; the PG test's lock holder). */
	db(): Knex {
		return knex({ ...(knexConfig(this.env) as any), pool: { min: 0, max: 2 } });
	}

	async token(user: string): Promise<string> {
		// One login per user even under parallel requests: the login throttle counts each attempt until it answers.
		if (!this.sessions.has(user)) {
			const email = user === 'admin' ? this.env.ADMIN_EMAIL! : DEMO_USERS.find((u) => u.key === user)!.email;
			const password = user === 'admin' ? this.env.ADMIN_PASSWORD! : (this.env.DEMO_PASSWORD ?? DEMO_PASSWORD_DEFAULT);
			// Sessions live in the database and tokens are signed with the fixed SECRET: both survive a restart.
			const login = Session.login(this.url, email, password);
			login.catch(() => this.sessions.delete(user));
			this.sessions.set(user, login);
		}
		return (await this.sessions.get(user)!).token();
	}

	/** A JSON request as a demo user; never throws on HTTP errors (it does on a dropped connection). */
	async call<T = any>(user: string, method: string, path: string, body?: unknown): Promise<Res<T>> {
		const headers = { 'content-type': 'application/json', authorization: `Bearer ${await this.token(user)}` };
		const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await res.text();
		const json = text ? JSON.parse(text) : {};
		return { status: res.status, data: json.data, errors: json.errors };
	}

	async ok<T = any>(user: string, method: string, path: string, body?: unknown): Promise<T> {
		const r = await this.call<T>(user, method, path, body);
		if (r.status >= 300) throw new Error(`${method} ${path} as ${user} → ${r.status}: ${JSON.stringify(r.errors)}`);
		return r.data;
	}

	// ——— Fixtures (as test/integration/fixtures.ts, against this instance) ———

	async customerOf(user: string) {
		return (await this.ok<any[]>(user, 'GET', '/items/customers?sort=id&limit=1'))[0];
	}

	async warehouse(code: string) {
		return (await this.ok<any[]>('admin', 'GET', `/items/warehouses?filter[code][_eq]=${code}`))[0];
	}

	/** A fresh product with `onHand` units at a warehouse, received through a posted stock entry. */
	async stockedProduct(onHand: number, code = 'WH-SH', price = '100.00') {
		const sku = `F-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
		const product = await this.ok<any>('admin', 'POST', '/items/products', {
			sku,
			name: `故障测试产品 ${sku}`,
			unit: '个',
			list_price: price,
			floor_price: price,
			cost_price: '10.00',
			tax_rate: '0.1300',
			active: true,
		});
		const warehouse = await this.warehouse(code);
		const entry = await this.ok<any>('warehouse_manager', 'POST', '/items/stock_entries', {
			type: 'purchase_in',
			warehouse: warehouse.id,
			lines: [{ product: product.id, quantity: String(onHand) }],
		});
		await this.ok('warehouse_manager', 'PATCH', `/items/stock_entries/${entry.id}`, { status: 'posted' });
		return { product, warehouse };
	}

	/** Approves every pending step of a document's request with whoever is asked, until it is done. */
	async approveAll(collection: string, id: number, stopBeforeLast = false) {
		for (let i = 0; i < 10; i++) {
			const doc = await this.ok<any>('admin', 'GET', `/items/${collection}/${id}?fields=approval_request.*,approval_request.steps.*`);
			const req = doc.approval_request;
			if (req?.status !== 'pending') return;
			const steps = [...req.steps].sort((a: any, b: any) => a.sequence - b.sequence);
			const step = steps.find((s: any) => s.status === 'pending');
			if (stopBeforeLast && step === steps[steps.length - 1]) return req;
			const who = step.approver_role ?? DEMO_USERS.find((u) => userId(u.key) === step.approver_user)?.key;
			if (!who) throw new Error(`no approver for step ${JSON.stringify(step)}`);
			await this.ok(who, 'POST', `/approvals/${req.id}/approve`, { comment: 'ok' });
		}
	}

	private contracts = new Map<string, Promise<number>>();

	/** A signed framework contract of `user` with the customer, made once (deliveries need one: 合同在先). */
	standingContract(user: string, customer: number): Promise<number> {
		const key = `${user}:${customer}`;
		if (!this.contracts.has(key))
			this.contracts.set(
				key,
				(async () => {
					const c = await this.ok<any>(user, 'POST', '/items/contracts', { customer, amount: '900000000000.00', subject: '故障测试合同' });
					await this.ok(user, 'PATCH', `/items/contracts/${c.id}`, { status: 'submitted' });
					await this.approveAll('contracts', c.id);
					await this.ok(user, 'PATCH', `/items/contracts/${c.id}`, { status: 'signed' });
					return c.id as number;
				})(),
			);
		return this.contracts.get(key)!;
	}

	async confirmedOrder(user: string, lines: Array<{ product: number; quantity: string; unit_price: string }>) {
		const customer = await this.customerOf(user);
		const contract = await this.standingContract(user, customer.id);
		const o = await this.ok<any>(user, 'POST', '/items/sales_orders', { customer: customer.id, contract, lines });
		await this.ok(user, 'PATCH', `/items/sales_orders/${o.id}`, { status: 'submitted' });
		await this.approveAll('sales_orders', o.id);
		return this.ok<any>('admin', 'GET', `/items/sales_orders/${o.id}?fields=*,lines.*`);
	}

	/** A submitted delivery note of `quantity` of one order line, waiting for the warehouse. */
	async submittedNote(orderId: number, orderLine: number, warehouseId: number, quantity: string) {
		const n = await this.ok<any>('sales_rep', 'POST', '/items/shipments?fields=*,lines.*', {
			order: orderId,
			warehouse: warehouseId,
			lines: [{ order_line: orderLine, quantity }],
		});
		await this.ok('sales_rep', 'PATCH', `/items/shipments/${n.id}`, { status: 'submitted' });
		return n;
	}

	/** The ledger check as finance: every mismatch between the business and finance ledgers. */
	ledgerCheck() {
		return this.ok<any[]>('finance', 'GET', '/reconciliation/ledger-check');
	}
}

/** Runs `tasks` with at most `width` in flight; `onSettled` sees each one finish, in order of finishing. */
export async function pool<T>(
	tasks: Array<() => Promise<T>>,
	width: number,
	onSettled: (r: PromiseSettledResult<T>, done: number) => void,
): Promise<Array<PromiseSettledResult<T>>> {
	const results: Array<PromiseSettledResult<T>> = new Array(tasks.length);
	let next = 0;
	let done = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const i = next++;
			try {
				results[i] = { status: 'fulfilled', value: await tasks[i]!() };
			} catch (reason) {
				results[i] = { status: 'rejected', reason };
			}
			onSettled(results[i]!, ++done);
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
	return results;
}

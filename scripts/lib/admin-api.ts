// A minimal JSON client for Directus' REST API, used by the ensure/seed scripts as admin.
export class DirectusApiError extends Error {
	constructor(
		public status: number,
		public body: unknown,
		method: string,
		path: string,
	) {
		super(`${method} ${path} → ${status}: ${JSON.stringify(body).slice(0, 800)}`);
	}
}

export class AdminApi {
	constructor(
		public url: string,
		private token: string,
		/** Extra headers on every request (the setup step's pass through the readiness gate). */
		public headers: Record<string, string> = {},
	) {}

	static async login(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<AdminApi> {
		const res = await fetch(`${url}/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify({ email, password }),
		});
		const body = (await res.json()) as { data?: { access_token: string } };
		if (!res.ok || !body.data) throw new DirectusApiError(res.status, body, 'POST', '/auth/login');
		return new AdminApi(url, body.data.access_token, headers);
	}

	/** The same server as another user. */
	loginAs(email: string, password: string): Promise<AdminApi> {
		return AdminApi.login(this.url, email, password, this.headers);
	}

	async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}`, ...this.headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (res.status === 204) return undefined as T;
		const text = await res.text();
		const json = text ? JSON.parse(text) : {};
		if (!res.ok) throw new DirectusApiError(res.status, json, method, path);
		return json.data as T;
	}

	get = <T = any>(path: string) => this.request<T>('GET', path);
	post = <T = any>(path: string, body: unknown) => this.request<T>('POST', path, body);
	patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
	delete = (path: string, body?: unknown) => this.request('DELETE', path, body);
}

/** Waits until `GET /server/ping` answers, or fails after `timeoutMs`. */
export async function waitForDirectus(url: string, timeoutMs = 120_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		try {
			const res = await fetch(`${url}/server/ping`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() - started > timeoutMs) throw new Error(`Directus at ${url} did not answer /server/ping within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

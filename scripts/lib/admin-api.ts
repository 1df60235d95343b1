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

// Access tokens live ACCESS_TOKEN_TTL (5 minutes as shipped); a setup step, a test run or a benchmark
// lasts longer, so a session renews its token with the refresh token shortly before it expires.
const RENEW_BEFORE_MS = 60_000;

type Tokens = { access: string; refresh: string; expiresAt: number };
type AuthBody = { data?: { access_token: string; refresh_token: string; expires: number } };

async function authRequest(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<Tokens> {
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const json = (await res.json()) as AuthBody;
	if (!res.ok || !json.data) throw new DirectusApiError(res.status, json, 'POST', path);
	return { access: json.data.access_token, refresh: json.data.refresh_token, expiresAt: Date.now() + json.data.expires };
}

/** A logged-in user whose access token stays valid: refreshed before expiry, a new login if the refresh fails. */
export class Session {
	private renewing: Promise<Tokens> | null = null;

	private constructor(
		private url: string,
		private credentials: { email: string; password: string },
		private headers: Record<string, string>,
		private tokens: Tokens,
	) {}

	static async login(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Session> {
		const credentials = { email, password };
		return new Session(url, credentials, headers, await authRequest(url, '/auth/login', credentials, headers));
	}

	/** A valid access token (renewed once for all callers when it is about to expire). */
	async token(): Promise<string> {
		if (Date.now() < this.tokens.expiresAt - RENEW_BEFORE_MS) return this.tokens.access;
		this.renewing ??= this.renew().finally(() => {
			this.renewing = null;
		});
		this.tokens = await this.renewing;
		return this.tokens.access;
	}

	private renew(): Promise<Tokens> {
		return authRequest(this.url, '/auth/refresh', { refresh_token: this.tokens.refresh, mode: 'json' }, this.headers).catch(() =>
			authRequest(this.url, '/auth/login', this.credentials, this.headers),
		);
	}
}

export class AdminApi {
	constructor(
		public url: string,
		private session: Session,
		/** Extra headers on every request (the setup step's pass through the readiness gate). */
		public headers: Record<string, string> = {},
	) {}

	static async login(url: string, email: string, password: string, headers: Record<string, string> = {}): Promise<AdminApi> {
		return new AdminApi(url, await Session.login(url, email, password, headers), headers);
	}

	/** The same server as another user. */
	loginAs(email: string, password: string): Promise<AdminApi> {
		return AdminApi.login(this.url, email, password, this.headers);
	}

	async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.session.token()}`, ...this.headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (res.status === 204) return undefined as T;
		const text = await res.text();
		const json = text ? JSON.parse(text) : {};
		if (!res.ok) throw new DirectusApiError(res.status, json, method, path);
		return json.data as T;
	}

	/** POSTs one file as the multipart field `file` (our import routes); answers the JSON body whatever the status. */
	async postFile<T = any>(path: string, file: Blob, filename: string): Promise<{ status: number; body: T }> {
		const form = new FormData();
		form.append('file', file, filename);
		const res = await fetch(`${this.url}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${await this.session.token()}`, ...this.headers },
			body: form,
		});
		return { status: res.status, body: (await res.json()) as T };
	}

	/** A GET whose body is not JSON (a PDF, a workbook): the response as it came, whatever the status. */
	async fetch(path: string): Promise<Response> {
		return fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${await this.session.token()}`, ...this.headers } });
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

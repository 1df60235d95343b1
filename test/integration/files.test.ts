// Files staff work with: a rep uploads the signed scan of their contract (or a visit's photo), attaches it
// and downloads it; the manager who may read the document reads the file too; another rep can read neither.
import { describe, expect, it } from 'vitest';
import { todayPlus } from '../../extensions/salesflow/src/platform/clock';
import { customerOf } from './fixtures';
import { call, ok, tokenFor, url } from './helpers';

const SCAN = Buffer.from('%PDF-1.4\n% 合同扫描件 signed contract scan\n%%EOF\n', 'utf8');

// A 1×1 PNG: Directus reads an image's size on upload.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function upload(
	user: string,
	title = '合同扫描件',
	content = SCAN,
	type = 'application/pdf',
	name = 'contract-scan.pdf',
): Promise<string> {
	const form = new FormData();
	form.append('title', title);
	form.append('file', new Blob([content], { type }), name);
	const res = await fetch(`${url()}/files`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(user)}` }, body: form });
	const body = (await res.json()) as { data?: { id: string }; errors?: unknown };
	expect(res.status, JSON.stringify(body.errors)).toBe(200);
	return body.data!.id;
}

const download = async (user: string, id: string) =>
	fetch(`${url()}/assets/${id}`, { headers: { authorization: `Bearer ${await tokenFor(user)}` } });

describe('contract scans', () => {
	it('a rep uploads, attaches and downloads a scan; the manager reads it; another rep cannot', async () => {
		const customer = await customerOf('sales_rep');
		const contract = await ok<any>('sales_rep', 'POST', '/items/contracts', {
			customer: customer.id,
			amount: '5000.00',
			subject: '扫描件测试',
		});
		const file = await upload('sales_rep');
		await ok('sales_rep', 'PATCH', `/items/contracts/${contract.id}`, { signed_scan: file });
		expect((await ok<any>('sales_rep', 'GET', `/items/contracts/${contract.id}?fields=signed_scan.title`)).signed_scan.title).toBe(
			'合同扫描件',
		);

		const mine = await download('sales_rep', file);
		expect(mine.status).toBe(200);
		expect(Buffer.from(await mine.arrayBuffer()).equals(SCAN)).toBe(true);
		expect((await download('sales_manager', file)).status).toBe(200);

		expect((await download('sales_rep_2', file)).status).toBe(403);
		expect((await call('sales_rep_2', 'GET', `/files/${file}`)).status).toBe(403);
		expect((await call('sales_rep_2', 'PATCH', `/files/${file}`, { title: 'mine now' })).status).toBe(403);
	});
});

describe('visit photos', () => {
	it('a rep uploads a photo for their visit; the manager sees it, another rep does not', async () => {
		const customer = await customerOf('sales_rep');
		// Attached on create: a done visit is approved and locked at once.
		const photo = await upload('sales_rep', '拜访现场', PHOTO, 'image/png', 'visit.png');
		const visit = await ok<any>('sales_rep', 'POST', '/items/visits', {
			customer: customer.id,
			visited_on: todayPlus(-1),
			state: 'done',
			purpose: '现场照片测试',
			photo,
		});
		expect((await ok<any>('sales_manager', 'GET', `/items/visits/${visit.id}?fields=photo.title`)).photo.title).toBe('拜访现场');
		expect((await download('sales_manager', photo)).status).toBe(200);
		expect((await download('sales_rep_2', photo)).status).toBe(403);
	});
});

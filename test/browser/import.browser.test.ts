// Excel import in the data app (issue #18): a rep opens the 数据导入 dashboard, dry-runs a sheet with a
// bad cell and sees the row's error, then imports a clean sheet of 150 customers and watches the
// progress reach the end. Screenshots go to test/artifacts/main-flow-import-*.png.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import { dashboardId, IMPORT_BOARD } from '../../schema/dashboard';
import { count } from '../integration/helpers';
import { ARTIFACTS, DataApp, launch } from './data-app';

const TAG = Date.now().toString(36).toUpperCase();
const HEADERS = ['客户名称', '客户等级', '意向', '联系人', '联系人职务', '联系人电话'];

let browser: Browser | undefined;
afterAll(async () => browser?.close());

async function sheet(name: string, rows: unknown[][]): Promise<string> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('客户');
	for (const r of [HEADERS, ...rows]) ws.addRow(r);
	mkdirSync(ARTIFACTS, { recursive: true });
	const path = join(ARTIFACTS, name);
	writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
	return path;
}

describe('Excel import in the data app', () => {
	it('a rep dry-runs a sheet with a bad cell, sees its row, then imports 150 customers with progress', async () => {
		browser = await launch();
		const rep = await DataApp.login(browser, 'sales_rep');
		onTestFailed(async () => {
			await rep.shot('import-failed');
			console.log(rep.problems);
		});
		await rep.go(`/insights/${dashboardId(IMPORT_BOARD.key)}`);
		const panel = rep.page.locator('[data-report=imports]');
		await panel.waitFor({ timeout: 60_000 });
		await expect.poll(() => panel.locator('select[data-field=collection] option').count()).toBe(4);
		expect(await panel.locator('select[data-field=collection]').inputValue()).toBe('customers');

		await panel
			.locator('input[data-field=file]')
			.setInputFiles(await sheet('import-bad.xlsx', [[`坏等级${TAG}有限公司`, 'Z', '高', '王伟', '采购经理', '13800138000']]));
		await panel.locator('[data-action=dry-run]').click();
		await expect.poll(() => panel.locator('[data-outcome]').innerText(), { timeout: 60_000 }).toContain('未导入任何数据');
		expect(await panel.locator('table.errors tbody tr').first().innerText()).toMatch(/^2\s+grade\s+.*"Z"/);
		await rep.shot('import-dry-run');

		const before = await count('customers');
		const rows = Array.from({ length: 150 }, (_, i) => [`导入${TAG}客户${i}有限公司`, 'B', '高', '王伟', '采购经理', '13800138000']);
		await panel.locator('input[data-field=file]').setInputFiles(await sheet('import-good.xlsx', rows));
		await panel.locator('[data-action=import]').click();
		await expect
			.poll(
				() =>
					panel
						.locator('[data-outcome]')
						.innerText()
						.catch(() => ''),
				{ timeout: 180_000 },
			)
			.toBe('已导入 150 条');
		expect(await panel.locator('[role=progressbar]').innerText()).toContain('150 / 150');
		await rep.shot('import-done');
		expect(await count('customers')).toBe(before + 150);
		expect(rep.problems).toEqual([]);
	});
});

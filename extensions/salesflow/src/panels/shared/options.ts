// Panel options people expect on the cockpit: whose figures, which month, which warehouse.
export const ownerOption = {
	field: 'owner',
	name: '负责人 / Owner',
	type: 'json' as const,
	meta: {
		interface: 'collection-item-dropdown',
		width: 'full' as const,
		options: { selectedCollection: 'directus_users', template: '{{last_name}}{{first_name}}' },
		note: '留空显示您可见范围内的全部数据 / Empty: everything you may see',
	},
};

export const warehouseOption = {
	field: 'warehouse',
	name: '仓库 / Warehouse',
	type: 'json' as const,
	meta: {
		interface: 'collection-item-dropdown',
		width: 'half' as const,
		options: { selectedCollection: 'warehouses', template: '{{code}} · {{name}}' },
		note: '留空为全部仓库 / Empty: all warehouses',
	},
};

export const periodOption = {
	field: 'period',
	name: '期间 / Period (YYYY-MM)',
	type: 'string' as const,
	meta: {
		interface: 'input',
		width: 'half' as const,
		options: { placeholder: '2026-11', trim: true },
		note: '留空为本月 / Empty: this month',
	},
};

export const rowsOption = (def: number) => ({
	field: 'rows',
	name: '显示条数 / Rows shown',
	type: 'integer' as const,
	meta: { interface: 'input', width: 'half' as const, options: { min: 1, max: 200 } },
	schema: { default_value: def },
});

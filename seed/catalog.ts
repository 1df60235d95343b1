// Demo catalogue: a Shanghai industrial-automation trading company's products and warehouses.
export const WAREHOUSES = [
	{ code: 'WH-SH', name: '上海总仓', address: '上海市嘉定区安亭镇墨玉路 88 号' },
	{ code: 'WH-SZ', name: '深圳分仓', address: '深圳市宝安区福永街道凤凰路 16 号' },
];

// Prices are tax-inclusive (list, floor); cost is the tax-exclusive unit cost.
export const PRODUCTS = [
	{ sku: 'SKU-001', name: '可编程控制器 PLC-200', spec: 'CPU 224XP, 24入/16出', unit: '台', list_price: '12800.00', floor_price: '11500.00', cost_price: '7600.00', tax_rate: '0.1300' },
	{ sku: 'SKU-002', name: '伺服电机 SM-750W', spec: '750W 220V 带编码器', unit: '台', list_price: '3680.00', floor_price: '3200.00', cost_price: '2100.00', tax_rate: '0.1300' },
	{ sku: 'SKU-003', name: '变频器 VFD-5.5kW', spec: '三相 380V 5.5kW', unit: '台', list_price: '5200.00', floor_price: '4600.00', cost_price: '3050.00', tax_rate: '0.1300' },
	{ sku: 'SKU-004', name: '触摸屏 HMI-10', spec: '10.1寸 以太网', unit: '台', list_price: '2980.00', floor_price: '2600.00', cost_price: '1650.00', tax_rate: '0.1300' },
	{ sku: 'SKU-005', name: '光电传感器 PS-24V', spec: 'NPN 常开 10cm', unit: '个', list_price: '168.00', floor_price: '140.00', cost_price: '82.00', tax_rate: '0.1300' },
	{ sku: 'SKU-006', name: '工业网关 GW-4G', spec: '4G 全网通 Modbus', unit: '台', list_price: '1580.00', floor_price: '1380.00', cost_price: '900.00', tax_rate: '0.1300' },
	{ sku: 'SKU-007', name: '控制电缆 RVV-3x2.5', spec: '3芯 2.5mm² 百米卷', unit: '卷', list_price: '980.00', floor_price: '860.00', cost_price: '610.00', tax_rate: '0.1300' },
	{ sku: 'SKU-008', name: '安装调试服务', spec: '现场一人天', unit: '次', list_price: '3000.00', floor_price: '2500.00', cost_price: '1200.00', tax_rate: '0.0600' },
];

// Opening stock per warehouse, posted as purchase_in stock entries.
export const OPENING_STOCK: Record<string, Array<[string, number]>> = {
	'WH-SH': [['SKU-001', 40], ['SKU-002', 120], ['SKU-003', 60], ['SKU-004', 80], ['SKU-005', 1000], ['SKU-006', 50], ['SKU-007', 200]],
	'WH-SZ': [['SKU-001', 10], ['SKU-002', 30], ['SKU-003', 15], ['SKU-004', 20], ['SKU-005', 300], ['SKU-006', 3]],
};

export const CUSTOMERS = [
	{ owner: 'sales_rep', name: '上海华东精密机械有限公司', tax_id: '91310114MA1GT3XK2P', grade: 'A', intent: 'high', status: 'prospect', credit_limit: '500000.00', payment_terms_days: 30, industry: '机械制造', region: '华东', contact: ['王建华', '采购经理', '13801680001'] },
	{ owner: 'sales_rep', name: '苏州恒力自动化设备有限公司', tax_id: '91320505MA1MX8L73Q', grade: 'B', intent: 'medium', status: 'prospect', credit_limit: '200000.00', payment_terms_days: 45, industry: '自动化集成', region: '华东', contact: ['李晓东', '设备部主管', '13913260002'] },
	{ owner: 'sales_rep', name: '杭州新锐包装科技有限公司', tax_id: '91330106MA2H0K5R6W', grade: 'C', intent: 'low', status: 'lead', credit_limit: '50000.00', payment_terms_days: 30, industry: '包装机械', region: '华东', contact: ['周敏', '技术总监', '13757180003'] },
	{ owner: 'sales_rep', name: '宁波港城电气有限公司', tax_id: '91330201MA2GQ1B47N', grade: 'D', intent: 'low', status: 'lead', credit_limit: '0.00', payment_terms_days: 0, industry: '电气成套', region: '华东', contact: ['陈刚', '总经理', '13605740004'] },
	{ owner: 'sales_rep_2', name: '深圳鹏达智能制造有限公司', tax_id: '91440300MA5F7Y2K1X', grade: 'A', intent: 'high', status: 'prospect', credit_limit: '800000.00', payment_terms_days: 60, industry: '电子制造', region: '华南', contact: ['黄志明', '采购总监', '13823750005'] },
	{ owner: 'sales_rep_2', name: '东莞粤泰塑胶制品有限公司', tax_id: '91441900MA4W3N8P2C', grade: 'B', intent: 'medium', status: 'prospect', credit_limit: '150000.00', payment_terms_days: 30, industry: '注塑', region: '华南', contact: ['林小燕', '厂长助理', '13927470006'] },
	{ owner: 'sales_rep_2', name: '广州南方食品机械有限公司', tax_id: '91440101MA59K2D83T', grade: 'C', intent: 'medium', status: 'lead', credit_limit: '80000.00', payment_terms_days: 30, industry: '食品机械', region: '华南', contact: ['吴海涛', '工程部经理', '13602880007'] },
	{ owner: 'sales_rep_2', name: '佛山顺德创新电器有限公司', tax_id: '91440606MA51R6E91H', grade: 'D', intent: 'low', status: 'lead', credit_limit: '0.00', payment_terms_days: 0, industry: '家电', region: '华南', contact: ['郭伟', '采购专员', '13790090008'] },
];

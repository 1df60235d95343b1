import { stableUuid, roleId } from '../extensions/salesflow/src/domain/ids';

export const DEMO_PASSWORD_DEFAULT = 'salesflow-demo';
export const DEMO_DOMAIN = 'salesflow.example.com';

type DemoUser = { key: string; role: string; email: string; first_name: string; last_name: string; title: string; manager?: string };

const u = (key: string, role: string, last_name: string, first_name: string, title: string, manager?: string): DemoUser => ({
	key,
	role,
	email: `${key.replace(/_/g, '-')}@${DEMO_DOMAIN}`,
	first_name,
	last_name,
	title,
	manager,
});

/** One demo user per role (CONTRACT.md), plus a second rep and a second product manager; managers form the reporting line. */
export const DEMO_USERS: DemoUser[] = [
	u('general_manager', 'general_manager', '王', '建国', '总经理'),
	u('vp', 'vp', '李', '志强', '分管副总经理', 'general_manager'),
	u('division_head', 'division_head', '张', '伟', '销售事业部负责人', 'vp'),
	u('sales_manager', 'sales_manager', '刘', '洋', '销售经理', 'division_head'),
	u('sales_rep', 'sales_rep', '陈', '晨', '销售代表', 'sales_manager'),
	u('sales_rep_2', 'sales_rep', '杨', '帆', '销售代表', 'sales_manager'),
	u('sales_assistant', 'sales_assistant', '赵', '敏', '销售助理', 'sales_manager'),
	u('product_manager', 'product_manager', '黄', '磊', '产品经理', 'division_head'),
	u('product_manager_2', 'product_manager', '郑', '凯', '产品经理', 'division_head'),
	u('warehouse_manager', 'warehouse_manager', '周', '强', '库房经理', 'vp'),
	u('warehouse', 'warehouse', '吴', '刚', '库管员', 'warehouse_manager'),
	u('finance_manager', 'finance_manager', '徐', '丽', '财务经理', 'vp'),
	u('finance', 'finance', '孙', '芳', '会计', 'finance_manager'),
	u('legal', 'legal', '马', '琳', '法务专员', 'vp'),
];

export const userId = (key: string) => stableUuid(`user:${key}`);

export function demoUserPayloads(password: string) {
	return DEMO_USERS.map((d) => ({
		id: userId(d.key),
		email: d.email,
		password,
		first_name: d.first_name,
		last_name: d.last_name,
		title: d.title,
		role: roleId(d.role),
		manager: d.manager ? userId(d.manager) : null,
		language: 'zh-CN',
		status: 'active',
	}));
}

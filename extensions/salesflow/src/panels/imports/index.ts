import { definePanel } from '@directus/extensions-sdk';
import PanelComponent from './panel.vue';

export default definePanel({
	id: 'salesflow-imports',
	name: 'Excel 导入 / Excel import',
	icon: 'upload_file',
	description:
		'下载模板、试导入、导入客户/产品/期初库存/销售订单，显示进度和逐行错误 / Templates, dry runs and imports with progress and row errors',
	component: PanelComponent,
	options: [],
	minWidth: 16,
	minHeight: 12,
});

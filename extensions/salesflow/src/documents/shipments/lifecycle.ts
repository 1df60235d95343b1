import { GRANTS } from '../../../../../schema/grants';
import { PRE_SHIPMENT_CHECKS } from '../../domain/delivery-quality';
import { defineLifecycle, t } from '../../domain/state-machines';

export const shipmentLifecycle = defineLifecycle({
	statuses: ['draft', 'submitted', 'issued', 'delivered', 'accepted', 'cancelled'],
	transitions: [
		...t('draft', 'submitted', 'owner'),
		...t('submitted', 'draft', 'owner'),
		...t('submitted', 'issued', GRANTS.move_stock),
		...t('issued', 'delivered', GRANTS.record_delivery),
		...t('delivered', 'accepted', GRANTS.record_acceptance),
		...t(['draft', 'submitted'], 'cancelled', 'owner'),
	],
	editable: ['draft'],
	alwaysEditable: [
		'carrier',
		'tracking_no',
		'shipped_at',
		'eta',
		'delivered_at',
		'acceptance',
		'acceptance_note',
		'rectification_note',
		'rectification_due',
		// Recorded when issuing (checked in onUpdate: not after the goods left).
		...PRE_SHIPMENT_CHECKS,
	],
});

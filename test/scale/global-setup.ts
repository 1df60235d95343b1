// Boots two Directus replicas on one fresh PostgreSQL database with Redis for the scale tests.
// Scheduled jobs fire every second here so "once per tick" can be observed in seconds.
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../scripts/lib/directus-process';
import { startReplicas, type Replicas } from '../../scripts/lib/replicas';

let replicas: Replicas | undefined;

export default async function setup(project: TestProject) {
	if (process.env.SKIP_BUILD !== 'true') buildExtension();
	const t0 = Date.now();
	replicas = await startReplicas({
		count: 2,
		env: {
			SALESFLOW_CRON_COMPLAINT_SLA: '* * * * * *',
			SALESFLOW_CRON_REPORT_REMINDERS: '* * * * * *',
			SALESFLOW_CRON_APPROVAL_REMINDERS: '* * * * * *',
			SALESFLOW_CRON_OUTBOX: '* * * * * *',
		},
		log: (m) => process.env.DEBUG_SETUP && console.log(m),
	});
	console.log(`scale: ${replicas.urls.length} Directus replicas on PostgreSQL + Redis ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	project.provide('directusUrl', replicas.urls[0]!);
	project.provide('directusUrls', replicas.urls);
	project.provide('directusEnv', replicas.env);
	return () => replicas?.stop();
}

declare module 'vitest' {
	export interface ProvidedContext {
		directusUrls: string[];
	}
}

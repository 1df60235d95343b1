// Salesflow's events after commit, delivered where Directus' own listeners are. The `emitter` Directus
// hands extensions is scoped to extensions (directus#21998): a hook's `action('salesflow.transition')`
// and a Flow's event trigger listen on Directus' own emitter, which no extension API exposes. So the
// event goes to both: Directus' emitter, imported from the running API, and the scoped one.
import type { EventContext, HookExtensionContext } from '@directus/types';
import { type CommittedEvent, onCommitted } from '../engine/status';

type ActionEmitter = { emitAction: (event: string, meta: Record<string, unknown>, context: EventContext) => void };

// A specifier in a variable: the bundler leaves the import to run time, against the running Directus.
const DIRECTUS_EMITTER = '@directus/api/emitter';

/** Emits every committed event on Directus' emitter and the extensions' one; a failure is logged, never thrown. */
export function emitCommittedEvents(ext: HookExtensionContext): void {
	const emitters: Promise<ActionEmitter[]> = import(/* @vite-ignore */ DIRECTUS_EMITTER)
		.then((m: { default: ActionEmitter }) => [m.default, ext.emitter])
		.catch((e) => {
			ext.logger.warn(e, 'salesflow: Directus emitter not found; events reach only extensions listening on their emitter');
			return [ext.emitter];
		});
	onCommitted((events: CommittedEvent[]) => {
		void emitters.then((list) => {
			for (const { name, payload, accountability } of events) {
				const context: EventContext = { database: ext.database, schema: null, accountability };
				for (const emitter of list) emitter.emitAction(name, payload, context);
			}
		});
	});
}

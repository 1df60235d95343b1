declare module '*.vue' {
	import type { DefineComponent } from 'vue';
	// biome-ignore lint/suspicious/noExplicitAny: the standard shim for single-file components
	const component: DefineComponent<Record<string, unknown>, Record<string, unknown>, any>;
	export default component;
}

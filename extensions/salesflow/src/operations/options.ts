// What the operations' option forms share (app side: no server code imported here).

/** The built-in operations' value for "as the trigger's user". */
export const TRIGGER = '$trigger';

/** The permissions option of every Salesflow operation's form. */
export const permissionsOption = {
	field: 'permissions',
	name: '权限 / Permissions',
	type: 'string' as const,
	meta: {
		width: 'full' as const,
		interface: 'select-dropdown',
		// A role is chosen by its id (Settings → Roles); the trigger's user is the default.
		options: { choices: [{ text: '触发者 / From trigger', value: TRIGGER }], allowOther: true },
		note: "以触发者或所选角色的权限执行，从不以完全权限执行 / Runs as the trigger's user or the chosen role, never with full access",
	},
	schema: { default_value: TRIGGER },
};

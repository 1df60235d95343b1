// What staff see of each other (issue #23, finding 8): enough to show who created, owns or approves
// a document — name, role, picture — but not email or anything else, and only of users with a
// Salesflow role (never the administrator). Each user still reads all of their own record. `manager`
// (who reports to whom) is readable because team scopes are filters through it (`owner.manager`):
// a manager's filter on an order's customer's owner is checked against it.
export const COLLEAGUE_FIELDS = ['id', 'first_name', 'last_name', 'avatar', 'role', 'manager'] as const;

/** Permission filter on directus_users: users holding one of the given (Salesflow) roles. */
export const colleaguesFilter = (roleIds: readonly string[]) => ({ role: { _in: [...roleIds] } });

/** Staff roles and what each may do (SPEC §7). The table is data; guards read it. */
export const STAFF_ROLES = ["reviewer", "admin", "auditor"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = {
  "console.view": ["reviewer", "admin", "auditor"],
  "items.decide": ["reviewer", "admin"],
  "audit.view": ["reviewer", "admin", "auditor"],
  "partners.manage": ["admin"],
  "accounts.manage": ["admin"],
  "credentials.revoke": ["admin"],
  "staff.manage": ["admin"],
  "sanctions.manage": ["admin"],
  "webhooks.manage": ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole | null | undefined, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

import { SectionNav, type NavSection } from "@/components/ui/section-nav";
import { can, type Permission } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";

const SECTIONS: (NavSection & { permission: Permission })[] = [
  { href: "/admin", label: "Review queue", permission: "console.view", also: ["/admin/cases"] },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
  { href: "/admin/partners", label: "Partners", permission: "partners.manage" },
  { href: "/admin/staff", label: "Staff", permission: "staff.manage" },
  { href: "/admin/sanctions", label: "Sanctions list", permission: "sanctions.manage" },
  { href: "/admin/accounts", label: "API accounts", permission: "accounts.manage" },
  { href: "/admin/credentials", label: "Credentials", permission: "credentials.revoke" },
  { href: "/admin/webhooks", label: "Webhooks", permission: "webhooks.manage" },
];

/** A first gate; every page, action and route below checks the role again where it reads or changes data. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff("console.view");
  const sections = SECTIONS.filter((section) => can(staff.role, section.permission)).map(({ href, label, also }) => ({ href, label, also }));
  return (
    <div className="space-y-6">
      <SectionNav label="Console" sections={sections} root="/admin" />
      {children}
    </div>
  );
}

import { ConsoleNav, type NavSection } from "@/components/admin/console-nav";
import { can, type Permission } from "@/lib/auth/roles";
import { requireStaff } from "@/lib/auth/session";

const SECTIONS: (NavSection & { permission: Permission })[] = [
  { href: "/admin", label: "Review queue", permission: "console.view" },
  { href: "/admin/audit", label: "Audit log", permission: "audit.view" },
  { href: "/admin/partners", label: "Partners", permission: "partners.manage" },
  { href: "/admin/staff", label: "Staff", permission: "staff.manage" },
  { href: "/admin/sanctions", label: "Sanctions list", permission: "sanctions.manage" },
];

/** A first gate; every page, action and route below checks the role again where it reads or changes data. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff("console.view");
  const sections = SECTIONS.filter((section) => can(staff.role, section.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <div className="space-y-6">
      <ConsoleNav sections={sections} />
      {children}
    </div>
  );
}

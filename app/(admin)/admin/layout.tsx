import { requireStaff } from "@/lib/auth/session";

/** A first gate; every page, action and route below checks the role again where it reads or changes data. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireStaff("console.view");
  return <div className="space-y-6">{children}</div>;
}

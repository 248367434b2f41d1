import type { Metadata } from "next";

import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Compliance console" };

export default async function AdminHomePage() {
  const staff = await requireStaff("console.view");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Compliance console</h1>
      <p className="mt-1 text-slate-600">
        Signed in as {staff.email} ({staff.role}).
      </p>
    </div>
  );
}

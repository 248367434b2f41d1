import type { Metadata } from "next";

import { HomeLink, ProblemCard } from "@/components/ui/problem-card";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <ProblemCard title="There is nothing here" actions={<HomeLink />}>
      <p>The address may be mistyped, or the page is not one you can open with this account.</p>
    </ProblemCard>
  );
}

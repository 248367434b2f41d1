import type { Metadata } from "next";
import Link from "next/link";

import { ContinueHereForm } from "@/components/kyc/continue-here-form";
import { findHandoff, HANDOFF_REFUSED } from "@/lib/auth/handoff";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/session-cookie";
import { getDb } from "@/lib/db/client";
import { ITEM_INFO } from "@/lib/items/items";

export const metadata: Metadata = { title: "Continue on this device", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Params = { params: Promise<{ token: string }> };

/** Where a "Continue on your phone" link lands: what it will do, and the press that does it. */
export default async function ContinuePage({ params }: Params) {
  const { token } = await params;
  const handoff = await findHandoff(await getDb(), token);
  if (!handoff) {
    return (
      <div className="max-w-xl space-y-3" data-testid="handoff-refused">
        <h1 className="text-2xl font-semibold tracking-tight">This link no longer works</h1>
        <p role="alert" className="text-slate-700">
          {HANDOFF_REFUSED}
        </p>
        <p className="text-sm text-slate-600">
          Or{" "}
          <Link href="/signin" className="font-medium text-brand-700 hover:underline">
            sign in here
          </Link>{" "}
          with the link we email you.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Continue on this device</h1>
      <p className="text-slate-700">
        This signs this device in to your Attest account, for up to {SESSION_MAX_AGE_SECONDS / 3600} hours, and opens your {ITEM_INFO[handoff.item].label.toLowerCase()}, so you can photograph
        it here. Sign out when you are done if the device is not yours.
      </p>
      <ContinueHereForm token={token} />
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useTimeZone } from "next-intl";
import { useEffect } from "react";

import { rememberTimeZone } from "@/app/actions/preferences";

/**
 * Tells the server the browser's time zone once, so pages render times in it from then on
 * (until then they show UTC, labelled). Renders nothing.
 */
export function TimeZoneSync() {
  const shown = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser || browser === shown) return;
    void rememberTimeZone(browser).then((result) => {
      if (result.ok) router.refresh();
    });
  }, [shown, router]);
  return null;
}

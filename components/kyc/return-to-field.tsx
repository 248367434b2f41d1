"use client";

import { useSearchParams } from "next/navigation";

/**
 * Where to go after this item is provided, when the person came from somewhere that
 * wants them back (a consent request). The server checks the path before using it.
 */
export function useReturnTo(): string | null {
  return useSearchParams().get("return");
}

export function ReturnToField() {
  const returnTo = useReturnTo();
  return returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null;
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { withdrawItemAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage } from "@/components/kyc/fields";
import type { Item } from "@/lib/items/items";

export function WithdrawForm({ item, label }: { item: Item; label: string }) {
  const t = useTranslations("deletion");
  const [state, action, pending] = useActionState<FormState, FormData>(withdrawItemAction, IDLE);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(t("withdrawConfirm", { item: label }))) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="item" value={item} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-600 disabled:opacity-60"
      >
        {pending ? t("withdrawing") : t("withdraw")}
      </button>
      <FormMessage message={state.message} />
    </form>
  );
}

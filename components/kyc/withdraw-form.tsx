"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";

import { withdrawItemAction, type FormState } from "@/app/(account)/account/actions";
import { IDLE } from "@/lib/http/action-state";
import { FormMessage } from "@/components/kyc/fields";
import { Button } from "@/components/ui/button";
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
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        {pending ? t("withdrawing") : t("withdraw")}
      </Button>
      <FormMessage message={state.message} />
    </form>
  );
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { staffAction } from "@/lib/auth/action";
import type { SessionUser } from "@/lib/auth/session";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";
import { getDb, type Db } from "@/lib/db/client";
import { createEndpoint, deleteEndpoint, endpointInputFromForm, resendDelivery, sendTestEvent, setEndpointEnabled } from "@/lib/events/endpoints";
import { AppError, logUnexpected } from "@/lib/http/errors";

/** Console actions on webhook endpoints; the operations re-read `webhooks.manage` inside their transaction. */
export type WebhookFormState = ActionState<{ secret: string; endpointId: string }>;

type StaffActor = { type: "staff"; id: string };
const staffActor = (staff: SessionUser): StaffActor => ({ type: "staff", id: staff.id });
const idSchema = z.uuid();

export const createEndpointAction = staffAction("webhooks.manage", "createEndpoint", async (staff, _previous: WebhookFormState, form: FormData): Promise<WebhookFormState> => {
  const parsed = endpointInputFromForm(form);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const { endpoint, secret } = await createEndpoint(await getDb(), parsed.data, staffActor(staff));
  revalidatePath("/admin/webhooks");
  return {
    ok: true,
    message: secret ? "Endpoint created. Copy its signing secret now: it is not shown again." : "Endpoint created. Deliveries are signed with this provider's OCN key.",
    secret: secret ?? undefined,
    endpointId: endpoint.id,
  };
});

/** The plain forms on an endpoint's page: act, then come back to it with a notice. */
async function onEndpoint(staff: SessionUser, form: FormData, name: string, act: (db: Db, endpointId: string, actor: StaffActor) => Promise<unknown>, done: string): Promise<never> {
  const endpointId = idSchema.safeParse(form.get("endpointId"));
  if (!endpointId.success) redirect("/admin/webhooks");
  let outcome = done;
  try {
    await act(await getDb(), endpointId.data, staffActor(staff));
  } catch (error) {
    if (!(error instanceof AppError)) logUnexpected(error, name);
    outcome = "failed";
  }
  revalidatePath(`/admin/webhooks/${endpointId.data}`);
  redirect(`/admin/webhooks/${endpointId.data}?done=${outcome}`);
}

export const sendTestEventAction = staffAction("webhooks.manage", "sendTestEvent", (staff, form: FormData) =>
  onEndpoint(staff, form, "sendTestEvent", (db, id, actor) => sendTestEvent(db, id, actor), "test"),
);

export const setEnabledAction = staffAction("webhooks.manage", "setEndpointEnabled", (staff, form: FormData) => {
  const enabled = form.get("enabled") === "true";
  return onEndpoint(staff, form, "setEndpointEnabled", (db, id, actor) => setEndpointEnabled(db, id, enabled, actor), enabled ? "enabled" : "disabled");
});

export const resendAction = staffAction("webhooks.manage", "resendDelivery", (staff, form: FormData) =>
  onEndpoint(staff, form, "resendDelivery", async (db, _id, actor) => {
    const eventId = idSchema.safeParse(form.get("eventId"));
    if (!eventId.success) throw new AppError("NOT_FOUND", "No such delivery");
    await resendDelivery(db, eventId.data, actor);
  }, "resent"),
);

export const deleteEndpointAction = staffAction("webhooks.manage", "deleteEndpoint", async (staff, form: FormData): Promise<never> => {
  const endpointId = idSchema.safeParse(form.get("endpointId"));
  if (endpointId.success) {
    try {
      await deleteEndpoint(await getDb(), endpointId.data, staffActor(staff));
    } catch (error) {
      if (!(error instanceof AppError)) logUnexpected(error, "deleteEndpoint");
    }
  }
  revalidatePath("/admin/webhooks");
  redirect("/admin/webhooks");
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";

import { requireStaff } from "@/lib/auth/session";
import { fieldErrorsOf, type ActionState } from "@/lib/http/action-state";
import { getDb } from "@/lib/db/client";
import { createEndpoint, deleteEndpoint, endpointInputFromForm, resendDelivery, sendTestEvent, setEndpointEnabled } from "@/lib/events/endpoints";
import { AppError, logUnexpected } from "@/lib/http/errors";

/** Console actions on webhook endpoints; each re-checks `webhooks.manage` before touching data. */
export type WebhookFormState = ActionState<{ secret: string; endpointId: string }>;

const staffActor = (id: string) => ({ type: "staff" as const, id });
const idSchema = z.uuid();

export async function createEndpointAction(_previous: WebhookFormState, form: FormData): Promise<WebhookFormState> {
  const staff = await requireStaff("webhooks.manage");
  const parsed = endpointInputFromForm(form);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { endpoint, secret } = await createEndpoint(await getDb(), parsed.data, staffActor(staff.id));
    revalidatePath("/admin/webhooks");
    return { ok: true,
      message: secret ? "Endpoint created. Copy its signing secret now: it is not shown again." : "Endpoint created. Deliveries are signed with this provider's OCN key.",
      secret: secret ?? undefined,
      endpointId: endpoint.id,
    };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    logUnexpected(error);
    return { ok: false, message: "Something went wrong on our side. Please try again." };
  }
}

/** The plain forms on an endpoint's page: act, then come back to it with a notice. */
async function onEndpoint(form: FormData, act: (db: Awaited<ReturnType<typeof getDb>>, endpointId: string, actor: ReturnType<typeof staffActor>) => Promise<unknown>, done: string) {
  const staff = await requireStaff("webhooks.manage");
  const endpointId = idSchema.safeParse(form.get("endpointId"));
  if (!endpointId.success) redirect("/admin/webhooks");
  let outcome = done;
  try {
    await act(await getDb(), endpointId.data, staffActor(staff.id));
  } catch (error) {
    if (!(error instanceof AppError)) logUnexpected(error);
    outcome = "failed";
  }
  revalidatePath(`/admin/webhooks/${endpointId.data}`);
  redirect(`/admin/webhooks/${endpointId.data}?done=${outcome}`);
}

export async function sendTestEventAction(form: FormData): Promise<void> {
  await onEndpoint(form, (db, id, actor) => sendTestEvent(db, id, actor), "test");
}

export async function setEnabledAction(form: FormData): Promise<void> {
  await onEndpoint(form, (db, id, actor) => setEndpointEnabled(db, id, form.get("enabled") === "true", actor), form.get("enabled") === "true" ? "enabled" : "disabled");
}

export async function resendAction(form: FormData): Promise<void> {
  const eventId = idSchema.safeParse(form.get("eventId"));
  await onEndpoint(form, async (db, _id, actor) => {
    if (!eventId.success) throw new AppError("NOT_FOUND", "No such delivery");
    await resendDelivery(db, eventId.data, actor);
  }, "resent");
}

export async function deleteEndpointAction(form: FormData): Promise<void> {
  const staff = await requireStaff("webhooks.manage");
  const endpointId = idSchema.safeParse(form.get("endpointId"));
  if (endpointId.success) {
    try {
      await deleteEndpoint(await getDb(), endpointId.data, staffActor(staff.id));
    } catch (error) {
      if (!(error instanceof AppError)) logUnexpected(error);
    }
  }
  revalidatePath("/admin/webhooks");
  redirect("/admin/webhooks");
}

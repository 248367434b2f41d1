import "server-only";

import { unstable_rethrow } from "next/navigation";

import { can, type Permission } from "@/lib/auth/roles";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import type { ActionState, FieldErrors } from "@/lib/http/action-state";
import { AppError, logUnexpected } from "@/lib/http/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { translate } from "@/lib/i18n/field-messages";
import { requestTranslator } from "@/lib/i18n/request-preferences";

type Translator = Awaited<ReturnType<typeof requestTranslator>>;

/**
 * The one wrapper every server action goes through. In order: the request must come from
 * a page of PUBLIC_URL (a cross-site form post changes nothing), then the caller must be
 * signed in (`userAction`) or hold the permission (`staffAction`), and only then does the
 * action read its input. Whatever it throws becomes its state: an AppError its message and
 * field messages, in the person's language when it carries catalogue keys, anything else a
 * plain sentence and a log line without personal data.
 * redirect() and notFound() pass through. Every refusal has the same shape, `{ok: false,
 * message}`; the operation behind the action re-reads the role inside its transaction.
 */
type Refusal = { refused: "foreign" | "signedOut" | "notAllowed" };

const FOREIGN: Refusal = { refused: "foreign" };
const SIGNED_OUT: Refusal = { refused: "signedOut" };
const NOT_ALLOWED: Refusal = { refused: "notAllowed" };

/** A refusal in the words of the person's language. */
async function refusal({ refused }: Refusal): Promise<{ ok: false; message: string }> {
  return { ok: false, message: (await requestTranslator())(`action.${refused}`) };
}

/**
 * The one failure converter for actions. An AppError's message and field messages are read in
 * the request's language where they carry catalogue keys, and as they are otherwise.
 */
export async function actionFailure(error: unknown, during?: string): Promise<ActionState> {
  unstable_rethrow(error);
  const t = await requestTranslator();
  if (!(error instanceof AppError)) {
    logUnexpected(error, during);
    return { ok: false, message: t("action.unexpected") };
  }
  const message = error.translation ? translate(t, error.translation) : error.message;
  const fieldErrors = fieldErrorsFrom(error, message, t);
  return fieldErrors ? { ok: false, message, fieldErrors } : { ok: false, message };
}

/**
 * `work`'s value, or its failure already converted, for an action that adds to its failure
 * state (the phone number that was typed) instead of letting the wrapper answer.
 */
export async function attempt<T>(work: () => Promise<T>, during: string): Promise<{ ok: true; value: T } | (ActionState & { ok: false })> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ...(await actionFailure(error, during)), ok: false };
  }
}

/**
 * The field messages an AppError carries: `details.fields`, each in the person's language where
 * it has a key, or the one `details.field` its message, already in their language, is about.
 */
function fieldErrorsFrom(error: AppError, message: string, t: Translator): FieldErrors | undefined {
  const fields = error.details?.fields;
  if (fields && typeof fields === "object") {
    const translated = Object.entries(error.fieldTranslations ?? {}).map(([field, translation]) => [field, translate(t, translation)]);
    return { ...(fields as FieldErrors), ...Object.fromEntries(translated) };
  }
  const field = error.details?.field;
  return typeof field === "string" ? { [field]: message } : undefined;
}

type Admit<W> = () => Promise<W | Refusal>;

// R is the action's state; its failure side must accept `{ok: false, message}`, as ActionState does.
function guarded<W, A extends unknown[], R extends { ok: boolean }>(name: string, admit: Admit<W>, run: (who: W, ...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    if (!(await isSameOriginRequest())) return (await refusal(FOREIGN)) as unknown as R;
    const who = await admit();
    if (isRefusal(who)) return (await refusal(who)) as unknown as R;
    try {
      return await run(who, ...args);
    } catch (error) {
      return (await actionFailure(error, name)) as unknown as R;
    }
  };
}

function isRefusal(value: unknown): value is Refusal {
  return value === SIGNED_OUT || value === NOT_ALLOWED;
}

/** For actions anyone may run (sign-in, the demo gateway acting as the public partner 300). */
export function publicAction<A extends unknown[], R extends { ok: boolean }>(name: string, run: (...args: A) => Promise<R>) {
  return guarded<null, A, R>(name, async () => null, (_nobody, ...args) => run(...args));
}

/** For a signed-in person acting on their own data. */
export function userAction<A extends unknown[], R extends { ok: boolean }>(name: string, run: (user: SessionUser, ...args: A) => Promise<R>) {
  return guarded<SessionUser, A, R>(name, async () => (await currentUser()) ?? SIGNED_OUT, run);
}

/** For staff holding `permission` (the role table in lib/auth/roles.ts). */
export function staffAction<A extends unknown[], R extends { ok: boolean }>(permission: Permission, name: string, run: (staff: SessionUser, ...args: A) => Promise<R>) {
  return guarded<SessionUser, A, R>(
    name,
    async () => {
      const user = await currentUser();
      if (!user) return SIGNED_OUT;
      return can(user.role, permission) ? user : NOT_ALLOWED;
    },
    run,
  );
}

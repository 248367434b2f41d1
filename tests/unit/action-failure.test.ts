import { beforeEach, describe, expect, it, vi } from "vitest";

// The request's language comes from its headers; Auth.js, which the wrapper's guards load, is not needed here.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers, cookies: async () => ({ get: () => undefined }) }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

import { actionFailure } from "@/lib/auth/action";
import { AppError } from "@/lib/http/errors";
import { validation } from "@/lib/i18n/field-messages";
import { invalidFieldsError, invalidInputError, personError } from "@/lib/i18n/person-errors";
import { nameSchema } from "@/lib/items/values";

const speaking = (language: string) => {
  request.headers = new Headers({ "accept-language": language });
};

const nameError = () => invalidInputError(nameSchema.safeParse({ first_name: "", last_name: "x".repeat(101) }).error!);

describe("actionFailure", () => {
  beforeEach(() => speaking("en"));

  it("answers an error's key with its values in the request's language", async () => {
    speaking("de-DE,de;q=0.9");
    expect(await actionFailure(personError("RATE_LIMITED", validation("codesRateLimited", { minutes: 3 })))).toEqual({
      ok: false,
      message: "Es wurden bereits mehrere Codes angefordert. Versuchen Sie es in 3 Minuten erneut.",
    });
  });

  it("answers an English request with the English message the API envelope carries", async () => {
    const error = personError("RATE_LIMITED", validation("codesRateLimited", { minutes: 1 }));
    expect(error.message).toBe("Several codes were asked for already. Try again in 1 minute.");
    expect(await actionFailure(error)).toEqual({ ok: false, message: error.message });
  });

  it("puts each field message in the request's language, the values taken from the check", async () => {
    speaking("fr");
    expect(await actionFailure(nameError())).toEqual({
      ok: false,
      message: "Veuillez corriger les champs signalés ci-dessous.",
      fieldErrors: { first_name: "Saisissez votre prénom", last_name: "Votre nom de famille peut comporter au plus 100 caractères" },
    });
  });

  it("keeps the English field messages in details.fields for the API and the log", () => {
    expect(nameError().details).toEqual({ fields: { first_name: "Enter your first name", last_name: "Your last name can be at most 100 characters" } });
  });

  it("shows the translated message beside the one field it is about", async () => {
    speaking("es");
    expect(await actionFailure(personError("INVALID_REQUEST", validation("phoneCountryCode"), { field: "phone" }))).toEqual({
      ok: false,
      message: "Introduzca su número con el prefijo del país, empezando por +",
      fieldErrors: { phone: "Introduzca su número con el prefijo del país, empezando por +" },
    });
  });

  it("joins several problems of one file as sentences", async () => {
    speaking("de");
    const state = await actionFailure(invalidFieldsError({ front: [validation("imageGlare"), validation("imageCutOff")] }));
    expect(state.fieldErrors?.front).toBe(
      "Ein Teil des Bildes ist durch Spiegelungen überstrahlt: Gehen Sie vom Licht weg oder neigen Sie das Dokument. Ein Teil des Dokuments ist abgeschnitten: Nehmen Sie die ganze Seite mit allen vier Ecken auf.",
    );
  });

  it("answers an error without a key with its own message and fields, whatever the language", async () => {
    speaking("de");
    expect(await actionFailure(new AppError("CONFLICT", "Already decided.", { fields: { reason: "Give a reason" } }))).toEqual({
      ok: false,
      message: "Already decided.",
      fieldErrors: { reason: "Give a reason" },
    });
  });

  it("shows a key the catalogue lacks as itself rather than failing the answer", async () => {
    speaking("de");
    const error = new AppError("INVALID_REQUEST", "English");
    error.translation = { key: "validation.noSuchSentence" };
    expect(await actionFailure(error)).toEqual({ ok: false, message: "validation.noSuchSentence" });
  });

  it("answers anything else with the plain sentence in the request's language", async () => {
    speaking("de");
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await actionFailure(new Error("secret detail"))).toEqual({ ok: false, message: "Bei uns ist etwas schiefgelaufen. Es wurde nichts geändert; bitte versuchen Sie es erneut." });
  });
});

import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("@/tests/support/request-context")).nextHeaders);

import { chooseLanguage, rememberTimeZone } from "@/app/actions/preferences";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { IDLE } from "@/lib/http/action-state";
import { adoptRequestPreferences } from "@/lib/i18n/preferences";
import { requestPreferences } from "@/lib/i18n/request-preferences";
import { createUser } from "@/tests/support/factories";
import { form } from "@/tests/support/form";
import { actAs, withRequest } from "@/tests/support/request-context";

/**
 * The language and time zone a person chooses: checked before anything is kept, kept on
 * their row when signed in, and read back for the request (cookie first, then the header).
 */
const preferencesOf = async (id: string) => (await (await getDb()).select({ locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, id)))[0];

describe("choosing a language and a time zone", () => {
  it.each([
    ["a language not offered", () => chooseLanguage(IDLE, form({ locale: "it" }))],
    ["no language at all", () => chooseLanguage(IDLE, form({}))],
    ["markup for a language", () => chooseLanguage(IDLE, form({ locale: "<b>de</b>" }))],
    ["an unknown time zone", () => rememberTimeZone("Mars/Olympus_Mons")],
    ["an empty time zone", () => rememberTimeZone("")],
  ])("refuses %s with a message, and the row keeps what it had", async (_name, call) => {
    const { id } = await createUser();
    await actAs(id);
    const answer = await call();
    expect(answer).toEqual({ ok: false, message: expect.any(String) });
    expect(await preferencesOf(id)).toEqual({ locale: null, timeZone: null });
  });

  it("answers a refusal in the request's language", async () => {
    const { id } = await createUser();
    await actAs(id);
    expect(await chooseLanguage(IDLE, form({ locale: "it" }))).toEqual({ ok: false, message: "That language is not offered. Nothing changed." });
  });

  it("keeps nothing on any row for a visitor who is not signed in, and answers ok", async () => {
    await actAs(null);
    expect(await chooseLanguage(IDLE, form({ locale: "es" }))).toEqual({ ok: true });
    expect(await rememberTimeZone("Europe/Madrid")).toEqual({ ok: true });
  });
});

describe("requestPreferences", () => {
  it("reads English and UTC when neither cookie nor header says otherwise", async () => {
    await actAs(null);
    expect(await requestPreferences()).toEqual({ locale: "en", timeZone: "UTC" });
  });

  it("takes the browser's language, then a valid cookie over it; an invalid cookie is ignored", async () => {
    await actAs(null);
    withRequest({ "accept-language": "fr-CH, de;q=0.5" });
    expect(await requestPreferences()).toEqual({ locale: "fr", timeZone: "UTC" });
    withRequest({ cookie: "attest-locale=es; attest-time-zone=Asia/Tokyo" });
    expect(await requestPreferences()).toEqual({ locale: "es", timeZone: "Asia/Tokyo" });
    await actAs(null);
    withRequest({ "accept-language": "de", cookie: "attest-locale=xx; attest-time-zone=Nowhere/Else" });
    expect(await requestPreferences()).toEqual({ locale: "de", timeZone: "UTC" });
  });

  it("keeps the console and the demo gateway in English whatever the person chose", async () => {
    await actAs(null);
    withRequest({ "accept-language": "de", cookie: "attest-locale=fr", "x-attest-english-only": "1" });
    expect((await requestPreferences()).locale).toBe("en");
  });
});

describe("adoptRequestPreferences, at sign-in", () => {
  it("copies the browser's choice onto the row; a cookie replaces, Accept-Language only fills an empty row", async () => {
    const { id } = await createUser();
    await actAs(null);
    withRequest({ "accept-language": "de-DE" });
    await adoptRequestPreferences(await getDb(), id);
    expect(await preferencesOf(id)).toEqual({ locale: "de", timeZone: null });

    await actAs(null);
    withRequest({ "accept-language": "es" });
    await adoptRequestPreferences(await getDb(), id);
    expect(await preferencesOf(id)).toEqual({ locale: "de", timeZone: null });

    await actAs(null);
    withRequest({ "accept-language": "es", cookie: "attest-locale=fr; attest-time-zone=Europe/Paris" });
    await adoptRequestPreferences(await getDb(), id);
    expect(await preferencesOf(id)).toEqual({ locale: "fr", timeZone: "Europe/Paris" });
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FileField, TextField } from "@/components/kyc/fields";

function html<P extends object>(type: React.FunctionComponent<P>, props: P, ...children: React.ReactNode[]): string {
  return renderToStaticMarkup(createElement(type, props, ...children));
}

describe("Button", () => {
  it("is a button that never submits by accident, or a link drawn as one", () => {
    expect(html(Button, {}, "Cancel")).toMatch(/^<button type="button" class="[^"]*bg-brand-600[^"]*">Cancel<\/button>$/);
    expect(html(Button, { type: "submit", name: "intent", value: "deny" }, "Deny")).toContain('<button type="submit"');
    expect(html(Button, { href: "/account/items/passport" }, "Start")).toMatch(/^<a class="[^"]*" href="\/account\/items\/passport">Start<\/a>$/);
  });

  it("weighs not sharing as much as sharing, and draws the last word on an undoable step in solid red", () => {
    expect(buttonClass({ variant: "strong" })).toContain("bg-slate-800 text-white");
    expect(buttonClass({ variant: "destructive" })).toContain("bg-red-700 text-white");
    expect(buttonClass({ variant: "danger" })).toContain("border-red-300 bg-white");
    expect(buttonClass({ size: "lg" })).toContain("py-3");
    expect(buttonClass({ size: "sm", className: "mt-6" })).toMatch(/px-3 py-1\.5 text-sm mt-6$/);
  });
});

describe("Card", () => {
  it("with a title is a section named by its heading, by the id given where something points at it", () => {
    const titled = html(Card, { title: "Notifications", headingId: "notifications-title", id: "notifications" }, "body");
    expect(titled).toMatch(/^<section aria-labelledby="notifications-title" class="[^"]*p-4[^"]*" id="notifications">/);
    expect(titled).toContain('<h2 id="notifications-title"');
    const generated = html(Card, { title: "Issue" }, "body");
    const id = /<h2 id="([^"]+)"/.exec(generated)?.[1];
    expect(id).toBeTruthy();
    expect(generated).toContain(`aria-labelledby="${id}"`);
  });

  it("without a title is a plain panel, whose padding a panel of rows leaves to them", () => {
    expect(html(Card, { id: "x" }, "body")).toMatch(/^<div class="rounded-xl border p-4 sm:p-5 [^"]*" id="x">body<\/div>$/);
    expect(html(Card, { padding: "none" }, "rows")).toMatch(/^<div class="rounded-xl border border-slate-200 bg-white">rows<\/div>$/);
    expect(html(Card, { padding: "lg" }, "sign in")).toContain("p-6 sm:p-8");
  });
});

describe("Badge", () => {
  it("carries the attributes tests and styles select by", () => {
    const marked = { tone: "success" as const, "data-state": "verified" };
    expect(html(Badge, marked, "Verified")).toMatch(/^<span class="[^"]*bg-emerald-50[^"]*" data-state="verified">Verified<\/span>$/);
  });
});

describe("the account forms' fields", () => {
  it("are identified and named by `name`, with hint and error wired, the error left to the form's summary to announce", () => {
    const field = html(TextField, { name: "street", label: "Street and house number", hint: "As on your documents", error: "Enter your street" });
    expect(field).toContain('<label for="street"');
    expect(field).toMatch(/<input id="street" aria-describedby="street-error street-hint" aria-invalid="true" class="[^"]*" name="street"\/>/);
    expect(field).toMatch(/<p id="street-error" class="text-sm text-red-700">Enter your street<\/p>/);
    expect(field).not.toContain('role="alert"');
    const file = html(FileField, { name: "front", label: "Photo page", hint: "JPEG, PNG or PDF", accept: "image/jpeg" });
    expect(file).toMatch(/<input id="front" aria-describedby="front-hint" type="file" class="[^"]*file:rounded-md[^"]*"[^>]* name="front"\/>/);
  });
});

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { controlProps, Field, type ControlProps } from "@/components/ui/field";

const render = (props: { hint?: string; error?: string }) =>
  // Field holds no state: called as a function, it returns the markup React renders.
  renderToStaticMarkup(Field({ id: "rate", label: "Requests per minute", ...props, children: (control: ControlProps) => createElement("input", { ...control, name: "rate" }) }));

describe("Field", () => {
  it("labels its control and describes it by nothing when there is no hint or error", () => {
    const html = render({});
    expect(html).toContain('<label for="rate"');
    expect(html).toMatch(/<input id="rate" name="rate"\/>/);
  });

  it("describes the control by its hint, and marks it invalid only with an error, read first", () => {
    expect(render({ hint: "Over it, calls get 429." })).toMatch(/<input id="rate" aria-describedby="rate-hint" name="rate"\/>.*<p id="rate-hint"[^>]*>Over it, calls get 429\.<\/p>/);
    const html = render({ hint: "Over it, calls get 429.", error: "Enter a whole number" });
    expect(html).toContain('aria-describedby="rate-error rate-hint" aria-invalid="true"');
    expect(html).toMatch(/<p id="rate-error" role="alert"[^>]*>Enter a whole number<\/p>/);
  });

  it("gives the same wiring to a control drawn outside a Field", () => {
    expect(controlProps("note", { error: "Too long" })).toEqual({ id: "note", "aria-describedby": "note-error", "aria-invalid": true });
    expect(controlProps("note", {})).toEqual({ id: "note" });
  });
});

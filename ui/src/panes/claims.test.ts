import { describe, expect, it } from "vitest";
import { ClaimsPane } from "./claims";
import { claim, key } from "../test/util";

describe("ClaimsPane", () => {
  it("keeps every claim in text order across blocks as claims come and go", () => {
    const selected: string[] = [];
    const pane = new ClaimsPane({ select: (id) => selected.push(id), speakerName: () => null }, document.createElement("div"));
    document.body.append(pane.el);
    const ids = (): (string | null)[] =>
      [...pane.el.querySelectorAll('[data-testid="claim-item"]')].map((e) => e.getAttribute("data-claim-id"));
    let claims = Array.from({ length: 250 }, (_, i) => claim(`c${i}`, i * 10 + 10, i * 10 + 15));
    pane.render(claims);
    expect(pane.el.querySelectorAll(".claim-block")).toHaveLength(3);
    expect(ids()).toEqual(claims.map((c) => c.id));
    const first = pane.el.querySelector('[data-claim-id="c0"]');

    claims = [claim("new", 0, 5), ...claims.filter((c) => c.id !== "c120")];
    pane.render(claims);
    expect(ids()).toEqual(claims.map((c) => c.id));
    expect(pane.el.querySelector('[data-claim-id="c0"]')).toBe(first); // reused, not rebuilt

    claims = claims.slice(0, 42);
    pane.render(claims);
    expect(pane.el.querySelectorAll(".claim-block")).toHaveLength(1);
    expect(ids()).toEqual(claims.map((c) => c.id));

    // Arrow keys move across items; Enter selects.
    const items = [...pane.el.querySelectorAll<HTMLElement>('[data-testid="claim-item"]')];
    items[0]?.focus();
    key(items[0] ?? document.body, "ArrowDown");
    expect(document.activeElement).toBe(items[1]);
    key(items[1] ?? document.body, "Enter");
    expect(selected).toEqual(["c0"]);
    pane.el.remove();
  });
});

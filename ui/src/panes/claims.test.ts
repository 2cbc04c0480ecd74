import { describe, expect, it } from "vitest";
import { ClaimsPane } from "./claims";
import { claim, key } from "../test/util";

describe("ClaimsPane", () => {
  it("keeps every claim in text order across blocks as claims come and go", () => {
    const selected: string[] = [];
    const pane = new ClaimsPane({ select: (id) => selected.push(id), speakerName: () => null, coderName: () => null, textAt: () => "" }, document.createElement("div"));
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

  it("is one Tab stop that follows the focus and the selected claim; Home, End and the arrows move", () => {
    const pane = new ClaimsPane({ select: () => undefined, speakerName: () => null, coderName: () => null, textAt: () => "" }, document.createElement("div"));
    document.body.append(pane.el);
    const claims = Array.from({ length: 150 }, (_, i) => claim(`c${i}`, i * 10, i * 10 + 5));
    pane.render(claims);
    const item = (id: string): HTMLElement => {
      const el = pane.el.querySelector<HTMLElement>(`[data-claim-id="${id}"]`);
      if (!el) throw new Error(`no item ${id}`);
      return el;
    };
    const stops = (): (string | null)[] =>
      [...pane.el.querySelectorAll('[data-testid="claim-item"][tabindex="0"]')].map((e) => e.getAttribute("data-claim-id"));
    expect(stops()).toEqual(["c0"]);
    item("c0").focus();
    key(item("c0"), "End");
    expect(document.activeElement).toBe(item("c149")); // across blocks
    expect(stops()).toEqual(["c149"]);
    key(item("c149"), "ArrowDown"); // stays at the end
    expect(document.activeElement).toBe(item("c149"));
    key(item("c149"), "ArrowUp");
    expect(document.activeElement).toBe(item("c148"));
    key(item("c148"), "Home");
    expect(document.activeElement).toBe(item("c0"));
    pane.setSelected("c42");
    expect(stops()).toEqual(["c42"]);
    // The tab stop's claim goes: the first item takes it.
    pane.render(claims.filter((c) => c.id !== "c42"));
    expect(stops()).toEqual(["c0"]);
    pane.el.remove();
  });

  it("filters by status, speaker and coder, offering what the document's claims hold", () => {
    const names: Record<string, string> = { s1: "Antonov", k1: "Ana", k2: "Bo" };
    const pane = new ClaimsPane(
      { select: () => undefined, speakerName: (id) => (id ? (names[id] ?? null) : null), coderName: (id) => names[id] ?? null, textAt: () => "" },
      document.createElement("div"),
    );
    document.body.append(pane.el);
    const claims = [
      { ...claim("a", 0, 5), status: "disputed" as const, speaker: "s1", coder: "k1" },
      { ...claim("b", 10, 15), status: "attributed" as const, speaker: null, coder: "k1" },
      { ...claim("c", 20, 25), status: "disputed" as const, speaker: null, coder: "k2" },
    ];
    pane.render(claims);
    const shown = (): (string | null)[] => [...pane.el.querySelectorAll('[data-testid="claim-item"]')].map((e) => e.getAttribute("data-claim-id"));
    const choose = (id: string, value: string): void => {
      const s = pane.el.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`);
      if (!s) throw new Error(`no ${id}`);
      s.value = value;
      s.dispatchEvent(new Event("change"));
    };
    const labels = (id: string): string[] => [...pane.el.querySelectorAll(`[data-testid="${id}"] option`)].map((o) => o.textContent);
    expect(labels("filter-speaker")).toEqual(["All speakers", "Antonov", "No speaker"]);
    expect(labels("filter-coder")).toEqual(["All coders", "Ana", "Bo"]);
    choose("filter-status", "disputed");
    expect(shown()).toEqual(["a", "c"]);
    expect(pane.el.querySelector("h2")?.textContent).toBe("Claims (2 of 3)");
    choose("filter-coder", "k2");
    expect(shown()).toEqual(["c"]);
    choose("filter-coder", "");
    choose("filter-speaker", "\u0000none");
    expect(shown()).toEqual(["c"]);
    choose("filter-status", "attributed");
    expect(shown()).toEqual(["b"]);
    // A new render keeps the choices; one whose speaker is gone falls back to all.
    pane.render(claims.slice(0, 2));
    expect(shown()).toEqual(["b"]);
    choose("filter-status", "");
    choose("filter-speaker", "s1");
    pane.render(claims.slice(1));
    expect(shown()).toEqual(["b", "c"]);
    choose("filter-status", "unverified");
    expect(pane.list.getAttribute("data-empty")).toBe("No claim matches the filter.");
    pane.el.remove();
  });
});

import { describe, expect, it } from "vitest";
import { ClaimsPane } from "./claims";
import { claim, key } from "../test/util";

describe("ClaimsPane", () => {
  /** A pane whose list is laid out as in the app: a view 760 px tall (rows of 76 px). */
  function laidOut(select: (id: string) => void = () => undefined): { pane: ClaimsPane; scroller: HTMLElement } {
    const pane = new ClaimsPane({ select, speakerName: () => null, coderName: () => null, textAt: () => "" }, document.createElement("div"));
    document.body.append(pane.el);
    const scroller = pane.list.parentElement as HTMLElement;
    Object.defineProperty(scroller, "clientHeight", { configurable: true, value: 760 });
    return { pane, scroller };
  }
  const ids = (pane: ClaimsPane): (string | null)[] =>
    [...pane.el.querySelectorAll('[data-testid="claim-item"]')].map((e) => e.getAttribute("data-claim-id"));

  it("keeps only the rows near the view in the DOM, in text order, as claims come and go", async () => {
    const selected: string[] = [];
    const { pane, scroller } = laidOut((id) => selected.push(id));
    let claims = Array.from({ length: 10_000 }, (_, i) => claim(`c${i}`, i * 10 + 10, i * 10 + 15));
    pane.render(claims);
    // A screen of 10 rows and 40 beyond it: the first 50 claims, and the list as tall as all.
    expect(ids(pane)).toEqual(claims.slice(0, 50).map((c) => c.id));
    expect(pane.list.style.height).toBe(`${10_000 * 76}px`);
    expect(pane.el.querySelector('[data-claim-id="c7"]')?.getAttribute("aria-setsize")).toBe("10000");
    expect(pane.el.querySelector('[data-claim-id="c7"]')?.getAttribute("aria-posinset")).toBe("8");
    const first = pane.el.querySelector('[data-claim-id="c0"]');

    claims = [claim("new", 0, 5), ...claims.filter((c) => c.id !== "c12")];
    pane.render(claims);
    expect(ids(pane)).toEqual(claims.slice(0, 50).map((c) => c.id));
    expect(pane.el.querySelector('[data-claim-id="c0"]')).toBe(first); // reused, not rebuilt
    expect((first as HTMLElement).style.top).toBe("76px"); // moved down one row

    // A short scroll changes nothing in the DOM (the rows beyond the view cover it); a longer
    // one brings the next rows.
    const before = ids(pane);
    scroller.scrollTop = 5 * 76;
    scroller.dispatchEvent(new Event("scroll"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ids(pane)).toEqual(before);
    scroller.scrollTop = 45 * 76;
    scroller.dispatchEvent(new Event("scroll"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ids(pane)).toContain(claims[90]?.id);

    // Scrolled to the middle: the rows around it replace the first ones.
    scroller.scrollTop = 5_000 * 76;
    scroller.dispatchEvent(new Event("scroll"));
    pane.render(claims); // (the scroll renders on the next frame; this renders now)
    const shown = ids(pane);
    expect(shown).toContain(claims[5_000]?.id);
    expect(shown).not.toContain("c1");
    expect(shown).toContain("c0"); // the Tab stop stays
    expect(shown.length).toBeLessThanOrEqual(91); // the view, 40 each side, the Tab stop

    // Arrow keys move across rows; Enter selects.
    const item = pane.el.querySelector<HTMLElement>(`[data-claim-id="${claims[5_000]?.id ?? ""}"]`);
    item?.focus();
    key(item ?? document.body, "ArrowDown");
    expect(document.activeElement?.getAttribute("data-claim-id")).toBe(claims[5_001]?.id);
    key(document.activeElement as HTMLElement, "Enter");
    expect(selected).toEqual([claims[5_001]?.id]);
    pane.el.remove();
  });

  it("is one Tab stop that follows the focus and the selected claim; Home, End and the arrows move", () => {
    const { pane, scroller } = laidOut();
    const claims = Array.from({ length: 1_500 }, (_, i) => claim(`c${i}`, i * 10, i * 10 + 5));
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
    expect(document.activeElement).toBe(item("c1499")); // far beyond the rendered rows
    expect(scroller.scrollTop).toBe(1_500 * 76 - 760); // scrolled to show it at the bottom
    expect(stops()).toEqual(["c1499"]);
    key(item("c1499"), "ArrowDown"); // stays at the end
    expect(document.activeElement).toBe(item("c1499"));
    key(item("c1499"), "ArrowUp");
    expect(document.activeElement).toBe(item("c1498"));
    key(item("c1498"), "Home");
    expect(document.activeElement).toBe(item("c0"));
    expect(scroller.scrollTop).toBe(0);
    // Focus and selection change attributes only: a row under the pointer keeps its children
    // (replacing them between a press and its release would lose the click).
    pane.setSelected("c742");
    const inside = item("c742").firstChild;
    item("c742").focus();
    pane.setSelected("c742");
    expect(item("c742").firstChild).toBe(inside);
    expect(stops()).toEqual(["c742"]);
    expect(item("c742").getAttribute("aria-current")).toBe("true");
    expect(scroller.scrollTop).toBe(743 * 76 - 760); // brought into view
    // The Tab stop stays in the DOM wherever the list is scrolled.
    scroller.scrollTop = 0;
    pane.render(claims);
    expect(stops()).toEqual(["c742"]);
    // The tab stop's claim goes: the first item takes it.
    pane.render(claims.filter((c) => c.id !== "c742"));
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

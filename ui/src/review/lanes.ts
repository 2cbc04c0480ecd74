// The lanes of the review view: a column of units, one lane per coder and the gold lane, each
// unit a row across them (CSS subgrid keeps the rows aligned however tall a cell is).

import type { Claim, ReviewUnit } from "../ipc";
import { h } from "../dom";
import { GOLD, type Names, claimCell, differsWords } from "./describe";

export interface LanesDeps {
  names: Names;
  /** A unit row was clicked or chosen with the keyboard. */
  choose(index: number): void;
}

export class Lanes {
  readonly el: HTMLElement;
  private rows: HTMLElement[][] = [];

  constructor(private readonly deps: LanesDeps) {
    this.el = h("div", { class: "review-grid", role: "grid", "aria-label": "Units by coder" });
  }

  /** Draws the units across the coders' lanes (by name, in order) and the gold lane. */
  render(units: ReviewUnit[], coders: { id: string; name: string }[]): void {
    const rowCount = units.length + 1;
    this.rows = units.map(() => []);
    const column = (el: HTMLElement): HTMLElement => {
      el.style.setProperty("grid-row", `1 / span ${String(rowCount)}`);
      return el;
    };
    const unitCol = column(h("div", { class: "review-col review-units" }, h("div", { class: "review-head" }, "Unit")));
    units.forEach((u, i) => {
      const words = differsWords(u.differs);
      const decided = u.decision !== null;
      const row = h(
        "div",
        {
          class: "review-unit review-cell",
          "data-testid": "review-unit",
          "data-start": String(u.start),
          "data-end": String(u.end),
          "data-differs": words,
          "data-decided": String(decided),
          "data-row": String(i),
          tabindex: "-1",
          role: "rowheader",
        },
        h("span", { class: "unit-range" }, `${String(u.start)}–${String(u.end)}`),
        words === "" ? h("span", { class: "unit-flag same" }, "= agree") : h("span", { class: "unit-flag differs" }, `≠ ${words}`),
        decided ? h("span", { class: "unit-flag decided" }, `✓ ${u.decision?.action ?? ""}`) : null,
      );
      row.addEventListener("click", () => {
        this.deps.choose(i);
      });
      unitCol.append(row);
      this.rows[i]?.push(row);
    });
    const lanes = coders.map((k) => {
      const lane = column(h("div", { class: "review-col review-lane", "data-testid": "review-lane", "data-coder": k.name }, h("div", { class: "review-head" }, k.name)));
      units.forEach((u, i) => {
        const c = u.claims.find((x) => x.coder === k.id);
        lane.append(this.cell(i, c ? claimCell(c, this.deps.names, u.differs) : h("div", { class: "review-missing" }, "— no claim")));
      });
      return lane;
    });
    const gold = column(h("div", { class: "review-col review-lane gold-lane", "data-testid": "review-lane", "data-coder": GOLD }, h("div", { class: "review-head" }, "Gold")));
    units.forEach((u, i) => {
      const d = u.decision;
      const result: Claim | null = d?.result ?? null;
      const content = result
        ? claimCell(result, this.deps.names, null)
        : d
          ? h("div", { class: "review-missing" }, "✗ rejected: no claim")
          : h("div", { class: "review-missing" }, "undecided");
      gold.append(this.cell(i, content));
    });
    this.el.style.setProperty("grid-template-columns", `minmax(7rem, 9rem) repeat(${String(coders.length + 1)}, minmax(9rem, 1fr))`);
    this.el.replaceChildren(unitCol, ...lanes, gold);
  }

  private cell(i: number, content: HTMLElement): HTMLElement {
    const cell = h("div", { class: "review-cell", "data-row": String(i) }, content);
    cell.addEventListener("click", () => {
      this.deps.choose(i);
    });
    this.rows[i]?.push(cell);
    return cell;
  }

  /** Marks row `i` as the current unit (and scrolls it into view). */
  setCurrent(i: number | null, focus: boolean): void {
    this.rows.forEach((cells, j) => {
      for (const c of cells) c.classList.toggle("current", j === i);
      const head = cells[0];
      if (!head) return;
      if (j === i) head.setAttribute("aria-current", "true");
      else head.removeAttribute("aria-current");
      head.tabIndex = j === i ? 0 : -1;
    });
    const head = i === null ? undefined : this.rows[i]?.[0];
    if (!head) return;
    if (typeof head.scrollIntoView === "function") head.scrollIntoView({ block: "nearest" });
    if (focus) head.focus();
  }
}

// Search over every document's text and every claim's note (the core's full-text index): a box
// at the top of the documents pane; Enter lists the hits in place of the documents, each with
// its words marked in a snippet; choosing one opens that document (that version) with every
// match marked in the reader. Escape, or an emptied box, goes back to the documents.

import { type Ipc, MAX_SEARCH_HITS, type SearchHit } from "../ipc";
import { h } from "../dom";
import { afterNextPaint, mark } from "../perf";

/** Hits drawn before the first paint (a screenful); the rest follow it. A common word lists
 * 200 texts, and drawing them all before anything showed was most of a search's time in the
 * app; 16 rather than 40 took the first search after start-up from 134 to 114 ms (medians). */
const FIRST_HITS = 16;

export interface SearchDeps {
  ipc: Ipc;
  /** Opens the hit's document with its matches marked (and its claim, for a note). */
  show(hit: SearchHit): void;
  /** The results are shown (true) or gone (false): the documents list hides meanwhile. */
  showing(on: boolean): void;
  showError(e: unknown): void;
}

export class SearchBox {
  readonly input: HTMLInputElement;
  readonly results: HTMLElement;
  readonly el: HTMLElement;
  private seq = 0;

  constructor(private readonly deps: SearchDeps) {
    this.input = h("input", {
      type: "search",
      class: "search-input",
      "data-testid": "search-input",
      "aria-label": "Search the texts and notes of every document",
      placeholder: "Search texts and notes",
    });
    this.results = h("ul", { class: "search-results", "data-testid": "search-results", "aria-label": "Search results", hidden: true });
    const form = h("form", { class: "search-form", role: "search" }, this.input);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.run();
    });
    this.input.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.input.value = "";
        this.close();
      }
    });
    this.input.addEventListener("input", () => {
      if (this.input.value.trim() === "") this.close();
    });
    this.el = form;
  }

  async run(): Promise<void> {
    const query = this.input.value.trim();
    if (query === "") {
      this.close();
      return;
    }
    const seq = ++this.seq;
    mark("search:start");
    let hits: SearchHit[];
    try {
      hits = await this.deps.ipc.search(query);
    } catch (e) {
      this.deps.showError(e);
      return;
    }
    if (seq !== this.seq) return;
    this.render(query, hits.slice(0, FIRST_HITS), hits.length);
    await afterNextPaint();
    if (seq !== this.seq) return;
    mark("search:shown");
    // The rest below the first screenful, once the first is on screen.
    if (hits.length > FIRST_HITS) this.results.append(...hits.slice(FIRST_HITS).map((hit) => this.item(hit)));
  }

  close(): void {
    this.seq++;
    this.results.hidden = true;
    this.results.replaceChildren();
    this.deps.showing(false);
  }

  /** Shows the count of all `total` hits and the first of them, `hits`. */
  private render(query: string, hits: readonly SearchHit[], total: number): void {
    this.results.hidden = false;
    this.deps.showing(true);
    if (total === 0) {
      this.results.replaceChildren(h("li", { class: "empty", role: "status" }, `Nothing found for “${query}”.`));
      return;
    }
    this.results.replaceChildren(
      h(
        "li",
        { class: "search-count", role: "status" },
        total >= MAX_SEARCH_HITS
          ? `The first ${total} texts found: add words to narrow the search`
          : `${total} ${total === 1 ? "text" : "texts"} found`,
      ),
      ...hits.map((hit) => this.item(hit)),
    );
  }

  private item(hit: SearchHit): HTMLElement {
    const item = h(
      "li",
      {},
      h(
        "button",
        { type: "button", class: "search-hit", "data-testid": "search-hit", "data-document": hit.document, "data-kind": hit.kind },
        h("span", { class: "hit-title" }, hit.title, hit.version > 1 ? ` (version ${hit.version})` : "", hit.kind === "note" ? " · note" : ""),
        h("span", { class: "hit-snippet" }, ...marked(hit)),
        h("span", { class: "hit-count" }, `${hit.matches.length} ${hit.matches.length === 1 ? "match" : "matches"}`),
      ),
    );
    item.querySelector("button")?.addEventListener("click", () => {
      this.deps.show(hit);
    });
    return item;
  }
}

/** The snippet with each match inside it in a <mark> (offsets are code points). */
export function marked(hit: SearchHit): (string | HTMLElement)[] {
  const cps = Array.from(hit.snippet);
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const m of hit.matches) {
    const start = m.start - hit.snippet_start;
    const end = Math.min(m.end - hit.snippet_start, cps.length);
    if (start < at || start >= cps.length) continue;
    out.push(cps.slice(at, start).join(""), h("mark", {}, cps.slice(start, end).join("")));
    at = end;
  }
  out.push(cps.slice(at).join(""));
  return out;
}

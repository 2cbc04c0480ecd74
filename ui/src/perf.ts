// Marks in the page's performance timeline at the moments a user waits for (a document shown
// with its highlights, a claim painted, the app ready, search results shown). The app's
// benchmark (scripts/bench.sh ui) reads them from the real app; each name keeps only its latest
// mark, so the timeline does not grow with use.

export type PerfMark =
  | "app:interactive"
  | "open:start"
  | "open:fetched"
  | "open:rendered"
  | "open:laid-out"
  | "open:painted"
  | "code:key"
  | "code:saved"
  | "code:shown"
  | "code:painted"
  | "code:settled"
  | "search:start"
  | "search:shown";

export function mark(name: PerfMark): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  performance.clearMarks(name);
  performance.mark(name);
}

/** Resolves once the browser has produced the frame after now (a frame callback, then a task
 * after it: the frame's paint has happened by then). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === "undefined") {
      resolve();
      return;
    }
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** Resolves in a task after the current one: called from a frame callback (the painter's), it
 * runs once that frame has been rendered. */
export function nextTask(): Promise<void> {
  return delay(0);
}

/** Resolves in a task after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

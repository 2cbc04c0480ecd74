// Files dropped on the window: each read by the page and imported on its own, a bar showing how
// far the batch is, Cancel stopping it before the next file, and every file's fate reported.

import { describe, expect, it } from "vitest";
import { FakeIpc } from "../dev/fakeIpc";
import type { BatchReport } from "./fileReport";
import { MAX_IMPORT_BYTES } from "../ipc";
import { DropImport, type Dropped, fromDrop, toBase64 } from "./dropImport";


function setup(): { ipc: FakeIpc; drop: DropImport; reports: BatchReport[]; run: (files: Dropped[]) => Promise<void> } {
  const ipc = new FakeIpc();
  const reports: BatchReport[] = [];
  const target = document.createElement("div");
  const drop = new DropImport({ ipc, done: (r) => reports.push(r), showError: (e) => { throw e; } }, target, new AbortController().signal);
  document.body.append(drop.progress);
  // As a drop does: each file read by the page and sent by name and bytes.
  const run = (files: Dropped[]): Promise<void> =>
    drop.run(files.map((f) => fromDrop(ipc, f)));
  return { ipc, drop, reports, run };
}

const file = (name: string, text: string): { name: string; path: string; file: File } => ({ name, path: `dropped/${name}`, file: new File([text], name) });

describe("dropping files", () => {
  it("imports each file and reports every one, by its path in the dropped folder", async () => {
    const { ipc, drop, reports, run } = setup();
    await run([file("a.txt", "Первый текст 👍🏽"), file("b.pdf", "%PDF-1.7")]);
    expect(reports).toHaveLength(1);
    const [r] = reports;
    expect(r?.cancelled).toBe(false);
    expect(r?.files.map((f) => [f.path, f.outcome])).toEqual([
      ["dropped/a.txt", "imported"],
      ["dropped/b.pdf", "skipped"],
    ]);
    expect([...ipc.docs.values()].map((d) => d.text)).toEqual(["Первый текст 👍🏽"]);
    expect(drop.progress.hidden).toBe(true);
  });

  it("stops before the next file when cancelled, keeping what finished", async () => {
    const { drop, reports, run } = setup();
    const running = run([file("1.txt", "one"), file("2.txt", "two"), file("3.txt", "three")]);
    expect(drop.progress.hidden).toBe(false);
    drop.progress.querySelector<HTMLButtonElement>('[data-testid="cancel-import"]')?.click();
    await running;
    expect(reports[0]?.cancelled).toBe(true);
    expect(reports[0]?.files.map((f) => f.path)).toEqual(["dropped/1.txt"]);
    expect(reports[0]?.not_started).toBe(2);
  });

  it("refuses a file over the size limit without sending it", async () => {
    const { ipc, reports, run } = setup();
    const big = { name: "big.txt", path: "big.txt", file: new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], "big.txt") };
    await run([big]);
    expect(reports[0]?.files[0]?.outcome).toBe("skipped");
    expect(ipc.callsOf("importDropped")).toEqual([]);
  });

  it("sends bytes as base64 whatever their size", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Uint8Array.from(atob(toBase64(bytes)), (c) => c.charCodeAt(0))).toEqual(bytes);
  });
});

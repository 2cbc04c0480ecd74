// Batches of article files: dropped on the window (the page reads each file, folders walked
// through their entries, and hands the core its name and bytes: the page never sees a path) or
// chosen with "Import…" (the core reads each path). One file per call, so a bar shows how far
// the batch is and Cancel stops it before the next file (what finished stays, and the report
// says the rest was not started).

import type { FileResult, Ipc } from "../ipc";
import type { BatchReport } from "./fileReport";
import { MAX_IMPORT_BYTES } from "../ipc";
import { h } from "../dom";

export interface DropDeps {
  ipc: Ipc;
  /** The batch ended (finished or cancelled): every file's fate. */
  done(report: BatchReport): void;
  showError(e: unknown): void;
}

/** One file of a batch: the path the report names it by, and how it is imported. */
export interface Pending {
  path: string;
  import(): Promise<FileResult>;
}

/** A dropped file with the path it had inside the dropped folders (for the report). */
export interface Dropped {
  name: string;
  path: string;
  file: File;
}

/** Bytes as base64, in slices (a whole article at once overflows String.fromCharCode). */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(s);
}

/** A file's bytes (FileReader: every engine has it, the test DOM too). */
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      resolve(new Uint8Array(r.result as ArrayBuffer));
    };
    r.onerror = () => {
      reject(r.error ?? new Error(`cannot read ${file.name}`));
    };
    r.readAsArrayBuffer(file);
  });
}

/** Every file under a dropped entry (a folder is walked recursively). */
async function filesOf(entry: FileSystemEntry, prefix: string): Promise<Dropped[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => {
      (entry as FileSystemFileEntry).file(resolve, reject);
    });
    return [{ name: entry.name, path: prefix + entry.name, file }];
  }
  if (!entry.isDirectory) return [];
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => {
      reader.readEntries(resolve, reject);
    });
    if (batch.length === 0) break;
    children.push(...batch);
  }
  children.sort((a, b) => a.name.localeCompare(b.name));
  const out: Dropped[] = [];
  for (const c of children) out.push(...(await filesOf(c, `${prefix}${entry.name}/`)));
  return out;
}

/** What was dropped, taken while the drop event lasts (its DataTransfer is emptied after):
 * the entries, to walk folders, and the files themselves. */
function taken(dt: DataTransfer): { entries: FileSystemEntry[]; files: Dropped[] } {
  const entries = [...dt.items]
    .map((item) => (typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  const files = [...dt.files].map((file) => ({ name: file.name, path: file.name, file }));
  return { entries, files };
}

/** The files to import: folders walked through their entries where the engine gives them (a
 * drop from the desktop), else the files as dropped (a drop made by a page has no entries to
 * read). */
async function dropped(what: { entries: FileSystemEntry[]; files: Dropped[] }): Promise<Dropped[]> {
  try {
    const out: Dropped[] = [];
    for (const e of what.entries) out.push(...(await filesOf(e, "")));
    if (out.length > 0) return out;
  } catch {
    // Entries that cannot be read: the files themselves are there.
  }
  return what.files;
}

/** A dropped file as one file of a batch: its bytes sent to the core by name (one over the size
 * limit is refused here, unsent). */
export function fromDrop(ipc: Ipc, f: Dropped): Pending {
  return {
    path: f.path,
    import: async () => {
      if (f.file.size > MAX_IMPORT_BYTES) {
        const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);
        return {
          path: f.path,
          outcome: "skipped",
          reason: "too_large",
          error: { code: "too_large", message: `${f.path} is ${mib(f.file.size)} MiB; articles of up to ${mib(MAX_IMPORT_BYTES)} MiB are imported` },
        };
      }
      const result = await ipc.importDropped(f.name, toBase64(await readBytes(f.file)));
      return { ...result, path: f.path };
    },
  };
}

export class DropImport {
  /** Shown while files are dragged over the window. */
  readonly overlay = h("div", { class: "drop-overlay", "data-testid": "drop-overlay", hidden: true }, h("p", {}, "Drop articles or folders to import them"));
  /** The batch's progress and its Cancel. */
  readonly progress: HTMLElement;
  private readonly bar = h("progress", { "data-testid": "import-progress-bar", max: "1", value: "0" });
  private readonly label = h("span", { class: "import-progress-label", "data-testid": "import-progress-label" });
  private cancelled = false;
  private running = false;

  constructor(
    private readonly deps: DropDeps,
    target: HTMLElement,
    signal: AbortSignal,
  ) {
    const cancel = h("button", { type: "button", "data-testid": "cancel-import" }, "Cancel");
    cancel.addEventListener("click", () => {
      this.cancelled = true;
      cancel.disabled = true;
    });
    this.progress = h("div", { class: "import-progress", role: "status", "data-testid": "drop-progress", hidden: true }, this.label, this.bar, cancel);
    const hasFiles = (e: DragEvent): boolean => e.dataTransfer?.types.includes("Files") ?? false;
    target.addEventListener("dragover", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = "copy";
      this.overlay.hidden = false;
    }, { signal });
    target.addEventListener("dragleave", (e) => {
      if (e.relatedTarget === null) this.overlay.hidden = true;
    }, { signal });
    target.addEventListener("drop", (e) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      this.overlay.hidden = true;
      void dropped(taken(e.dataTransfer)).then((files) => this.run(files.map((f) => fromDrop(this.deps.ipc, f))), (err: unknown) => {
        this.deps.showError(err);
      });
    }, { signal });
  }

  /** Imports `files` one after another, unless a batch is already running. */
  async run(files: Pending[]): Promise<void> {
    if (this.running || files.length === 0) return;
    this.running = true;
    this.cancelled = false;
    const cancel = this.progress.querySelector("button");
    if (cancel) cancel.disabled = false;
    this.progress.hidden = false;
    const results: FileResult[] = [];
    try {
      for (const [i, f] of files.entries()) {
        if (this.wasCancelled()) {
          this.deps.done({ files: results, cancelled: true, not_started: files.length - i });
          return;
        }
        this.bar.max = files.length;
        this.bar.value = i;
        this.label.textContent = `Importing ${i + 1} of ${files.length}: ${f.path}`;
        results.push(await f.import());
      }
      this.deps.done({ files: results, cancelled: false, not_started: 0 });
    } finally {
      this.running = false;
      this.progress.hidden = true;
    }
  }

  /** Asked between files: Cancel is pressed while a file is being imported. */
  private wasCancelled(): boolean {
    return this.cancelled;
  }
}

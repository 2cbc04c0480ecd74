// Undo/redo of claim changes. Every change is saved at once through the ipc; each records how
// to reverse it and redo it, again through the ipc:
//   create  ↔ deleteClaim / restoreClaim (restoring keeps the claim's id)
//   update  ↔ updateClaim with the previous / the new full ClaimEdit
//   delete  ↔ restoreClaim / deleteClaim
// Changes that are not a claim's (a speaker edited or merged, speakers/speakerOps.ts) join the
// same queue and the same stack through `perform`, so Ctrl+Z undoes whatever was done last.
// Operations run one at a time, in order, so fast keystrokes cannot interleave their saves.

import { type Claim, type ClaimEdit, type Ipc, IpcError, type NewClaim } from "../ipc";

export interface UndoEntry {
  /** What the change did, for "Undone: …" ("deleted claim"). */
  readonly label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export class UndoStack {
  private readonly done: UndoEntry[] = [];
  private readonly undone: UndoEntry[] = [];

  constructor(private readonly limit = 500) {}

  push(entry: UndoEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Undoes the last change; returns its label, or null when there is none. A failed undo
   * leaves the stack as it was, so it can be tried again. */
  async undo(): Promise<string | null> {
    const e = this.done.pop();
    if (!e) return null;
    try {
      await e.undo();
    } catch (err) {
      this.done.push(e);
      throw err;
    }
    this.undone.push(e);
    return e.label;
  }

  async redo(): Promise<string | null> {
    const e = this.undone.pop();
    if (!e) return null;
    try {
      await e.redo();
    } catch (err) {
      this.undone.push(e);
      throw err;
    }
    this.done.push(e);
    return e.label;
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }
}

/** Told of every claim the core has saved or removed, whether by a change, an undo or a redo. */
export interface ClaimSink {
  saved(claim: Claim): void;
  removed(claim: Claim): void;
}

export function editOf(c: Claim): ClaimEdit {
  return {
    id: c.id,
    start: c.start,
    end: c.end,
    quote: c.quote,
    status: c.status,
    speaker: c.speaker,
    cue: c.cue,
    note: c.note,
  };
}

/** Claim changes through the ipc, each recorded on the undo stack. */
export class ClaimOps {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ipc: Ipc,
    private readonly sink: ClaimSink,
    /** The claim as the UI knows it now (kept current by the sink). */
    private readonly lookup: (id: string) => Claim | undefined,
    readonly stack = new UndoStack(),
  ) {}

  /** Runs `fn` after every earlier operation has settled. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }

  create(nc: NewClaim): Promise<Claim> {
    return this.serial(async () => {
      const claim = await this.ipc.createClaim(nc);
      this.sink.saved(claim);
      let current = claim;
      this.stack.push({
        label: "created claim",
        undo: async () => {
          current = await this.ipc.deleteClaim(current.id);
          this.sink.removed(current);
        },
        redo: async () => {
          current = await this.ipc.restoreClaim(current);
          this.sink.saved(current);
        },
      });
      return claim;
    });
  }

  /**
   * Changes claim `id` by `change`, applied inside the queue to the claim as it is then (not
   * as it was when the user acted), so quick successive edits never undo each other.
   */
  update(id: string, change: (edit: ClaimEdit) => ClaimEdit, label: string): Promise<Claim> {
    return this.serial(async () => {
      const before = this.lookup(id);
      if (!before) throw new IpcError("not_found", "That claim is no longer there.");
      const prev = editOf(before);
      const edit = change(editOf(before));
      const claim = await this.ipc.updateClaim(edit);
      this.sink.saved(claim);
      this.stack.push({
        label,
        undo: async () => {
          this.sink.saved(await this.ipc.updateClaim(prev));
        },
        redo: async () => {
          this.sink.saved(await this.ipc.updateClaim(edit));
        },
      });
      return claim;
    });
  }

  delete(id: string): Promise<Claim> {
    return this.serial(async () => {
      let deleted = await this.ipc.deleteClaim(id);
      this.sink.removed(deleted);
      this.stack.push({
        label: "deleted claim",
        undo: async () => {
          deleted = await this.ipc.restoreClaim(deleted);
          this.sink.saved(deleted);
        },
        redo: async () => {
          deleted = await this.ipc.deleteClaim(deleted.id);
          this.sink.removed(deleted);
        },
      });
      return deleted;
    });
  }

  /** Runs another kind of change in the queue and records its entry (made from its answer). */
  perform<T>(run: () => Promise<T>, entry: (answer: T) => UndoEntry): Promise<T> {
    return this.serial(async () => {
      const answer = await run();
      this.stack.push(entry(answer));
      return answer;
    });
  }

  undo(): Promise<string | null> {
    return this.serial(() => this.stack.undo());
  }

  redo(): Promise<string | null> {
    return this.serial(() => this.stack.redo());
  }
}

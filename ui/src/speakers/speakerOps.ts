// Speakers changed through the ipc, each change on the app's one undo stack (coding/undo.ts):
//   edit  ↔ editSpeaker with the previous / the new complete state
//   merge ↔ unmergeSpeakers with the merge's answer (the merged speaker back with its id and its
//           claims) / mergeSpeakers again
// Whoever shows speakers or claims is told what changed, whether by a change, an undo or a redo.

import type { Claim, Ipc, Speaker, SpeakerEdit, SpeakerMerge } from "../ipc";
import { IpcError } from "../ipc";
import type { ClaimOps } from "../coding/undo";

export interface SpeakerChange {
  /** Speakers as they now are. */
  saved: Speaker[];
  /** Ids of speakers that are gone. */
  removed: string[];
  /** Claims whose speaker changed. */
  claims: Claim[];
}

export interface SpeakerSink {
  changed(change: SpeakerChange): void;
}

/** A speaker's complete state as an edit (what an undo sets back). */
function speakerEditOf(s: Speaker): SpeakerEdit {
  return { id: s.id, name: s.name, kind: s.kind, aliases: [...s.aliases] };
}

export class SpeakerOps {
  constructor(
    private readonly ipc: Ipc,
    private readonly ops: ClaimOps,
    private readonly sink: SpeakerSink,
    /** The speaker as the app knows it now (kept current by the sink). */
    private readonly lookup: (id: string) => Speaker | undefined,
  ) {}

  /** Changes speaker `id` by `change`, applied inside the queue to the speaker as it is then,
   * so that quick successive edits (a kind, then an alias) never undo each other. */
  edit(id: string, change: (edit: SpeakerEdit) => SpeakerEdit, label: string): Promise<Speaker> {
    const save = async (e: SpeakerEdit): Promise<Speaker> => {
      const s = await this.ipc.editSpeaker(e);
      this.sink.changed({ saved: [s], removed: [], claims: [] });
      return s;
    };
    let before: SpeakerEdit | null = null;
    let after: SpeakerEdit | null = null;
    return this.ops.perform(
      () => {
        const now = this.lookup(id);
        if (!now) throw new IpcError("not_found", "That speaker is no longer there.");
        before = speakerEditOf(now);
        after = change(speakerEditOf(now));
        return save(after);
      },
      () => {
        const [b, a] = [before, after];
        if (!b || !a) throw new Error("unreachable: the edit ran");
        return {
          label,
          undo: async () => {
            await save(b);
          },
          redo: async () => {
            await save(a);
          },
        };
      },
    );
  }

  /** Merges `from` into `into`: its claims follow, its names become aliases. */
  merge(from: Speaker, into: Speaker): Promise<SpeakerMerge> {
    const run = async (): Promise<SpeakerMerge> => {
      const m = await this.ipc.mergeSpeakers(from.id, into.id);
      this.sink.changed({ saved: [m.speaker], removed: [from.id], claims: m.claims });
      return m;
    };
    return this.ops.perform(run, (first) => {
      // The undo needs the answer of the merge it undoes: a redo makes a new one.
      let merge = first;
      return {
        label: `merged “${from.name}” into “${into.name}”`,
        undo: async () => {
          const u = await this.ipc.unmergeSpeakers(merge);
          this.sink.changed({ saved: [u.kept, u.restored], removed: [], claims: u.claims });
        },
        redo: async () => {
          merge = await run();
        },
      };
    });
  }
}

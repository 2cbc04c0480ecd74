// An in-memory stand-in for the core, behind the same Ipc interface. The unit and component
// tests use it, and so does `npm run dev` in a plain browser (no Tauri) for working on the UI.
// It checks what the core checks (spans in code points, the quote matching the text), so a UI
// that sends wrong offsets fails here as it would against the real app.

import type {
  Agreement,
  AgreementOptions,
  Claim,
  ClaimEdit,
  Coder,
  Decision,
  Document,
  DocumentSummary,
  ExportFormat,
  ExportScope,
  ExportSummary,
  ImportReport,
  NewClaim,
  NewDecision,
  NewSpeaker,
  DocumentEdit,
  MergeSuggestion,
  SpeakerEdit,
  SpeakerMerge,
  SpeakerUse,
  ReviewUnit,
  Session,
  Speaker,
} from "../ipc";
import { DEFAULT_MIN_JACCARD, IpcError, type Ipc } from "../ipc";
import { compareClaims } from "../reader/claimIndex";
import { GOLD, emptyAgreement, fakeDraft, fakeUnits } from "./fakeReview";

const CONTEXT = 32;

export class FakeIpc implements Ipc {
  docs = new Map<string, Document>();
  claims = new Map<string, Claim>();
  speakers = new Map<string, Speaker>();
  coder: Coder | null = null;
  projectPath = "/home/analyst/Claimcoder/default.claimcoder";
  recent: string[] = [];
  /** Every call made, in order: [command, argument]. */
  calls: [string, unknown][] = [];
  /** When set, the next call of this command fails with this error. */
  failNext: { command: string; error: IpcError } | null = null;
  /** Coders other than the current one (the current one is always listed). */
  otherCoders: Coder[] = [];
  /** The answer of the next save dialog (null = cancelled). */
  nextExportPath: string | null = null;
  /** The answer of the next open dialog for annotation sets ([] = cancelled). */
  nextSetFiles: string[] = [];
  /** A file system for exports and imports: path → contents. */
  files = new Map<string, string>();
  /** When set, exportClaims and importSetFiles wait for this before answering (to see progress). */
  gate: Promise<void> | null = null;
  /** Every decision made, oldest first (undone ones stay, marked). */
  decisions: Decision[] = [];
  /** What `agreement` answers; when null, a report with every figure undefined. */
  agreementResult: Agreement | null = null;
  /** The answer of the next audit-trail save dialog (null = cancelled). */
  nextAuditPath: string | null = null;
  private seq = 0;

  /** @param idPrefix starts every id this fake makes (two fakes that exchange sets need
   * different ones, as the core's UUIDs differ between machines). */
  constructor(readonly idPrefix = "") {}

  private id(prefix: string): string {
    this.seq += 1;
    return `${this.idPrefix}${prefix}-${this.seq}`;
  }

  private now(): string {
    return new Date(Date.UTC(2025, 0, 1, 0, 0, this.seq)).toISOString();
  }

  /** Records the call, then answers asynchronously like the real bridge (errors reject). */
  private async op<T>(command: string, arg: unknown, fn: () => T | Promise<T>): Promise<T> {
    this.calls.push([command, arg]);
    await Promise.resolve();
    const f = this.failNext;
    if (f && f.command === command) {
      this.failNext = null;
      throw f.error;
    }
    return await fn();
  }

  callsOf(command: string): unknown[] {
    return this.calls.filter(([c]) => c === command).map(([, a]) => a);
  }

  addDocument(title: string, text: string, source: Partial<Document["source"]> = {}): Document {
    const doc: Document = {
      id: this.id("doc"),
      title,
      text,
      source: { url: null, publisher: null, author: null, published: null, ...source },
      length: [...text].length,
      version: 1,
      created: this.now(),
    };
    this.docs.set(doc.id, doc);
    return doc;
  }

  /** Adds a claim over the first occurrence of `phrase` (for demos and tests). */
  addClaim(docId: string, phrase: string, status: Claim["status"], speaker: string | null = null, note: string | null = null): Claim {
    const doc = this.docs.get(docId);
    const at = doc ? doc.text.indexOf(phrase) : -1;
    if (!doc || at < 0) throw new Error(`${phrase} is not in ${docId}`);
    const start = [...doc.text.slice(0, at)].length;
    const end = start + [...phrase].length;
    const ctx = this.check(docId, start, end, phrase);
    const now = this.now();
    const c: Claim = {
      id: this.id("claim"), document: docId, start, end, quote: phrase, ...ctx, status, speaker, cue: null, note,
      coder: this.coder?.id ?? "coder-0", created: now, modified: now,
    };
    this.claims.set(c.id, c);
    return c;
  }

  addSpeaker(name: string, aliases: string[] = [], kind: Speaker["kind"] = "person"): Speaker {
    const s: Speaker = { id: this.id("spk"), name, kind, aliases };
    this.speakers.set(s.id, s);
    return s;
  }

  private summary(d: Document): DocumentSummary {
    let count = 0;
    for (const c of this.claims.values()) if (c.document === d.id) count++;
    return {
      id: d.id,
      title: d.title,
      publisher: d.source.publisher,
      length: d.length,
      claim_count: count,
      created: d.created,
    };
  }

  private session_(): Session {
    return { project_path: this.projectPath, coder: this.coder, recent_projects: [...this.recent] };
  }

  private check(docId: string, start: number, end: number, quote: string): { prefix: string; suffix: string } {
    const doc = this.docs.get(docId);
    if (!doc) throw new IpcError("not_found", `no document ${docId}`);
    const cps = [...doc.text];
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= cps.length)) {
      throw new IpcError("invalid_span", `invalid span ${start}..${end} for a text of ${cps.length} code points`);
    }
    const actual = cps.slice(start, end).join("");
    if (actual !== quote) {
      throw new IpcError("quote_mismatch", `the quote does not match the text at ${start}..${end}`);
    }
    return {
      prefix: cps.slice(Math.max(0, start - CONTEXT), start).join(""),
      suffix: cps.slice(end, end + CONTEXT).join(""),
    };
  }

  session(): Promise<Session> {
    return this.op("session", null, () => {
      return this.session_();
    });
  }

  setCoder(name: string): Promise<Coder> {
    return this.op("setCoder", name, () => {
      if (name.trim() === "") throw new IpcError("empty_input", "The coder's name is empty.");
      this.coder = { id: this.id("coder"), name: name.trim() };
      return this.coder;
    });
  }

  listDocuments(): Promise<DocumentSummary[]> {
    return this.op("listDocuments", null, () => {
      return [...this.docs.values()].map((d) => this.summary(d));
    });
  }

  getDocument(id: string): Promise<Document> {
    return this.op("getDocument", id, () => {
      const d = this.docs.get(id);
      if (!d) throw new IpcError("not_found", `no document ${id}`);
      return d;
    });
  }

  importText(title: string | null, text: string): Promise<DocumentSummary> {
    return this.op("importText", { title, text }, () => {
      if (text.trim() === "") throw new IpcError("empty_input", "The text is empty.");
      const d = this.addDocument(title ?? (text.split("\n")[0] ?? "Untitled").slice(0, 80), text);
      return this.summary(d);
    });
  }

  importFilesDialog(): Promise<DocumentSummary[]> {
    return this.op("importFilesDialog", null, () => {
      return [];
    });
  }

  listClaims(document: string): Promise<Claim[]> {
    return this.op("listClaims", document, () => {
      return [...this.claims.values()].filter((c) => c.document === document).sort(compareClaims);
    });
  }

  createClaim(claim: NewClaim): Promise<Claim> {
    return this.op("createClaim", claim, () => {
      if (!this.coder) throw new IpcError("no_coder", "Set the coder's name first.");
      const ctx = this.check(claim.document, claim.start, claim.end, claim.quote);
      const now = this.now();
      const c: Claim = { ...claim, ...ctx, id: this.id("claim"), coder: this.coder.id, created: now, modified: now };
      this.claims.set(c.id, c);
      return c;
    });
  }

  updateClaim(edit: ClaimEdit): Promise<Claim> {
    return this.op("updateClaim", edit, () => {
      const old = this.claims.get(edit.id);
      if (!old) throw new IpcError("not_found", `no claim ${edit.id}`);
      if (edit.speaker !== null && !this.speakers.has(edit.speaker)) {
        throw new IpcError("not_found", `no speaker ${edit.speaker}`);
      }
      const ctx = this.check(old.document, edit.start, edit.end, edit.quote);
      const c: Claim = { ...old, ...edit, ...ctx, modified: this.now() };
      this.claims.set(c.id, c);
      return c;
    });
  }

  deleteClaim(id: string): Promise<Claim> {
    return this.op("deleteClaim", id, () => {
      const c = this.claims.get(id);
      if (!c) throw new IpcError("not_found", `no claim ${id}`);
      this.claims.delete(id);
      return c;
    });
  }

  restoreClaim(claim: Claim): Promise<Claim> {
    return this.op("restoreClaim", claim, () => {
      if (this.claims.has(claim.id)) throw new IpcError("claim_exists", `claim ${claim.id} exists`);
      this.check(claim.document, claim.start, claim.end, claim.quote);
      this.claims.set(claim.id, claim);
      return claim;
    });
  }

  listSpeakers(): Promise<Speaker[]> {
    return this.op("listSpeakers", null, () => {
      return [...this.speakers.values()];
    });
  }

  createSpeaker(speaker: NewSpeaker): Promise<Speaker> {
    return this.op("createSpeaker", speaker, () => {
      if (speaker.name.trim() === "") throw new IpcError("empty_input", "The speaker's name is empty.");
      const s: Speaker = { ...speaker, name: speaker.name.trim(), id: this.id("spk") };
      this.speakers.set(s.id, s);
      return s;
    });
  }

  editDocument(edit: DocumentEdit): Promise<Document> {
    return this.op("editDocument", edit, () => {
      const d = this.docs.get(edit.id);
      if (!d) throw new IpcError("not_found", `no document with id ${edit.id}`);
      const changed: Document = { ...d, title: edit.title.trim(), source: edit.source };
      this.docs.set(d.id, changed);
      return changed;
    });
  }

  /** Storage only: counts by coder name; no core rule is modelled here. */
  speakerUses(): Promise<SpeakerUse[]> {
    return this.op("speakerUses", null, () =>
      [...this.speakers.values()].map((speaker) => {
        const citing = [...this.claims.values()].filter((c) => c.speaker === speaker.id);
        const names = new Map<string, number>();
        for (const c of citing) {
          const name = this.allCoders().find((k) => k.id === c.coder)?.name ?? c.coder;
          names.set(name, (names.get(name) ?? 0) + 1);
        }
        return { speaker, claims: citing.length, by_coder: [...names].map(([coder, claims]) => ({ coder, claims })) };
      }),
    );
  }

  editSpeaker(edit: SpeakerEdit): Promise<Speaker> {
    return this.op("editSpeaker", edit, () => {
      if (!this.speakers.has(edit.id)) throw new IpcError("not_found", `no speaker with id ${edit.id}`);
      const s: Speaker = { ...edit, name: edit.name.trim() };
      this.speakers.set(s.id, s);
      return s;
    });
  }

  // Merging speakers and suggesting merges are the core's rules: the fake does not model them.
  mergeSpeakers(from: string, into: string): Promise<SpeakerMerge> {
    return this.op("mergeSpeakers", { from, into }, () => {
      throw new IpcError("ipc", "mergeSpeakers: no recorded answer in the fake");
    });
  }

  mergeSuggestions(): Promise<MergeSuggestion[]> {
    return this.op("mergeSuggestions", null, () => {
      throw new IpcError("ipc", "mergeSuggestions: no recorded answer in the fake");
    });
  }

  openProjectDialog(): Promise<Session | null> {
    return this.op("openProjectDialog", null, () => {
      return null;
    });
  }

  newProjectDialog(): Promise<Session | null> {
    return this.op("newProjectDialog", null, () => {
      return null;
    });
  }

  openProject(path: string): Promise<Session> {
    return this.op("openProject", path, () => {
      this.recent = [this.projectPath, ...this.recent.filter((p) => p !== path && p !== this.projectPath)];
      this.projectPath = path;
      return this.session_();
    });
  }

  // ---- annotation sets -------------------------------------------------------------------
  // A small model of the core's merge: documents are matched by their text, speakers by name,
  // claims by id; a claim whose quote is not at its offsets is re-anchored where the quote
  // occurs once, and refused otherwise; a set with refusals writes nothing unless accepted.

  private coderName(id: string): string | null {
    if (this.coder?.id === id) return this.coder.name;
    return this.otherCoders.find((c) => c.id === id)?.name ?? null;
  }

  listCoders(): Promise<Coder[]> {
    return this.op("listCoders", null, () => {
      return [...(this.coder ? [this.coder] : []), ...this.otherCoders];
    });
  }

  pickExportPath(format: ExportFormat): Promise<string | null> {
    return this.op("pickExportPath", format, () => {
      return this.nextExportPath;
    });
  }

  exportClaims(scope: ExportScope, format: ExportFormat, path: string): Promise<ExportSummary> {
    return this.op("exportClaims", { scope, format, path }, async () => {
      if (this.gate) await this.gate;
      const wanted = scope.coder?.toLowerCase() ?? null;
      const claims = [...this.claims.values()].filter(
        (c) =>
          (wanted === null || this.coderName(c.coder)?.toLowerCase() === wanted) &&
          (scope.documents.length === 0 || scope.documents.includes(c.document)) &&
          (scope.statuses.length === 0 || scope.statuses.includes(c.status)),
      );
      const docs = [...this.docs.values()].filter(
        (d) => (scope.documents.length === 0 ? claims.some((c) => c.document === d.id) : scope.documents.includes(d.id)),
      );
      const speakerIds = new Set(claims.map((c) => c.speaker).filter((s) => s !== null));
      const set: FakeSet = {
        format: "claimcoder/annotation-set",
        version: 1,
        documents: docs.map(({ id, title, text, source }) => ({ id, title, text, source })),
        speakers: [...this.speakers.values()].filter((s) => speakerIds.has(s.id)),
        claims: claims.map((c) => ({ ...c, coder: this.coderName(c.coder) })),
      };
      const text = JSON.stringify(set, null, 2);
      this.files.set(path, text);
      return { path, format, documents: docs.length, claims: claims.length, bytes: new TextEncoder().encode(text).length };
    });
  }

  pickSetFiles(): Promise<string[]> {
    return this.op("pickSetFiles", null, () => {
      return [...this.nextSetFiles];
    });
  }

  importSetFiles(paths: string[], acceptPartial: boolean): Promise<ImportReport[]> {
    return this.op("importSetFiles", { paths, acceptPartial }, async () => {
      if (this.gate) await this.gate;
      // Like the core: every file gets a report, an unreadable one with its error.
      return paths.map((p) => {
        try {
          return this.importSet(p, acceptPartial);
        } catch (e) {
          if (!(e instanceof IpcError) || e.code === "ipc") throw e;
          return { ...emptyReport(p), imported: false, error: { code: e.code, message: e.message } };
        }
      });
    });
  }

  private importSet(path: string, acceptPartial: boolean): ImportReport {
    const text = this.files.get(path);
    if (text === undefined) throw new IpcError("io", `cannot read ${path}: no such file`);
    let set: FakeSet;
    try {
      set = JSON.parse(text) as FakeSet;
    } catch (e) {
      throw new IpcError("invalid_file", `${path}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (set.format !== "claimcoder/annotation-set") {
      throw new IpcError("invalid_file", `${path}: no "format": "claimcoder/annotation-set": not an annotation set`);
    }
    const report = emptyReport(path);
    const writes: (() => void)[] = [];
    const docIds = new Map<string, string>();
    const texts = new Map<string, string>();
    for (const d of set.documents) {
      texts.set(d.id, d.text);
      const known = [...this.docs.values()].find((x) => x.text === d.text);
      if (known) {
        report.documents_matched++;
        docIds.set(d.id, known.id);
      } else {
        report.documents_added++;
        docIds.set(d.id, d.id);
        writes.push(() => this.docs.set(d.id, { ...d, length: [...d.text].length, version: 1, created: this.now() }));
      }
    }
    const speakerIds = new Map<string, string>();
    for (const s of set.speakers) {
      const known = [...this.speakers.values()].find((x) => x.name.toLowerCase() === s.name.toLowerCase());
      if (known) {
        report.speakers_matched++;
        speakerIds.set(s.id, known.id);
      } else {
        report.speakers_added++;
        speakerIds.set(s.id, s.id);
        writes.push(() => this.speakers.set(s.id, s));
      }
    }
    const coders = new Set<string>();
    for (const c of set.claims) {
      if (c.coder !== null) coders.add(c.coder);
      const old = this.claims.get(c.id);
      if (old) {
        if (old.modified >= c.modified) report.claims_unchanged++;
        else report.claims_updated++;
        continue;
      }
      const docId = docIds.get(c.document) ?? c.document;
      const docText = texts.get(c.document) ?? this.docs.get(docId)?.text ?? "";
      const cps = [...docText];
      let { start, end } = c;
      if (cps.slice(start, end).join("") !== c.quote) {
        const at = docText.indexOf(c.quote);
        if (at < 0 || docText.indexOf(c.quote, at + 1) >= 0) {
          report.refused.push({ claim: c.id, message: `its quote “${c.quote}” is not in the text` });
          continue;
        }
        start = [...docText.slice(0, at)].length;
        end = start + [...c.quote].length;
        report.reanchored.push({ claim: c.id, message: `moved from ${c.start}..${c.end} to ${start}..${end} by its quote` });
      }
      report.claims_added++;
      const claim: Claim = {
        ...c, document: docId, start, end,
        speaker: c.speaker === null ? null : (speakerIds.get(c.speaker) ?? c.speaker),
        coder: this.coderIdFor(c.coder),
      };
      writes.push(() => this.claims.set(claim.id, claim));
    }
    report.coders = [...coders];
    report.notes = set.notes ?? [];
    if (report.refused.length > 0 && !acceptPartial) {
      // As the core does: claims are counted as they are written, so none are.
      report.imported = false;
      report.claims_added = 0;
      report.claims_updated = 0;
      report.claims_unchanged = 0;
      return report;
    }
    for (const w of writes) w();
    return report;
  }

  private coderIdFor(name: string | null): string {
    if (name === null) return this.coder?.id ?? "coder-0";
    if (this.coder?.name === name) return this.coder.id;
    const known = this.otherCoders.find((c) => c.name === name);
    if (known) return known.id;
    const c = { id: this.id("coder"), name };
    this.otherCoders.push(c);
    return c.id;
  }

  // ---- review ----------------------------------------------------------------------------

  /** The coders known to the fake (the current one first). */
  private allCoders(): Coder[] {
    return [...(this.coder ? [this.coder] : []), ...this.otherCoders];
  }

  agreement(options: AgreementOptions): Promise<Agreement> {
    return this.op("agreement", options, () => {
      return this.agreementResult ?? emptyAgreement(this.allCoders(), options);
    });
  }

  reviewUnits(document: string, coders: string[], minJaccard: number | null): Promise<ReviewUnit[]> {
    return this.op("reviewUnits", { document, coders, minJaccard }, () => {
      const on = [...this.claims.values()].filter((c) => c.document === document);
      const chosen = coders.length === 0
        ? this.allCoders().filter((k) => k.name !== GOLD && on.some((c) => c.coder === k.id))
        : coders.map((n) => {
          const k = this.allCoders().find((x) => x.name === n);
          if (!k) throw new IpcError("not_found", `no coder ${n}`);
          return k;
        });
      const decided = this.decisions.filter((d) => d.document === document);
      return fakeUnits(on, chosen, minJaccard ?? DEFAULT_MIN_JACCARD, decided);
    });
  }

  adjudicate(decision: NewDecision): Promise<Decision> {
    return this.op("adjudicate", decision, () => {
      if (!this.coder) throw new IpcError("no_coder", "Set the coder's name first.");
      const considered = decision.considered.map((id) => {
        const c = this.claims.get(id);
        if (!c || c.document !== decision.document) throw new IpcError("not_found", `no claim ${id}`);
        return c;
      });
      const earlier = this.decisions.find((d) => d.undone_at === null && d.considered.some((c) => decision.considered.includes(c.id)));
      if (earlier) throw new IpcError("already_decided", "this unit was already decided; undo that decision first");
      const draft = fakeDraft(decision, considered);
      const now = this.now();
      let result: Claim | null = null;
      if (draft) {
        const ctx = this.check(decision.document, draft.start, draft.end, draft.quote);
        result = { ...draft, ...ctx, id: this.id("claim"), coder: this.coderIdFor(GOLD), created: now, modified: now };
        this.claims.set(result.id, result);
      }
      const d: Decision = {
        id: this.id("decision"),
        document: decision.document,
        unit_start: Math.min(...considered.map((c) => c.start)),
        unit_end: Math.max(...considered.map((c) => c.end)),
        action: decision.action,
        considered,
        chosen: decision.chosen,
        result,
        reason: decision.reason.trim(),
        decided_by: this.coder.name,
        decided_at: now,
        undone_at: null,
        undone_by: null,
      };
      this.decisions.push(d);
      return d;
    });
  }

  undoDecision(id: string): Promise<Decision> {
    return this.op("undoDecision", id, () => {
      const i = this.decisions.findIndex((d) => d.id === id);
      const d = this.decisions[i];
      if (!d) throw new IpcError("not_found", `no decision ${id}`);
      if (d.undone_at !== null) throw new IpcError("already_undone", `decision ${id} was already undone`);
      if (d.result) this.claims.delete(d.result.id);
      const undone: Decision = { ...d, undone_at: this.now(), undone_by: this.coder?.name ?? null };
      this.decisions[i] = undone;
      return undone;
    });
  }

  listDecisions(document: string | null): Promise<Decision[]> {
    return this.op("listDecisions", document, () => {
      return this.decisions.filter((d) => document === null || d.document === document);
    });
  }

  pickAuditPath(asCsv: boolean): Promise<string | null> {
    return this.op("pickAuditPath", asCsv, () => {
      return this.nextAuditPath;
    });
  }

  exportDecisions(path: string, asCsv: boolean): Promise<number> {
    return this.op("exportDecisions", { path, asCsv }, () => {
      const rows = this.decisions.map((d) => [d.id, d.action, d.decided_by, d.reason].join(","));
      this.files.set(path, asCsv ? ["id,action,decided_by,reason", ...rows].join("\n") : JSON.stringify(this.decisions));
      return this.decisions.length;
    });
  }
}

/** The fake's annotation set file (a simplified copy of the core's format). */
interface FakeSet {
  format: string;
  version: number;
  documents: Pick<Document, "id" | "title" | "text" | "source">[];
  speakers: Speaker[];
  claims: (Omit<Claim, "coder"> & { coder: string | null })[];
  /** Stands for what a reader of a foreign format notes (the core's ReadSet notes). */
  notes?: string[];
}

/** A report of a file that imported nothing yet. */
function emptyReport(source: string): ImportReport {
  return {
    source, imported: true, documents_added: 0, documents_matched: 0, speakers_added: 0, speakers_matched: 0,
    coders: [], claims_added: 0, claims_unchanged: 0, claims_updated: 0, reanchored: [], refused: [], notes: [],
    error: null,
  };
}

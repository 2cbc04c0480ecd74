// An in-memory stand-in for the core, behind the same Ipc interface. The unit and component
// tests use it, and so does `npm run dev` in a plain browser (no Tauri) for working on the UI.
// Documents, claims and speakers are plain storage with the core's simple checks (spans in code
// points, the quote matching the text), so a UI that sends wrong offsets fails here as it would
// against the real app. What the core computes (merging a set or speakers, suggested merges,
// review units, decisions, agreement) is not redone here: those commands replay answers
// recorded from the core (`replayFrom`, dev/replay.ts), and refuse what was not recorded.

import type {
  TeamState,
  TeamStatus,
  ChromePreview,
  FileResult,
  Attention,
  ClaimPlacement,
  DocumentVersion,
  Orphan,
  SearchHit,
  VersionImport,
  Backup,
  Restored,
  Agreement,
  AgreementOptions,
  StoredClaim as Claim,
  ClaimList,
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
  SpeakerUnmerge,
  SpeakerUse,
  ReviewUnit,
  Session,
  Span,
  Speaker,
} from "../ipc";
import { IpcError, claimListOf, type Ipc } from "../ipc";
import { compareClaims } from "../reader/claimIndex";
import { Replay, type Recording, type ReplayedCommand, type Snapshot } from "./replay";

const CONTEXT = 32;

/** What the shell answers while the project could not be opened (the rest fail as it did). */
const WITHOUT_A_PROJECT = new Set(["listBackups", "restoreBackup", "openProjectDialog", "newProjectDialog", "openProject", "openReadOnly"]);

interface FakeBackup {
  backup: Backup;
  docs: Map<string, Document>;
  claims: Map<string, Claim>;
}

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
  /** The article files the import dialog picks ([] = cancelled), and what each holds. */
  nextArticleFiles: { path: string; title: string; text: string }[] = [];
  /** The answer of the next open dialog for annotation sets ([] = cancelled). */
  nextSetFiles: string[] = [];
  /** Why the project could not be opened, while it cannot (a restore clears it). */
  broken: IpcError | null = null;
  /** Why the project is open read-only, when it is. */
  readOnly: string | null = null;
  /** What the next changedElsewhere says (then it is false again), as when another program wrote. */
  nextChangedElsewhere = false;
  /** The team link as the shell would report it (null: not linked). */
  teamStatus: TeamStatus | null = null;
  /** The project's backups, newest first, with what each held. */
  backups: FakeBackup[] = [];
  /** A file system for exports and imports: path → contents. */
  files = new Map<string, string>();
  /** When set, exportClaims, importSetFiles and createClaim wait for this before answering (to
   * see progress, or what is shown before the core has answered). */
  gate: Promise<void> | null = null;
  /** The answer of the next audit-trail save dialog (null = cancelled). */
  nextAuditPath: string | null = null;
  /** The core's recorded answers, followed from the state loaded by `replayFrom`. */
  replay: Replay | null = null;
  /** Ids of what the current recorded state put in the storage. */
  private recorded = new Set<string>();
  /** Requests that had no recorded answer (tests expect none: the UI asked what was recorded). */
  unanswered: string[] = [];
  private seq = 0;

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.seq}`;
  }

  private now(): string {
    return new Date(Date.UTC(2025, 0, 1, 0, 0, this.seq)).toISOString();
  }

  /** Records the call, then answers asynchronously like the real bridge (errors reject). */
  private async op<T>(command: string, arg: unknown, fn: () => T | Promise<T>): Promise<T> {
    this.calls.push([command, arg]);
    await Promise.resolve();
    if (this.broken && !WITHOUT_A_PROJECT.has(command)) throw this.broken;
    const f = this.failNext;
    if (f && f.command === command) {
      this.failNext = null;
      throw f.error;
    }
    return await fn();
  }

  /** Serves state `state` of a recording of the core (its documents, claims, speakers, coders
   * and files) and answers the computing commands as the core did from there. */
  replayFrom(recording: Recording, state: string): this {
    this.replay = new Replay(recording, state);
    this.coder = recording.coder;
    this.load(this.replay.snapshot(state));
    for (const [path, text] of Object.entries(recording.files)) this.files.set(path, text);
    return this;
  }

  /** Puts a recorded state in place of the previous one (copied: the fake's writes must not
   * reach the recording); what was stored besides the recording (the demo's articles) stays. */
  private load(s: Snapshot): void {
    for (const id of this.recorded) {
      this.docs.delete(id);
      this.claims.delete(id);
      this.speakers.delete(id);
    }
    const copy = structuredClone(s);
    for (const d of copy.documents) this.docs.set(d.id, d);
    for (const c of copy.claims) this.claims.set(c.id, c);
    for (const x of copy.speakers) this.speakers.set(x.id, x);
    this.recorded = new Set([...copy.documents, ...copy.claims, ...copy.speakers].map((x) => x.id));
    this.otherCoders = copy.coders.filter((c) => c.id !== this.coder?.id);
  }

  /** The recorded answer to a computing command; the storage follows the state it led to. */
  private replayed<C extends ReplayedCommand>(command: C, request: unknown): Awaited<ReturnType<Ipc[C]>> {
    try {
      if (!this.replay) throw new IpcError("ipc", `no recorded answer for ${command}: no recording loaded`);
      const { value, next } = this.replay.answer(command, request);
      if (next) this.load(next);
      return value as Awaited<ReturnType<Ipc[C]>>;
    } catch (e) {
      if (e instanceof IpcError && e.code === "ipc") this.unanswered.push(e.message);
      throw e;
    }
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
      tags: [],
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
      tags: d.tags,
      length: d.length,
      claim_count: count,
      version: d.version,
      previous_version: null,
      version_count: 1,
      created: d.created,
    };
  }

  private session_(): Session {
    return { project_path: this.projectPath, coder: this.coder, recent_projects: [...this.recent], read_only: this.readOnly };
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

  /** A cue must be a non-empty span of the document, as the core checks it (anywhere in it). */
  private checkCue(docId: string, cue: Span | null): void {
    const len = [...(this.docs.get(docId)?.text ?? "")].length;
    if (cue && !(Number.isInteger(cue.start) && Number.isInteger(cue.end) && cue.start >= 0 && cue.start < cue.end && cue.end <= len)) {
      throw new IpcError("invalid_span", `cue: invalid span ${cue.start}..${cue.end} for a text of ${len} code points`);
    }
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

  /** The core extracts a page's article; the fake only keeps its paragraphs' text (enough for
   * the UI to show that pasted HTML went this way). */
  importHtml(title: string | null, html: string): Promise<DocumentSummary> {
    return this.op("importHtml", { title, html }, () => {
      const page = new DOMParser().parseFromString(html, "text/html");
      const text = [...page.querySelectorAll("p, h1, h2, h3, li")].map((p) => p.textContent.trim()).filter((t) => t !== "").join("\n\n");
      if (text === "") throw new IpcError("empty_input", "The page has no article text.");
      const d = this.addDocument(title ?? (page.title.trim() || (text.split("\n")[0] ?? "Untitled")), text);
      return this.summary(d);
    });
  }

  /** Storage only: a dropped text file becomes a document (the core reads every kind). */
  importDropped(name: string, base64: string): Promise<FileResult> {
    return this.op("importDropped", { name, base64 }, () => {
      const text = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
      if (!/\.(txt|md)$/i.test(name)) {
        return { path: name, outcome: "skipped", reason: "unsupported", error: { code: "unsupported_file", message: `${name}: files of this kind cannot be imported` } };
      }
      return { path: name, outcome: "imported", document: this.summary(this.addDocument(name.replace(/\.[^.]+$/, ""), text)) };
    });
  }

  pickArticleFiles(): Promise<string[]> {
    return this.op("pickArticleFiles", null, () => this.nextArticleFiles.map((f) => f.path));
  }

  /** Storage only: the picked file's text becomes a document, or a duplicate of the same text. */
  /** The chrome each picked file is said to have (the core finds it; tests set it). */
  chromeOf = new Map<string, ChromePreview["lines"]>();

  chromePreview(paths: string[]): Promise<ChromePreview[]> {
    return this.op("chromePreview", paths, () =>
      paths.flatMap((path) => {
        const lines = this.chromeOf.get(path);
        return lines ? [{ path, lines }] : [];
      }),
    );
  }

  /** Storage only: trimming drops the chrome lines the test said the file has. */
  importArticleFile(path: string, trimChrome: boolean): Promise<FileResult> {
    return this.op("importArticleFile", { path, trimChrome }, () => {
      const picked = this.nextArticleFiles.find((x) => x.path === path);
      const cut = new Set(trimChrome ? (this.chromeOf.get(path) ?? []).map((l) => l.text) : []);
      const f = picked && { ...picked, text: picked.text.split("\n").filter((l) => !cut.has(l)).join("\n") };
      if (!f) return { path, outcome: "skipped", reason: "unreadable", error: { code: "io", message: `cannot read ${path}` } };
      if (f.text.trim() === "") {
        return { path, outcome: "skipped", reason: "empty", error: { code: "empty_input", message: `${path} has no text` } };
      }
      const same = [...this.docs.values()].find((d) => d.text === f.text);
      if (same) return { path, outcome: "duplicate", of: this.summary(same) };
      return { path, outcome: "imported", document: this.summary(this.addDocument(f.title, f.text)) };
    });
  }


  listClaims(document: string): Promise<ClaimList> {
    return this.op("listClaims", document, () => {
      return claimListOf(document, [...this.claims.values()].filter((c) => c.document === document).sort(compareClaims));
    });
  }

  createClaim(claim: NewClaim): Promise<Claim> {
    return this.op("createClaim", claim, async () => {
      if (this.gate) await this.gate;
      if (!this.coder) throw new IpcError("no_coder", "Set the coder's name first.");
      const ctx = this.check(claim.document, claim.start, claim.end, claim.quote);
      this.checkCue(claim.document, claim.cue);
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
      this.checkCue(old.document, edit.cue);
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
      const changed: Document = { ...d, title: edit.title.trim(), source: edit.source, tags: edit.tags };
      this.docs.set(d.id, changed);
      return changed;
    });
  }

  /** Storage only: a document with claims goes only with them; decisions and later versions,
   * which the core also guards, are not modelled here. */
  deleteDocument(id: string, withClaims: boolean): Promise<DocumentSummary> {
    return this.op("deleteDocument", { id, withClaims }, () => {
      const d = this.docs.get(id);
      if (!d) throw new IpcError("not_found", `no document with id ${id}`);
      const summary = this.summary(d);
      if (summary.claim_count > 0 && !withClaims) {
        throw new IpcError("has_claims", `“${d.title}” has ${summary.claim_count} claims`);
      }
      for (const c of [...this.claims.values()]) if (c.document === id) this.claims.delete(c.id);
      this.docs.delete(id);
      return summary;
    });
  }

  /** Storage only: counts by coder name; no core rule is modelled here. */
  speakerUses(): Promise<SpeakerUse[]> {
    return this.op("speakerUses", null, () =>
      [...this.speakers.values()].map((speaker) => {
        const citing = [...this.claims.values()].filter((c) => c.speaker === speaker.id);
        const names = new Map<string, number>();
        for (const c of citing) {
          const name = this.coderName(c.coder) ?? c.coder;
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

  // Merging speakers (and undoing it) and suggesting merges are the core's rules: replayed.
  mergeSpeakers(from: string, into: string): Promise<SpeakerMerge> {
    const request = { from, into };
    return this.op("mergeSpeakers", request, () => this.replayed("mergeSpeakers", request));
  }

  unmergeSpeakers(merge: SpeakerMerge): Promise<SpeakerUnmerge> {
    return this.op("unmergeSpeakers", merge, () => this.replayed("unmergeSpeakers", merge));
  }

  mergeSuggestions(): Promise<MergeSuggestion[]> {
    return this.op("mergeSuggestions", null, () => this.replayed("mergeSuggestions", null));
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

  // ---- coders, exports and annotation sets ------------------------------------------------

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
      // Nothing reads it back (imports replay the core's answers): it only has to exist.
      const set = { documents: docs.map((d) => d.id), claims: claims.map((c) => c.id) };
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
    const request = { paths, acceptPartial };
    return this.op("importSetFiles", request, async () => {
      if (this.gate) await this.gate;
      return this.replayed("importSetFiles", request);
    });
  }

  // ---- review: replayed ------------------------------------------------------------------

  agreement(options: AgreementOptions): Promise<Agreement> {
    return this.op("agreement", options, () => this.replayed("agreement", options));
  }

  reviewUnits(document: string, coders: string[], minJaccard: number | null): Promise<ReviewUnit[]> {
    const request = { document, coders, minJaccard };
    return this.op("reviewUnits", request, () => this.replayed("reviewUnits", request));
  }

  adjudicate(decision: NewDecision): Promise<Decision> {
    return this.op("adjudicate", decision, () => this.replayed("adjudicate", decision));
  }

  undoDecision(id: string): Promise<Decision> {
    return this.op("undoDecision", id, () => this.replayed("undoDecision", id));
  }

  listDecisions(document: string | null): Promise<Decision[]> {
    return this.op("listDecisions", document, () => this.replayed("listDecisions", document));
  }

  pickAuditPath(asCsv: boolean): Promise<string | null> {
    return this.op("pickAuditPath", asCsv, () => {
      return this.nextAuditPath;
    });
  }

  exportDecisions(path: string, asCsv: boolean): Promise<number> {
    const request = { path, asCsv };
    return this.op("exportDecisions", request, () => this.replayed("exportDecisions", request));
  }

  /** Keeps what the project holds now as a backup made at `created`. */
  addBackup(created: string): Backup {
    const backup: Backup = { path: `/data/backups/${created}.claimcoder`, created, documents: this.docs.size, claims: this.claims.size };
    this.backups.unshift({ backup, docs: new Map(this.docs), claims: new Map(this.claims) });
    return backup;
  }

  listBackups(): Promise<Backup[]> {
    return this.op("listBackups", null, () => this.backups.map((b) => b.backup));
  }

  createBackup(): Promise<Backup> {
    return this.op("createBackup", null, () => this.addBackup(new Date().toISOString()));
  }

  restoreBackup(path: string): Promise<Restored> {
    return this.op("restoreBackup", path, () => {
      const b = this.backups.find((x) => x.backup.path === path);
      if (!b) throw new IpcError("not_found", `no backup ${path}`);
      const kept: Restored["kept"] = this.broken
        ? { kind: "copy", path: "/data/backups/damaged.claimcoder", reason: this.broken.message }
        : { kind: "backup", ...this.addBackup(new Date().toISOString()) };
      this.broken = null;
      this.docs = new Map(b.docs);
      this.claims = new Map(b.claims);
      return { session: this.session_(), kept };
    });
  }

  /** The real one notes a call for the hostile-content test; the fake counts calls like any. */
  canary(): Promise<null> {
    return this.op("canary", null, () => null);
  }

  // Search, versions and carried claims: computed by the core, replayed from its recordings.

  search(query: string): Promise<SearchHit[]> {
    return this.op("search", query, () => this.replayed("search", query));
  }

  listVersions(document: string): Promise<DocumentVersion[]> {
    return this.op("listVersions", document, () => this.replayed("listVersions", document));
  }

  importVersionDialog(document: string): Promise<VersionImport | null> {
    return this.op("importVersionDialog", document, () => this.replayed("importVersionDialog", document));
  }

  attention(document: string): Promise<Attention> {
    return this.op("attention", document, () => this.replayed("attention", document));
  }

  replaceOrphan(id: string, span: Span, quote: string): Promise<Claim> {
    const request = { id, span, quote };
    return this.op("replaceOrphan", request, () => this.replayed("replaceOrphan", request));
  }

  discardOrphan(id: string): Promise<Orphan> {
    return this.op("discardOrphan", id, () => this.replayed("discardOrphan", id));
  }

  confirmPlacement(claim: string): Promise<ClaimPlacement> {
    return this.op("confirmPlacement", claim, () => this.replayed("confirmPlacement", claim));
  }

  changedElsewhere(): Promise<boolean> {
    return this.op("changedElsewhere", null, () => {
      const changed = this.nextChangedElsewhere;
      this.nextChangedElsewhere = false;
      return changed;
    });
  }

  openReadOnly(): Promise<Session> {
    return this.op("openReadOnly", null, () => {
      if (this.broken) this.readOnly = `${this.projectPath} failed its check (${this.broken.message}); it is open read-only`;
      this.broken = null;
      return this.session_();
    });
  }

  teamLink(url: string, token: string): Promise<TeamState> {
    return this.op("teamLink", { url, token }, () => {
      if (!/^https?:\/\/[^/]+\/.+/.test(url)) throw new IpcError("invalid_option", `${JSON.stringify(url)} is not a team project's address`);
      if (!token.startsWith("cc1.")) throw new IpcError("team_refused", "the team server refused: this token is not valid (401, unauthorized)");
      this.teamStatus = { url, member: this.coder?.name ?? "ana", role: "coder", pulled: 0, pending: this.claims.size, linked_at: this.now(), last_synced: null, last_error: null, refused: [] };
      return this.teamState_("syncing");
    });
  }

  teamState(): Promise<TeamState> {
    return this.op("teamState", null, () => this.teamState_(this.teamStatus ? "idle" : "unlinked"));
  }

  teamSyncNow(): Promise<TeamState> {
    return this.op("teamSyncNow", null, () => {
      if (!this.teamStatus) throw new IpcError("not_linked", "this project is not linked to a team project");
      this.teamStatus = { ...this.teamStatus, pending: 0, last_synced: this.now() };
      return this.teamState_("syncing");
    });
  }

  teamUnlink(): Promise<TeamState> {
    return this.op("teamUnlink", null, () => {
      this.teamStatus = null;
      return this.teamState_("unlinked");
    });
  }

  private teamState_(phase: TeamState["phase"]): TeamState {
    return { phase, status: this.teamStatus ? { ...this.teamStatus } : null, last_report: null };
  }
}

// The application: its state (session, documents, the open document and its claims, the
// selected claim), the panes, and the wiring between them and the ipc. Every change is saved
// at once through the ipc; every error is shown in the error banner (panes/feedback.ts).

import type { Backup, SearchHit, Claim, Document, DocumentSummary, Ipc, Restored, Session, Span, Speaker, SpeakerKind, Status, TeamState } from "./ipc";
import { documentClaims, toIpcError } from "./ipc";
import { h } from "./dom";
import { ClaimIndex } from "./reader/claimIndex";
import { type HighlightHost, Painter } from "./reader/painter";
import { ScrollWindow } from "./reader/nearLines";
import { type RenderedDocument, renderHeader, renderText } from "./reader/render";
import { afterNextPaint, delay, mark, nextTask } from "./perf";
import { HoverTips } from "./reader/hover";
import { ReaderAnnouncer } from "./reader/announce";
import { type Extent, ReaderSelection } from "./reader/selection";
import { CodeToolbar } from "./coding/toolbar";
import { ClaimEditor } from "./coding/editor";
import { ClaimOps, type ClaimSink } from "./coding/undo";
import { CODING_KEYS, listenKeys } from "./coding/keys";
import type { KeySection } from "./coding/shortcut";
import { followSelection } from "./coding/followSelection";
import { DocumentsPane } from "./panes/documents";
import { ClaimsPane, LIST_KEYS } from "./panes/claims";
import { TopBar } from "./panes/topbar";
import { Feedback } from "./panes/feedback";
import { openPasteDialog } from "./panes/pasteDialog";
import { openCoderDialog } from "./panes/coderDialog";
import { ExportDialog } from "./panes/exportDialog";
import { ImportDialog } from "./panes/importDialog";
import { openKeysDialog } from "./panes/keysDialog";
import { openBackupsDialog } from "./panes/backupsDialog";
import { openTeamDialog } from "./panes/teamDialog";
import { ProjectProblem } from "./panes/projectProblem";
import { SearchBox } from "./panes/search";
import { type BatchReport, openFileReport } from "./panes/fileReport";
import { openDocumentDialog } from "./panes/documentDialog";
import { askChrome } from "./panes/chromeDialog";
import { DropImport } from "./panes/dropImport";
import { VersionBar, describeImport } from "./panes/versionBar";
import { AttentionPanel } from "./panes/attention";
import { toggleTheme } from "./theme";
import { REVIEW_KEYS, ReviewView } from "./review/reviewView";
import { AgreementView } from "./review/agreementView";
import { type SpeakerChange, SpeakerOps } from "./speakers/speakerOps";
import { SpeakersView } from "./speakers/speakersView";

/** At most this long the list and counts wait for a new claim's first frame (see `code`). */
const PANES_HELD_MS = 250;

const LAST_DOC_KEY = "claimcoder.lastDocument";
const WATCH_MS = 2000;

export interface AppOptions {
  ipc: Ipc;
  /** How often to ask whether another program changed the project (ms; 0: never). */
  watchMs?: number;
  /** Where highlights are registered; null where the API is missing (tests). */
  highlights: HighlightHost | null;
  /** Whether the page is laid out, so that the reader's lines near the view can be measured
   * (the real window); where not (unit tests), every line counts as near. */
  laidOut?: boolean;
}

export class App {
  readonly ipc: Ipc;
  readonly root: HTMLElement;
  readonly reader: HTMLElement;
  readonly readerPane: HTMLElement;
  readonly painter: Painter;
  readonly selection: ReaderSelection;
  readonly toolbar: CodeToolbar;
  readonly editor: ClaimEditor;
  readonly ops: ClaimOps;
  readonly speakerOps: SpeakerOps;
  private readonly docHeader: HTMLElement;
  private readonly emptyState: HTMLElement;
  private readonly documentsPane: DocumentsPane;
  private readonly claimsPane: ClaimsPane;
  private readonly topbar: TopBar;
  /** The error banner and the toast. */
  private readonly feedback = new Feedback();
  /** Ends every document-level listener when the app is torn down (tests make many). */
  private readonly lifetime = new AbortController();
  private readonly hover: HoverTips;
  private readonly panes: HTMLElement;
  /** The open document's versions, and importing a new one; under its title. */
  private readonly versionBar: VersionBar;
  /** What the open version needs (orphans, guesses); above its claims. */
  private readonly attention: AttentionPanel;
  /** Batches of article files (chosen or dropped): one file at a time, with progress. */
  private readonly batch: DropImport;
  /** Why the project could not be opened, and the ways on; in the reader pane. */
  private readonly problem: ProjectProblem;
  /** The review view of the open document, while it is open. */
  review: ReviewView | null = null;
  /** The agreement dashboard, while it is open. */
  agreement: AgreementView | null = null;
  /** The speakers pane, while it is open. */
  speakersView: SpeakersView | null = null;

  session: Session | null = null;
  /** Where the team sync stands, as last asked. */
  team: TeamState | null = null;
  documents: DocumentSummary[] = [];
  speakers = new Map<string, Speaker>();
  /** Coders' names by id, for the claims filter. */
  coders = new Map<string, string>();
  rendered: RenderedDocument | null = null;
  index = new ClaimIndex([]);
  selectedId: string | null = null;
  /** The last extent selected in the reader, for "Set extent to selection". */
  private lastExtent: Extent | null = null;
  /** Changes to the claims list and counts waiting for a new claim's first frame (see `code`). */
  private heldPanes: (() => void)[] | null = null;
  /** Counts document loads, so a slow load that was overtaken is dropped. */
  private loadSeq = 0;

  constructor(root: HTMLElement, opts: AppOptions) {
    this.ipc = opts.ipc;
    this.root = root;

    this.reader = h("div", { class: "reader-text", "data-testid": "reader", lang: "" });
    this.versionBar = new VersionBar({
      ipc: this.ipc,
      open: (id) => {
        void this.openDocument(id);
      },
      imported: (r) => {
        void this.reloadAfterImport().then(() => this.openDocument(r.document.id));
        this.feedback.toast(describeImport(r));
      },
      details: () => {
        this.documentDialog();
      },
      showError: (e) => {
        this.showError(e);
      },
    });
    this.attention = new AttentionPanel({
      ipc: this.ipc,
      selection: () => {
        const ext = this.selection.extent() ?? this.lastExtent;
        if (!ext) return null;
        this.selection.clear();
        this.toolbar.hide();
        this.lastExtent = null;
        return { start: ext.start, end: ext.end, quote: ext.quote };
      },
      showClaim: (id) => {
        this.selectClaim(id, { scroll: true, flash: true, focusSpeaker: false });
      },
      changed: () => {
        const r = this.rendered;
        if (!r) return;
        void this.reloadClaims(r.doc.id);
        void this.versionBar.show(r.doc, this.documents.find((d) => d.id === r.doc.id));
      },
      showError: (e) => {
        this.showError(e);
      },
      toast: (m) => {
        this.feedback.toast(m);
      },
    });
    this.docHeader = h("header", { class: "doc-header" });
    this.emptyState = h("p", { class: "empty-state" }, "Open a document from the list, or import one.");
    this.readerPane = h(
      "section",
      { class: "pane reader-pane", "aria-label": "Reader", tabindex: "-1" },
      h("article", { class: "reader-article" }, this.docHeader, this.versionBar.el, this.reader),
      this.emptyState,
    );
    this.problem = new ProjectProblem({
      ipc: this.ipc,
      restore: (b) => {
        void this.restoreBackup(b);
      },
      chooseBackup: () => {
        this.backupsDialog();
      },
      openProject: () => {
        void this.switchProject(() => this.ipc.openProjectDialog());
      },
      newProject: () => {
        void this.switchProject(() => this.ipc.newProjectDialog());
      },
      openReadOnly: () => {
        void this.switchProject(() => this.ipc.openReadOnly());
      },
    });
    this.readerPane.append(this.problem.el);
    this.painter = new Painter(
      opts.highlights,
      opts.laidOut ? (changed) => new ScrollWindow(this.readerPane, changed) : undefined,
    );
    this.selection = new ReaderSelection(this.reader, () => this.rendered, this.lifetime.signal);
    this.toolbar = new CodeToolbar((s) => {
      void this.code(s);
    });

    const sink: ClaimSink = {
      saved: (c) => {
        this.onSaved(c);
      },
      removed: (c) => {
        this.onRemoved(c);
      },
    };
    this.ops = new ClaimOps(this.ipc, sink, (id) => this.index.get(id));
    this.speakerOps = new SpeakerOps(this.ipc, this.ops, {
      changed: (c) => {
        this.onSpeakersChanged(c);
      },
    }, (id) => this.speakers.get(id));

    this.editor = new ClaimEditor({
      speakers: () => [...this.speakers.values()],
      speakerName: (id) => this.speakerName(id),
      setStatus: (s) => {
        this.setStatus(s);
      },
      setSpeaker: (sp) => {
        this.changeSelected((e) => ({ ...e, speaker: sp?.id ?? null }), "changed speaker");
      },
      createSpeaker: (name, kind) => {
        void this.createSpeaker(name, kind);
      },
      setNote: (note) => {
        this.changeSelected((e) => ({ ...e, note }), "edited note");
      },
      setExtentToSelection: () => {
        this.setExtentToSelection();
      },
      textAt: (span) => this.textAt(span),
      setCueToSelection: () => {
        this.setCueToSelection();
      },
      removeCue: () => {
        this.changeSelected((e) => ({ ...e, cue: null }), "removed cue");
      },
      remove: () => {
        this.deleteSelected();
      },
      close: () => {
        this.closeEditor();
      },
    });

    const search = new SearchBox({
      ipc: this.ipc,
      show: (hit) => {
        void this.showHit(hit);
      },
      showing: (on) => {
        this.documentsPane.showingResults(on);
      },
      showError: (e) => {
        this.showError(e);
      },
    });
    this.documentsPane = new DocumentsPane({
      open: (id) => {
        void this.openDocument(id);
      },
      importFiles: () => {
        void this.importFiles();
      },
      paste: () => {
        this.pasteDialog();
      },
    }, search);
    this.claimsPane = new ClaimsPane(
      {
        select: (id) => {
          this.selectClaim(id, { scroll: true, flash: true, focusSpeaker: false });
        },
        speakerName: (id) => this.speakerName(id),
        coderName: (id) => this.coders.get(id) ?? null,
        textAt: (span) => this.textAt(span),
      },
      this.editor.el,
      this.attention.el,
    );
    // What the top bar's buttons and the keys both do.
    const actions = {
      openProject: () => {
        void this.switchProject(() => this.ipc.openProjectDialog());
      },
      newProject: () => {
        void this.switchProject(() => this.ipc.newProjectDialog());
      },
      changeCoder: () => {
        this.coderDialog(false);
      },
      toggleTheme: () => {
        const t = toggleTheme();
        this.topbar.themeBtn.setAttribute("aria-label", `Theme: ${t} (click to switch)`);
      },
      importFiles: () => {
        void this.importFiles();
      },
      paste: () => {
        this.pasteDialog();
      },
      exportClaims: () => {
        this.exportDialog();
      },
      importSets: () => {
        this.importDialog();
      },
      openReview: () => {
        void this.openReview();
      },
      openAgreement: () => {
        void this.openAgreement();
      },
      showKeys: () => {
        this.showKeys();
      },
      openSpeakers: () => {
        void this.openSpeakers();
      },
      openBackups: () => {
        this.backupsDialog();
      },
      openTeam: () => {
        this.teamDialog();
      },
    };
    this.topbar = new TopBar({
      ...actions,
      openRecent: (path) => {
        void this.switchProject(() => this.ipc.openProject(path));
      },
    }, this.lifetime.signal);

    this.panes = h("main", { class: "panes" }, this.documentsPane.el, this.readerPane, this.claimsPane.el);
    const drop = (this.batch = new DropImport({
      ipc: this.ipc,
      done: (report) => {
        void this.afterFileImport(report);
      },
      showError: (e) => {
        this.showError(e);
      },
    }, root, this.lifetime.signal));
    root.replaceChildren(
      h("div", { class: "app" }, this.topbar.el, this.topbar.readOnlyBanner, this.feedback.banner, drop.progress, this.panes),
      this.toolbar.el,
      this.feedback.toastEl,
      drop.overlay,
    );

    this.hover = new HoverTips({
      root: this.reader,
      claimsAt: (cp) => this.index.covering(cp),
      cuesAt: (cp) => this.index.cuesCovering(cp),
      link: (claims) => {
        this.painter.setLinked(claims);
      },
      speakerName: (id) => this.speakerName(id),
    });
    const announcer = new ReaderAnnouncer({
      root: this.reader,
      claimsAt: (cp) => this.index.covering(cp),
      cuesAt: (cp) => this.index.cuesCovering(cp),
      speakerName: (id) => this.speakerName(id),
    }, this.lifetime.signal);
    this.readerPane.append(announcer.el);
    followSelection({
      reader: this.reader,
      readerPane: this.readerPane,
      selection: this.selection,
      toolbar: this.toolbar,
      selected: (ext) => {
        this.lastExtent = ext;
      },
    }, this.lifetime.signal);
    listenKeys({
      ...actions,
      selection: this.selection,
      toolbar: this.toolbar,
      editor: this.editor,
      code: (s) => {
        void this.code(s);
      },
      setStatus: (s) => {
        this.setStatus(s);
      },
      setCue: () => {
        this.setCueToSelection();
      },
      deleteSelected: () => {
        this.deleteSelected();
      },
      undoRedo: (redo) => {
        void this.undoRedo(redo);
      },
      leaveEditor: () => {
        const id = this.selectedId;
        this.closeEditor();
        if (id) this.claimsPane.focusItem(id);
      },
    }, this.lifetime.signal);
    this.topbar.render(null);
    this.showDocument(null);
    this.watchElsewhere(opts.watchMs ?? WATCH_MS);
  }

  /** Asks now and then whether another program (the CLI, another window) changed the project,
   * and shows the project as it now is when it did. */
  private watchElsewhere(everyMs: number): void {
    if (everyMs <= 0) return;
    let asking = false;
    const timer = setInterval(() => {
      if (asking || this.session === null) return;
      asking = true;
      this.ipc
        .changedElsewhere()
        .then(async (changed) => {
          this.topbar.renderTeam((this.team = await this.ipc.teamState()));
          if (!changed) return;
          await this.reloadAfterImport();
          this.feedback.toast("Updated: your team or another program changed this project.");
        })
        .catch(() => {
          // A failed look is retried at the next tick; the project's own errors show elsewhere.
        })
        .finally(() => {
          asking = false;
        });
    }, everyMs);
    this.lifetime.signal.addEventListener("abort", () => {
      clearInterval(timer);
    });
  }

  /** Tears the app down: listeners, highlights, timers, floating elements. */
  destroy(): void {
    this.review?.destroy();
    this.speakersView?.destroy();
    this.agreement?.modal.close();
    this.lifetime.abort();
    this.painter.destroy();
    this.hover.destroy();
    this.feedback.destroy();
    this.root.replaceChildren();
  }

  // ---- start-up and projects -------------------------------------------------------------

  /** Loads the session, the documents and the speakers, and opens a document. */
  async start(): Promise<void> {
    try {
      this.session = await this.ipc.session();
    } catch (e) {
      this.showError(e);
      this.emptyState.hidden = true;
      await this.problem.show(e);
      return;
    }
    this.topbar.render(this.session);
    if (!this.session.coder && this.session.read_only === null) this.coderDialog(true);
    await this.loadProject();
  }

  /** Reads the documents and the speakers; false (the error shown) when that failed. */
  private async loadLists(): Promise<boolean> {
    try {
      const [docs, speakers, coders] = await Promise.all([this.ipc.listDocuments(), this.ipc.listSpeakers(), this.ipc.listCoders()]);
      this.documents = docs;
      this.speakers = new Map(speakers.map((s) => [s.id, s]));
      this.coders = new Map(coders.map((c) => [c.id, c.name]));
      return true;
    } catch (e) {
      this.showError(e);
      return false;
    }
  }

  /** Shows the documents list at once (the app is usable from then on), then opens the last
   * document: a large one never holds up the start. */
  private async loadProject(): Promise<void> {
    if (!(await this.loadLists())) return;
    const remembered = this.rememberedDocument();
    const first = this.documents.find((d) => d.id === remembered) ?? this.documents[0];
    this.documentsPane.render(this.documents, first?.id ?? null);
    mark("app:interactive");
    if (!first) {
      this.showDocument(null);
      return;
    }
    const seq = this.loadSeq;
    await afterNextPaint();
    // The user may have opened another document (or project) meanwhile.
    if (seq === this.loadSeq) await this.openDocument(first.id);
  }

  private async switchProject(how: () => Promise<Session | null>): Promise<void> {
    let session: Session | null;
    try {
      session = await how();
    } catch (e) {
      this.showError(e);
      return;
    }
    if (!session) return; // cancelled
    this.session = session;
    this.problem.hide();
    this.feedback.clearError();
    this.ops.stack.clear(); // undo entries belong to the project they were made in
    this.closeEditor();
    this.topbar.render(session);
    // A read-only project takes no changes, so it needs no coder.
    if (!session.coder && session.read_only === null) this.coderDialog(true);
    this.closeReview();
    this.closeSpeakers();
    this.showDocument(null);
    await this.loadProject();
  }

  private teamDialog(): void {
    const show = (state: TeamState): void => {
      this.team = state;
      this.topbar.renderTeam(state);
    };
    void this.ipc
      .teamState()
      .then((state) => {
        show(state);
        openTeamDialog({ ipc: this.ipc, state, coderName: this.session?.coder?.name ?? null, changed: show });
      })
      .catch((e: unknown) => {
        this.showError(e);
      });
  }

  private backupsDialog(): void {
    openBackupsDialog({
      ipc: this.ipc,
      projectOpen: this.session !== null,
      restored: (r) => {
        void this.afterRestore(r);
      },
    });
  }

  private async restoreBackup(b: Backup): Promise<void> {
    try {
      await this.afterRestore(await this.ipc.restoreBackup(b.path));
    } catch (e) {
      this.showError(e);
    }
  }

  /** A backup is in place: the project is loaded again as if just opened. */
  private async afterRestore(r: Restored): Promise<void> {
    await this.switchProject(() => Promise.resolve(r.session));
    const kept = r.kept.kind === "backup" ? "The project as it was is kept as a backup." : r.kept.kind === "copy" ? `The file as it was is kept as ${r.kept.path}.` : "";
    this.feedback.toast(`Backup restored. ${kept}`.trim());
  }

  private rememberedDocument(): string | null {
    try {
      return localStorage.getItem(`${LAST_DOC_KEY}:${this.session?.project_path ?? ""}`);
    } catch {
      return null;
    }
  }

  private remember(docId: string): void {
    try {
      localStorage.setItem(`${LAST_DOC_KEY}:${this.session?.project_path ?? ""}`, docId);
    } catch {
      // Not remembering the last document is harmless.
    }
  }

  // ---- documents -------------------------------------------------------------------------

  async openDocument(id: string): Promise<void> {
    const seq = ++this.loadSeq;
    mark("open:start");
    let doc: Document;
    let claims: Claim[];
    try {
      [doc, claims] = await Promise.all([this.ipc.getDocument(id), documentClaims(this.ipc, id)]);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (seq !== this.loadSeq) return;
    mark("open:fetched");
    this.closeEditor();
    this.toolbar.hide();
    this.lastExtent = null;
    this.index = new ClaimIndex(claims);
    this.showDocument(doc);
    mark("open:rendered");
    this.remember(id);
    this.documentsPane.render(this.documents, id);
    this.setCount(id, this.index.size);
    if (this.review) await this.openReview();
    // Marked when painted, not awaited: a hidden reader (the review view) paints nothing.
    void this.markPainted("open:painted", () => seq === this.loadSeq);
  }

  /** Marks `name` once the painter's next registering frame has been rendered (if `still()`). */
  private async markPainted(name: "open:painted" | "code:settled", still: () => boolean): Promise<void> {
    await this.painter.painted();
    await nextTask();
    if (still()) mark(name);
  }

  private showDocument(doc: Document | null): void {
    this.rendered?.stop();
    renderHeader(this.docHeader, doc);
    void this.versionBar.show(doc, doc ? this.documents.find((d) => d.id === doc.id) : undefined);
    void this.attention.load(doc?.id ?? null, doc?.version ?? 1);
    this.rendered = doc ? renderText(this.reader, doc) : null;
    if (!doc) {
      this.reader.replaceChildren();
      this.index = new ClaimIndex([]);
    }
    this.emptyState.hidden = doc !== null;
    this.readerPane.scrollTop = 0;
    this.painter.setDocument(this.rendered);
    this.painter.setClaims(this.index);
    this.claimsPane.render(this.index.claims);
  }

  private async importFiles(): Promise<void> {
    try {
      const paths = await this.ipc.pickArticleFiles();
      if (paths.length === 0) return;
      const previews = await this.ipc.chromePreview(paths);
      const trim = previews.length > 0 ? await askChrome(previews) : new Set<string>();
      if (trim === null) return;
      await this.batch.run(paths.map((path) => ({ path, import: () => this.ipc.importArticleFile(path, trim.has(path)) })));
    } catch (e) {
      this.showError(e);
    }
  }

  /** After article files were imported (chosen or dropped): the list, the first new document
   * open, and every file's fate when any was not simply imported (none is left out silently). */
  private async afterFileImport(report: BatchReport): Promise<void> {
    const added = report.files.flatMap((f) => (f.outcome === "imported" || f.outcome === "new_version" ? [f.document] : []));
    try {
      this.documents = await this.ipc.listDocuments();
    } catch (e) {
      this.showError(e);
      return;
    }
    this.documentsPane.render(this.documents, this.rendered?.doc.id ?? null);
    const first = added[0];
    if (first) await this.openDocument(first.id);
    if (added.length < report.files.length || report.cancelled || report.files.some((f) => f.outcome === "new_version")) openFileReport(report);
    else this.feedback.toast(added.length === 1 ? `Imported “${first?.title ?? ""}”` : `Imported ${added.length} documents`);
  }

  private documentDialog(): void {
    const r = this.rendered;
    if (!r) return;
    openDocumentDialog({
      ipc: this.ipc,
      doc: r.doc,
      claimCount: this.index.size,
      saved: (doc) => {
        void this.reloadAfterImport().then(() => this.openDocument(doc.id));
        this.feedback.toast("Document details saved.");
      },
      deleted: () => {
        this.showDocument(null);
        void this.reloadAfterImport();
        this.feedback.toast("Document deleted.");
      },
    });
  }

  private pasteDialog(): void {
    openPasteDialog({
      ipc: this.ipc,
      reload: async () => {
        this.documents = await this.ipc.listDocuments();
      },
      open: (id) => this.openDocument(id),
      showError: (e) => {
        this.showError(e);
      },
    });
  }

  // ---- annotation sets -------------------------------------------------------------------

  private exportDialog(): ExportDialog {
    return new ExportDialog({
      ipc: this.ipc,
      documents: this.documents,
      coder: this.session?.coder?.name ?? null,
      toast: (m) => {
        this.feedback.toast(m);
      },
    });
  }

  private importDialog(): ImportDialog {
    return new ImportDialog({
      ipc: this.ipc,
      imported: () => this.reloadAfterImport(),
      toast: (m) => {
        this.feedback.toast(m);
      },
    });
  }

  /** After an import wrote to the project: documents and their counts, speakers, and the open
   * document's claims (or the first document, when none was open). */
  async reloadAfterImport(): Promise<void> {
    // An import may have updated claims that undo entries would set back to an older state.
    this.ops.stack.clear();
    if (!(await this.loadLists())) return;
    if (this.agreement && !this.agreement.closed) void this.agreement.load();
    const open = this.rendered?.doc.id ?? null;
    if (open !== null && this.documents.some((d) => d.id === open)) {
      this.documentsPane.render(this.documents, open);
      await this.reloadClaims(open);
      if (this.review) await this.review.load();
      return;
    }
    const first = this.documents[0];
    if (first) await this.openDocument(first.id);
    else this.documentsPane.render(this.documents, null);
  }

  // ---- review and agreement --------------------------------------------------------------

  /** Opens the review of the open document in place of the reader (again, when it is open). */
  async openReview(): Promise<void> {
    const r = this.rendered;
    if (!r) {
      this.feedback.toast("Open a document to review first.");
      return;
    }
    this.review?.destroy();
    this.closeSpeakers();
    this.closeEditor();
    this.toolbar.hide();
    const review = new ReviewView({
      ipc: this.ipc,
      document: r.doc,
      speakerName: (id) => this.speakerName(id),
      speakers: () => [...this.speakers.values()],
      remember: (entry) => {
        this.ops.stack.push(entry);
      },
      showError: (e) => {
        this.showError(e);
      },
      toast: (m) => {
        this.feedback.toast(m);
      },
      close: () => {
        this.closeReview();
      },
      changed: () => {
        void this.reloadClaims(r.doc.id);
        void this.refreshCounts();
      },
    });
    this.review = review;
    this.panes.classList.add("reviewing");
    this.readerPane.hidden = true;
    this.claimsPane.el.hidden = true;
    this.panes.append(review.el);
    await review.load();
    if (this.review === review) review.el.focus();
  }

  closeReview(): void {
    if (!this.review) return;
    this.review.destroy();
    this.review = null;
    this.panes.classList.remove("reviewing");
    this.readerPane.hidden = false;
    this.claimsPane.el.hidden = false;
    this.readerPane.focus();
  }

  // ---- speakers pane ---------------------------------------------------------------------

  /** Opens the speakers pane in place of the reader and the claims (or focuses its filter). */
  async openSpeakers(): Promise<void> {
    if (this.speakersView) {
      this.speakersView.focusFilter();
      return;
    }
    this.closeReview();
    this.closeEditor();
    this.toolbar.hide();
    const view = new SpeakersView({
      ipc: this.ipc,
      documents: () => this.documents,
      edit: (id, change, label) => this.speakerOps.edit(id, change, label),
      merge: async (from, into) => {
        await this.speakerOps.merge(from, into);
        this.feedback.toast(`Merged “${from.name}” into “${into.name}” (Ctrl+Z to undo)`);
      },
      openClaim: (c) => {
        void this.openClaim(c);
      },
      showError: (e) => {
        this.showError(e);
      },
      close: () => {
        this.closeSpeakers();
      },
    });
    this.speakersView = view;
    this.panes.classList.add("reviewing");
    this.readerPane.hidden = true;
    this.claimsPane.el.hidden = true;
    this.panes.append(view.el);
    await view.load();
    if (this.speakersView === view) view.focusFilter();
  }

  closeSpeakers(): void {
    if (!this.speakersView) return;
    this.speakersView.destroy();
    this.speakersView = null;
    this.panes.classList.remove("reviewing");
    this.readerPane.hidden = false;
    this.claimsPane.el.hidden = false;
    this.readerPane.focus();
  }

  /** A claim chosen in the speakers pane: its document in the reader, the claim selected. */
  private async openClaim(c: Claim): Promise<void> {
    this.closeSpeakers();
    if (this.rendered?.doc.id !== c.document) await this.openDocument(c.document);
    this.selectClaim(c.id, { scroll: true, flash: true, focusSpeaker: false });
  }

  /** Speakers edited, merged or unmerged: the names everywhere, the moved claims of the open
   * document, and the speakers pane. */
  private onSpeakersChanged(c: SpeakerChange): void {
    for (const s of c.saved) this.speakers.set(s.id, s);
    for (const id of c.removed) this.speakers.delete(id);
    const open = this.rendered?.doc.id;
    for (const claim of c.claims) if (claim.document === open) this.index = this.index.with(claim);
    if (open !== undefined) this.claimsChanged(open);
    const selected = this.selectedId === null ? undefined : this.index.get(this.selectedId);
    if (selected && this.editor.claimId === selected.id) this.editor.update(selected);
    if (this.speakersView) void this.speakersView.load();
  }

  private async openAgreement(): Promise<void> {
    if (this.agreement && !this.agreement.closed) this.agreement.modal.close();
    const view = new AgreementView({
      ipc: this.ipc,
      documents: () => this.documents,
      showError: (e) => {
        this.showError(e);
      },
    });
    this.agreement = view;
    await view.load();
  }

  /** Reads the open document's claims again, keeping the selected claim when it is still there. */
  private async reloadClaims(docId: string): Promise<void> {
    const seq = this.loadSeq;
    let claims: Claim[];
    try {
      claims = await documentClaims(this.ipc, docId);
    } catch (e) {
      this.showError(e);
      return;
    }
    if (seq !== this.loadSeq || this.rendered?.doc.id !== docId) return; // another document opened meanwhile
    this.index = new ClaimIndex(claims);
    this.claimsChanged(docId);
    const selected = this.selectedId === null ? undefined : this.index.get(this.selectedId);
    if (selected) {
      this.painter.setCurrent(selected);
      this.claimsPane.setSelected(selected.id);
      if (this.editor.claimId === selected.id) this.editor.update(selected);
    } else {
      this.closeEditor();
    }
  }

  private setCount(docId: string, count: number): void {
    const d = this.documents.find((x) => x.id === docId);
    if (d) d.claim_count = count;
    this.documentsPane.setCount(docId, count);
  }

  /** Shows an error in the banner, and acts on the codes that have a remedy: a change refused
   * because no coder is set asks for the coder's name. */
  private showError(e: unknown): void {
    this.feedback.showError(e);
    if (toIpcError(e).code === "no_coder" && !document.querySelector('[data-testid="coder-dialog"]')) {
      this.coderDialog(true);
    }
  }

  // ---- the coder -------------------------------------------------------------------------

  private coderDialog(firstRun: boolean): void {
    openCoderDialog({
      ipc: this.ipc,
      name: this.session?.coder?.name ?? "",
      firstRun,
      saved: (coder) => {
        if (this.session) this.session = { ...this.session, coder };
        this.topbar.render(this.session);
      },
      showError: (e) => {
        this.showError(e);
      },
    });
  }

  // ---- speakers --------------------------------------------------------------------------

  /** The open document's text at `span` (code points). */
  textAt(span: Span): string {
    return this.rendered?.model.slice(span.start, span.end) ?? "";
  }

  speakerName(id: string | null): string | null {
    return id === null ? null : (this.speakers.get(id)?.name ?? null);
  }

  /** Creates a speaker and makes it the speaker of the claim selected when this was asked
   * (the editor may have been closed meanwhile: "Done" confirms a pending new speaker). */
  private async createSpeaker(name: string, kind: SpeakerKind): Promise<void> {
    const claimId = this.selectedId;
    try {
      const s = await this.ipc.createSpeaker({ name, kind, aliases: [] });
      this.speakers.set(s.id, s);
      if (claimId) await this.ops.update(claimId, (e) => ({ ...e, speaker: s.id }), "changed speaker");
    } catch (e) {
      this.showError(e);
    }
  }

  // ---- coding ----------------------------------------------------------------------------

  /** Codes the reader's selection as a new claim and opens it in the editor. The highlight
   * comes first: it is painted in the next frame while the core saves the claim, and the
   * toolbar's going, the editor, the list and the count follow, so that frame stays light
   * (measured: all of it in one frame took ~25 ms of WebKit's time here, the highlight alone
   * ~10). */
  async code(status: Status): Promise<void> {
    const r = this.rendered;
    const ext = this.selection.extent();
    if (!r || !ext) return;
    mark("code:key");
    this.selection.clear();
    this.lastExtent = null;
    const pending = this.painter.addPending(ext, status);
    // Bounded, so nothing waits on a frame that never comes (the window hidden, say).
    const painted = Promise.race([this.painter.painted(), delay(PANES_HELD_MS)]).then(nextTask);
    void this.holdPanesUntil(painted);
    // The toolbar goes once the highlight is painted, unless a new selection brought it back:
    // hiding it in the highlight's frame made that frame ~1 ms longer (measured with a book).
    void painted.then(() => {
      if (!this.selection.domRange()) this.toolbar.hide();
    });
    try {
      const claim = await this.ops.create({
        document: r.doc.id,
        start: ext.start,
        end: ext.end,
        quote: ext.quote,
        status,
        speaker: null,
        cue: null,
        note: null,
      });
      // The saved claim is in the index now: it takes the pending one's place in this frame.
      this.painter.removePending(pending);
      mark("code:saved");
      await painted;
      mark("code:painted");
      this.selectClaim(claim.id, { scroll: false, flash: false, focusSpeaker: true });
      mark("code:shown");
      void this.markPainted("code:settled", () => true);
    } catch (e) {
      this.painter.removePending(pending);
      this.showError(e);
    }
  }

  /** Changes to the claims list and the documents' counts wait for `frame` (see `code`). */
  private async holdPanesUntil(frame: Promise<void>): Promise<void> {
    const held = this.heldPanes ?? [];
    this.heldPanes = held; // a claim coded while another waits shares its wait
    await frame;
    if (this.heldPanes === held) this.heldPanes = null;
    for (const show of held.splice(0)) show();
  }

  private setStatus(status: Status): void {
    this.changeSelected((e) => ({ ...e, status }), "changed status");
  }

  /** Applies a change to the selected claim through the undo stack. */
  private changeSelected(change: Parameters<ClaimOps["update"]>[1], label: string): void {
    const id = this.selectedId;
    if (!id) return;
    this.ops.update(id, change, label).catch((e: unknown) => {
      this.showError(e);
    });
  }

  /** The reader's selection (or the last one made) for a change to the open claim; it is
   * used up. Null, with `hint` in a toast, when there is none. */
  private takeSelection(hint: string): Extent | null {
    const ext = this.selection.extent() ?? this.lastExtent;
    if (!ext) {
      this.feedback.toast(hint);
      return null;
    }
    this.selection.clear();
    this.toolbar.hide();
    this.lastExtent = null;
    return ext;
  }

  private setExtentToSelection(): void {
    const ext = this.takeSelection("Select the new extent in the text first.");
    if (ext) this.changeSelected((e) => ({ ...e, start: ext.start, end: ext.end, quote: ext.quote }), "changed extent");
  }

  /** The open claim's cue becomes the selected words (snapped as claims are; anywhere in the
   * document: the core checks the span). */
  private setCueToSelection(): void {
    if (!this.selectedId) {
      this.feedback.toast("Open a claim first: C sets its cue to the selected words.");
      return;
    }
    const ext = this.takeSelection("Select the cue words in the text first (then C).");
    if (ext) this.changeSelected((e) => ({ ...e, cue: { start: ext.start, end: ext.end } }), "set cue");
  }

  /** The keys overlay, listing the tables the key handlers run. */
  showKeys(): void {
    openKeysDialog(this.keySections());
  }

  private keySections(): KeySection[] {
    return [
      { title: "Coding", shortcuts: CODING_KEYS },
      { title: "Claims list", shortcuts: LIST_KEYS },
      { title: "Review", shortcuts: REVIEW_KEYS },
    ];
  }

  private deleteSelected(): void {
    const id = this.selectedId;
    if (!id) return;
    this.closeEditor();
    this.ops.delete(id).then(
      () => {
        this.feedback.toast("Deleted claim (Ctrl+Z to undo)");
      },
      (e: unknown) => {
        this.showError(e);
      },
    );
  }

  private async undoRedo(redo: boolean): Promise<void> {
    try {
      const label = redo ? await this.ops.redo() : await this.ops.undo();
      this.feedback.toast(label === null ? (redo ? "Nothing to redo" : "Nothing to undo") : `${redo ? "Redone" : "Undone"}: ${label}`);
    } catch (e) {
      this.showError(e);
    }
  }

  // ---- claims state ----------------------------------------------------------------------

  private onSaved(claim: Claim): void {
    if (claim.document !== this.rendered?.doc.id) {
      void this.refreshCounts();
      return;
    }
    this.index = this.index.with(claim);
    this.claimsChanged(claim.document);
    if (this.editor.claimId === claim.id) {
      this.editor.update(claim);
      this.painter.setCurrent(claim);
    }
  }

  private onRemoved(claim: Claim): void {
    if (claim.document !== this.rendered?.doc.id) {
      void this.refreshCounts();
      return;
    }
    this.index = this.index.without(claim.id);
    if (this.selectedId === claim.id) this.closeEditor();
    this.claimsChanged(claim.document);
  }

  private claimsChanged(docId: string): void {
    this.painter.setClaims(this.index);
    const size = this.index.size;
    const show = (): void => {
      if (this.rendered?.doc.id === docId) this.claimsPane.render(this.index.claims);
      this.setCount(docId, size);
    };
    if (this.heldPanes) this.heldPanes.push(show);
    else show();
  }

  /** Counts of documents other than the open one (after an undo that reached one). */
  private async refreshCounts(): Promise<void> {
    try {
      this.documents = await this.ipc.listDocuments();
      this.documentsPane.render(this.documents, this.rendered?.doc.id ?? null);
    } catch (e) {
      this.showError(e);
    }
  }

  selectClaim(id: string, how: { scroll: boolean; flash: boolean; focusSpeaker: boolean }): void {
    const claim = this.index.get(id);
    if (!claim) return;
    this.selectedId = id;
    this.painter.setCurrent(claim);
    this.claimsPane.setSelected(id);
    this.editor.open(claim, how.focusSpeaker);
    if (how.scroll) this.scrollToClaim(claim);
    if (how.flash) this.painter.flash(claim);
  }

  private scrollToClaim(claim: Claim): void {
    this.scrollTo(claim.start);
  }

  /** Brings the line holding code point `cp` of the open document to the middle of the view. */
  private scrollTo(cp: number): void {
    const r = this.rendered;
    if (!r) return;
    const line = r.model.lineAt(cp);
    r.attachThrough(line);
    const p = r.paragraphs[line];
    if (p && typeof p.scrollIntoView === "function") p.scrollIntoView({ block: "center" });
  }

  /** Opens a search hit: its document (that version), every match marked and the first in
   * view; for a note, its claim selected. */
  private async showHit(hit: SearchHit): Promise<void> {
    if (this.rendered?.doc.id !== hit.document) await this.openDocument(hit.document);
    if (this.rendered?.doc.id !== hit.document) return;
    if (hit.kind === "document") {
      this.painter.setFound(hit.matches);
      const first = hit.matches[0];
      if (first) this.scrollTo(first.start);
    } else if (hit.claim !== null) {
      this.selectClaim(hit.claim, { scroll: true, flash: true, focusSpeaker: false });
    }
  }

  closeEditor(): void {
    if (this.editor.isOpen) this.editor.close();
    this.selectedId = null;
    this.painter.setCurrent(null);
    this.claimsPane.setSelected(null);
  }
}

// The review view in the app, on the core's recorded answers (test/fixtures/review.json: Ana
// and Bo coded one article; units identical, differing in status, Ana's alone, differing in
// speaker): lanes aligned by unit, n / p stepping to undecided differences, each kind of
// decision sends the NewDecision it describes and shows the core's answer, a reason is
// required, undo keeps the record, the audit trail exports.

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { FakeIpc } from "../dev/fakeIpc";
import type { Decision, NewDecision } from "../ipc";
import { review } from "../test/fixtures";
import { byTestId, field, key, selectInParagraph } from "../test/util";

let ipc: FakeIpc;
let app: App;

const start = review.states.start;
if (!start) throw new Error("no start state in review.json");

/** The id of a coder's claim of the recorded article, by its quote. */
function idOf(coder: string, quote: string): string {
  const k = start?.coders.find((c) => c.name === coder);
  const c = start?.claims.find((x) => x.coder === k?.id && x.quote === quote);
  if (!c) throw new Error(`no claim of ${coder} on ${quote}`);
  return c.id;
}
const KYIV = "Officials in Kyiv disputed the account";
const NOBODY = "Nobody else commented on the report";
const ids = { a2: idOf("Ana", KYIV), b2: idOf("Bo", KYIV), a4: idOf("Ana", NOBODY), b4: idOf("Bo", NOBODY) };
const docId = start.documents[0]?.id ?? "";

/** The decision the core recorded for the request with this reason. */
function recorded(reason: string): Decision {
  const a = review.answers.find((x) => x.command === "adjudicate" && (x.request as NewDecision).reason === reason);
  if (!a?.ok) throw new Error(`no decision recorded with the reason ${reason}`);
  return a.ok as Decision;
}

function all(id: string, within: ParentNode = document): HTMLElement[] {
  return [...within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}
function button(id: string, within: ParentNode = document): HTMLButtonElement {
  const b = within.querySelector(`[data-testid="${id}"]`);
  if (!(b instanceof HTMLButtonElement)) throw new Error(`no button ${id}`);
  return b;
}
function current(): HTMLElement {
  const u = document.querySelector<HTMLElement>('[data-testid="review-unit"][aria-current="true"]');
  if (!u) throw new Error("no current unit");
  return u;
}
function setReason(text: string): void {
  const r = field("decision-reason", HTMLTextAreaElement);
  r.value = text;
  r.dispatchEvent(new Event("input", { bubbles: true }));
}
function choose(id: string, value: string): void {
  const s = field(id, HTMLSelectElement);
  s.value = value;
  s.dispatchEvent(new Event("change", { bubbles: true }));
}
async function confirmed(): Promise<NewDecision> {
  const before = ipc.callsOf("adjudicate").length;
  button("decision-confirm").click();
  await vi.waitFor(() => {
    expect(byTestId("unit-decision")).toBeTruthy();
  });
  expect(ipc.callsOf("adjudicate")).toHaveLength(before + 1);
  const sent = ipc.callsOf("adjudicate").at(-1);
  return sent as NewDecision;
}
function goldLane(): HTMLElement | undefined {
  return all("review-lane").find((l) => l.dataset.coder === "gold");
}

beforeEach(async () => {
  localStorage.clear();
  ipc = new FakeIpc().replayFrom(review, "start");
  const root = document.createElement("div");
  document.body.append(root);
  app = new App(root, { ipc, highlights: null });
  await app.start();
  button("open-review").click();
  await vi.waitFor(() => {
    expect(all("review-unit")).toHaveLength(4);
  });
});
afterEach(() => {
  app.destroy();
  document.body.replaceChildren();
  expect(ipc.unanswered).toEqual([]);
});

describe("review view", () => {
  it("shows a lane per coder and gold, units with their differences, and starts at the first to decide", () => {
    expect(byTestId("review-view")).toBeTruthy();
    expect(byTestId("reader").closest("[hidden]")).not.toBeNull();
    expect(all("review-lane").map((l) => l.dataset.coder)).toEqual(["Ana", "Bo", "gold"]);
    expect(all("review-unit").map((u) => u.dataset.differs)).toEqual(["", "status", "span status speaker", "speaker"]);
    expect(all("review-unit").every((u) => u.dataset.decided === "false")).toBe(true);
    expect(current().dataset.differs).toBe("status");
    // Differences are written out, not only coloured.
    expect(current().textContent).toContain("≠ status");
    const bo = all("review-lane").find((l) => l.dataset.coder === "Bo");
    expect(bo?.textContent).toContain("— no claim");
    expect(bo?.textContent).toContain("Officials in Kyiv");
    expect(byTestId("decision-panel").textContent).toContain("differs in status");
  });

  it("steps with n and p over the units to decide, skipping decided ones", async () => {
    key(document.body, "n");
    expect(current().dataset.differs).toBe("span status speaker");
    key(document.body, "n");
    expect(current().dataset.differs).toBe("speaker");
    key(document.body, "n");
    expect(current().dataset.differs).toBe("speaker");
    expect(byTestId("toast").textContent).toBe("No later unit to decide");
    key(document.body, "p");
    key(document.body, "p");
    expect(current().dataset.differs).toBe("status");
    // Decide the middle unit: n from the first now skips it.
    key(document.body, "n");
    button("decide-reject").click();
    setReason("not a claim");
    await confirmed();
    expect(all("review-unit")[2]?.dataset.decided).toBe("true");
    key(document.body, "p");
    expect(current().dataset.differs).toBe("status");
    key(document.body, "n");
    expect(current().dataset.differs).toBe("speaker");
    // Typing in the reason field is not stepping.
    const reason = field("decision-reason", HTMLTextAreaElement);
    key(reason, "p");
    expect(current().dataset.differs).toBe("speaker");
  });

  it("requires a reason before confirming", () => {
    const confirm = button("decision-confirm");
    expect(confirm.disabled).toBe(true);
    button("decide-accept").click();
    expect(confirm.disabled).toBe(true);
    expect(byTestId("decision-hint").textContent).toMatch(/reason/);
    setReason("   ");
    expect(confirm.disabled).toBe(true);
    confirm.click();
    expect(ipc.callsOf("adjudicate")).toHaveLength(0);
    setReason("Ana is right");
    expect(confirm.disabled).toBe(false);
  });

  it("accept sends the coder's claim and makes a gold claim", async () => {
    const accepts = all("decide-accept");
    expect(accepts.map((b) => b.dataset.coder)).toEqual(["Ana", "Bo"]);
    accepts[1]?.click();
    setReason("Bo's status fits");
    const sent = await confirmed();
    expect(sent).toEqual({
      document: docId, considered: [ids.a2, ids.b2], action: "accept",
      chosen: { span: ids.b2, status: ids.b2, speaker: ids.b2 }, edited: null, reason: "Bo's status fits",
    });
    expect(byTestId("unit-decision").textContent).toMatch(/Accepted Bo’s claim — by Erin at .*“Bo's status fits”/);
    expect(current().dataset.decided).toBe("true");
    // The gold claim the core made: Bo's, as it was.
    const gold = goldLane()?.querySelector<HTMLElement>('[data-testid="review-claim"]');
    expect(gold?.dataset.status).toBe("unverified");
    expect(gold?.dataset.claimId).toBe(recorded("Bo's status fits").result?.id);
    expect(all("audit-entry")).toHaveLength(1);
  });

  it("merge sends the parts chosen from each claim", async () => {
    key(document.body, "n");
    key(document.body, "n"); // the unit where only the speaker differs
    button("decide-merge").click();
    choose("merge-span", ids.b4);
    choose("merge-status", ids.a4);
    choose("merge-speaker", ids.a4);
    setReason("Bo's span, Ana's speaker");
    const sent = await confirmed();
    expect(sent.action).toBe("merge");
    expect(sent.considered).toEqual([ids.a4, ids.b4]);
    expect(sent.chosen).toEqual({ span: ids.b4, status: ids.a4, speaker: ids.a4 });
    expect(sent.edited).toBeNull();
    expect(current().dataset.decided).toBe("true");
    expect(byTestId("unit-decision").dataset.action).toBe("merge");
    expect(goldLane()?.querySelector<HTMLElement>('[data-testid="review-claim"]')?.dataset.claimId)
      .toBe(recorded("Bo's span, Ana's speaker").result?.id);
  });

  it("edit sends a claim of the adjudicator's with the chosen span and status", async () => {
    button("decide-edit").click();
    choose("edit-span", ids.a2);
    choose("edit-status", "attributed");
    setReason("both missed the attribution");
    const sent = await confirmed();
    expect(sent.action).toBe("edit");
    const a2 = start.claims.find((c) => c.id === ids.a2);
    expect(sent.edited).toEqual({ start: a2?.start, end: a2?.end, quote: KYIV, status: "attributed", speaker: null, cue: null, note: null });
    // The gold claim the core made has the chosen status.
    expect(goldLane()?.querySelector<HTMLElement>('[data-testid="review-claim"]')?.dataset.status).toBe("attributed");
  });

  it("edit takes a free span selected in the text, any status and any speaker", async () => {
    button("decide-edit").click();
    const para = byTestId("edit-passage").querySelector("p");
    if (!para) throw new Error("no passage");
    const at = para.textContent.indexOf("Officials in Kyiv");
    // A rough selection inside the words: it snaps to whole words, as in the reader.
    selectInParagraph(para, at + 2, at + 15);
    button("edit-use-selection").click();
    expect(byTestId("edit-span-label").textContent).toContain("“Officials in Kyiv”");
    choose("edit-status", "disputed");
    const antonov = start.speakers[0]?.id ?? "";
    choose("edit-speaker", antonov);
    setReason("only the officials are a claim");
    const sent = await confirmed();
    expect(sent.chosen).toEqual({ span: null, status: null, speaker: null });
    expect(sent.edited).toEqual({ start: at, end: at + 17, quote: "Officials in Kyiv", status: "disputed", speaker: antonov, cue: null, note: null });
    expect(goldLane()?.querySelector<HTMLElement>('[data-testid="review-claim"]')?.textContent).toContain("Officials in Kyiv");
  });

  it("Ctrl+Z undoes a decision and Ctrl+Shift+Z makes it again, in the app's one undo history", async () => {
    button("decide-edit").click();
    const para = byTestId("edit-passage").querySelector("p");
    if (!para) throw new Error("no passage");
    const at = para.textContent.indexOf("Officials in Kyiv");
    selectInParagraph(para, at, at + 17);
    button("edit-use-selection").click();
    choose("edit-status", "disputed");
    choose("edit-speaker", start.speakers[0]?.id ?? "");
    setReason("only the officials are a claim");
    await confirmed();
    const made = recorded("only the officials are a claim");
    key(document.body, "z", { ctrlKey: true });
    await vi.waitFor(() => {
      expect(current().dataset.decided).toBe("false");
    });
    expect(ipc.callsOf("undoDecision")).toEqual([made.id]);
    expect(byTestId("toast").textContent).toContain("Undone: decision (edit)");
    key(document.body, "z", { ctrlKey: true, shiftKey: true });
    await vi.waitFor(() => {
      expect(current().dataset.decided).toBe("true");
    });
    const again = ipc.callsOf("adjudicate");
    expect(again).toHaveLength(2);
    expect(again[1]).toEqual(again[0]);
    expect(all("audit-entry").map((e) => e.dataset.undone)).toEqual(["true", "false"]);
  });

  it("reject sends no parts and makes no gold claim; undo keeps the record", async () => {
    button("decide-reject").click();
    setReason("no claim here");
    const sent = await confirmed();
    expect(sent.action).toBe("reject");
    expect(sent.chosen).toEqual({ span: null, status: null, speaker: null });
    expect(goldLane()?.textContent).toContain("rejected");
    button("decision-undo").click();
    await vi.waitFor(() => {
      expect(current().dataset.decided).toBe("false");
    });
    expect(ipc.callsOf("undoDecision")).toEqual([recorded("no claim here").id]);
    expect(document.querySelector('[data-testid="unit-decision"]')).toBeNull();
    const trail = all("audit-entry");
    expect(trail).toHaveLength(1);
    expect(trail[0]?.dataset.undone).toBe("true");
    expect(trail[0]?.textContent).toMatch(/undone by Erin/);
    // The unit can be decided again.
    expect(button("decision-confirm")).toBeTruthy();
  });

  it("shows the core's error in the banner", async () => {
    button("decide-accept").click();
    setReason("x");
    // Another window decided the unit meanwhile.
    await ipc.adjudicate({
      document: docId, considered: [ids.a2], action: "reject",
      chosen: { span: null, status: null, speaker: null }, edited: null, reason: "behind the view's back",
    });
    button("decision-confirm").click();
    await vi.waitFor(() => {
      expect(byTestId("error-banner").textContent).toMatch(/already decided \(reject by Erin at .*\); undo that decision first/);
    });
    expect(byTestId("error-banner").dataset.code).toBe("already_decided");
  });

  it("exports the audit trail and says how many decisions it wrote", async () => {
    button("decide-reject").click();
    setReason("no claim here");
    await confirmed();
    ipc.nextAuditPath = "/tmp/audit.csv";
    button("audit-export-csv").click();
    await vi.waitFor(() => {
      expect(byTestId("toast").textContent).toBe("Wrote 1 decision to /tmp/audit.csv");
    });
    expect(ipc.callsOf("exportDecisions")).toEqual([{ path: "/tmp/audit.csv", asCsv: true }]);
  });

  it("compares the coders ticked and the overlap chosen", async () => {
    expect(all("review-coder").map((b) => b.dataset.coder)).toEqual(["Ana", "Bo"]);
    const bo = all("review-coder").find((b) => b.dataset.coder === "Bo") as HTMLInputElement;
    bo.checked = false;
    bo.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(all("review-lane").map((l) => l.dataset.coder)).toEqual(["Ana", "gold"]);
    });
    expect(ipc.callsOf("reviewUnits").at(-1)).toEqual({ document: docId, coders: ["Ana"], minJaccard: 0.5 });
    // Ana's four claims alone: nothing to compare them with.
    expect(all("review-unit").map((u) => u.dataset.differs)).toEqual(["", "", "", ""]);
    // At least one coder stays ticked.
    const ana = all("review-coder").find((b) => b.dataset.coder === "Ana") as HTMLInputElement;
    ana.checked = false;
    ana.dispatchEvent(new Event("change", { bubbles: true }));
    expect(ana.checked).toBe(true);
    expect(byTestId("toast").textContent).toBe("Compare at least one coder");

    const overlap = field("review-overlap", HTMLInputElement);
    overlap.value = "0.8";
    overlap.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => {
      expect(ipc.callsOf("reviewUnits").at(-1)).toMatchObject({ minJaccard: 0.8 });
    });
    overlap.value = "3";
    overlap.dispatchEvent(new Event("change", { bubbles: true }));
    expect(overlap.value).toBe("0.8");
  });

  it("closes back to the reader", () => {
    button("review-close").click();
    expect(document.querySelector('[data-testid="review-view"]')).toBeNull();
    expect(byTestId("reader").closest("[hidden]")).toBeNull();
  });
});

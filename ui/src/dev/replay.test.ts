// Replaying the core's recorded answers: found by state and request (whatever the order of
// keys), refusals thrown as the core's errors, a change moving to the state it led to, and a
// clear error for anything not recorded.

import { describe, expect, it } from "vitest";
import { IpcError, type Decision, type NewDecision } from "../ipc";
import { review } from "../test/fixtures";
import { Replay, sameJson } from "./replay";

function request(reason: string): NewDecision {
  const a = review.answers.find((x) => x.command === "adjudicate" && (x.request as NewDecision).reason === reason);
  if (!a) throw new Error(`nothing recorded with the reason ${reason}`);
  return a.request as NewDecision;
}

describe("replay", () => {
  it("compares JSON whatever the order of keys, and nothing else", () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false);
  });

  it("answers a recorded change and moves to the state it led to", () => {
    const r = new Replay(review, "start");
    const { value, next } = r.answer("adjudicate", { ...request("not a claim") });
    expect((value as Decision).reason).toBe("not a claim");
    expect(r.state).toBe("reject-lone");
    expect(next?.coders.map((c) => c.name)).toContain("gold");
    // The same request in the new state was not recorded.
    expect(() => r.answer("adjudicate", request("not a claim"))).toThrow(/no recorded answer for adjudicate\(.*\) in state reject-lone/);
  });

  it("throws the core's refusal with its code and message, and stays where it was", () => {
    const r = new Replay(review, "start");
    let error: unknown = null;
    try {
      r.answer("adjudicate", request("   "));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: "invalid_decision", message: "a decision needs a reason" });
    expect(r.state).toBe("start");
  });

  it("refuses a state that was not recorded", () => {
    expect(() => new Replay(review, "nowhere")).toThrow("no recorded state nowhere");
  });
});

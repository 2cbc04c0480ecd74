// Sample data for working on the UI in a plain browser (`npm run dev`), where there is no core.

import type { Ipc } from "../ipc";
import { FakeIpc } from "./fakeIpc";
import { parseRecording } from "./replay";

const TEXT = [
  "Moscow rejects claims of interference, ambassador says",
  "",
  "The Russian ambassador, Anatoly Antonov, said on Tuesday that “no evidence whatsoever” had been presented. According to RIA News, the ministry called the report “a fabrication” 👍🏽.",
  "",
  "Officials in Kyiv 🇺🇦 disputed the account. “The facts are well documented,” a spokesperson said.",
  "",
  "北京的官员没有发表评论。 وقال متحدث إن التقرير غير دقيق. הדובר סירב להגיב.",
].join("\n");

/** A book-length document (~1 MB, ~1,100 paragraphs) with 10,000 claims, for `?big` in the
 * dev preview: the scale PRODUCT.md promises stays instant. */
function addBook(fake: FakeIpc): void {
  const sentence = "The spokesperson said the figures 👍🏽 were accurate, according to officials in Kyiv 🇺🇦. ";
  const paragraph = sentence.repeat(10).trim();
  const text = Array.from({ length: 1100 }, () => paragraph).join("\n");
  const doc = fake.addDocument("A book-length document", text);
  const pLen = [...paragraph].length + 1;
  const sLen = [...sentence].length;
  const cps = [...text];
  const statuses = ["attributed", "disputed", "unverified"] as const;
  let n = 0;
  for (let p = 0; p < 1100 && n < 10_000; p++) {
    for (let s = 0; s < 10 && n < 10_000; s++, n++) {
      const start = p * pLen + s * sLen + 4;
      const end = start + 40 + (n % 3) * 12;
      const quote = cps.slice(start, end).join("");
      fake.claims.set(`big-${n}`, {
        id: `big-${n}`, document: doc.id, start, end, quote, prefix: "", suffix: "",
        status: statuses[n % 3] ?? "attributed", speaker: null, cue: null, note: null,
        coder: "coder-demo", created: "", modified: "",
      });
    }
  }
}

export async function demoIpc(): Promise<Ipc> {
  const fake = new FakeIpc();
  // Review is answered from the core's recorded review scenario (Ana and Bo on one article, the
  // decisions of the review tests; its coder, Erin, codes the demo too), so the dev server can
  // show it. Only in development, so the recording stays out of the bundle.
  if (import.meta.env.DEV) {
    const { default: review } = await import("../test/fixtures/review.json?raw");
    fake.replayFrom(parseRecording(review), "start");
  } else {
    fake.coder = { id: "coder-demo", name: "Demo Coder" };
  }
  if (typeof location !== "undefined" && location.search.includes("big")) addBook(fake);
  const doc = fake.addDocument("Moscow rejects claims of interference", TEXT, {
    publisher: "Example Wire",
    author: "A. Reporter",
    published: "2025-03-04",
  });
  fake.addDocument("An empty second article", "Nothing coded here yet.");
  const antonov = fake.addSpeaker("Anatoly Antonov", ["Antonov", "Russian ambassador"]);
  const ria = fake.addSpeaker("RIA News", ["RIA Novosti"], "media");
  fake.addSpeaker("U.S. government", ["Washington"], "government");
  fake.addClaim(doc.id, "“no evidence whatsoever” had been presented", "attributed", antonov.id);
  fake.addClaim(doc.id, "the ministry called the report “a fabrication”", "attributed", ria.id, "Check RIA's original wording.");
  fake.addClaim(doc.id, "called the report", "disputed");
  fake.addClaim(doc.id, "The facts are well documented", "unverified");
  return fake;
}

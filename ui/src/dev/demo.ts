// Sample data for working on the UI in a plain browser (`npm run dev`), where there is no core.

import type { Ipc } from "../ipc";
import { FakeIpc } from "./fakeIpc";

const TEXT = [
  "Moscow rejects claims of interference, ambassador says",
  "",
  "The Russian ambassador, Anatoly Antonov, said on Tuesday that “no evidence whatsoever” had been presented. According to RIA News, the ministry called the report “a fabrication” 👍🏽.",
  "",
  "Officials in Kyiv 🇺🇦 disputed the account. “The facts are well documented,” a spokesperson said.",
  "",
  "北京的官员没有发表评论。 وقال متحدث إن التقرير غير دقيق. הדובר סירב להגיב.",
].join("\n");

export function demoIpc(): Ipc {
  const fake = new FakeIpc();
  fake.addDocument("Moscow rejects claims of interference", TEXT, {
    publisher: "Example Wire",
    author: "A. Reporter",
    published: "2025-03-04",
  });
  fake.addSpeaker("Anatoly Antonov", ["Antonov", "Russian ambassador"]);
  fake.addSpeaker("RIA News", ["RIA Novosti"], "media");
  fake.addSpeaker("U.S. government", ["Washington"], "government");
  return fake;
}

// Entry point: picks the ipc (the Tauri bridge, or the in-memory fake when the UI is opened in
// a plain browser for development) and starts the app.

import { App } from "./app";
import { inTauri, type Ipc, tauriIpc } from "./ipc";
import { browserHighlights } from "./reader/painter";
import { applyStoredTheme } from "./theme";

async function pickIpc(): Promise<Ipc> {
  if (inTauri()) return tauriIpc();
  const { demoIpc } = await import("./dev/demo");
  return demoIpc();
}

async function main(): Promise<void> {
  applyStoredTheme();
  const root = document.getElementById("app");
  if (!root) throw new Error("#app is missing from index.html");
  const app = new App(root, { ipc: await pickIpc(), highlights: browserHighlights(), laidOut: true });
  await app.start();
}

void main();

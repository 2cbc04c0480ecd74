// Themes: the system's until the user chooses, then the user's, remembered.

import { afterEach, describe, expect, it, vi } from "vitest";
import { applyStoredTheme, toggleTheme } from "./theme";

function systemPrefers(dark: boolean): void {
  vi.stubGlobal("matchMedia", (q: string) => ({
    matches: dark && q.includes("dark"),
    addEventListener: () => undefined,
  }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  document.documentElement.removeAttribute("data-theme");
});

describe("theme", () => {
  it("follows the system until the user chooses", () => {
    systemPrefers(true);
    applyStoredTheme();
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    systemPrefers(false);
    applyStoredTheme();
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
  });

  it("remembers the user's choice over the system's", () => {
    systemPrefers(false);
    applyStoredTheme();
    expect(toggleTheme()).toBe("dark");
    systemPrefers(false);
    applyStoredTheme();
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    expect(toggleTheme()).toBe("light");
  });
});

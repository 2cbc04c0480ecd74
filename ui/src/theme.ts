// Light and dark themes: follow the system (prefers-color-scheme) until the user toggles,
// then remember their choice. The root always carries data-theme, so the stylesheet defines
// the dark palette once.

const KEY = "claimcoder.theme";
type Theme = "light" | "dark";

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : null;
  } catch {
    return null;
  }
}

function systemTheme(): Theme {
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyStoredTheme(): void {
  document.documentElement.setAttribute("data-theme", stored() ?? systemTheme());
  if (typeof matchMedia !== "function") return;
  // Until the user chooses, a change of the system's theme applies at once.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (stored() === null) document.documentElement.setAttribute("data-theme", systemTheme());
  });
}

/** Switches to the other theme and remembers it; returns the new theme. */
export function toggleTheme(): Theme {
  const now = document.documentElement.getAttribute("data-theme") === "dark" ? "dark" : "light";
  const next: Theme = now === "dark" ? "light" : "dark";
  document.documentElement.setAttribute("data-theme", next);
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Storage can be unavailable; the toggle still works for this session.
  }
  return next;
}

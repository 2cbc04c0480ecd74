/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app is loaded from files inside the Tauri bundle, so every asset URL must be relative.
export default defineConfig({
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 is Safari 18-level: no need to down-level modern syntax.
    target: "safari16",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});

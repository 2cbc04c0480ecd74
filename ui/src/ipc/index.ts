export * from "./types";
export { IpcError, tauriIpc, inTauri, toIpcError } from "./client";
export type { Ipc, IpcErrorCode } from "./client";
export { EXPORT_FORMATS, exportFormats } from "./formats";
export { claimListOf, documentClaims } from "./claimList";

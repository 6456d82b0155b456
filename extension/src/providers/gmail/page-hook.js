// Entry for the MAIN-world content script (manifest "world": "MAIN", run_at document_start):
// it must be in place before Gmail's own code creates its first request. esbuild bundles
// it into one classic script; it has no access to chrome.* and holds nothing secret.
import { installSyncHook } from "./sync-hook.js";

installSyncHook(window);

// Entry for the isolated-world content script on mail.google.com (bundled by esbuild into
// one classic script). Gmail is a single-page app, so one listener lives as long as the page.
import { init } from "./capture-emails.js";

init(new AbortController().signal);

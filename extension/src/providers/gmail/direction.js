import { isInSent } from "./labels.js";

/**
 * "outbound" when the rep's own account sent the message, else "inbound".
 * Before the page has told us the account address, Gmail's Sent label is the best witness.
 */
export function directionOf(fromEmail, accountEmail, labels) {
  if (accountEmail) return fromEmail === accountEmail.toLowerCase() ? "outbound" : "inbound";
  return isInSent(labels) ? "outbound" : "inbound";
}

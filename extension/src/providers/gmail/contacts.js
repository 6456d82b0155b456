import { field } from "./sync-json.js";

// A contact is [1, email, name] (or {"1": 1, "2": email, "3": name}) in every sync message.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** {email, name} from a sync contact, or null when it carries no usable address. */
export function toContact(node) {
  const email = field(node, 2);
  if (typeof email !== "string") return null;
  const normalized = email.trim().toLowerCase();
  if (!EMAIL_SHAPE.test(normalized)) return null;
  const name = field(node, 3);
  return { email: normalized, name: typeof name === "string" && name.trim() ? name.trim() : null };
}

/** The usable contacts of a repeated contact field; unusable entries are dropped. */
export function toContacts(nodes) {
  return (Array.isArray(nodes) ? nodes : []).map(toContact).filter(Boolean);
}

// Plain http only to these names, and never in production: for a partner run on the developer's machine.
const LOOPBACK_NAMES = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The rule for every address Attest fetches (partner metadata, icons) or sends a person's
 * browser to (a partner's callback): https, or plain http to a loopback name outside
 * production; never with user info in it. Pure, so the consent page's client code can use it.
 */
export function isSecureTransport(url: URL, production: boolean): boolean {
  if (url.username || url.password) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && !production && LOOPBACK_NAMES.test(url.hostname);
}

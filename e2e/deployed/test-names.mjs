/**
 * Loaded into the deployment test's processes (--import): names under .test resolve to
 * 127.0.0.1, as Chromium's --host-resolver-rules maps them for the browser, so the
 * instances reach PUBLIC_URL (the demo partner's metadata lives there) by its name.
 * Every other name resolves as usual.
 */
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";

const TEST_NAME = /\.test\.?$/i;
const answer = (options) => {
  const all = typeof options === "object" && options?.all;
  return all ? [{ address: "127.0.0.1", family: 4 }] : { address: "127.0.0.1", family: 4 };
};

const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  if (!TEST_NAME.test(hostname)) return lookup.call(dns, hostname, options, callback);
  const result = answer(options);
  process.nextTick(() => (Array.isArray(result) ? done(null, result) : done(null, result.address, result.family)));
  return {};
};
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = async (hostname, options) => (TEST_NAME.test(hostname) ? answer(options) : promisesLookup.call(dns.promises, hostname, options));
syncBuiltinESMExports();

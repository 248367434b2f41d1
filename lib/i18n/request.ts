import "server-only";

import { getRequestConfig } from "next-intl/server";

import { MESSAGES } from "./messages";
import { requestPreferences } from "./request-preferences";

/**
 * What next-intl reads for every page, layout and server action. No locale in the URL: the
 * paths are part of the OCN protocol, so the language comes from the person's cookie or browser.
 */
export default getRequestConfig(async () => {
  const { locale, timeZone } = await requestPreferences();
  return { locale, timeZone, messages: MESSAGES[locale] };
});

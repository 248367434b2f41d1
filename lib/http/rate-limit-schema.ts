import { z } from "zod";

/** The per-minute request limit staff set on a partner or an API account; shared by the console forms and their actions. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

export const rateLimitPerMinuteSchema = z.preprocess(
  (value) => (value === "" || value == null ? DEFAULT_RATE_LIMIT_PER_MINUTE : value),
  z.coerce
    .number("The rate limit is a number of requests per minute")
    .int("The rate limit is a whole number")
    .min(1, "Allow at least 1 request per minute")
    .max(MAX_RATE_LIMIT_PER_MINUTE, `At most ${MAX_RATE_LIMIT_PER_MINUTE.toLocaleString("en")} requests per minute`),
);

import { z } from "zod";

/**
 * One error type, one code → status table, one converter to the envelope
 * `{"error":{"code","message","details?"}}` (SPEC §4).
 */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_SIGNATURE: 401,
  TIMESTAMP_EXPIRED: 401,
  UNKNOWN_OCID: 401,
  NONCE_REUSED: 401,
  UNAUTHORIZED: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  CONNECTION_REFUSED: 403,
  GRANT_NOT_AUTHORIZED: 403,
  DOCUMENT_URL_INVALID: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDENTITY_NOT_VERIFIED: 422,
  TIER_NOT_MET: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  METADATA_UNAVAILABLE: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A message catalogue key ("validation.firstNameRequired") with the values its message names. */
export type Translatable = { key: string; values?: Record<string, string | number> };
/** One message, or several shown as sentences one after the other (an image's problems). */
export type FieldTranslation = Translatable | Translatable[];

export class AppError extends Error {
  /**
   * What a person's page shows instead of `message`, in their language. `message` stays English:
   * the API envelopes and the log read it. Set by the domain (lib/i18n/person-errors.ts), which knows the catalogue.
   */
  translation?: FieldTranslation;
  /** The same for each of `details.fields`. */
  fieldTranslations?: Record<string, FieldTranslation>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Response headers the error answer carries (Retry-After, RateLimit…). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

/** Turns a zod failure into INVALID_REQUEST naming the first offending field. */
export function invalidRequest(error: z.ZodError, prefix = "body"): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : prefix;
  return new AppError("INVALID_REQUEST", `${field}: ${issue?.message ?? "invalid"}`, { field });
}

/**
 * Anything thrown becomes an envelope. Unknown errors are logged by the
 * caller and answered with a message that says nothing about internals.
 */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details) body.error.details = error.details;
    return { status: error.status, body };
  }
  return { status: 500, body: { error: { code: "INTERNAL_ERROR", message: "Something went wrong on our side." } } };
}

export function errorResponse(error: unknown, headers?: HeadersInit): Response {
  const { status, body } = toErrorBody(error);
  if (status === 500) logUnexpected(error);
  const own = error instanceof AppError ? error.headers : undefined;
  return Response.json(body, { status, headers: own ? { ...own, ...Object.fromEntries(new Headers(headers).entries()) } : headers });
}

/** Logs the error's kind and stack only: messages may carry personal data. */
export function logUnexpected(error: unknown, during?: string): void {
  const name = `${error instanceof Error ? error.name : typeof error}${during ? ` during ${during}` : ""}`;
  // Stack frames only: a message can span lines and carry values (a failed query's
  // parameters, say), and personal data never goes to the log.
  const frames = error instanceof Error ? (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 5).join("\n") : "";
  const code = databaseErrorCode(error);
  console.error(`[attest] unexpected ${name}${code ? ` (database code ${code})` : ""}\n${frames}`);
}

/** The SQLSTATE of a database error, or of the one a query error wraps: five characters, never data. */
function databaseErrorCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 3; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// Relative imports: drizzle-kit loads this file without the app's path aliases.
import { STAFF_ROLES } from "../auth/roles";
import { ITEM_STATES, ITEMS } from "@/lib/items/items";

/**
 * The whole domain in one schema, shared by embedded PGlite and PostgreSQL.
 * Columns ending in `_enc` hold AES-256-GCM ciphertext (lib/security/encryption);
 * columns ending in `_index` hold HMAC blind indexes; nothing personal is stored
 * in clear.
 */

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
  toDriver: (value) => value,
});

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const itemName = pgEnum("item_name", ITEMS);
export const itemState = pgEnum("item_state", ITEM_STATES);
export const staffRole = pgEnum("staff_role", STAFF_ROLES);
export const grantDecision = pgEnum("grant_decision", ["granted", "denied", "revoked"]);
export const partnerStatus = pgEnum("partner_status", ["active", "suspended"]);
export const partnerSource = pgEnum("partner_source", ["registered", "index"]);

// ── People and sign-in (the Auth.js tables; `email` holds the blind index) ──

export const userOcidSequence = pgSequence("user_ocid_seq", { startWith: 12345, minValue: 1 });

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  ocid: integer("ocid")
    .notNull()
    .unique()
    .default(sql`nextval('user_ocid_seq')`),
  /** Auth.js looks users up by `email`; here it is the HMAC blind index of the address. */
  email: text("email_index").unique(),
  emailEnc: text("email_enc"),
  emailVerified: at("email_verified"),
  name: text("name"),
  image: text("image"),
  role: staffRole("role"),
  /** The language the person chose (lib/i18n/locales.ts), for the emails they receive; null until they choose. */
  locale: text("locale"),
  /** Their IANA time zone as their browser reported it, for times in emails; null until known. */
  timeZone: text("time_zone"),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (table) => [primaryKey({ columns: [table.provider, table.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: at("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    /** Blind index of the email address the link was sent to. */
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: at("expires").notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);

// ── Identity items ──

export const identityItems = pgTable(
  "identity_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: itemName("item").notNull(),
    state: itemState("state").notNull().default("missing"),
    /** JSON of the item's value, encrypted. */
    valueEnc: text("value_enc"),
    /** Blind index of the value where look-ups need it (phone). */
    valueIndex: text("value_index"),
    rejectionReason: text("rejection_reason"),
    noteToUser: text("note_to_user"),
    internalNote: text("internal_note"),
    submittedAt: at("submitted_at"),
    verifiedAt: at("verified_at"),
    /** Verification validity or document expiry, whichever is earlier. */
    expiresAt: at("expires_at"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    assignedTo: text("assigned_to").references(() => users.id, { onDelete: "set null" }),
    /** Four-eyes: the first reviewer's approval awaiting a second. */
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    proposedAt: at("proposed_at"),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("identity_items_user_item").on(table.userId, table.item),
    // The review queue walks pending items in (submitted_at, id) order; with a filter on the item type or
    // the assignee the walk starts at that value, so a rare type or an idle reviewer does not scan the table.
    index("identity_items_queue").on(table.state, table.submittedAt, table.id),
    index("identity_items_queue_item").on(table.state, table.item, table.submittedAt, table.id),
    index("identity_items_queue_assignee").on(table.state, table.assignedTo, table.submittedAt, table.id),
    index("identity_items_phone").on(table.valueIndex),
  ],
);

export const itemHistory = pgTable(
  "item_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => identityItems.id, { onDelete: "cascade" }),
    state: itemState("state").notNull(),
    action: text("action").notNull(),
    actorId: text("actor_id"),
    reason: text("reason"),
    /** A reviewer's note on the decision (why a sanctions match was cleared), encrypted: it may name the person. */
    noteEnc: text("note_enc"),
    createdAt: createdAt(),
  },
  (table) => [index("item_history_item").on(table.itemId, table.createdAt)],
);

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: itemName("item").notNull(),
    /** front, back, selfie, page */
    side: text("side").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    dataEnc: bytea("data_enc").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("documents_user_item").on(table.userId, table.item)],
);

export const phoneCodes = pgTable("phone_codes", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  phoneEnc: text("phone_enc").notNull(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: at("expires_at").notNull(),
  createdAt: createdAt(),
});

/**
 * "Continue on your phone": a link that signs another device in as this person, on one item's
 * page. Short-lived and single-use; the link's token is stored only as its SHA-256.
 */
export const handoffTokens = pgTable(
  "handoff_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: itemName("item").notNull(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
    createdAt: createdAt(),
  },
  (table) => [index("handoff_tokens_user_idx").on(table.userId)],
);

export const amlScreenings = pgTable(
  "aml_screenings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    listVersion: text("list_version").notNull(),
    status: text("status").notNull(),
    /** Matches with scores, encrypted: they name the person screened. */
    matchesEnc: text("matches_enc").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("aml_screenings_user").on(table.userId, table.createdAt)],
);

export const sanctionsLists = pgTable("sanctions_lists", {
  id: uuid("id").primaryKey().defaultRandom(),
  version: text("version").notNull(),
  source: text("source").notNull(),
  entryCount: integer("entry_count").notNull(),
  /** The list as loaded (gzip of the CSV), so every instance screens against the same version. */
  contentGz: bytea("content_gz").notNull(),
  loadedBy: text("loaded_by"),
  createdAt: createdAt(),
});

// ── Partners and consent ──

export const partners = pgTable("partners", {
  ocid: integer("ocid").primaryKey(),
  name: text("name").notNull(),
  metadataUrl: text("metadata_url").notNull(),
  callbackOrigins: jsonb("callback_origins").$type<string[]>().notNull().default([]),
  /** null: every grant. */
  allowedGrants: jsonb("allowed_grants").$type<string[] | null>(),
  fullDocumentNumbers: boolean("full_document_numbers").notNull().default(false),
  retentionNote: text("retention_note"),
  /** Why the partner asks for an item, as staff recorded it; shown on the consent page. Never personal data. */
  itemPurposes: jsonb("item_purposes").$type<Record<string, string>>().notNull().default({}),
  status: partnerStatus("status").notNull().default("active"),
  source: partnerSource("source").notNull().default("registered"),
  /** Requests per minute on the OCN routes, across all instances (lib/http/rate-limiter.ts). */
  rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
  createdAt: createdAt(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const grants = pgTable(
  "grants",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerOcid: integer("partner_ocid").notNull(),
    item: itemName("item").notNull(),
    decision: grantDecision("decision").notNull(),
    decidedAt: at("decided_at").notNull().defaultNow(),
    /** When the item was first granted in the current run of grants. */
    grantedAt: at("granted_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.partnerOcid, table.item] })],
);

export const consentReceipts = pgTable(
  "consent_receipts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerOcid: integer("partner_ocid").notNull(),
    granted: jsonb("granted").$type<string[]>().notNull(),
    denied: jsonb("denied").$type<string[]>().notNull(),
    /** The signed receipt exactly as issued. */
    receipt: jsonb("receipt").$type<Record<string, unknown>>().notNull(),
    signature: text("signature").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("consent_receipts_user").on(table.userId, table.createdAt)],
);

export const dataAccesses = pgTable(
  "data_accesses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnerOcid: integer("partner_ocid").notNull(),
    items: jsonb("items").$type<string[]>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("data_accesses_user").on(table.userId, table.partnerOcid, table.createdAt)],
);

export const nonces = pgTable(
  "nonces",
  {
    ocid: integer("ocid").notNull(),
    nonce: text("nonce").notNull(),
    seenAt: at("seen_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.ocid, table.nonce] }), index("nonces_seen_at").on(table.seenAt)],
);

export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: at("window_start").notNull(),
  count: integer("count").notNull(),
});

// ── Development mailbox: outside production without SMTP_URL, shared by every instance ──

export const devMail = pgTable("dev_mail", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  receivedAt: at("received_at").notNull().defaultNow(),
  messageEnc: bytea("message_enc").notNull(),
});

/**
 * Request budgets per caller and minute, shared by all instances (lib/http/rate-limiter.ts):
 * how many requests have been handed out to instances in the current window, and the last grant.
 */
export const rateLimitBudgets = pgTable("rate_limit_budgets", {
  key: text("key").primaryKey(),
  windowStart: at("window_start").notNull(),
  handedOut: integer("handed_out").notNull(),
  lastGrant: integer("last_grant").notNull(),
  limitPerMinute: integer("limit_per_minute").notNull(),
});

// ── Credentials API ──

export const apiAccounts = pgTable("api_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  partnerOcid: integer("partner_ocid"),
  /**
   * The account's reserve: with its credit shards, always equal to the sum of the ledger
   * (lib/credentials/accounts.ts). Top-ups land here; charges mostly take from the shards.
   */
  balance: integer("balance").notNull().default(0),
  /** Requests per minute on the Credentials API, across all instances (lib/http/rate-limiter.ts). */
  rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
  createdAt: createdAt(),
});

/**
 * `Idempotency-Key` on issuance (lib/credentials/idempotency.ts): one row per (caller, route,
 * key). `status` null while the first request runs; then its answer, written in the same
 * transaction as what it did, so a replay can never disagree with what happened.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    route: text("route").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Whoever holds the key now; an abandoned claim is taken over with a new one. */
    claim: uuid("claim").notNull(),
    claimedAt: at("claimed_at").notNull().defaultNow(),
    status: integer("status"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.route, table.key] }), index("idempotency_keys_created_at").on(table.createdAt)],
);

export const apiKeys = pgTable("api_keys", {
  id: uuid("id").primaryKey().defaultRandom(),
  accountId: uuid("account_id")
    .notNull()
    .references(() => apiAccounts.id, { onDelete: "cascade" }),
  /** e.g. "sk_test_demo…cdef": enough to recognise a key, not to use it. */
  label: text("label").notNull(),
  /** What the key is for, as the admin who created it named it. */
  name: text("name"),
  keyHash: text("key_hash").notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: at("last_used_at"),
  revokedAt: at("revoked_at"),
});

export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => apiAccounts.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    reason: text("reason").notNull(),
    reference: text("reference"),
    createdAt: createdAt(),
  },
  (table) => [index("credit_ledger_account").on(table.accountId, table.id)],
);

/**
 * An account's credits spread over up to 16 rows besides its reserve, so concurrent charges
 * take from different rows instead of queueing on one (lib/credentials/accounts.ts).
 */
export const creditShards = pgTable(
  "credit_shards",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => apiAccounts.id, { onDelete: "cascade" }),
    slot: integer("slot").notNull(),
    balance: integer("balance").notNull(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.slot] }), check("credit_shards_balance", sql`${table.balance} >= 0`)],
);

export const signingKeys = pgTable("signing_keys", {
  kid: text("kid").primaryKey(),
  publicKeyPem: text("public_key_pem").notNull(),
  createdAt: createdAt(),
  retiredAt: at("retired_at"),
});

export const statusLists = pgTable("status_lists", {
  id: text("id").primaryKey(),
  purpose: text("purpose").notNull().default("revocation"),
  size: integer("size").notNull(),
  /** The raw bitstring (size / 8 bytes); bit i set = credential i revoked. */
  bits: bytea("bits").notNull(),
  /** 0 while the list is open; the entries taken, recorded when it closes (lib/credentials/status-list.ts). */
  allocated: integer("allocated").notNull().default(0),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    accountId: uuid("account_id").references(() => apiAccounts.id, { onDelete: "set null" }),
    tier: text("tier").notNull(),
    items: jsonb("items").$type<string[]>().notNull(),
    kid: text("kid").notNull(),
    statusListId: text("status_list_id").notNull(),
    statusIndex: integer("status_index").notNull(),
    issuedAt: at("issued_at").notNull(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
    /** The issued token, encrypted: kept so a person can show their own credential again. */
    tokenEnc: text("token_enc"),
  },
  (table) => [
    uniqueIndex("credentials_status_entry").on(table.statusListId, table.statusIndex),
    index("credentials_user").on(table.userId),
  ],
);

// ── Audit ──

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    createdAt: createdAt(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    subjectUserId: text("subject_user_id"),
    partnerOcid: integer("partner_ocid"),
    /** Never personal data: ids, item names, codes. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** Its place in the Merkle tree, set by the sequencer once the entry's transaction has committed; null until then. */
    leafIndex: bigint("leaf_index", { mode: "number" }).unique(),
  },
  (table) => [
    index("audit_log_subject").on(table.subjectUserId),
    index("audit_log_action").on(table.action),
    // The sequencer's queue: only entries still waiting for a leaf index.
    index("audit_log_unsequenced").on(table.id).where(sql`${table.leafIndex} is null`),
  ],
);

/**
 * Every complete subtree of the audit log's Merkle tree: level 0 holds the leaf hashes, the
 * node at level l, index i covers leaves [i·2^l, (i+1)·2^l). Written once, never changed;
 * any proof reads O(log n) of them.
 */
export const auditTreeNodes = pgTable(
  "audit_tree_nodes",
  {
    level: smallint("level").notNull(),
    index: bigint("index", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (table) => [primaryKey({ columns: [table.level, table.index] })],
);

/** Signed tree heads: the provider's signature over (size, root hash, time) of the audit log's tree. */
export const auditTreeHeads = pgTable("audit_tree_heads", {
  size: bigint("size", { mode: "number" }).primaryKey(),
  rootHash: bytea("root_hash").notNull(),
  signedAt: at("signed_at").notNull(),
  /** The provider's secp256k1 public key (hex, uncompressed without prefix) that signed it. */
  publicKey: text("public_key").notNull(),
  signature: text("signature").notNull(),
});

/** Single-row table holding the provider-wide settings staff may change. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});


// ── Events: webhooks and notifications (lib/events) ──

/**
 * Where a partner (OCN) or an API account wants events. Exactly one of `partnerOcid` and
 * `accountId` is set. API-account endpoints sign with a per-endpoint secret (Standard
 * Webhooks), kept encrypted; partner endpoints are signed with this provider's OCN key.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerOcid: integer("partner_ocid").references(() => partners.ocid, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => apiAccounts.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    eventTypes: jsonb("event_types").$type<string[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    secretEnc: text("secret_enc"),
    /** Set when deliveries kept failing for the whole retry window and the endpoint was switched off. */
    disabledAt: at("disabled_at"),
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
  },
  (table) => [index("webhook_endpoints_partner").on(table.partnerOcid), index("webhook_endpoints_account").on(table.accountId)],
);

/**
 * The transactional outbox: one row per event and recipient (a webhook endpoint, or the
 * person by email), written in the transaction that made the change. Workers on every
 * instance claim due rows with FOR UPDATE SKIP LOCKED and a lease (`claim`, `next_attempt_at`
 * pushed past the request timeout), so a killed worker's row comes due again and two
 * workers never hold one row at once.
 */
export const outbox = pgTable(
  "outbox",
  {
    /** The event id the recipient sees (Standard Webhooks `webhook-id`, the body's `id`). */
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel").$type<"webhook" | "email">().notNull(),
    endpointId: uuid("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    /** What a webhook sends: ids and statuses, never personal data. */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    /** What an email needs (the reviewer's note may name the person), encrypted. */
    payloadEnc: text("payload_enc"),
    /** Who the event is about, for "did it change since the last one" (e.g. a user OCID). */
    subject: text("subject"),
    /** At most one row per key: a sweep run twice warns once. */
    dedupeKey: text("dedupe_key").unique(),
    occurredAt: at("occurred_at").notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    claim: uuid("claim"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
    failedAt: at("failed_at"),
    createdAt: createdAt(),
  },
  (table) => [
    index("outbox_due").on(table.nextAttemptAt).where(sql`delivered_at is null and failed_at is null`),
    index("outbox_endpoint").on(table.endpointId, table.createdAt),
    index("outbox_subject").on(table.endpointId, table.type, table.subject, table.createdAt),
  ],
);

/** What a person wants to be told by email; a missing row means the defaults. */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  decisions: boolean("decisions").notNull().default(true),
  credentials: boolean("credentials").notNull().default(true),
  expiry: boolean("expiry").notNull().default(true),
  dataAccess: boolean("data_access").notNull().default(false),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/** What the demo gateway's own webhook receiver got (/demo/webhooks): ids and statuses only, as every event carries. */
export const demoWebhookEvents = pgTable("demo_webhook_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  eventId: text("event_id").notNull(),
  type: text("type").notNull(),
  body: text("body").notNull(),
  signatureValid: boolean("signature_valid").notNull(),
  receivedAt: at("received_at").notNull().defaultNow(),
});
// ── Automated checks ──

/**
 * The checks queue: one job per uploaded document or selfie. Every instance takes jobs with
 * FOR UPDATE SKIP LOCKED; a job whose lease ran out (its worker died) is taken again.
 */
export const checkJobs = pgTable(
  "check_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: itemName("item").notNull(),
    /** The document ids the job looks at: a newer upload makes the job stale. */
    documentIds: jsonb("document_ids").$type<string[]>().notNull(),
    /** queued, running, done, failed */
    state: text("state").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: at("run_after").notNull().defaultNow(),
    leaseUntil: at("lease_until"),
    /** An error code, never personal data. */
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (table) => [index("check_jobs_ready").on(table.state, table.runAfter, table.id)],
);

/** The latest checks on a user's item: scores, model versions and timings, sealed (it holds face descriptors and MRZ text). */
export const checkResults = pgTable(
  "check_results",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: itemName("item").notNull(),
    documentIds: jsonb("document_ids").$type<string[]>().notNull(),
    resultEnc: text("result_enc").notNull(),
    /** approve, resubmit, review: what the checks concluded, whatever the policy then did. */
    outcome: text("outcome").notNull(),
    /** 0–100, the verdict's risk score. */
    risk: integer("risk").notNull().default(0),
    /** Findings a reviewer should look at (failed or low-scoring checks, quality warnings): the queue lists such cases first. */
    concerns: integer("concerns").notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.item] })],
);

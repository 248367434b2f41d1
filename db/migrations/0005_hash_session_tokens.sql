-- Sessions are stored under the SHA-256 of their token (lib/auth/adapter.ts). Existing rows
-- are hashed in place rather than deleted: nobody is signed out, and a token read from a
-- copy of the table taken before this migration stops working once it has run.
UPDATE "sessions" SET "session_token" = encode(sha256(convert_to("session_token", 'UTF8')), 'hex');

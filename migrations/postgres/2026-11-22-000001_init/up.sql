-- guichet schema, PostgreSQL flavour. Keep in step with migrations/sqlite (same folder names).
-- Timestamps are UTC, TIMESTAMP (without time zone) with microseconds.

CREATE TABLE products (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    free_support_days INTEGER NOT NULL DEFAULT 30,
    max_support_months INTEGER NOT NULL DEFAULT 12,
    releases_back INTEGER NOT NULL DEFAULT 2,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE releases (
    id BIGSERIAL PRIMARY KEY,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    -- Version::sort_key: equal for equal versions, byte order = version order.
    version_key TEXT NOT NULL,
    released_at DATE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (product_id, version_key)
);

CREATE TABLE purchases (
    id BIGSERIAL PRIMARY KEY,
    order_ref TEXT NOT NULL,
    email TEXT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    purchased_at DATE NOT NULL,
    tier TEXT NOT NULL DEFAULT 'standard',
    -- Derived from purchased_at, the product's terms and the extensions; recomputed on every change.
    support_until DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (order_ref, product_id)
);
CREATE INDEX purchases_email ON purchases (email);

CREATE TABLE extensions (
    id BIGSERIAL PRIMARY KEY,
    extension_ref TEXT NOT NULL UNIQUE,
    purchase_id BIGINT NOT NULL REFERENCES purchases(id) ON DELETE CASCADE,
    months INTEGER NOT NULL,
    bought_at DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX extensions_purchase ON extensions (purchase_id);

CREATE TABLE agents (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin BOOLEAN NOT NULL DEFAULT FALSE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE tickets (
    id BIGSERIAL PRIMARY KEY,
    product_id BIGINT REFERENCES products(id),
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    version TEXT,
    subject TEXT NOT NULL,
    state TEXT NOT NULL,
    -- Queue lane rank: 0 priority, 1 standard.
    lane INTEGER NOT NULL DEFAULT 1,
    queued_at TIMESTAMP NOT NULL,
    queue_seq BIGINT NOT NULL DEFAULT 0,
    assignee_id BIGINT REFERENCES agents(id),
    lang TEXT NOT NULL DEFAULT 'en',
    channel TEXT NOT NULL,
    order_ref TEXT,
    store_url TEXT,
    admin_url TEXT,
    platform_version TEXT,
    refusal_code TEXT,
    parent_id BIGINT REFERENCES tickets(id),
    -- Oldest customer message no agent reply has answered yet (drives the response target).
    awaiting_since TIMESTAMP,
    last_agent_reply_at TIMESTAMP,
    first_response_at TIMESTAMP,
    resolved_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tickets_queue ON tickets (lane, queued_at, queue_seq) WHERE state IN ('queued', 'assigned');
-- Take-next reads the head of this one: assigned tickets stay in the queue (and at its head),
-- so skipping them in tickets_queue would cost a step per assigned ticket.
CREATE INDEX tickets_unassigned ON tickets (lane, queued_at, queue_seq) WHERE state = 'queued' AND assignee_id IS NULL;
CREATE INDEX tickets_email ON tickets (email);
CREATE INDEX tickets_first_response ON tickets (first_response_at) WHERE first_response_at IS NOT NULL;

CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    agent_id BIGINT REFERENCES agents(id),
    body TEXT NOT NULL,
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    channel TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_ticket ON messages (ticket_id, created_at);

CREATE TABLE attachments (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    message_id BIGINT REFERENCES messages(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id);

-- Site credentials: ciphertext only, deleted when the ticket is resolved or closed.
CREATE TABLE secrets (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
    nonce BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    -- Hex SHA-256 of the token; the token itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL,
    agent_id BIGINT REFERENCES agents(id) ON DELETE CASCADE,
    ticket_id BIGINT REFERENCES tickets(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_ticket ON api_tokens (ticket_id);

-- Settings saved from the admin pages (lowest precedence above defaults).
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Internal facts about this database, such as the master key's check value.
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    agent_id BIGINT REFERENCES agents(id),
    action TEXT NOT NULL,
    ticket_id BIGINT REFERENCES tickets(id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE inbound_mails (
    id BIGSERIAL PRIMARY KEY,
    -- Message-ID, or "sha256:<hex>" of the raw bytes when the mail has none.
    message_key TEXT NOT NULL UNIQUE,
    ticket_id BIGINT REFERENCES tickets(id) ON DELETE SET NULL,
    outcome TEXT NOT NULL,
    error TEXT,
    raw BYTEA NOT NULL,
    received_at TIMESTAMP NOT NULL
);

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT REFERENCES tickets(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    to_addr TEXT NOT NULL,
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    in_reply_to TEXT,
    auto_submitted BOOLEAN NOT NULL DEFAULT FALSE,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);
CREATE INDEX outbox_to ON outbox (to_addr, created_at);

-- Every queue entry takes the next value, so two events in the same microsecond keep their order.
CREATE SEQUENCE queue_seq;

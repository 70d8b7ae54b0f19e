//! The tables of both backends, written by hand so one set of types fits SQLite and PostgreSQL.
//! Integer keys are `BigInt` everywhere (SQLite integers are 64-bit); keep this file in step with
//! `migrations/sqlite` and `migrations/postgres`.

diesel::table! {
    products (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        free_support_days -> Integer,
        max_support_months -> Integer,
        releases_back -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    releases (id) {
        id -> BigInt,
        product_id -> BigInt,
        version -> Text,
        version_key -> Text,
        released_at -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    purchases (id) {
        id -> BigInt,
        order_ref -> Text,
        email -> Text,
        product_id -> BigInt,
        purchased_at -> Date,
        tier -> Text,
        support_until -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    extensions (id) {
        id -> BigInt,
        extension_ref -> Text,
        purchase_id -> BigInt,
        months -> Integer,
        bought_at -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agents (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        is_admin -> Bool,
        active -> Bool,
        created_at -> Timestamp,
        lang -> Nullable<Text>,
        totp_secret -> Nullable<Binary>,
        totp_pending -> Nullable<Binary>,
        totp_last_step -> Nullable<BigInt>,
        session_epoch -> BigInt,
    }
}

diesel::table! {
    tickets (id) {
        id -> BigInt,
        product_id -> Nullable<BigInt>,
        email -> Text,
        name -> Text,
        version -> Nullable<Text>,
        subject -> Text,
        state -> Text,
        lane -> Integer,
        queued_at -> Timestamp,
        queue_seq -> BigInt,
        assignee_id -> Nullable<BigInt>,
        lang -> Text,
        channel -> Text,
        order_ref -> Nullable<Text>,
        store_url -> Nullable<Text>,
        admin_url -> Nullable<Text>,
        platform_version -> Nullable<Text>,
        refusal_code -> Nullable<Text>,
        parent_id -> Nullable<BigInt>,
        awaiting_since -> Nullable<Timestamp>,
        last_agent_reply_at -> Nullable<Timestamp>,
        first_response_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        credentials_given -> Bool,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        ticket_id -> BigInt,
        author -> Text,
        agent_id -> Nullable<BigInt>,
        body -> Text,
        internal -> Bool,
        channel -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        ticket_id -> BigInt,
        message_id -> Nullable<BigInt>,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ticket_credentials (ticket_id) {
        ticket_id -> BigInt,
        nonce -> Binary,
        ciphertext -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        name -> Text,
        token_hash -> Text,
        scope -> Text,
        agent_id -> Nullable<BigInt>,
        ticket_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        seed -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    meta (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        agent_id -> Nullable<BigInt>,
        action -> Text,
        ticket_id -> Nullable<BigInt>,
        detail -> Text,
    }
}

diesel::table! {
    inbound_mails (id) {
        id -> BigInt,
        message_key -> Text,
        ticket_id -> Nullable<BigInt>,
        outcome -> Text,
        error -> Nullable<Text>,
        raw -> Binary,
        received_at -> Timestamp,
        sender -> Nullable<Text>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        ticket_id -> Nullable<BigInt>,
        kind -> Text,
        to_addr -> Text,
        lang -> Text,
        subject -> Text,
        body_text -> Text,
        message_id -> Text,
        in_reply_to -> Nullable<Text>,
        auto_submitted -> Bool,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        references_ids -> Nullable<Text>,
        claimed_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    queue_counts (lane, shard) {
        lane -> Integer,
        n -> BigInt,
        shard -> Integer,
    }
}

diesel::joinable!(releases -> products (product_id));
diesel::joinable!(purchases -> products (product_id));
diesel::joinable!(extensions -> purchases (purchase_id));
diesel::joinable!(tickets -> products (product_id));
diesel::joinable!(tickets -> agents (assignee_id));
diesel::joinable!(messages -> tickets (ticket_id));
diesel::joinable!(attachments -> tickets (ticket_id));
diesel::joinable!(ticket_credentials -> tickets (ticket_id));

diesel::table! {
    canned_responses (id) {
        id -> BigInt,
        slug -> Text,
        lang -> Text,
        title -> Text,
        body -> Text,
        resolves -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    products,
    releases,
    purchases,
    extensions,
    agents,
    tickets,
    messages,
    attachments,
    ticket_credentials,
    api_tokens,
    settings,
    meta,
    audit_log,
    inbound_mails,
    outbox,
    counters,
    queue_counts,
    canned_responses,
);

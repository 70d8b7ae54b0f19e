//! Seeding the dashboard benchmark's desk in bulk: a million tickets in a few SQL statements
//! (a request per ticket would take hours), on SQLite or PostgreSQL.
//!
//! The mix, by ticket number `i` (1..=total):
//! - the newest `queued` tickets are in the queue, in number order; one in eight of them is
//!   assigned to one of five agents (the signed-in agent has a fifth of those);
//! - of the others, about 3 % wait for the customer, 3 % are resolved (both an hour ago, so
//!   the server's lifecycle timers have nothing to do) and the rest are closed;
//! - one in ten is in the priority lane; four products; 150,000 customers; one in three in
//!   French; one customer message each, and an agent reply on every second ticket out of the
//!   queue, built from English or French sentences so that full-text search has work (the
//!   phrases "blank invoice" and "facture vierge" are in one ticket of seven of their language).
//!
//! The triggers of `tickets` and `messages` are suspended during the load: they would update
//! the search index once per row. The search rows are then built in one statement per
//! database, as migration 000009 builds them. The queue tickets are loaded out of the queue
//! and moved in by one `UPDATE` once the triggers are back, so that the trigger-kept queue
//! counters are kept by their own code, whatever its shape.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use guichet::db::DbConn;
use guichet::domain::email::EmailAddress;

/// What the load makes.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    pub total: i64,
    pub queued: i64,
}

/// What the measurements need to know about the seeded desk.
#[derive(Debug, Clone)]
pub struct Seeded {
    /// The agent who signs in (and whose tickets "mine" shows).
    pub email: String,
    pub password: String,
    /// A customer with several tickets.
    pub customer: String,
    /// The first ticket number of the queue range (the queue is `first_queued..=total`).
    pub first_queued: i64,
}

pub const PASSWORD: &str = "bench password, not secret";
pub const AGENTS: i64 = 5;
pub const PRODUCTS: [&str; 4] = ["shop", "agenda", "pay", "seo"];

fn agent_email(n: i64) -> String {
    format!("agent{n}@bench.test")
}

/// A customer's address, the same expression as in the SQL below.
pub fn customer_of(i: i64) -> String {
    format!("customer{}@example.com", (i * 7919) % 150_000)
}

/// `CASE (expr) WHEN 0 THEN 'a' WHEN 1 THEN 'b' … END`.
fn pick(expr: &str, choices: &[&str]) -> String {
    let mut s = format!("CASE ({expr}) % {}", choices.len());
    for (n, c) in choices.iter().enumerate() {
        s.push_str(&format!(" WHEN {n} THEN '{}'", c.replace('\'', "''")));
    }
    s.push_str(" END");
    s
}

const EN_SUBJECTS: [&str; 8] = [
    "Invoices are blank since the update",
    "Checkout page shows an error",
    "Cannot activate my licence",
    "Shipping rates are wrong",
    "PayPal payments stay pending",
    "Emails to customers are not sent",
    "The export to CSV is empty",
    "Translation missing on the cart page",
];
const FR_SUBJECTS: [&str; 8] = [
    "Les factures sont vides depuis la mise à jour",
    "La page de commande affiche une erreur",
    "Impossible d'activer ma licence",
    "Les frais de port sont faux",
    "Les paiements PayPal restent en attente",
    "Les courriels aux clients ne partent pas",
    "L'export CSV est vide",
    "Traduction manquante sur la page panier",
];
const EN_A: [&str; 7] = [
    "Every printed order gives a blank invoice with no lines at all.",
    "After the update the checkout button does nothing on mobile.",
    "The licence key is refused although the purchase is recent.",
    "Customers in Belgium are charged the rate for Germany.",
    "Payments made with PayPal never leave the pending status.",
    "No confirmation email reaches the customers since Monday.",
    "The exported file has the headers but no orders in it.",
];
const EN_B: [&str; 9] = [
    "I cleared the cache and tried another browser.",
    "The error log shows a warning about a missing template.",
    "We run the latest version of the platform on PHP 8.2.",
    "It worked fine until last week.",
    "Our shop has about two thousand orders a month.",
    "I attached a screenshot of the settings page.",
    "The problem happens only for guest customers.",
    "Disabling the other modules does not change anything.",
    "Could you have a look as soon as possible?",
];
const EN_C: [&str; 11] = [
    "Thank you for your help.",
    "Best regards.",
    "Many thanks in advance.",
    "This is urgent for us, the sales are blocked.",
    "Kind regards from the support team of our store.",
    "Thanks, looking forward to your answer.",
    "Regards.",
    "Thank you.",
    "Have a nice day.",
    "Cheers.",
    "Sincerely.",
];
const FR_A: [&str; 7] = [
    "Chaque commande imprimée donne une facture vierge sans aucune ligne.",
    "Depuis la mise à jour le bouton de paiement ne fait rien sur mobile.",
    "La clé de licence est refusée alors que l'achat est récent.",
    "Les clients en Belgique paient le tarif de l'Allemagne.",
    "Les paiements par PayPal restent bloqués en attente.",
    "Aucun courriel de confirmation n'arrive chez les clients depuis lundi.",
    "Le fichier exporté contient les en-têtes mais aucune commande.",
];
const FR_B: [&str; 9] = [
    "J'ai vidé le cache et essayé un autre navigateur.",
    "Le journal d'erreurs montre un avertissement sur un gabarit manquant.",
    "Nous avons la dernière version de la plateforme avec PHP 8.2.",
    "Tout fonctionnait bien jusqu'à la semaine dernière.",
    "Notre boutique reçoit environ deux mille commandes par mois.",
    "Je joins une capture de la page des réglages.",
    "Le problème n'arrive qu'avec les clients invités.",
    "Désactiver les autres modules ne change rien.",
    "Pourriez-vous regarder dès que possible ?",
];
const FR_C: [&str; 11] = [
    "Merci pour votre aide.",
    "Cordialement.",
    "Merci d'avance.",
    "C'est urgent, les ventes sont bloquées.",
    "Bien à vous, l'équipe de la boutique.",
    "Merci, dans l'attente de votre réponse.",
    "Salutations.",
    "Merci.",
    "Bonne journée.",
    "À bientôt.",
    "Sincères salutations.",
];
const EN_REPLY: [&str; 3] = [
    "Thank you for the details. The fix is in release 3.7.28, please update and tell us if the invoice is still blank.",
    "We could reproduce the problem with the shipping rates and corrected the zone table in your settings.",
    "Please send us the error log from the administration page so that we can see the warning.",
];
const FR_REPLY: [&str; 3] = [
    "Merci pour les détails. La correction est dans la version 3.7.28, mettez à jour et dites-nous si la facture est toujours vide.",
    "Nous avons reproduit le problème des frais de port et corrigé la table des zones dans vos réglages.",
    "Envoyez-nous le journal d'erreurs de la page d'administration pour que nous voyions l'avertissement.",
];

/// The SQL pieces that differ between the two databases.
struct Dialect {
    pg: bool,
}

impl Dialect {
    /// `WITH … ` before an INSERT, and the FROM clause of the numbers `lo..=hi`.
    fn series(&self, lo: i64, hi: i64) -> (String, String) {
        if self.pg {
            (
                String::new(),
                format!("FROM generate_series({lo}::bigint, {hi}::bigint) AS n(i)"),
            )
        } else {
            (
                format!(
                    "WITH RECURSIVE n(i) AS (SELECT {lo} UNION ALL SELECT i + 1 FROM n WHERE i < {hi}) "
                ),
                "FROM n".into(),
            )
        }
    }

    /// A timestamp `seconds` after 2025-01-01 00:00 UTC.
    fn at(&self, seconds: &str) -> String {
        if self.pg {
            format!("(TIMESTAMP '2025-01-01 00:00:00' + ({seconds}) * INTERVAL '1 second')")
        } else {
            // Whole seconds, written as diesel writes them (`%F %T`, no fraction when there is
            // none): SQLite compares these as text, and the queue's keys must compare equal.
            format!("strftime('%Y-%m-%d %H:%M:%S', '2025-01-01', '+' || ({seconds}) || ' seconds')")
        }
    }

    fn literal(&self, t: chrono::NaiveDateTime) -> String {
        let text = t.format("%Y-%m-%d %H:%M:%S");
        if self.pg {
            format!("TIMESTAMP '{text}'")
        } else {
            format!("'{text}'")
        }
    }

    fn bool(&self, b: bool) -> &'static str {
        match (self.pg, b) {
            (true, true) => "TRUE",
            (true, false) => "FALSE",
            (false, true) => "1",
            (false, false) => "0",
        }
    }
}

fn exec(conn: &mut DbConn, sql: &str) {
    let r = match conn {
        DbConn::Sqlite(c) => c.batch_execute(sql),
        DbConn::Pg(c) => c.batch_execute(sql),
    };
    if let Err(e) = r {
        panic!("seed statement failed: {e}\n{sql}");
    }
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    sql: String,
}

fn count(conn: &mut DbConn, sql: &str) -> i64 {
    let rows: Vec<Count> = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(sql).load(c),
        DbConn::Pg(c) => diesel::sql_query(sql).load(c),
    }
    .expect("count");
    rows.first().map_or(0, |r| r.n)
}

/// Whether this desk already holds the mix (a kept database from an earlier run).
pub fn already_seeded(conn: &mut DbConn, mix: Mix) -> bool {
    count(conn, "SELECT COUNT(*) AS n FROM tickets") == mix.total
        && count(
            conn,
            "SELECT COUNT(*) AS n FROM agents WHERE email = 'agent1@bench.test'",
        ) == 1
}

/// Puts back in the queue what an earlier run's take-next claimed: every queue ticket not
/// assigned by the seed (numbers divisible by eight) is unassigned again.
pub fn reset_takes(conn: &mut DbConn, mix: Mix) {
    let first = mix.total - mix.queued + 1;
    exec(
        conn,
        &format!(
            "UPDATE tickets SET state = 'queued', assignee_id = NULL \
             WHERE state = 'assigned' AND id >= {first} AND id % 8 <> 0"
        ),
    );
}

pub fn seeded(mix: Mix) -> Seeded {
    Seeded {
        email: agent_email(1),
        password: PASSWORD.into(),
        customer: customer_of(mix.total - 3),
        first_queued: mix.total - mix.queued + 1,
    }
}

/// Loads the mix into an empty, migrated desk.
pub fn seed(conn: &mut DbConn, mix: Mix) {
    let d = Dialect {
        pg: matches!(conn, DbConn::Pg(_)),
    };
    let now = guichet::store::naive(chrono::Utc::now());
    // Products and agents through the library, like the desk makes them.
    let mut product_ids = Vec::new();
    for slug in PRODUCTS {
        let terms = guichet::store::products::ProductTerms {
            free_support_days: 30,
            max_support_months: 12,
            releases_back: 2,
        };
        let p = guichet::store::products::add(
            conn,
            &guichet::store::products::Slug::parse(slug).expect("slug"),
            slug,
            terms,
            now.and_utc(),
        )
        .expect("product");
        product_ids.push(p.id);
    }
    let hash = guichet::password::hash(PASSWORD).expect("hash");
    let mut agent_ids = Vec::new();
    for n in 1..=AGENTS {
        let a = guichet::store::agents::add(
            conn,
            &EmailAddress::parse(&agent_email(n)).expect("email"),
            &format!("Agent {n}"),
            &hash,
            false,
            now.and_utc(),
        )
        .expect("agent");
        agent_ids.push(a.id);
    }
    let started = Instant::now();
    let first_queued = mix.total - mix.queued + 1;

    // Triggers off for the load.
    let saved_triggers: Vec<Named> = if d.pg {
        exec(
            conn,
            "SET session_replication_role = replica; SET synchronous_commit = off; \
             SET maintenance_work_mem = '512MB'",
        );
        Vec::new()
    } else {
        let DbConn::Sqlite(c) = conn else {
            unreachable!()
        };
        let t: Vec<Named> = diesel::sql_query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' \
             AND tbl_name IN ('tickets', 'messages')",
        )
        .load(c)
        .expect("triggers");
        for n in &t {
            exec(conn, &format!("DROP TRIGGER {}", n.name));
        }
        t
    };
    // The GIN index is built once at the end rather than grown row by row.
    let gin: Vec<Named> = if d.pg {
        let DbConn::Pg(c) = conn else { unreachable!() };
        let g: Vec<Named> = diesel::sql_query(
            "SELECT indexname AS name, indexdef AS sql FROM pg_indexes \
             WHERE tablename = 'ticket_search' AND indexdef LIKE '%USING gin%'",
        )
        .load(c)
        .expect("indexes");
        for n in &g {
            exec(conn, &format!("DROP INDEX {}", n.name));
        }
        g
    } else {
        Vec::new()
    };

    let product = {
        let mut s = "CASE i % 4".to_string();
        for (n, id) in product_ids.iter().enumerate() {
            s.push_str(&format!(" WHEN {n} THEN {id}"));
        }
        s + " END"
    };
    let assignee = {
        let mut s = "CASE (i / 8) % 5".to_string();
        for (n, id) in agent_ids.iter().enumerate() {
            s.push_str(&format!(" WHEN {n} THEN {id}"));
        }
        s + " END"
    };
    let fr = "i % 3 = 0";
    let subject = format!(
        "CASE WHEN {fr} THEN {} ELSE {} END",
        pick("i / 3", &FR_SUBJECTS),
        pick("i / 3", &EN_SUBJECTS)
    );
    // Out of the queue by the hash of i; the queue range is loaded as `needs_info` and moved in
    // once the triggers are back.
    let state = format!(
        "CASE WHEN i >= {first_queued} THEN 'needs_info' \
         WHEN (i * 7) % 100 < 3 THEN 'waiting_customer' \
         WHEN (i * 7) % 100 < 6 THEN 'resolved' ELSE 'closed' END"
    );
    let created = d.at("i * 60");
    // Tickets waiting for their customer or resolved were answered an hour ago, so the
    // lifecycle timers of the server have nothing to do during the measurements.
    let recent = d.literal(now - chrono::Duration::hours(1));
    let answered = format!(
        "CASE WHEN (i * 7) % 100 < 6 THEN {recent} ELSE {} END",
        d.at("i * 60 + 7200")
    );
    let resolved = format!(
        "CASE WHEN (i * 7) % 100 < 3 THEN NULL WHEN (i * 7) % 100 < 6 THEN {recent} ELSE {} END",
        d.at("i * 60 + 86400")
    );
    let (with, from) = d.series(1, mix.total);
    exec(
        conn,
        &format!(
            "{with}INSERT INTO tickets (id, product_id, email, name, version, subject, state, lane, \
                 queued_at, queue_seq, assignee_id, lang, channel, order_ref, awaiting_since, \
                 first_response_at, last_agent_reply_at, resolved_at, created_at, updated_at) \
             SELECT i, {product}, 'customer' || ((i * 7919) % 150000) || '@example.com', \
                 'Client ' || ((i * 7919) % 150000), '3.7.28', {subject}, {state}, \
                 CASE WHEN i % 10 = 0 THEN 0 ELSE 1 END, {created}, i, \
                 CASE WHEN i >= {first_queued} AND i % 8 = 0 THEN {assignee} ELSE NULL END, \
                 CASE WHEN {fr} THEN 'fr' ELSE 'en' END, {channel}, \
                 CASE WHEN i % 2 = 0 THEN 'WC-' || i ELSE NULL END, \
                 CASE WHEN i >= {first_queued} THEN {created} ELSE NULL END, \
                 CASE WHEN i >= {first_queued} THEN NULL ELSE {answered} END, \
                 CASE WHEN i >= {first_queued} THEN NULL ELSE {answered} END, \
                 CASE WHEN i < {first_queued} THEN {resolved} ELSE NULL END, \
                 {created}, {created} \
             {from}",
            channel = pick("i", &["web", "mail", "api"]),
        ),
    );
    eprintln!("  tickets loaded in {:.1?}", started.elapsed());
    let body = format!(
        "CASE WHEN {fr} THEN 'Bonjour, ' || {} || ' ' || {} || ' ' || {} \
         ELSE 'Hello, ' || {} || ' ' || {} || ' ' || {} END",
        pick("i", &FR_A),
        pick("i / 7", &FR_B),
        pick("i / 63", &FR_C),
        pick("i", &EN_A),
        pick("i / 7", &EN_B),
        pick("i / 63", &EN_C),
    );
    exec(
        conn,
        &format!(
            "{with}INSERT INTO messages (ticket_id, author, body, internal, channel, created_at) \
             SELECT i, 'customer', {body}, {f}, 'web', {created} {from}",
            f = d.bool(false)
        ),
    );
    let reply = format!(
        "CASE WHEN {fr} THEN {} ELSE {} END",
        pick("i / 2", &FR_REPLY),
        pick("i / 2", &EN_REPLY)
    );
    let (with_r, from_r) = d.series(1, first_queued - 1);
    exec(
        conn,
        &format!(
            "{with_r}INSERT INTO messages (ticket_id, author, agent_id, body, internal, channel, created_at) \
             SELECT i, 'agent', {assignee}, {reply}, {f}, 'web', {answered} {from_r} WHERE i % 2 = 0",
            f = d.bool(false)
        ),
    );
    eprintln!("  messages loaded in {:.1?}", started.elapsed());

    // The search rows, as migration 000009 builds them.
    if d.pg {
        exec(
            conn,
            "INSERT INTO ticket_search (ticket_id, subject, customer, order_ref, body) \
             SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''), \
                 COALESCE((SELECT string_agg(m.body, E'\\n' ORDER BY m.created_at, m.id) \
                           FROM messages m WHERE m.ticket_id = t.id), '') \
             FROM tickets t",
        );
        eprintln!("  search rows built in {:.1?}", started.elapsed());
        for g in &gin {
            exec(conn, &g.sql);
        }
        eprintln!("  GIN index built in {:.1?}", started.elapsed());
        exec(
            conn,
            &format!(
                "SET session_replication_role = origin; \
                 SELECT setval(pg_get_serial_sequence('tickets', 'id'), {t}); \
                 SELECT setval('queue_seq', {t});",
                t = mix.total
            ),
        );
    } else {
        exec(
            conn,
            "INSERT INTO ticket_search (rowid, subject, customer, order_ref, body) \
             SELECT t.id, t.subject, t.email || ' ' || t.name, COALESCE(t.order_ref, ''), \
                 COALESCE((SELECT group_concat(m.body, char(10)) \
                           FROM (SELECT body FROM messages WHERE ticket_id = t.id \
                                 ORDER BY created_at, id) AS m), '') \
             FROM tickets t",
        );
        eprintln!("  search rows built in {:.1?}", started.elapsed());
        for t in &saved_triggers {
            exec(conn, &t.sql);
        }
        exec(
            conn,
            &format!(
                "UPDATE counters SET value = {} WHERE name = 'queue_seq'",
                mix.total
            ),
        );
    }
    // Into the queue, with the triggers on (the lane counters follow).
    exec(
        conn,
        &format!(
            "UPDATE tickets SET state = CASE WHEN assignee_id IS NULL THEN 'queued' ELSE 'assigned' END \
             WHERE id >= {first_queued}"
        ),
    );
    if d.pg {
        exec(conn, "VACUUM ANALYZE");
    } else {
        exec(conn, "ANALYZE");
    }
    eprintln!(
        "seeded {} tickets ({} in the queue) in {:.1?}",
        mix.total,
        mix.queued,
        started.elapsed()
    );
}

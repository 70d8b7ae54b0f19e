//! The customer's pages over a real server, on both databases: the intake form (CSRF, honeypot,
//! validation, refusals, success), the portal and the layout's language switch.

use crate::api_support::*;
use crate::helpers::*;
use crate::page_client::*;

fn tickets(d: &Desk) -> i64 {
    guichet::store::tickets::count(&mut conn(&d.app.state)).expect("count")
}

#[test]
fn the_form_has_a_csrf_token_the_products_and_the_queue_rule() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let page = b.get("/");
        assert_eq!(page.status, 200);
        assert!(page.body.contains("<html lang=\"en\""), "{}", page.body);
        assert_eq!(page.body.matches("<h1").count(), 1);
        assert!(page.body.contains("<main"));
        assert!(
            page.body.contains("<option value=\"shop\""),
            "{}",
            page.body
        );
        assert!(page.body.contains("back of the queue"));
        assert!(page.body.contains("href=\"/privacy\""));
        let token = csrf_of(&page.body);
        assert!(token.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(page.header("cache-control"), "private, no-cache");
        let cookie = page
            .set_cookies
            .iter()
            .find(|c| c.starts_with("guichet_csrf="))
            .expect("a CSRF cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        // Every visible input has a label.
        for name in [
            "email",
            "name",
            "product",
            "version",
            "subject",
            "description",
        ] {
            assert!(page.body.contains(&format!("for=\"f-{name}\"")), "{name}");
        }
        assert!(!page.body.contains("style="), "no inline styles (CSP)");
        let css = b.get("/static/guichet.css");
        assert_eq!(css.status, 200);
        assert!(css.header("content-type").starts_with("text/css"));
        assert!(css.header("cache-control").contains("max-age"));
        let privacy = b.get("/privacy");
        assert_eq!(privacy.status, 200);
        assert!(privacy.body.contains("order reference"), "{}", privacy.body);
    });
}

#[test]
fn a_missing_or_wrong_csrf_token_is_refused_and_nothing_is_stored() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let _ = b.open_form();
        let page = b.post("/", &good_form(&"0".repeat(64)));
        assert_eq!(page.status, 403, "{}", page.body);
        assert!(page.body.contains("expired"), "{}", page.body);
        assert!(page.body.contains("value=\"Alice Martin\""), "values kept");
        // A browser without the cookie: the token alone proves nothing.
        let mut other = Browser::new(&d.app.base);
        let token = b.open_form();
        let page = other.post("/", &good_form(&token));
        assert_eq!(page.status, 403);
        // The re-rendered form carries a token that now works.
        let fresh = csrf_of(&page.body);
        assert_eq!(tickets(&d), 0);
        let page = other.post("/", &good_form(&fresh));
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(tickets(&d), 1);
    });
}

#[test]
fn invalid_fields_come_back_with_their_values_and_messages() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let form = with(good_form(&token), "email", "not-an-email");
        let form = with(form, "name", "");
        let form = with(form, "version", "latest");
        let form = with(form, "store_url", "ftp://shop.example.com");
        let page = b.post("/", &form);
        assert_eq!(page.status, 422, "{}", page.body);
        let body = &page.body;
        assert!(body.contains("value=\"not-an-email\""), "{body}");
        assert!(body.contains("value=\"ftp://shop.example.com\""));
        assert!(body.contains("value=\"latest\""));
        assert!(
            body.contains("<option value=\"shop\" selected>"),
            "the product stays chosen"
        );
        assert!(body.contains("Since the update every invoice is blank.\nSteps"));
        for field in ["email", "name", "version", "store_url"] {
            assert!(
                body.contains(&format!("id=\"f-{field}-error\"")),
                "{field} has its message"
            );
            assert!(
                body.contains(&format!("href=\"#f-{field}\"")),
                "{field} in the summary"
            );
        }
        assert!(
            body.contains("aria-describedby=\"f-email-error f-email-hint\""),
            "{body}"
        );
        assert!(body.contains("aria-describedby=\"f-name-error\""));
        assert!(body.contains("aria-invalid=\"true\""));
        assert!(
            !body.contains("id=\"f-subject-error\""),
            "good fields have no error"
        );
        assert!(body.contains("not a valid email address"));
        assert!(
            body.contains("numbers separated by dots"),
            "the long version message"
        );
        assert_eq!(tickets(&d), 0);
    });
}

#[test]
fn a_refusal_says_what_to_do_and_keeps_the_values() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let page = b.post("/", &with(good_form(&token), "email", "old@example.com"));
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(page.body.contains("support extension"), "{}", page.body);
        assert!(page.body.contains("value=\"old@example.com\""));
        let page = b.post("/", &with(good_form(&token), "email", "nobody@example.com"));
        assert_eq!(page.status, 422);
        assert!(
            page.body.contains("address you used at checkout"),
            "{}",
            page.body
        );
        let page = b.post("/", &with(good_form(&token), "version", "3.7.20"));
        assert_eq!(page.status, 422);
        assert!(
            page.body.contains("update to the latest version, 3.7.28"),
            "{}",
            page.body
        );
        assert_eq!(tickets(&d), 0);
    });
}

#[test]
fn a_valid_form_leads_to_the_portal_with_number_position_and_wait() {
    each_backend(|db| {
        let d = desk(db);
        let (_first, _) = d.ticket("paula@example.com");
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let page = b.post("/", &good_form(&token));
        assert_eq!(page.status, 303, "{}", page.body);
        let location = page.header("location").to_string();
        let portal = location
            .strip_prefix("/t/")
            .and_then(|rest| rest.strip_suffix("?new=1"))
            .expect("a portal link");
        assert_eq!(portal.len(), 64);
        let page = b.get(&location);
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(
            page.body.contains("We have received your request #2"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Request #2"));
        assert!(page.body.contains("Waiting in the queue"));
        assert!(
            page.body.contains("Position in the queue: 2"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Estimated wait"));
        assert!(page.body.contains("back of the queue"));
        assert!(
            page.body.contains(&format!("/t/{portal}")),
            "the link to keep"
        );
        assert!(
            page.body
                .contains("Since the update every invoice is blank.\nSteps")
        );
        assert_eq!(page.header("referrer-policy"), "no-referrer");
        assert_eq!(page.header("cache-control"), "no-store");
        // Without ?new=1 the page does not announce it again.
        let again = b.get(&format!("/t/{portal}"));
        assert!(!again.body.contains("We have received"));
        let c = &mut conn(&d.app.state);
        let t = guichet::store::tickets::get(c, guichet::domain::ids::TicketId::new(2))
            .expect("read")
            .expect("ticket 2");
        assert_eq!(t.channel.as_str(), "web");
        assert_eq!(t.platform_version.as_deref(), Some("PrestaShop 8.2"));
        assert_eq!(t.order_ref.as_deref(), Some("O-1"));
    });
}

#[test]
fn pages_speak_french_to_french_browsers_and_the_switch_sticks() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base).french();
        let page = b.get("/");
        assert!(page.body.contains("<html lang=\"fr\""));
        assert!(page.body.contains("Demander de l’aide"), "{}", page.body);
        let token = csrf_of(&page.body);
        let page = b.post("/", &with(good_form(&token), "subject", ""));
        assert_eq!(page.status, 422);
        assert!(page.body.contains("obligatoire"), "{}", page.body);
        let page = b.post("/", &good_form(&token));
        assert_eq!(page.status, 303);
        let portal = b.get(page.header("location"));
        assert!(
            portal
                .body
                .contains("Nous avons bien reçu votre demande n°1"),
            "{}",
            portal.body
        );
        assert!(portal.body.contains("Position dans la file"));
        let t = guichet::store::tickets::get(
            &mut conn(&d.app.state),
            guichet::domain::ids::TicketId::new(1),
        )
        .expect("read")
        .expect("ticket");
        assert_eq!(t.lang.as_str(), "fr", "the ticket keeps the page language");
        // The switch: ?lang=en wins over Accept-Language and is remembered in a cookie.
        let page = b.get("/?lang=en");
        assert!(page.body.contains("<html lang=\"en\""));
        assert!(page.set_cookies.iter().any(|c| c.starts_with("lang=en")));
        let page = b.get("/privacy");
        assert!(page.body.contains("<html lang=\"en\""), "the choice sticks");
    });
}

#[test]
fn a_wrong_portal_token_is_the_plain_404_page() {
    each_backend(|db| {
        let d = desk(db);
        let (_n, portal) = d.ticket("alice@example.com");
        let mut b = Browser::new(&d.app.base);
        let unknown = b.get(&format!("/t/{}", "0".repeat(64)));
        let malformed = b.get("/t/nope");
        // A valid token of another scope opens nothing either.
        let intake = b.get(&format!("/t/{}", d.intake));
        let nothing = b.get("/no/such/page");
        for page in [&unknown, &malformed, &intake] {
            assert_eq!(page.status, 404);
            assert_eq!(
                page.body, nothing.body,
                "the same page as any unknown address"
            );
        }
        assert_eq!(unknown.header("referrer-policy"), "no-referrer");
        assert_eq!(unknown.header("cache-control"), "no-store");
        assert_eq!(b.get(&format!("/t/{portal}")).status, 200);
    });
}

#[test]
fn a_filled_honeypot_creates_no_ticket() {
    each_backend(|db| {
        let d = desk(db);
        let mut b = Browser::new(&d.app.base);
        let token = b.open_form();
        let page = b.post(
            "/",
            &with(good_form(&token), "website", "http://spam.example"),
        );
        assert_eq!(page.status, 400, "{}", page.body);
        assert!(
            !page.body.contains("spam.example"),
            "the honeypot comes back empty"
        );
        assert!(page.body.contains("value=\"Alice Martin\""));
        assert_eq!(tickets(&d), 0);
    });
}

#[test]
fn internal_notes_never_reach_the_portal() {
    each_backend(|db| {
        let d = desk(db);
        let (number, portal) = d.ticket("alice@example.com");
        {
            use diesel::prelude::*;
            use guichet::schema::messages;
            let c = &mut conn(&d.app.state);
            let now = guichet::store::naive(clock_now());
            for (body, internal) in [
                ("internal: customer is on a fork", true),
                ("Please update.", false),
            ] {
                guichet::db_run!(&mut **c, c => {
                    diesel::insert_into(messages::table)
                        .values((
                            messages::ticket_id.eq(number),
                            messages::author.eq("agent"),
                            messages::body.eq(body),
                            messages::internal.eq(internal),
                            messages::channel.eq("web"),
                            messages::created_at.eq(now),
                        ))
                        .execute(c)
                })
                .expect("message");
            }
        }
        let mut b = Browser::new(&d.app.base);
        let page = b.get(&format!("/t/{portal}"));
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Please update."));
        assert!(page.body.contains("Support team"));
        assert!(!page.body.contains("customer is on a fork"));
    });
}

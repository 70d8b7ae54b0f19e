//! The intake form's fields: read from the urlencoded body as typed, then checked with the
//! API's rules (`web::api::body`, `web::fields`) into the domain's ticket request.

use validator::Validate;

use super::credentials::{self, CredentialsInput};
use crate::domain::channel::Channel;
use crate::domain::email::EmailAddress;
use crate::domain::text::normalize_newlines;
use crate::domain::version::Version;
use crate::i18n::{Lang, Msg};
use crate::intake::TicketRequest;
use crate::web::api::body::{http_url, not_blank, one_line, text_body};
use crate::web::csrf;
use crate::web::fields::FieldErrors;

pub const HONEYPOT: &str = "website";

/// The form as sent: every field as text, so a re-rendered form shows exactly what was typed.
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub email: String,
    pub name: String,
    pub product: String,
    pub version: String,
    pub order_ref: String,
    pub subject: String,
    pub description: String,
    pub store_url: String,
    pub admin_url: String,
    pub platform_version: String,
    pub honeypot: String,
    pub credentials: CredentialsInput,
    pub csrf: Option<String>,
}

impl Input {
    /// From the decoded pairs of the body. A repeated field keeps its first value.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Input {
        let mut input = Input::default();
        let mut seen = std::collections::HashSet::new();
        for (key, value) in pairs {
            if !seen.insert(key.clone()) {
                continue;
            }
            if let Some(slot) = input.credentials.slot(&key) {
                *slot = value;
                continue;
            }
            let slot = match key.as_str() {
                "email" => &mut input.email,
                "name" => &mut input.name,
                "product" => &mut input.product,
                "version" => &mut input.version,
                "order_ref" => &mut input.order_ref,
                "subject" => &mut input.subject,
                "description" => &mut input.description,
                "store_url" => &mut input.store_url,
                "admin_url" => &mut input.admin_url,
                "platform_version" => &mut input.platform_version,
                HONEYPOT => &mut input.honeypot,
                csrf::FIELD => {
                    input.csrf = Some(value);
                    continue;
                }
                _ => continue,
            };
            *slot = value;
        }
        input.description = normalize_newlines(&input.description).into_owned();
        input
    }
}

/// The fields as validated: trimmed, an empty field absent. The rules are the API's
/// (`web::api::tickets::CreateTicketBody`), and the form also requires the URLs and the
/// platform version, which support needs (DESIGN "What support needs").
#[derive(Debug, Validate)]
struct Checked {
    #[validate(
        required(code = "field-required"),
        email(code = "field-not-email"),
        custom(function = "one_line")
    )]
    email: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 200, code = "field-length-range"),
        custom(function = "one_line")
    )]
    name: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    product: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 100, code = "field-length-range"),
        custom(function = "one_line")
    )]
    version: Option<String>,
    #[validate(
        length(max = 100, code = "field-too-long"),
        custom(function = "one_line")
    )]
    order_ref: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(min = 1, max = 200, code = "field-length-range"),
        custom(function = "one_line")
    )]
    subject: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(max = 50000, code = "field-too-long"),
        custom(function = "not_blank"),
        custom(function = "text_body")
    )]
    description: Option<String>,
    #[validate(
        required(code = "field-required"),
        custom(function = "http_url"),
        custom(function = "one_line"),
        length(max = 2000, code = "field-too-long")
    )]
    store_url: Option<String>,
    #[validate(
        required(code = "field-required"),
        custom(function = "http_url"),
        custom(function = "one_line"),
        length(max = 2000, code = "field-too-long")
    )]
    admin_url: Option<String>,
    #[validate(
        required(code = "field-required"),
        length(max = 100, code = "field-too-long"),
        custom(function = "one_line")
    )]
    platform_version: Option<String>,
}

/// Trimmed, and absent when empty. The description keeps its inner spacing: only a blank one
/// is refused.
fn present(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The domain request, or each bad field's problem.
pub fn check(input: &Input, lang: Lang) -> Result<TicketRequest, FieldErrors> {
    let c = Checked {
        email: present(&input.email),
        name: present(&input.name),
        product: present(&input.product),
        version: present(&input.version),
        order_ref: present(&input.order_ref),
        subject: present(&input.subject),
        description: (!input.description.trim().is_empty()).then(|| input.description.clone()),
        store_url: present(&input.store_url),
        admin_url: present(&input.admin_url),
        platform_version: present(&input.platform_version),
    };
    let mut errors = FieldErrors::default();
    errors.validate(&c);
    let credentials = credentials::check(&input.credentials, &mut errors);
    let email = c
        .email
        .filter(|_| !errors.contains("email"))
        .and_then(|e| errors.take_as("email", EmailAddress::parse(&e), Msg::FieldNotEmail));
    // On a page the customer gets the long message, with an example of a version.
    let version = c
        .version
        .filter(|_| !errors.contains("version"))
        .and_then(|v| errors.take_as("version", Version::parse(&v), Msg::InvalidVersion));
    match (email, version, c.name, c.product, c.subject, c.description) {
        (Some(email), Some(version), Some(name), Some(product), Some(subject), Some(body))
            if errors.is_empty() =>
        {
            Ok(TicketRequest {
                email,
                name,
                product,
                version,
                subject,
                body,
                store_url: c.store_url,
                admin_url: c.admin_url,
                platform_version: c.platform_version,
                order_ref: c.order_ref,
                lang,
                channel: Channel::Web,
                parent_id: None,
                credentials,
                attachments: Vec::new(),
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn full() -> Vec<(String, String)> {
        pairs(&[
            ("email", " Alice@Example.com "),
            ("name", "Alice"),
            ("product", "shop"),
            ("version", "v3.7.28"),
            ("subject", "Blank invoices"),
            ("description", "Line one\r\nLine two"),
            ("store_url", "https://shop.example.com"),
            ("admin_url", "https://shop.example.com/admin"),
            ("platform_version", "PrestaShop 8.2"),
            ("order_ref", ""),
        ])
    }

    #[test]
    fn a_complete_form_becomes_a_web_request() {
        let r = check(&Input::from_pairs(full()), Lang::Fr).expect("valid");
        assert_eq!(r.email.as_str(), "alice@example.com");
        assert_eq!(r.body, "Line one\nLine two");
        assert_eq!(r.channel, Channel::Web);
        assert_eq!(r.lang, Lang::Fr);
        assert_eq!(r.order_ref, None);
    }

    #[test]
    fn every_bad_field_is_named_in_the_page_language() {
        let mut list = full();
        list.retain(|(k, _)| k != "name");
        list.insert(0, ("version".into(), "latest".into()));
        list.insert(0, ("store_url".into(), "ftp://x".into()));
        let errors = check(&Input::from_pairs(list), Lang::Fr).expect_err("invalid");
        let fr = errors.messages(Lang::Fr);
        assert_eq!(
            fr.keys().collect::<Vec<_>>(),
            ["name", "store_url", "version"]
        );
        assert!(fr["name"].contains("obligatoire"), "{}", fr["name"]);
    }

    #[test]
    fn the_first_of_a_repeated_field_counts() {
        let input = Input::from_pairs(pairs(&[("email", "a@x.test"), ("email", "b@x.test")]));
        assert_eq!(input.email, "a@x.test");
    }
}

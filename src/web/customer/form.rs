//! The intake form at `/`: `GET` shows it, `POST` checks the CSRF token and the honeypot,
//! validates with the API's rules, and creates the ticket through `intake::submit` like every
//! channel. Every answer that is not a success shows the form again with what was entered.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use validator::Validate;

use super::{page_error, respond};
use crate::app::AppState;
use crate::domain::channel::Channel;
use crate::domain::email::EmailAddress;
use crate::domain::text::normalize_newlines;
use crate::domain::version::Version;
use crate::i18n::{self, Lang, Msg};
use crate::intake::{IntakeError, TicketRequest};
use crate::store;
use crate::web::api::body::{http_url, not_blank, one_line, read_body, text_body};
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::fields::FieldErrors;
use crate::web::layout::Layout;
use crate::web::widgets::{Choice, Field};

/// The honeypot's name: a field robots like to fill, hidden from people (see the template).
const HONEYPOT: &str = "website";

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
fn check(input: &Input, lang: Lang) -> Result<TicketRequest, FieldErrors> {
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
            })
        }
        _ => Err(errors),
    }
}

/// A message at the top of the form: why it came back.
#[derive(Debug, Clone, Default)]
pub struct Alert {
    pub title: String,
    pub text: String,
}

/// One line of the error summary: a link to the bad field.
#[derive(Debug, Clone)]
pub struct SummaryLine {
    pub id: String,
    /// "Label: problem", with the page language's punctuation.
    pub text: String,
}

#[derive(Template)]
#[template(path = "customer/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub csrf_field: &'static str,
    pub csrf_token: String,
    pub alert: Option<Alert>,
    pub summary: Vec<SummaryLine>,
    pub email: Field,
    pub name: Field,
    pub product: Field,
    pub products: Vec<Choice>,
    pub version: Field,
    pub order_ref: Field,
    pub subject: Field,
    pub description: Field,
    pub store_url: Field,
    pub admin_url: Field,
    pub platform_version: Field,
    pub honeypot: Field,
}

impl FormPage {
    fn new(
        lang: Lang,
        csrf: &Csrf,
        products: Vec<Choice>,
        input: &Input,
        errors: &BTreeMap<String, String>,
        alert: Option<Alert>,
    ) -> FormPage {
        let t = |msg| i18n::text(lang, msg, &[]);
        let field = |name, msg, value: &str| Field::new(name, t(msg), value).error_from(errors);
        let url_hint = t(Msg::FormUrlHint);
        let page = FormPage {
            layout: Layout::new(lang),
            csrf_field: csrf::FIELD,
            csrf_token: csrf.token.clone(),
            alert,
            summary: Vec::new(),
            email: field("email", Msg::FormEmail, &input.email)
                .hint(t(Msg::FormEmailHint))
                .required(),
            name: field("name", Msg::FormName, &input.name).required(),
            product: field("product", Msg::FormProduct, &input.product).required(),
            products,
            version: field("version", Msg::FormVersion, &input.version)
                .hint(t(Msg::FormVersionHint))
                .required(),
            order_ref: field("order_ref", Msg::FormOrderRef, &input.order_ref),
            subject: field("subject", Msg::FormSubject, &input.subject).required(),
            description: field("description", Msg::FormDescription, &input.description)
                .hint(t(Msg::FormDescriptionHint))
                .required(),
            store_url: field("store_url", Msg::FormStoreUrl, &input.store_url)
                .hint(url_hint.clone())
                .required(),
            admin_url: field("admin_url", Msg::FormAdminUrl, &input.admin_url)
                .hint(url_hint)
                .required(),
            platform_version: field(
                "platform_version",
                Msg::FormPlatformVersion,
                &input.platform_version,
            )
            .hint(t(Msg::FormPlatformVersionHint))
            .required(),
            honeypot: Field::new(HONEYPOT, t(Msg::FormHoneypot), &input.honeypot),
        };
        let summary = page
            .fields()
            .into_iter()
            .filter_map(|f| {
                // French sets a no-break space before a colon.
                let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
                Some(SummaryLine {
                    id: f.id(),
                    text: format!("{}{colon} {}", f.label, f.error.as_ref()?),
                })
            })
            .collect();
        FormPage { summary, ..page }
    }

    /// The visible fields in page order (the summary lists errors in this order).
    fn fields(&self) -> [&Field; 10] {
        [
            &self.email,
            &self.name,
            &self.product,
            &self.version,
            &self.order_ref,
            &self.subject,
            &self.description,
            &self.store_url,
            &self.admin_url,
            &self.platform_version,
        ]
    }
}

/// The products to choose from, by name.
async fn choices(state: &AppState) -> Result<Vec<Choice>, WebError> {
    let products = with_conn(state, |c| Ok(store::products::list(c)?)).await?;
    let mut choices: Vec<Choice> = products
        .into_iter()
        .map(|p| Choice {
            value: p.slug,
            label: p.name,
        })
        .collect();
    choices.sort_by(|a, b| a.label.cmp(&b.label));
    Ok(choices)
}

/// Shows the form with `input`, `errors` beside their fields and `alert` at the top.
async fn form(
    req: &HttpRequest,
    state: &AppState,
    status: StatusCode,
    input: &Input,
    errors: &BTreeMap<String, String>,
    alert: Option<Alert>,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(req, state.config.default_language);
    let csrf = Csrf::for_request(req, &state.keys)?;
    let page = FormPage::new(lang, &csrf, choices(state).await?, input, errors, alert);
    respond(req, state, status, &page, Some(&csrf))
}

/// `GET /`.
pub async fn show(req: HttpRequest, state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    form(
        &req,
        &state,
        StatusCode::OK,
        &Input::default(),
        &BTreeMap::new(),
        None,
    )
    .await
}

/// `POST /`.
pub async fn submit(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let lang = page_lang(&req, state.config.default_language);
    let alert = |title, text| {
        Some(Alert {
            title: i18n::text(lang, title, &[]),
            text: i18n::text(lang, text, &[]),
        })
    };
    let no_errors = BTreeMap::new();
    // Percent-encoding makes a form up to three times longer than its text, so the form may be
    // four times the JSON body limit.
    let limit = state.config.max_body_bytes.saturating_mul(4);
    let raw = read_body(payload, limit).await.map_err(|e| {
        if e.status == StatusCode::PAYLOAD_TOO_LARGE {
            page_error(e.status, e.code, lang, Msg::FormTooLarge)
        } else {
            page_error(
                StatusCode::BAD_REQUEST,
                "malformed_form",
                lang,
                Msg::FormMalformed,
            )
        }
    })?;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&raw).map_err(|_| {
        page_error(
            StatusCode::BAD_REQUEST,
            "malformed_form",
            lang,
            Msg::FormMalformed,
        )
    })?;
    let mut input = Input::from_pairs(pairs);
    if !csrf::verify(&req, &state.keys, input.csrf.as_deref()) {
        let why = alert(Msg::FormErrorsTitle, Msg::FormCsrfFailed);
        return form(&req, &state, StatusCode::FORBIDDEN, &input, &no_errors, why).await;
    }
    if !input.honeypot.is_empty() {
        // A robot, most likely: nothing is stored, and the answer does not say why. The field
        // comes back empty, so a person whose browser filled it by mistake can simply resend.
        tracing::info!("intake form: honeypot filled, nothing stored");
        input.honeypot.clear();
        let why = alert(Msg::FormErrorsTitle, Msg::FormRejected);
        return form(
            &req,
            &state,
            StatusCode::BAD_REQUEST,
            &input,
            &no_errors,
            why,
        )
        .await;
    }
    let request = match check(&input, lang) {
        Ok(r) => r,
        Err(errors) => {
            let why = alert(Msg::FormErrorsTitle, Msg::InvalidFields);
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return form(&req, &state, status, &input, &errors.messages(lang), why).await;
        }
    };
    let st = state.clone().into_inner();
    let outcome = with_conn(&state, move |c| {
        Ok(crate::intake::submit(c, st.intake(), &request, st.now()))
    })
    .await?;
    match outcome {
        Ok(created) => Ok(HttpResponse::SeeOther()
            .insert_header((
                header::LOCATION,
                format!("/t/{}?new=1", created.portal_token),
            ))
            .finish()),
        Err(IntakeError::Refused(refusal, lang)) => {
            let why = Some(Alert {
                title: i18n::text(lang, Msg::FormRefusedTitle, &[]),
                text: i18n::refusal_message(lang, &refusal),
            });
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form(&req, &state, status, &input, &no_errors, why).await
        }
        Err(other) => Err(other.into()),
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

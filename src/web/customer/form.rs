//! The intake form at `/`: `GET` shows it, `POST` checks the CSRF token and the honeypot,
//! validates with the API's rules, and creates the ticket through `intake::submit` like every
//! channel. Every answer that is not a success shows the form again with what was entered.

use std::collections::BTreeMap;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::credentials::CredentialFields;
use super::input::{HONEYPOT, Input, check};
use super::respond;
use super::upload;
use crate::app::AppState;
use crate::i18n::{self, Lang, Msg};
use crate::intake::IntakeError;
use crate::store;
use crate::web::api::with_conn;
use crate::web::csrf::{self, Csrf};
use crate::web::error::WebError;
use crate::web::error_page::page_lang;
use crate::web::layout::Layout;
use crate::web::rate_limit::{self, Form};
use crate::web::widgets::{Choice, Field};

/// The honeypot's name: a field robots like to fill, hidden from people (see the template).
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
    pub credentials: CredentialFields,
    /// The file input (`multipart/form-data`): never refilled, browsers do not allow it.
    pub attachments: Field,
    pub honeypot: Field,
}

impl FormPage {
    fn new(
        state: &AppState,
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
            credentials: CredentialFields::new(lang, &input.credentials, errors),
            attachments: upload::field(lang, state, errors),
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
    fn fields(&self) -> Vec<&Field> {
        let mut fields = vec![
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
        ];
        fields.extend(self.credentials.all());
        fields.push(&self.attachments);
        fields
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
    let page = FormPage::new(
        state,
        lang,
        &csrf,
        choices(state).await?,
        input,
        errors,
        alert,
    );
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
    let no_errors = BTreeMap::new();
    let posted = upload::read(&req, payload, &state, lang).await?;
    let had_files = posted.had_files();
    let alert = |title, text| {
        Some(Alert {
            title: i18n::text(lang, title, &[]),
            text: upload::note_files(lang, i18n::text(lang, text, &[]), had_files),
        })
    };
    let problem = posted.problem;
    let files = posted.files;
    let mut input = Input::from_pairs(posted.pairs);
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
    // Counted before validation: every post costs a lookup and a page, valid or not.
    if let Err(secs) = rate_limit::check(&state, &req, Form::Intake, Some(&input.email)) {
        let minutes = rate_limit::minutes(secs).to_string();
        let why = Some(Alert {
            title: i18n::text(lang, Msg::RateLimitedTitle, &[]),
            text: upload::note_files(
                lang,
                i18n::text(lang, Msg::RateLimited, &[("minutes", minutes)]),
                had_files,
            ),
        });
        let status = StatusCode::TOO_MANY_REQUESTS;
        let mut res = form(&req, &state, status, &input, &no_errors, why).await?;
        res.headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from(secs));
        return Ok(res);
    }
    let checked = check(&input, lang);
    let mut request = match (checked, problem) {
        (Ok(r), None) => r,
        (checked, problem) => {
            let mut errors = checked.err().map(|e| e.messages(lang)).unwrap_or_default();
            if let Some(p) = problem {
                errors.insert(upload::FIELD.into(), upload::problem_text(lang, &state, p));
            }
            let why = alert(Msg::FormErrorsTitle, Msg::InvalidFields);
            let status = problem.map_or(StatusCode::UNPROCESSABLE_ENTITY, |p| p.status());
            return form(&req, &state, status, &input, &errors, why).await;
        }
    };
    request.attachments = upload::store(&state, files).await?;
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
                text: upload::note_files(lang, i18n::refusal_message(lang, &refusal), had_files),
            });
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form(&req, &state, status, &input, &no_errors, why).await
        }
        Err(other) => Err(other.into()),
    }
}

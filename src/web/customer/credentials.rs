//! The optional site credentials of the intake form: admin login and password, FTP host, user
//! and password, behind an explicit consent box. Credentials without consent are refused (the
//! error sits on the consent box); consent without credentials stores nothing. A password is
//! never sent back in a page: a re-rendered form shows its field empty.

use validator::Validate;

use crate::i18n::{self, Lang, Msg};
use crate::vault::SiteCredentials;
use crate::web::api::body::one_line;
use crate::web::fields::FieldErrors;
use crate::web::widgets::Field;

/// The consent box's name.
pub const CONSENT: &str = "credentials_consent";

/// The credential fields as sent. `Debug` shows nothing: `Input` may be printed in a test or
/// a panic message, and these are passwords.
#[derive(Default, Clone)]
pub struct CredentialsInput {
    pub admin_login: String,
    pub admin_password: String,
    pub ftp_host: String,
    pub ftp_user: String,
    pub ftp_password: String,
    pub consent: String,
}

impl std::fmt::Debug for CredentialsInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CredentialsInput(…)")
    }
}

impl CredentialsInput {
    /// The slot of a form key, if it is one of these fields.
    pub fn slot(&mut self, key: &str) -> Option<&mut String> {
        Some(match key {
            "admin_login" => &mut self.admin_login,
            "admin_password" => &mut self.admin_password,
            "ftp_host" => &mut self.ftp_host,
            "ftp_user" => &mut self.ftp_user,
            "ftp_password" => &mut self.ftp_password,
            CONSENT => &mut self.consent,
            _ => return None,
        })
    }
}

/// The rules: one line each, and lengths that fit any real login or host name.
#[derive(Validate)]
struct Checked {
    #[validate(
        length(max = 200, code = "field-too-long"),
        custom(function = "one_line")
    )]
    admin_login: Option<String>,
    #[validate(
        length(max = 200, code = "field-too-long"),
        custom(function = "one_line")
    )]
    admin_password: Option<String>,
    #[validate(
        length(max = 255, code = "field-too-long"),
        custom(function = "one_line")
    )]
    ftp_host: Option<String>,
    #[validate(
        length(max = 200, code = "field-too-long"),
        custom(function = "one_line")
    )]
    ftp_user: Option<String>,
    #[validate(
        length(max = 200, code = "field-too-long"),
        custom(function = "one_line")
    )]
    ftp_password: Option<String>,
}

/// A login or host: trimmed, absent when empty.
fn trimmed(value: &str) -> Option<String> {
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// A password as typed (spaces may be part of it); absent when blank.
fn as_typed(value: &str) -> Option<String> {
    (!value.trim().is_empty()).then(|| value.to_string())
}

/// The credentials to seal, `None` when none were given; problems go to `errors`.
pub fn check(input: &CredentialsInput, errors: &mut FieldErrors) -> Option<SiteCredentials> {
    let c = Checked {
        admin_login: trimmed(&input.admin_login),
        admin_password: as_typed(&input.admin_password),
        ftp_host: trimmed(&input.ftp_host),
        ftp_user: trimmed(&input.ftp_user),
        ftp_password: as_typed(&input.ftp_password),
    };
    errors.validate(&c);
    let creds = SiteCredentials {
        admin_login: c.admin_login,
        admin_password: c.admin_password,
        ftp_host: c.ftp_host,
        ftp_user: c.ftp_user,
        ftp_password: c.ftp_password,
    };
    if creds.is_empty() {
        return None;
    }
    if input.consent.is_empty() {
        errors.add(CONSENT, Msg::FormCredentialsConsentMissing);
        return None;
    }
    Some(creds)
}

/// The fields as the form shows them. The passwords always come back empty.
#[derive(Debug, Clone)]
pub struct CredentialFields {
    pub admin_login: Field,
    pub admin_password: Field,
    pub ftp_host: Field,
    pub ftp_user: Field,
    pub ftp_password: Field,
    pub consent: Field,
}

impl CredentialFields {
    pub fn new(
        lang: Lang,
        input: &CredentialsInput,
        errors: &std::collections::BTreeMap<String, String>,
    ) -> CredentialFields {
        let t = |msg| i18n::text(lang, msg, &[]);
        let field = |name, msg, value: &str| Field::new(name, t(msg), value).error_from(errors);
        CredentialFields {
            admin_login: field("admin_login", Msg::FormAdminLogin, &input.admin_login),
            admin_password: field("admin_password", Msg::FormAdminPassword, ""),
            ftp_host: field("ftp_host", Msg::FormFtpHost, &input.ftp_host),
            ftp_user: field("ftp_user", Msg::FormFtpUser, &input.ftp_user),
            ftp_password: field("ftp_password", Msg::FormFtpPassword, ""),
            consent: field(CONSENT, Msg::FormCredentialsConsent, &input.consent),
        }
    }

    /// In page order, for the error summary.
    pub fn all(&self) -> [&Field; 6] {
        [
            &self.admin_login,
            &self.admin_password,
            &self.ftp_host,
            &self.ftp_user,
            &self.ftp_password,
            &self.consent,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> CredentialsInput {
        let mut i = CredentialsInput::default();
        for (k, v) in pairs {
            if let Some(slot) = i.slot(k) {
                *slot = v.to_string();
            }
        }
        i
    }

    #[test]
    fn credentials_need_the_consent_box() {
        let mut errors = FieldErrors::default();
        let creds = check(&input(&[("admin_password", " s3cret ")]), &mut errors);
        assert!(creds.is_none());
        assert!(errors.contains(CONSENT));

        let mut errors = FieldErrors::default();
        let creds = check(
            &input(&[("admin_password", " s3cret "), (CONSENT, "yes")]),
            &mut errors,
        )
        .expect("given with consent");
        assert!(errors.is_empty());
        assert_eq!(creds.admin_password.as_deref(), Some(" s3cret "));
    }

    #[test]
    fn consent_alone_stores_nothing() {
        let mut errors = FieldErrors::default();
        assert!(check(&input(&[(CONSENT, "yes"), ("ftp_host", "  ")]), &mut errors).is_none());
        assert!(errors.is_empty());
    }

    #[test]
    fn each_field_is_one_line_and_bounded() {
        let mut errors = FieldErrors::default();
        let long = "x".repeat(256);
        let i = input(&[("ftp_host", &long), ("ftp_user", "a\nb"), (CONSENT, "yes")]);
        assert!(check(&i, &mut errors).is_none() || !errors.is_empty());
        assert!(errors.contains("ftp_host") && errors.contains("ftp_user"));
        assert_eq!(format!("{i:?}"), "CredentialsInput(…)");
    }

    #[test]
    fn passwords_never_come_back_in_the_fields() {
        let i = input(&[
            ("admin_password", "pw1"),
            ("ftp_password", "pw2"),
            ("admin_login", "me"),
        ]);
        let f = CredentialFields::new(Lang::En, &i, &Default::default());
        assert_eq!(f.admin_password.value, "");
        assert_eq!(f.ftp_password.value, "");
        assert_eq!(f.admin_login.value, "me");
    }
}

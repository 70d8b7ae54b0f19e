//! The DMARC verdict of a trusted `Authentication-Results` header (RFC 8601). Anyone can write
//! such a header into a mail; only the one added by the desk's own receiving server, named by its
//! authserv-id, is believed, and a mail that carries none is not judged at all.

use super::ParsedMail;

/// True when an `Authentication-Results` header of `authserv_id` reports `dmarc=fail`.
pub fn failed(mail: &ParsedMail, authserv_id: &str) -> bool {
    mail.headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("authentication-results"))
        .filter_map(|(_, value)| {
            let (id, results) = value.split_once(';')?;
            // The authserv-id may be followed by a version number: "mx.example.com 1".
            let id = id.split_whitespace().next()?;
            id.eq_ignore_ascii_case(authserv_id).then_some(results)
        })
        .any(|results| {
            results.split(';').any(|r| {
                let r = r.trim().to_ascii_lowercase();
                r.strip_prefix("dmarc")
                    .map(str::trim_start)
                    .and_then(|r| r.strip_prefix('='))
                    .map(str::trim_start)
                    .is_some_and(|verdict| verdict.starts_with("fail"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(values: &[&str]) -> ParsedMail {
        ParsedMail {
            headers: values
                .iter()
                .map(|v| ("authentication-results".to_string(), v.to_string()))
                .collect(),
            ..ParsedMail::default()
        }
    }

    #[test]
    fn a_trusted_dmarc_fail_is_seen() {
        let m = with(&[
            "mx.desk.example; spf=pass smtp.mailfrom=x.example; dmarc=fail (p=reject) header.from=bank.example",
        ]);
        assert!(failed(&m, "mx.desk.example"));
        let m = with(&["MX.DESK.EXAMPLE 1; dkim=none; DMARC = FAIL"]);
        assert!(failed(&m, "mx.desk.example"));
    }

    #[test]
    fn other_servers_and_other_verdicts_are_not_believed() {
        let forged = with(&["mx.attacker.example; dmarc=fail"]);
        assert!(!failed(&forged, "mx.desk.example"));
        let pass = with(&["mx.desk.example; dmarc=pass header.from=example.com"]);
        assert!(!failed(&pass, "mx.desk.example"));
        let none = with(&["mx.desk.example; spf=fail; dkim=fail"]);
        assert!(!failed(&none, "mx.desk.example"));
        assert!(!failed(&ParsedMail::default(), "mx.desk.example"));
    }
}

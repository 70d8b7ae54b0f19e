//! The DMARC verdict of a trusted `Authentication-Results` header.

use super::ParsedMail;

/// True when an `Authentication-Results` header of `authserv_id` says `dmarc=fail`. Headers
/// of other authserv-ids are ignored: anyone upstream can write them.
pub fn failed(mail: &ParsedMail, authserv_id: &str) -> bool {
    mail.headers
        .iter()
        .filter(|(n, _)| n == "authentication-results")
        .filter(|(_, v)| {
            let id = v.split(';').next().unwrap_or("").split_whitespace().next();
            id.is_some_and(|id| id.eq_ignore_ascii_case(authserv_id))
        })
        .any(|(_, v)| {
            v.split(';').skip(1).any(|result| {
                let result = result.trim().to_ascii_lowercase();
                result
                    .strip_prefix("dmarc")
                    .map(str::trim_start)
                    .and_then(|r| r.strip_prefix('='))
                    .is_some_and(|r| {
                        r.trim_start().starts_with("fail")
                            && !r.trim_start()["fail".len()..]
                                .starts_with(|c: char| c.is_alphanumeric())
                    })
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(values: &[&str]) -> ParsedMail {
        ParsedMail {
            headers: values
                .iter()
                .map(|v| ("authentication-results".to_string(), v.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn trusted_dmarc_fail_counts() {
        let m = mail(&["mx.desk.example; spf=pass; dmarc=fail (p=reject) header.from=x.test"]);
        assert!(failed(&m, "mx.desk.example"));
    }

    #[test]
    fn untrusted_authserv_id_is_ignored() {
        let m = mail(&["evil.example; dmarc=fail", "mx.desk.example; dmarc=pass"]);
        assert!(!failed(&m, "mx.desk.example"));
    }
}

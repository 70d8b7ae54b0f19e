//! A browser without JavaScript for page tests: cookies kept, no redirect followed, forms sent
//! urlencoded; and the intake form as a customer fills it.

use std::collections::BTreeMap;

/// A browser without JavaScript: keeps cookies, follows no redirect.
pub struct Browser {
    agent: ureq::Agent,
    base: String,
    cookies: BTreeMap<String, String>,
    accept_language: Option<&'static str>,
}

pub struct Page {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub set_cookies: Vec<String>,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Browser {
            agent,
            base: base.to_string(),
            cookies: BTreeMap::new(),
            accept_language: None,
        }
    }

    pub fn french(mut self) -> Browser {
        self.accept_language = Some("fr-FR,fr;q=0.9,en;q=0.5");
        self
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn read(&mut self, res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Page {
        let mut res = res.expect("response");
        let mut headers = BTreeMap::new();
        for (name, value) in res.headers() {
            headers.insert(
                name.as_str().to_string(),
                value.to_str().unwrap_or_default().to_string(),
            );
        }
        let set_cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap_or_default().to_string())
            .collect();
        for c in &set_cookies {
            let pair = c.split(';').next().unwrap_or_default();
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies
                    .insert(k.trim().to_string(), v.trim().to_string());
            }
        }
        Page {
            status: res.status().as_u16(),
            headers,
            set_cookies,
            body: res.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    pub fn get(&mut self, path: &str) -> Page {
        let mut req = self.agent.get(&format!("{}{}", self.base, path));
        if !self.cookies.is_empty() {
            req = req.header("Cookie", &self.cookie_header());
        }
        if let Some(l) = self.accept_language {
            req = req.header("Accept-Language", l);
        }
        let res = req.call();
        self.read(res)
    }

    pub fn post(&mut self, path: &str, fields: &[(&str, String)]) -> Page {
        let body = serde_urlencoded::to_string(fields).expect("encode form");
        let mut req = self
            .agent
            .post(&format!("{}{}", self.base, path))
            .header("Content-Type", "application/x-www-form-urlencoded");
        if !self.cookies.is_empty() {
            req = req.header("Cookie", &self.cookie_header());
        }
        if let Some(l) = self.accept_language {
            req = req.header("Accept-Language", l);
        }
        let res = req.send(body);
        self.read(res)
    }

    /// Posts `fields` then `files` (name, bytes) as `multipart/form-data`, as a browser sends
    /// the pages' forms.
    pub fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, String)],
        files: &[(&str, &[u8])],
    ) -> Page {
        let mut req = self.agent.post(&format!("{}{}", self.base, path)).header(
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
        if !self.cookies.is_empty() {
            req = req.header("Cookie", &self.cookie_header());
        }
        if let Some(l) = self.accept_language {
            req = req.header("Accept-Language", l);
        }
        let res = req.send(multipart_body(fields, files));
        self.read(res)
    }

    /// The bytes of a `GET`, with the answer's status and headers.
    pub fn get_bytes(&mut self, path: &str) -> (u16, BTreeMap<String, String>, Vec<u8>) {
        let mut req = self.agent.get(&format!("{}{}", self.base, path));
        if !self.cookies.is_empty() {
            req = req.header("Cookie", &self.cookie_header());
        }
        let mut res = req.call().expect("response");
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let status = res.status().as_u16();
        let bytes = res
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .expect("body");
        (status, headers, bytes)
    }

    pub fn cookie_line(&self) -> String {
        self.cookie_header()
    }

    /// The value of cookie `name`, if the browser keeps one.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Sets cookie `name` as if the server had (a stolen or forged cookie, in a test).
    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.insert(name.to_string(), value.to_string());
    }

    /// Opens the form and returns its CSRF token.
    pub fn open_form(&mut self) -> String {
        let page = self.get("/");
        assert_eq!(page.status, 200, "{}", page.body);
        csrf_of(&page.body)
    }
}

pub const BOUNDARY: &str = "----guichet-test-boundary";

/// A `multipart/form-data` body: the text fields, then each file in the `attachments` field.
pub fn multipart_body(fields: &[(&str, String)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, bytes) in files {
        out.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

pub fn csrf_of(body: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker).expect("a CSRF field") + marker.len();
    body[start..start + 64].to_string()
}

/// A complete, eligible request from alice, with `csrf`.
pub fn good_form(csrf: &str) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", csrf.to_string()),
        ("email", "alice@example.com".into()),
        ("name", "Alice Martin".into()),
        ("product", "shop".into()),
        ("version", "3.7.28".into()),
        ("order_ref", "O-1".into()),
        ("subject", "Invoices are blank".into()),
        (
            "description",
            "Since the update every invoice is blank.\r\nSteps: open an order.".into(),
        ),
        ("store_url", "https://shop.example.com".into()),
        ("admin_url", "https://shop.example.com/admin".into()),
        ("platform_version", "PrestaShop 8.2".into()),
        ("website", String::new()),
    ]
}

pub fn with(
    mut form: Vec<(&'static str, String)>,
    key: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for (k, v) in form.iter_mut() {
        if *k == key {
            *v = value.to_string();
        }
    }
    form
}

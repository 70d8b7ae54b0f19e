//! A real SMTP server for the mail suite: mailin-embedded on loopback, speaking the protocol
//! with lettre over a socket, keeping every mail it accepted. It can refuse recipients with a
//! 550, as a server that does not know the mailbox does.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::response::{NO_MAILBOX, OK};
use mailin_embedded::{Handler, Response, Server};

/// One accepted mail: its envelope recipients and its bytes.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("the server got a parsable mail")
    }
}

#[derive(Clone)]
struct Recorder {
    accepted: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<Vec<String>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn rcpt(&mut self, to: &str) -> Response {
        if self.refuse.iter().any(|r| to.eq_ignore_ascii_case(r)) {
            NO_MAILBOX
        } else {
            OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail = Received {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
        };
        self.accepted.lock().expect("sink").push(mail);
        OK
    }
}

/// A running server. It serves until the test binary exits (mailin has no stop).
pub struct SmtpSink {
    pub port: u16,
    accepted: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    /// A server on a port of its own.
    pub fn start(refuse: &[&str]) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        SmtpSink::on(listener, refuse)
    }

    /// A server on `port`, which a test chose while nothing listened on it.
    pub fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port is still free");
        SmtpSink::on(listener, &[])
    }

    fn on(listener: TcpListener, refuse: &[&str]) -> SmtpSink {
        let port = listener.local_addr().expect("addr").port();
        let accepted = Arc::new(Mutex::new(Vec::new()));
        let handler = Recorder {
            accepted: accepted.clone(),
            refuse: Arc::new(refuse.iter().map(|s| s.to_string()).collect()),
            to: Vec::new(),
            data: Vec::new(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("sink.test")
            .with_num_threads(32)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("smtp sink stopped: {e}");
            }
        });
        SmtpSink { port, accepted }
    }

    /// `smtp+plain://127.0.0.1:PORT`, for `smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp+plain://127.0.0.1:{}", self.port)
    }

    pub fn mails(&self) -> Vec<Received> {
        self.accepted.lock().expect("sink").clone()
    }

    /// Waits up to `secs` for at least `n` mails.
    pub fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let mails = self.mails();
            if mails.len() >= n || std::time::Instant::now() > deadline {
                return mails;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
    }
}

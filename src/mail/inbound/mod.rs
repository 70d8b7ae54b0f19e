//! Reading one inbound mail: parsing it into what guichet needs ([`parse`]), telling automatic
//! mail apart ([`classify`]), the trusted DMARC verdict ([`dmarc`]), the visible reply text
//! without quoted history and signatures ([`reply_text`]), and the product and version a new
//! request names ([`extract`]). All pure: the pipeline that stores the outcome is `inbound`.

pub mod classify;
pub mod dmarc;
pub mod extract;
pub mod parse;
pub mod reply_text;

#[cfg(test)]
mod fixtures_tests;

pub use classify::{Automatic, classify};
pub use parse::{InboundFile, ParseError, ParsedMail, parse};

//! The ids of the catalogue messages, as a type.
//!
//! Looking a message up by a string let a typo'd id render the id itself. Every message of
//! `locales/{en,fr}/guichet.ftl` is a [`Msg`] variant instead, declared with the arguments it
//! takes; the catalogue tests check that the list, the declared arguments and both catalogues
//! agree, so a message cannot be added to one place and forgotten in another.

/// Declares [`Msg`], its [`Msg::ALL`] list, its Fluent id and its argument names from one table,
/// so the three can never disagree.
macro_rules! messages {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal [$($arg:literal),*]; )*) => {
        /// A message of the catalogues. See [`crate::i18n::text`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[$doc])* $variant, )*
        }

        impl Msg {
            /// Every message, in catalogue order.
            pub const ALL: &'static [Msg] = &[$(Msg::$variant,)*];

            /// The Fluent message id in the catalogues.
            pub fn id(self) -> &'static str {
                match self {
                    $( Msg::$variant => $id, )*
                }
            }

            /// The names of the arguments the message uses (`$name` in the catalogues).
            pub fn args(self) -> &'static [&'static str] {
                match self {
                    $( Msg::$variant => &[$($arg),*], )*
                }
            }
        }
    };
}

messages! {
    // Eligibility refusals: why, then what to do.
    /// No purchase at all with the address.
    RefusalNoPurchase = "refusal-no-purchase" [];
    /// Purchases, but not of this product.
    RefusalProductNotPurchased = "refusal-product-not-purchased" [];
    /// Support ended on `until`.
    RefusalSupportExpired = "refusal-support-expired" ["until"];
    /// Version below the window; `latest` is the one to update to.
    RefusalVersionTooOld = "refusal-version-too-old" ["latest"];
    /// Version not a supported release; `supported` lists them.
    RefusalUnknownVersion = "refusal-unknown-version" ["supported"];

    // Input errors shown to customers on the form.
    /// The version is not a dotted number.
    InvalidVersion = "invalid-version" [];
    /// The form has bad fields.
    InvalidFields = "invalid-fields" [];
    /// Something failed on our side (pages).
    ErrorInternal = "error-internal" [];

    // Error pages.
    /// Title of the 404 page.
    ErrorPageNotFoundTitle = "error-page-not-found-title" [];
    /// Text of the 404 page (never says whether a ticket exists).
    ErrorPageNotFound = "error-page-not-found" [];
    /// Title of any other error page.
    ErrorPageTitle = "error-page-title" [];
    /// Text of the 503 page.
    ErrorPageBusy = "error-page-busy" [];
    /// The link back to the form.
    ErrorPageBack = "error-page-back" [];

    // Queue.
    /// About `hours` business hours (plural-aware).
    WaitHours = "wait-hours" ["hours"];
    /// Too few first responses to estimate.
    WaitUnknown = "wait-unknown" [];

    // Acknowledgment mail.
    /// Subject of the acknowledgment.
    MailAckSubject = "mail-ack-subject" ["number", "subject"];
    /// Body of the acknowledgment.
    MailAckBody = "mail-ack-body" ["name", "subject", "number", "portal_url"];

    // JSON API errors: the `message` of `{"error":{…}}`.
    /// 401: no or bad token.
    ApiUnauthorized = "api-unauthorized" [];
    /// 403: the token's scope does not cover the route.
    ApiForbidden = "api-forbidden" [];
    /// 404: no such ticket (or not one this token grants).
    ApiTicketNotFound = "api-ticket-not-found" [];
    /// 404: nothing is routed at this path.
    ApiNoSuchRoute = "api-no-such-route" [];
    /// 405: `allow` lists the methods of the path.
    ApiMethodNotAllowed = "api-method-not-allowed" ["allow"];
    /// 400: the body is not JSON; `detail` is the parser's words.
    ApiMalformedJson = "api-malformed-json" ["detail"];
    /// 413: the body is over `limit` bytes.
    ApiPayloadTooLarge = "api-payload-too-large" ["limit"];
    /// 422: the summary beside `fields`.
    ApiInvalidFields = "api-invalid-fields" [];
    /// 422/404: no product with `slug`.
    ApiUnknownProduct = "api-unknown-product" ["slug"];
    /// 404: no purchase with the order reference `order`.
    ApiUnknownPurchase = "api-unknown-purchase" ["order"];
    /// 409: extension `extension` was recorded with other content.
    ApiExtensionConflict = "api-extension-conflict" ["extension"];
    /// 503: no connection came free.
    ApiBusy = "api-busy" [];
    /// 500: details went to the log.
    ApiInternal = "api-internal" [];

    // What is wrong with one field (the values of `fields`).
    /// A required field is missing.
    FieldRequired = "field-required" [];
    /// Longer than `max` characters.
    FieldTooLong = "field-too-long" ["max"];
    /// Not between `min` and `max` characters long.
    FieldLengthRange = "field-length-range" ["min", "max"];
    /// A count of months outside `min`–`max`.
    FieldMonthsRange = "field-months-range" ["min", "max"];
    /// Not a whole number from `min` to `max`.
    FieldWholeNumberRange = "field-whole-number-range" ["min", "max"];
    /// Empty or only whitespace.
    FieldBlank = "field-blank" [];
    /// Not an email address.
    FieldNotEmail = "field-not-email" [];
    /// Not an absolute http(s) URL.
    FieldNotHttpUrl = "field-not-http-url" [];
    /// Not `fr` or `en`.
    FieldNotLang = "field-not-lang" [];
    /// A line break in a single-line field.
    FieldOneLine = "field-one-line" [];
    /// A control character (NUL, ESC, …).
    FieldControlCharacter = "field-control-character" [];
    /// Not a dotted version number.
    FieldNotVersion = "field-not-version" [];
    /// Not a ticket number.
    FieldNotTicketNumber = "field-not-ticket-number" [];
    /// A ticket number that is not in the queue.
    FieldNotInQueue = "field-not-in-queue" [];
    /// Not a date the desk reads.
    FieldNotDate = "field-not-date" [];
    /// Not a support tier.
    FieldNotTier = "field-not-tier" [];
    /// `product` is needed because the order has several.
    FieldProductAmbiguous = "field-product-ambiguous" [];
}

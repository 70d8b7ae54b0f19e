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
    // two-factor and sessions
    /// The header link to the agent's own account page.
    AgentNavAccount = "agent-nav-account" [];
    /// Title of the agent's account page.
    AgentAccountTitle = "agent-account-title" [];
    /// Heading of the two-factor section.
    AgentTwoFactorTitle = "agent-two-factor-title" [];
    /// Two-factor sign-in is off for this agent.
    AgentTwoFactorIsOff = "agent-two-factor-is-off" [];
    /// Two-factor sign-in is on for this agent.
    AgentTwoFactorIsOn = "agent-two-factor-is-on" [];
    /// The button that begins enrolment.
    AgentTwoFactorStart = "agent-two-factor-start" [];
    /// Enrolment, step one.
    AgentTwoFactorScan = "agent-two-factor-scan" [];
    /// Text alternative of the QR code.
    AgentTwoFactorQrAlt = "agent-two-factor-qr-alt" [];
    /// Enrolment: the key to type by hand.
    AgentTwoFactorManual = "agent-two-factor-manual" [];
    /// Enrolment, last step.
    AgentTwoFactorConfirmIntro = "agent-two-factor-confirm-intro" [];
    /// The button that turns two-factor on.
    AgentTwoFactorConfirm = "agent-two-factor-confirm" [];
    /// What turning it off needs.
    AgentTwoFactorOffIntro = "agent-two-factor-off-intro" [];
    /// The button that turns two-factor off.
    AgentTwoFactorTurnOff = "agent-two-factor-turn-off" [];
    /// Notice: two-factor is now on.
    AgentTwoFactorEnabled = "agent-two-factor-enabled" [];
    /// Notice: two-factor is now off.
    AgentTwoFactorDisabled = "agent-two-factor-disabled" [];
    /// Label of the one-time code field.
    AgentCodeLabel = "agent-code-label" [];
    /// Hint of the one-time code field.
    AgentCodeHint = "agent-code-hint" [];
    /// A code that is wrong or was used already.
    AgentCodeWrong = "agent-code-wrong" [];
    /// A code that is not six digits.
    AgentCodeMalformed = "agent-code-malformed" [];
    /// Heading of the sessions section.
    AgentSessionsTitle = "agent-sessions-title" [];
    /// What signing out everywhere does.
    AgentSessionsIntro = "agent-sessions-intro" [];
    /// The button that ends every session of the agent.
    AgentSessionsEnd = "agent-sessions-end" [];
    /// Sign-in page notice after signing out everywhere.
    AgentSignedOutEverywhere = "agent-signed-out-everywhere" [];
    /// Title of the sign-in code page.
    AgentSigninCodeTitle = "agent-signin-code-title" [];
    /// What the sign-in code page asks.
    AgentSigninCodeIntro = "agent-signin-code-intro" [];
    /// Link back to the password form.
    AgentSigninCodeRestart = "agent-signin-code-restart" [];
    /// Sign-in page notice when the code step ran out.
    AgentSigninCodeExpired = "agent-signin-code-expired" [];
    /// Column of the agents table: two-factor sign-in.
    AdminAgentsColTwoFactor = "admin-agents-col-two-factor" [];
    /// Two-factor is on for that agent.
    AdminTwoFactorOn = "admin-two-factor-on" [];
    /// Two-factor is off for that agent.
    AdminTwoFactorOff = "admin-two-factor-off" [];
    /// The button that turns an agent's two-factor off.
    AdminResetTwoFactor = "admin-reset-two-factor" [];
    /// The button that ends every session of an agent.
    AdminEndSessions = "admin-end-sessions" [];
    /// Notice after a two-factor reset.
    AdminTwoFactorWasReset = "admin-two-factor-was-reset" [];
    /// Notice after ending an agent's sessions.
    AdminSessionsWereEnded = "admin-sessions-were-ended" [];
    /// Audit action: an agent turned two-factor on.
    AdminAuditTwoFactorOn = "admin-audit-two-factor-on" [];
    /// Audit action: an agent turned two-factor off.
    AdminAuditTwoFactorOff = "admin-audit-two-factor-off" [];
    /// Audit action: an admin reset an agent's two-factor.
    AdminAuditTwoFactorReset = "admin-audit-two-factor-reset" [];
    /// Audit action: every session of an agent was ended.
    AdminAuditSessionsEnded = "admin-audit-sessions-ended" [];
    // statistics
    /// Title of the statistics page.
    AgentStatsTitle = "agent-stats-title" [];
    /// The period select's label.
    AgentStatsPeriodLabel = "agent-stats-period-label" [];
    /// One period choice: the last `days` days.
    AgentStatsPeriod = "agent-stats-period" ["days"];
    /// The button that applies the period.
    AgentStatsShow = "agent-stats-show" [];
    /// The dates the figures cover.
    AgentStatsRange = "agent-stats-range" ["first", "last"];
    /// The CSV download link.
    AgentStatsCsv = "agent-stats-csv" [];
    /// A chart or figure with nothing to show.
    AgentStatsNoData = "agent-stats-no-data" [];
    /// Heading of the queue-length chart.
    AgentStatsQueueTitle = "agent-stats-queue-title" [];
    /// What the queue-length chart counts.
    AgentStatsQueueDesc = "agent-stats-queue-desc" [];
    /// Heading of the created/answered chart.
    AgentStatsDailyTitle = "agent-stats-daily-title" [];
    /// What that chart shows.
    AgentStatsDailyDesc = "agent-stats-daily-desc" [];
    /// Column: the day.
    AgentStatsColDay = "agent-stats-col-day" [];
    /// Column: tickets created.
    AgentStatsColCreated = "agent-stats-col-created" [];
    /// Column: tickets first answered.
    AgentStatsColAnswered = "agent-stats-col-answered" [];
    /// Heading of the first-response figures.
    AgentStatsResponseTitle = "agent-stats-response-title" [];
    /// What the response figures count.
    AgentStatsResponseDesc = "agent-stats-response-desc" [];
    /// Column: the figure's name.
    AgentStatsColFigure = "agent-stats-col-figure" [];
    /// Column: its value.
    AgentStatsColValue = "agent-stats-col-value" [];
    /// Row: first responses in the period.
    AgentStatsAnswered = "agent-stats-answered" [];
    /// Row: the median response time.
    AgentStatsMedian = "agent-stats-median" [];
    /// Row: the 90th percentile.
    AgentStatsP90 = "agent-stats-p90" [];
    /// Row: the share within the target of `hours` business hours.
    AgentStatsWithin = "agent-stats-within" ["hours"];
    /// A share: `within` of `answered`.
    AgentStatsPercent = "agent-stats-percent" ["percent", "within", "answered"];
    /// The accessible name of the share bar.
    AgentStatsShareChart = "agent-stats-share-chart" ["percent"];
    /// Heading of the refusals chart.
    AgentStatsRefusalsTitle = "agent-stats-refusals-title" [];
    /// What the refusals count.
    AgentStatsRefusalsDesc = "agent-stats-refusals-desc" [];
    /// Column: the refusal code.
    AgentStatsColCode = "agent-stats-col-code" [];
    /// Column: how many.
    AgentStatsColCount = "agent-stats-col-count" [];

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
    /// Heading of the portal's form asking a needs_info ticket's product and version.
    PortalCompleteTitle = "portal-complete-title" [];
    /// What that form is for.
    PortalCompleteHint = "portal-complete-hint" [];
    /// Its button.
    PortalCompleteSubmit = "portal-complete-submit" [];
    /// After it: the request joined the queue.
    PortalCompleteDone = "portal-complete-done" [];
    /// A product the customer did not buy, chosen by a crafted post.
    FieldNotYourProduct = "field-not-your-product" [];
    /// Subject of the mail asking a buyer for the product and version of a mailed request.
    MailNeedsInfoSubject = "mail-needs-info-subject" ["number", "subject"];
    /// Body of that mail, with the link of the completion page.
    MailNeedsInfoBody = "mail-needs-info-body" ["name", "subject", "number", "portal_url"];
    /// Subject of a ticket opened by a mail that had none.
    MailNoSubject = "mail-no-subject" [];
    /// Subject of the one refusal mail to a sender whose request cannot be served.
    MailRefusalSubject = "mail-refusal-subject" ["subject"];
    /// Body of the refusal mail; `reason` is the refusal's own text.
    MailRefusalBody = "mail-refusal-body" ["subject", "reason"];

    // Automatic resolution after the customer's silence (the lifecycle timers).
    /// Subject of the notice that a waiting ticket was resolved for lack of reply.
    MailAutoresolveSubject = "mail-autoresolve-subject" ["number", "subject"];
    /// Body of that notice: why, and that a reply within `reopen_days` reopens it.
    MailAutoresolveBody = "mail-autoresolve-body" ["name", "subject", "number", "days", "reopen_days"];

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

    // Page layout.
    /// The desk's name in the header.
    LayoutDeskName = "layout-desk-name" [];
    /// The label of the language switch.
    LayoutLanguage = "layout-language" [];
    /// The link that skips to the page's content.
    LayoutSkip = "layout-skip" [];
    /// The footer link to the privacy page.
    LayoutPrivacy = "layout-privacy" [];

    // The agents' dashboard.
    /// The sign-in page's title.
    AgentSigninTitle = "agent-signin-title" [];
    /// The email field.
    AgentSigninEmail = "agent-signin-email" [];
    /// The password field.
    AgentSigninPassword = "agent-signin-password" [];
    /// The sign-in button.
    AgentSigninSubmit = "agent-signin-submit" [];
    /// Wrong email or password, or an inactive agent: one message for all, so it tells nothing.
    AgentSigninFailed = "agent-signin-failed" [];
    /// Too many attempts.
    AgentSigninLimited = "agent-signin-limited" ["minutes"];
    /// Told when a page needs a session.
    AgentSigninRequired = "agent-signin-required" [];
    /// The sign-out button.
    AgentSignout = "agent-signout" [];
    /// Who is signed in, in the header.
    AgentSignedInAs = "agent-signed-in-as" ["name"];
    /// The navigation link to the queue.
    AgentNavQueue = "agent-nav-queue" [];
    /// The label of the dashboard's navigation.
    AgentNavLabel = "agent-nav-label" [];
    /// A page of a role the agent does not have.
    AgentForbidden = "agent-forbidden" [];
    /// The queue page's title.
    AgentQueueTitle = "agent-queue-title" [];
    /// The take-next button.
    AgentQueueTakeNext = "agent-queue-take-next" [];
    /// Take-next found no unassigned ticket.
    AgentQueueNothingToTake = "agent-queue-nothing-to-take" [];
    /// No ticket matches.
    AgentQueueEmpty = "agent-queue-empty" [];
    /// The lengths of the lanes.
    AgentQueueSummary = "agent-queue-summary" ["priority", "standard"];
    /// Column: place in the queue.
    AgentQueueColPosition = "agent-queue-col-position" [];
    /// Column: ticket number.
    AgentQueueColNumber = "agent-queue-col-number" [];
    /// Column: subject.
    AgentQueueColSubject = "agent-queue-col-subject" [];
    /// Column: product.
    AgentQueueColProduct = "agent-queue-col-product" [];
    /// Column: customer.
    AgentQueueColCustomer = "agent-queue-col-customer" [];
    /// Column: time in the queue.
    AgentQueueColAge = "agent-queue-col-age" [];
    /// Column: the first-response target.
    AgentQueueColTarget = "agent-queue-col-target" [];
    /// Column: the agent holding it.
    AgentQueueColAssignee = "agent-queue-col-assignee" [];
    /// Business time left before the target.
    AgentQueueLeft = "agent-queue-left" ["time"];
    /// Business time past the target.
    AgentQueueOverdue = "agent-queue-overdue" ["time"];
    /// The filter form's legend.
    AgentQueueFilters = "agent-queue-filters" [];
    /// The lane filter.
    AgentQueueFilterLane = "agent-queue-filter-lane" [];
    /// The state filter.
    AgentQueueFilterState = "agent-queue-filter-state" [];
    /// The product filter.
    AgentQueueFilterProduct = "agent-queue-filter-product" [];
    /// No filter on that column.
    AgentQueueFilterAny = "agent-queue-filter-any" [];
    /// Only the agent's own tickets.
    AgentQueueFilterMine = "agent-queue-filter-mine" [];
    /// Apply the filters.
    AgentQueueFilterApply = "agent-queue-filter-apply" [];
    /// The link to the next page.
    AgentQueueNextPage = "agent-queue-next-page" [];
    /// Back to the head of the queue.
    AgentQueueFirstPage = "agent-queue-first-page" [];
    /// The priority lane.
    AgentLanePriority = "agent-lane-priority" [];
    /// The standard lane.
    AgentLaneStandard = "agent-lane-standard" [];
    /// State name.
    AgentStateQueued = "agent-state-queued" [];
    /// State name.
    AgentStateAssigned = "agent-state-assigned" [];
    /// No agent holds it.
    AgentUnassigned = "agent-unassigned" [];
    /// A duration in hours and minutes.
    AgentDurationHm = "agent-duration-hm" ["hours", "minutes"];
    /// A duration in days and hours.
    AgentDurationDays = "agent-duration-days" ["days", "hours"];
    /// Fact: state.
    AgentTicketState = "agent-ticket-state" [];
    /// Fact: lane.
    AgentTicketLane = "agent-ticket-lane" [];
    /// Fact: place in the queue.
    AgentTicketPosition = "agent-ticket-position" [];
    /// Fact: customer.
    AgentTicketCustomer = "agent-ticket-customer" [];
    /// Fact: product and version.
    AgentTicketProduct = "agent-ticket-product" [];
    /// Fact: order reference.
    AgentTicketOrder = "agent-ticket-order" [];
    /// Fact: store and admin URLs.
    AgentTicketSite = "agent-ticket-site" [];
    /// Fact: platform version.
    AgentTicketPlatform = "agent-ticket-platform" [];
    /// Fact: the ticket's language.
    AgentTicketLanguage = "agent-ticket-language" [];
    /// Fact: where it came from.
    AgentTicketChannel = "agent-ticket-channel" [];
    /// Fact: assignee.
    AgentTicketAssignee = "agent-ticket-assignee" [];
    /// Fact: created at.
    AgentTicketCreated = "agent-ticket-created" [];
    /// Fact: the eligibility verdict at intake.
    AgentTicketVerdict = "agent-ticket-verdict" [];
    /// The verdict when it was eligible.
    AgentTicketEligible = "agent-ticket-eligible" [];
    /// The verdict when it was refused.
    AgentTicketRefused = "agent-ticket-refused" ["code"];
    /// Fact: the ticket's version against the product's versions supported today.
    AgentTicketVersionWindow = "agent-ticket-version-window" [];
    /// The version is one of those supported today.
    AgentTicketVersionSupported = "agent-ticket-version-supported" ["version", "window"];
    /// The version is below those supported today.
    AgentTicketVersionTooOld = "agent-ticket-version-too-old" ["version", "window"];
    /// The version is in or above the window but is no release.
    AgentTicketVersionUnknown = "agent-ticket-version-unknown" ["version", "window"];
    /// Section: the customer's purchases.
    AgentTicketPurchases = "agent-ticket-purchases" [];
    /// One purchase.
    AgentTicketPurchaseLine = "agent-ticket-purchase-line" ["product", "order", "until", "status"];
    /// Support window open.
    AgentTicketSupportActive = "agent-ticket-support-active" [];
    /// Support window over.
    AgentTicketSupportExpired = "agent-ticket-support-expired" [];
    /// Section: linked tickets.
    AgentTicketLinked = "agent-ticket-linked" [];
    /// This ticket follows that one.
    AgentTicketFollows = "agent-ticket-follows" [];
    /// That ticket follows this one.
    AgentTicketFollowedBy = "agent-ticket-followed-by" [];
    /// Section: the conversation.
    AgentTicketThread = "agent-ticket-thread" [];
    /// Marks an internal note.
    AgentTicketInternal = "agent-ticket-internal" [];
    /// The attachments list label.
    AgentTicketAttachments = "agent-ticket-attachments" [];
    /// Author: the customer.
    AgentAuthorCustomer = "agent-author-customer" [];
    /// Author: the desk itself.
    AgentAuthorSystem = "agent-author-system" [];
    /// The reply form.
    AgentReplyTitle = "agent-reply-title" [];
    /// The reply box.
    AgentReplyText = "agent-reply-text" [];
    /// Send the reply.
    AgentReplySend = "agent-reply-send" [];
    /// Send and resolve.
    AgentReplySendResolve = "agent-reply-send-resolve" [];
    /// The canned-response picker.
    AgentCannedLabel = "agent-canned-label" [];
    /// No canned response.
    AgentCannedNone = "agent-canned-none" [];
    /// Put the canned response in the reply box.
    AgentCannedInsert = "agent-canned-insert" [];
    /// Send the canned response as it is.
    AgentCannedSendNow = "agent-canned-send-now" [];
    /// After inserting.
    AgentCannedInserted = "agent-canned-inserted" [];
    /// No canned response was chosen.
    AgentCannedChoose = "agent-canned-choose" [];
    /// A canned response that resolves.
    AgentCannedResolves = "agent-canned-resolves" ["title"];
    /// Section and page: the site credentials.
    AgentCredentialsTitle = "agent-credentials-title" [];
    /// Credentials are kept, encrypted.
    AgentCredentialsKept = "agent-credentials-kept" [];
    /// The reveal button.
    AgentCredentialsReveal = "agent-credentials-reveal" [];
    /// No credentials given.
    AgentCredentialsNone = "agent-credentials-none" [];
    /// Credentials were deleted.
    AgentCredentialsDeleted = "agent-credentials-deleted" [];
    /// On the reveal page.
    AgentCredentialsShownOnce = "agent-credentials-shown-once" [];
    /// Back to the ticket.
    AgentCredentialsBack = "agent-credentials-back" ["number"];
    /// The merge form.
    AgentMergeTitle = "agent-merge-title" [];
    /// The target number.
    AgentMergeInto = "agent-merge-into" [];
    /// The merge button.
    AgentMergeSubmit = "agent-merge-submit" [];
    /// Not a ticket number.
    AgentMergeBadNumber = "agent-merge-bad-number" [];
    /// After a merge.
    AgentMerged = "agent-merged" [];

    // The admin pages.
    /// The navigation link to the admin pages.
    AdminNav = "admin-nav" [];
    /// The agents page.
    AdminAgentsTitle = "admin-agents-title" [];
    /// Column.
    AdminAgentsColEmail = "admin-agents-col-email" [];
    /// Column.
    AdminAgentsColName = "admin-agents-col-name" [];
    /// Column.
    AdminAgentsColRole = "admin-agents-col-role" [];
    /// Column.
    AdminAgentsColStatus = "admin-agents-col-status" [];
    /// Column.
    AdminAgentsColActions = "admin-agents-col-actions" [];
    /// Role name.
    AdminRoleAdmin = "admin-role-admin" [];
    /// Role name.
    AdminRoleAgent = "admin-role-agent" [];
    /// Status.
    AdminActive = "admin-active" [];
    /// Status.
    AdminInactive = "admin-inactive" [];
    /// Button.
    AdminDeactivate = "admin-deactivate" [];
    /// Field: a new password.
    AdminNewPassword = "admin-new-password" [];
    /// Button.
    AdminResetPassword = "admin-reset-password" [];
    /// The add form.
    AdminAddTitle = "admin-add-title" [];
    /// Field.
    AdminAddName = "admin-add-name" [];
    /// Field.
    AdminAddEmail = "admin-add-email" [];
    /// Field.
    AdminAddPassword = "admin-add-password" [];
    /// Checkbox.
    AdminAddIsAdmin = "admin-add-is-admin" [];
    /// Button.
    AdminAddSubmit = "admin-add-submit" [];
    /// Notice.
    AdminAgentAdded = "admin-agent-added" [];
    /// Notice.
    AdminAgentDeactivated = "admin-agent-deactivated" [];
    /// Notice.
    AdminPasswordSet = "admin-password-set" [];
    /// Error.
    AdminAgentExists = "admin-agent-exists" [];
    /// Error.
    AdminPasswordTooShort = "admin-password-too-short" [];
    /// Error summary.
    AdminFixFields = "admin-fix-fields" [];
    /// An admin cannot deactivate themself.
    AdminNotYourself = "admin-not-yourself" [];
    /// The audit log page.
    AdminAuditTitle = "admin-audit-title" [];
    /// Column.
    AdminAuditColAt = "admin-audit-col-at" [];
    /// Column.
    AdminAuditColAgent = "admin-audit-col-agent" [];
    /// Column.
    AdminAuditColAction = "admin-audit-col-action" [];
    /// Column.
    AdminAuditColTicket = "admin-audit-col-ticket" [];
    /// Filter.
    AdminAuditFilterAction = "admin-audit-filter-action" [];
    /// Filter.
    AdminAuditFilterAgent = "admin-audit-filter-agent" [];
    /// No row.
    AdminAuditEmpty = "admin-audit-empty" [];
    /// The reveal action.
    AdminAuditRevealCredentials = "admin-audit-reveal-credentials" [];
    /// Link to the agents page.
    AdminNavAgents = "admin-nav-agents" [];
    /// The export action.
    AdminAuditPrivacyExport = "admin-audit-privacy-export" [];
    /// The privacy page.
    AdminPrivacyTitle = "admin-privacy-title" [];
    /// What the export holds.
    AdminPrivacyIntro = "admin-privacy-intro" [];
    /// Field.
    AdminPrivacyEmail = "admin-privacy-email" [];
    /// Button.
    AdminPrivacyExport = "admin-privacy-export" [];
    /// Link to the privacy page.
    AdminNavPrivacy = "admin-nav-privacy" [];
    /// The erase action.
    AdminAuditPrivacyErase = "admin-audit-privacy-erase" [];
    /// The erase form.
    AdminEraseTitle = "admin-erase-title" [];
    /// What erasure does.
    AdminEraseIntro = "admin-erase-intro" [];
    /// The confirmation box.
    AdminEraseConfirm = "admin-erase-confirm" [];
    /// Button.
    AdminEraseSubmit = "admin-erase-submit" [];
    /// The box was not ticked.
    AdminEraseConfirmMissing = "admin-erase-confirm-missing" [];
    /// After an erasure.
    AdminErased = "admin-erased" ["tickets", "messages", "purchases"];
    /// The note form.
    AgentNoteTitle = "agent-note-title" [];
    /// The note box.
    AgentNoteText = "agent-note-text" [];
    /// Add the note.
    AgentNoteAdd = "agent-note-add" [];
    /// The state actions.
    AgentActionsTitle = "agent-actions-title" [];
    /// Take this ticket.
    AgentActionAssignMe = "agent-action-assign-me" [];
    /// Give it back to the queue.
    AgentActionUnassign = "agent-action-unassign" [];
    /// Resolve.
    AgentActionResolve = "agent-action-resolve" [];
    /// Close.
    AgentActionClose = "agent-action-close" [];
    /// Reopen.
    AgentActionReopen = "agent-action-reopen" [];
    /// An action succeeded.
    AgentDone = "agent-done" [];
    /// A reply was queued.
    AgentReplySent = "agent-reply-sent" [];
    /// A note was added.
    AgentNoteAdded = "agent-note-added" [];
    /// An empty reply or note.
    AgentTextRequired = "agent-text-required" [];
    /// A transition the ticket's state forbids.
    AgentNotAllowed = "agent-not-allowed" [];

    // The intake form.
    /// The form page's title.
    FormTitle = "form-title" [];
    /// What the form is for, and who may use it.
    FormIntro = "form-intro" [];
    /// The queue rule, told before sending.
    FormOneMessage = "form-one-message" [];
    /// Which fields are required.
    FormRequiredNote = "form-required-note" [];
    /// Label of the email field.
    FormEmail = "form-email" [];
    /// Hint of the email field.
    FormEmailHint = "form-email-hint" [];
    /// Label of the name field.
    FormName = "form-name" [];
    /// Label of the product select.
    FormProduct = "form-product" [];
    /// The empty first option of the product select.
    FormProductChoose = "form-product-choose" [];
    /// Label of the installed version field.
    FormVersion = "form-version" [];
    /// Hint of the installed version field.
    FormVersionHint = "form-version-hint" [];
    /// Label of the order reference field.
    FormOrderRef = "form-order-ref" [];
    /// Label of the subject field.
    FormSubject = "form-subject" [];
    /// Label of the description field.
    FormDescription = "form-description" [];
    /// Hint of the description field.
    FormDescriptionHint = "form-description-hint" [];
    /// Label of the store URL field.
    FormStoreUrl = "form-store-url" [];
    /// Label of the admin URL field.
    FormAdminUrl = "form-admin-url" [];
    /// Hint of both URL fields.
    FormUrlHint = "form-url-hint" [];
    /// Label of the platform version field.
    FormPlatformVersion = "form-platform-version" [];
    /// Hint of the platform version field.
    FormPlatformVersionHint = "form-platform-version-hint" [];
    /// Label of the honeypot (read by robots only).
    FormHoneypot = "form-honeypot" [];
    /// The send button.
    FormSubmit = "form-submit" [];
    /// Heading of the error summary.
    FormErrorsTitle = "form-errors-title" [];
    /// The CSRF token was missing or wrong.
    FormCsrfFailed = "form-csrf-failed" [];
    /// The honeypot was filled: a vague message on purpose.
    FormRejected = "form-rejected" [];
    /// Heading of an eligibility refusal.
    FormRefusedTitle = "form-refused-title" [];
    /// A form body that is not a form.
    FormMalformed = "form-malformed" [];
    /// A form body over the size limit.
    FormTooLarge = "form-too-large" [];
    /// Legend of the optional credentials group.
    FormCredentialsLegend = "form-credentials-legend" [];
    /// Why credentials help, and that they are optional.
    FormCredentialsIntro = "form-credentials-intro" [];
    /// Label of the admin login field.
    FormAdminLogin = "form-admin-login" [];
    /// Label of the admin password field.
    FormAdminPassword = "form-admin-password" [];
    /// Label of the FTP host field.
    FormFtpHost = "form-ftp-host" [];
    /// Label of the FTP user field.
    FormFtpUser = "form-ftp-user" [];
    /// Label of the FTP password field.
    FormFtpPassword = "form-ftp-password" [];
    /// The consent box: what the team may do, encryption, deletion.
    FormCredentialsConsent = "form-credentials-consent" [];
    /// Credentials were given without ticking the consent box.
    FormCredentialsConsentMissing = "form-credentials-consent-missing" [];

    // The portal.
    /// Title of the portal page.
    PortalTitle = "portal-title" ["number"];
    /// Just after the form: the request is in.
    PortalReceived = "portal-received" ["number"];
    /// Label before the state.
    PortalStateLabel = "portal-state-label" [];
    /// `needs_info` in words.
    PortalStateNeedsInfo = "portal-state-needs-info" [];
    /// `queued` in words.
    PortalStateQueued = "portal-state-queued" [];
    /// `assigned` in words.
    PortalStateAssigned = "portal-state-assigned" [];
    /// `waiting_customer` in words.
    PortalStateWaitingCustomer = "portal-state-waiting-customer" [];
    /// `resolved` in words.
    PortalStateResolved = "portal-state-resolved" [];
    /// `closed` in words.
    PortalStateClosed = "portal-state-closed" [];
    /// The position in the queue.
    PortalPosition = "portal-position" ["position"];
    /// Label of the subject.
    PortalSubject = "portal-subject" [];
    /// Label of the private link.
    PortalLinkLabel = "portal-link-label" [];
    /// Why the link is worth keeping, and private.
    PortalLinkHint = "portal-link-hint" [];
    /// The queue rule, repeated on the portal.
    PortalOneMessage = "portal-one-message" [];
    /// Heading of the thread.
    PortalThread = "portal-thread" [];
    /// Label of the file field (intake form and portal reply).
    FormAttachments = "form-attachments" [];
    /// Hint of the file field: how many, how large, which kinds.
    FormAttachmentsHint = "form-attachments-hint" ["count", "size", "types"];
    /// A file is over the size limit.
    AttachmentTooLarge = "attachment-too-large" ["size"];
    /// More files than allowed.
    AttachmentTooMany = "attachment-too-many" ["count"];
    /// A file of a refused type, or whose content does not match its name.
    AttachmentType = "attachment-type" ["types"];
    /// Files are never kept when a form comes back: they must be chosen again.
    AttachmentsChooseAgain = "attachments-choose-again" [];
    /// Label of a message's list of attachments.
    PortalAttachments = "portal-attachments" [];
    /// The customer as an author.
    PortalAuthorCustomer = "portal-author-customer" [];
    /// An agent as an author (never named).
    PortalAuthorAgent = "portal-author-agent" [];
    /// guichet itself as an author.
    PortalAuthorSystem = "portal-author-system" [];
    /// Heading of the credentials section.
    PortalCredentialsTitle = "portal-credentials-title" [];
    /// Credentials were given and are still kept, encrypted.
    PortalCredentialsKept = "portal-credentials-kept" [];
    /// Credentials were given and have been deleted.
    PortalCredentialsDeleted = "portal-credentials-deleted" [];
    /// The "delete my credentials now" button.
    PortalCredentialsDelete = "portal-credentials-delete" [];
    /// After the button: they are gone.
    PortalCredentialsDeletedNotice = "portal-credentials-deleted-notice" [];
    /// Heading of the portal's notices after an action.
    PortalNoticeLabel = "portal-notice-label" [];
    /// Heading of the reply form.
    PortalReplyTitle = "portal-reply-title" [];
    /// The queue rule, told before replying.
    PortalReplyWarning = "portal-reply-warning" [];
    /// Label of the reply text.
    PortalReplyMessage = "portal-reply-message" [];
    /// Label of the confirmation box.
    PortalReplyConfirm = "portal-reply-confirm" [];
    /// The confirmation box was not ticked.
    PortalReplyConfirmMissing = "portal-reply-confirm-missing" [];
    /// The reply button.
    PortalReplySubmit = "portal-reply-submit" [];
    /// After a reply, with the new place in the queue.
    PortalReplySent = "portal-reply-sent" ["position"];
    /// After a reply, for a ticket outside the queue.
    PortalReplySentNoQueue = "portal-reply-sent-no-queue" [];
    /// Heading of the solved button's section.
    PortalSolvedTitle = "portal-solved-title" [];
    /// What the solved button does.
    PortalSolvedHint = "portal-solved-hint" [];
    /// The solved button.
    PortalSolvedButton = "portal-solved-button" [];
    /// After the solved button.
    PortalSolvedDone = "portal-solved-done" [];
    /// The solved button on a ticket it does not change.
    PortalSolvedUnchanged = "portal-solved-unchanged" ["state"];
    /// Heading when too many forms were sent.
    RateLimitedTitle = "rate-limited-title" [];
    /// Too many forms from one address or for one email address.
    RateLimited = "rate-limited" ["minutes"];

    // The privacy page.
    /// Title of the privacy page.
    PrivacyTitle = "privacy-title" [];
    /// What the page is.
    PrivacyIntro = "privacy-intro" [];
    /// Purchases kept.
    PrivacyPurchases = "privacy-purchases" [];
    /// Tickets kept.
    PrivacyTickets = "privacy-tickets" [];
    /// Messages kept.
    PrivacyMessages = "privacy-messages" [];
    /// Portal links kept.
    PrivacyPortal = "privacy-portal" [];
    /// Mail kept.
    PrivacyMail = "privacy-mail" [];
    /// Cookies set.
    PrivacyCookies = "privacy-cookies" [];
    /// Site credentials: encrypted, and when they are deleted.
    PrivacyCredentials = "privacy-credentials" [];
    /// Attachments: where they are kept, who may download them.
    PrivacyAttachments = "privacy-attachments" [];
    /// What logs hold.
    PrivacyLogs = "privacy-logs" [];
    /// What is never kept.
    PrivacyNotKept = "privacy-not-kept" [];

    // desk: agent actions
    /// Subject of an agent's reply mail; "Re:" is left untranslated, as mail clients write it.
    MailAgentReplySubject = "mail-agent-reply-subject" ["number", "subject"];
    /// The footer under an agent's reply text: how to answer.
    MailAgentReplyFooter = "mail-agent-reply-footer" ["portal_url"];
    /// 409: the action is not allowed in the ticket's state.
    ApiInvalidTransition = "api-invalid-transition" ["action", "state"];
    /// 409: another agent took the ticket first.
    ApiAlreadyAssigned = "api-already-assigned" [];
    /// 422: no active agent with that address.
    FieldUnknownAgent = "field-unknown-agent" [];
    /// 422: the agent behind the token cannot act (deactivated since).
    ApiAgentInactive = "api-agent-inactive" [];
    /// 422: a merge of two customers' tickets.
    ApiNotSameCustomer = "api-not-same-customer" [];
    /// 422: a ticket merged into itself.
    ApiMergeIntoItself = "api-merge-into-itself" [];
    /// Subject of the mail telling the customer two requests became one.
    MailMergedSubject = "mail-merged-subject" ["number", "subject"];
    /// Body of that mail.
    MailMergedBody = "mail-merged-body" ["name", "duplicate", "number", "subject", "portal_url"];
    /// The system message left on a merged duplicate.
    MergedInto = "merged-into" ["number"];

    // search
    /// Title of the dashboard's search page.
    AgentSearchTitle = "agent-search-title" [];
    /// Label of the search box: what can be searched.
    AgentSearchLabel = "agent-search-label" [];
    /// The search button.
    AgentSearchSubmit = "agent-search-submit" [];
    /// How many tickets were found.
    AgentSearchCount = "agent-search-count" ["count"];
    /// Nothing found for the text typed.
    AgentSearchNone = "agent-search-none" ["query"];
    /// Result column: the ticket's number.
    AgentSearchColTicket = "agent-search-col-ticket" [];
    /// Result column: the state.
    AgentSearchColState = "agent-search-col-state" [];
    /// Result column: the customer.
    AgentSearchColCustomer = "agent-search-col-customer" [];
    /// Result column: the subject.
    AgentSearchColSubject = "agent-search-col-subject" [];
    /// Result column: an extract of the thread.
    AgentSearchColExtract = "agent-search-col-extract" [];

    // admin: products, releases, purchases, import
    /// Link to the products page.
    AdminNavProducts = "admin-nav-products" [];
    /// Link to the purchases page.
    AdminNavPurchases = "admin-nav-purchases" [];
    /// Link to the CSV import.
    AdminNavImport = "admin-nav-import" [];
    /// The products page.
    AdminProductsTitle = "admin-products-title" [];
    /// Column, and the slug field's term.
    AdminProductsColSlug = "admin-products-col-slug" [];
    /// Column.
    AdminProductsColName = "admin-products-col-name" [];
    /// Column.
    AdminProductsColTerms = "admin-products-col-terms" [];
    /// Column.
    AdminProductsColSupported = "admin-products-col-supported" [];
    /// A product's terms in one line.
    AdminProductsTerms = "admin-products-terms" ["days", "months", "back"];
    /// The version window now, newest first.
    AdminProductsSupported = "admin-products-supported" ["versions"];
    /// A product without releases has no version check.
    AdminProductsAnyVersion = "admin-products-any-version" [];
    /// No product yet.
    AdminProductsEmpty = "admin-products-empty" [];
    /// The add form.
    AdminProductsAddTitle = "admin-products-add-title" [];
    /// Field.
    AdminProductsSlug = "admin-products-slug" [];
    /// What a slug may hold; also its error.
    AdminProductsSlugHint = "admin-products-slug-hint" [];
    /// Field.
    AdminProductsName = "admin-products-name" [];
    /// Field.
    AdminProductsFreeDays = "admin-products-free-days" [];
    /// Field.
    AdminProductsMaxMonths = "admin-products-max-months" [];
    /// Hint.
    AdminProductsMaxMonthsHint = "admin-products-max-months-hint" [];
    /// Field.
    AdminProductsReleasesBack = "admin-products-releases-back" [];
    /// Hint.
    AdminProductsReleasesBackHint = "admin-products-releases-back-hint" [];
    /// Button.
    AdminProductsAddSubmit = "admin-products-add-submit" [];
    /// Notice.
    AdminProductAdded = "admin-product-added" [];
    /// Error.
    AdminProductExists = "admin-product-exists" [];
    /// One product's page.
    AdminProductTitle = "admin-product-title" ["name"];
    /// The releases table.
    AdminReleasesTitle = "admin-releases-title" [];
    /// Column.
    AdminReleasesColVersion = "admin-releases-col-version" [];
    /// Column.
    AdminReleasesColDate = "admin-releases-col-date" [];
    /// Column.
    AdminReleasesColStatus = "admin-releases-col-status" [];
    /// Status.
    AdminReleaseSupported = "admin-release-supported" [];
    /// Status.
    AdminReleaseNotSupported = "admin-release-not-supported" [];
    /// No release.
    AdminReleasesEmpty = "admin-releases-empty" [];
    /// The add form.
    AdminReleaseAddTitle = "admin-release-add-title" [];
    /// Field.
    AdminReleaseVersion = "admin-release-version" [];
    /// Hint.
    AdminReleaseVersionHint = "admin-release-version-hint" [];
    /// Field.
    AdminReleaseDate = "admin-release-date" [];
    /// Hint for a date field.
    AdminReleaseDateHint = "admin-release-date-hint" [];
    /// Button.
    AdminReleaseAddSubmit = "admin-release-add-submit" [];
    /// Notice.
    AdminReleaseAdded = "admin-release-added" [];
    /// Error: an equal version is a release already.
    AdminReleaseExists = "admin-release-exists" ["version"];
    /// The purchases page.
    AdminPurchasesTitle = "admin-purchases-title" [];
    /// Search field.
    AdminPurchasesSearch = "admin-purchases-search" [];
    /// Hint.
    AdminPurchasesSearchHint = "admin-purchases-search-hint" [];
    /// Results heading.
    AdminPurchasesFound = "admin-purchases-found" ["query"];
    /// Nothing found.
    AdminPurchasesNone = "admin-purchases-none" [];
    /// Column and field.
    AdminPurchasesColOrder = "admin-purchases-col-order" [];
    /// Column and field.
    AdminPurchasesColProduct = "admin-purchases-col-product" [];
    /// Column and field.
    AdminPurchasesColEmail = "admin-purchases-col-email" [];
    /// Column and field.
    AdminPurchasesColTier = "admin-purchases-col-tier" [];
    /// Column and field.
    AdminPurchasesColBought = "admin-purchases-col-bought" [];
    /// Column.
    AdminPurchasesColUntil = "admin-purchases-col-until" [];
    /// Column.
    AdminPurchasesColExtensions = "admin-purchases-col-extensions" [];
    /// The extension form.
    AdminExtendTitle = "admin-extend-title" [];
    /// What an extension does.
    AdminExtendIntro = "admin-extend-intro" [];
    /// Hint.
    AdminExtendProductHint = "admin-extend-product-hint" [];
    /// Field.
    AdminExtendMonths = "admin-extend-months" [];
    /// Field.
    AdminExtendDate = "admin-extend-date" [];
    /// Hint.
    AdminExtendDateHint = "admin-extend-date-hint" [];
    /// Field.
    AdminExtendRef = "admin-extend-ref" [];
    /// Hint.
    AdminExtendRefHint = "admin-extend-ref-hint" [];
    /// Button.
    AdminExtendSubmit = "admin-extend-submit" [];
    /// Notice: the new end.
    AdminExtended = "admin-extended" ["before", "until"];
    /// Notice: the cap stopped the extension.
    AdminExtendReachedCap = "admin-extend-reached-cap" ["before", "months", "until"];
    /// Notice: the cap left the end where it was.
    AdminExtendCapped = "admin-extend-capped" ["months", "cap", "until"];
    /// Notice: the same reference again.
    AdminExtendAlreadyRecorded = "admin-extend-already-recorded" ["reference", "until"];
    /// Error.
    AdminExtendUnknownOrder = "admin-extend-unknown-order" [];
    /// Error: the product is not in the order.
    AdminExtendOrderHas = "admin-extend-order-has" ["products"];
    /// Error.
    AdminExtendRefConflict = "admin-extend-ref-conflict" [];
    /// The add form.
    AdminPurchaseAddTitle = "admin-purchase-add-title" [];
    /// Select placeholder.
    AdminPurchaseChooseProduct = "admin-purchase-choose-product" [];
    /// Button.
    AdminPurchaseAddSubmit = "admin-purchase-add-submit" [];
    /// Error.
    AdminPurchaseUnknownProduct = "admin-purchase-unknown-product" [];
    /// Notice.
    AdminPurchaseCreated = "admin-purchase-created" [];
    /// Notice.
    AdminPurchaseUpdated = "admin-purchase-updated" [];
    /// Notice.
    AdminPurchaseUnchanged = "admin-purchase-unchanged" [];
    /// The import page.
    AdminImportTitle = "admin-import-title" [];
    /// What the file holds.
    AdminImportIntro = "admin-import-intro" ["size"];
    /// Field.
    AdminImportFile = "admin-import-file" [];
    /// Field.
    AdminImportPaste = "admin-import-paste" [];
    /// Button.
    AdminImportSubmit = "admin-import-submit" [];
    /// Notice.
    AdminImportDone = "admin-import-done" [];
    /// The counts of an import.
    AdminImportReport = "admin-import-report" ["rows", "created", "updated", "unchanged", "rejected"];
    /// The rejected lines' table.
    AdminImportProblems = "admin-import-problems" [];
    /// Column.
    AdminImportColLine = "admin-import-col-line" [];
    /// Column.
    AdminImportColProblem = "admin-import-col-problem" [];
    /// Error.
    AdminImportEmpty = "admin-import-empty" [];
    /// Error.
    AdminImportTooLarge = "admin-import-too-large" ["size"];
    /// Error.
    AdminImportNotUtf8 = "admin-import-not-utf8" ["line"];
    /// Error: the header row is wrong.
    AdminImportBadHeader = "admin-import-bad-header" ["problem"];

    // admin: API tokens, canned responses, settings, one navigation
    /// The name of the admin pages’ navigation.
    AdminNavLabel = "admin-nav-label" [];
    /// Link to the API tokens page.
    AdminNavTokens = "admin-nav-tokens" [];
    /// Link to the canned responses page.
    AdminNavCanned = "admin-nav-canned" [];
    /// Link to the settings page.
    AdminNavSettings = "admin-nav-settings" [];
    /// Column: what the row records besides its action.
    AdminAuditColDetail = "admin-audit-col-detail" [];
    /// Audit action.
    AdminAuditTokenCreated = "admin-audit-token-created" [];
    /// Audit action.
    AdminAuditTokenRevoked = "admin-audit-token-revoked" [];
    /// Audit action.
    AdminAuditCannedAdded = "admin-audit-canned-added" [];
    /// Audit action.
    AdminAuditCannedEdited = "admin-audit-canned-edited" [];
    /// Audit action.
    AdminAuditCannedDeleted = "admin-audit-canned-deleted" [];
    /// Audit action.
    AdminAuditSettingSaved = "admin-audit-setting-saved" [];
    /// Audit action.
    AdminAuditSettingCleared = "admin-audit-setting-cleared" [];
    /// The API tokens page.
    AdminTokensTitle = "admin-tokens-title" [];
    /// What the page is for.
    AdminTokensIntro = "admin-tokens-intro" [];
    /// Column.
    AdminTokensColName = "admin-tokens-col-name" [];
    /// Column.
    AdminTokensColScope = "admin-tokens-col-scope" [];
    /// Column.
    AdminTokensColAgent = "admin-tokens-col-agent" [];
    /// Column.
    AdminTokensColCreated = "admin-tokens-col-created" [];
    /// Column.
    AdminTokensColActions = "admin-tokens-col-actions" [];
    /// No token yet.
    AdminTokensEmpty = "admin-tokens-empty" [];
    /// The revoke button of one token (its name for screen readers).
    AdminTokensRevoke = "admin-tokens-revoke" [];
    /// The revoke button’s accessible name.
    AdminTokensRevokeLabel = "admin-tokens-revoke-label" ["name"];
    /// An agent token whose agent is deactivated.
    AdminTokensAgentInactive = "admin-tokens-agent-inactive" ["email"];
    /// Heading of the create form.
    AdminTokensAddTitle = "admin-tokens-add-title" [];
    /// Field.
    AdminTokensName = "admin-tokens-name" [];
    /// Hint.
    AdminTokensNameHint = "admin-tokens-name-hint" [];
    /// Field.
    AdminTokensScope = "admin-tokens-scope" [];
    /// The empty choice of the scope list.
    AdminTokensScopePick = "admin-tokens-scope-pick" [];
    /// A scope.
    AdminTokensScopeIntake = "admin-tokens-scope-intake" [];
    /// A scope.
    AdminTokensScopePurchases = "admin-tokens-scope-purchases" [];
    /// A scope.
    AdminTokensScopeAgent = "admin-tokens-scope-agent" [];
    /// Field.
    AdminTokensAgent = "admin-tokens-agent" [];
    /// Hint.
    AdminTokensAgentHint = "admin-tokens-agent-hint" [];
    /// The empty choice of the agent list.
    AdminTokensAgentNone = "admin-tokens-agent-none" [];
    /// The create button.
    AdminTokensAddSubmit = "admin-tokens-add-submit" [];
    /// Error.
    AdminTokensScopeRequired = "admin-tokens-scope-required" [];
    /// Error.
    AdminTokensAgentRequired = "admin-tokens-agent-required" [];
    /// Error.
    AdminTokensAgentNotAllowed = "admin-tokens-agent-not-allowed" [];
    /// Heading of the new token.
    AdminTokenCreatedTitle = "admin-token-created-title" [];
    /// The answer of a created token.
    AdminTokenCreated = "admin-token-created" ["name"];
    /// The label of the new token.
    AdminTokenValue = "admin-token-value" [];
    /// Notice.
    AdminTokenRevoked = "admin-token-revoked" [];
    /// Error.
    AdminTokenUnknown = "admin-token-unknown" [];
    /// The canned responses page.
    AdminCannedTitle = "admin-canned-title" [];
    /// What the page is for.
    AdminCannedIntro = "admin-canned-intro" [];
    /// A language.
    AdminCannedLangEn = "admin-canned-lang-en" [];
    /// A language.
    AdminCannedLangFr = "admin-canned-lang-fr" [];
    /// Column.
    AdminCannedColTitle = "admin-canned-col-title" [];
    /// Column.
    AdminCannedColResolves = "admin-canned-col-resolves" [];
    /// Resolves: yes.
    AdminCannedYes = "admin-canned-yes" [];
    /// Resolves: no.
    AdminCannedNo = "admin-canned-no" [];
    /// No response in this language.
    AdminCannedEmptyLang = "admin-canned-empty-lang" [];
    /// Heading of the add form.
    AdminCannedAddTitle = "admin-canned-add-title" [];
    /// The edit page.
    AdminCannedEditTitle = "admin-canned-edit-title" [];
    /// Field.
    AdminCannedLang = "admin-canned-lang" [];
    /// The empty choice of the language list.
    AdminCannedLangPick = "admin-canned-lang-pick" [];
    /// Field.
    AdminCannedTitleField = "admin-canned-title-field" [];
    /// Hint.
    AdminCannedTitleHint = "admin-canned-title-hint" [];
    /// Field.
    AdminCannedBody = "admin-canned-body" [];
    /// Field.
    AdminCannedResolves = "admin-canned-resolves" [];
    /// Button.
    AdminCannedAddSubmit = "admin-canned-add-submit" [];
    /// Button.
    AdminCannedSaveSubmit = "admin-canned-save-submit" [];
    /// Heading of the delete form.
    AdminCannedDeleteTitle = "admin-canned-delete-title" [];
    /// What deleting does.
    AdminCannedDeleteIntro = "admin-canned-delete-intro" [];
    /// Button.
    AdminCannedDelete = "admin-canned-delete" [];
    /// Notice.
    AdminCannedAdded = "admin-canned-added" [];
    /// Notice.
    AdminCannedSaved = "admin-canned-saved" [];
    /// Notice.
    AdminCannedDeleted = "admin-canned-deleted" [];
    /// Error.
    AdminCannedLangUnknown = "admin-canned-lang-unknown" [];
    /// Error.
    AdminCannedTitleTaken = "admin-canned-title-taken" [];
    /// The settings page.
    AdminSettingsTitle = "admin-settings-title" [];
    /// How the layers rank.
    AdminSettingsIntro = "admin-settings-intro" [];
    /// When saved values apply.
    AdminSettingsRestart = "admin-settings-restart" [];
    /// Column.
    AdminSettingsColSetting = "admin-settings-col-setting" [];
    /// Column.
    AdminSettingsColInForce = "admin-settings-col-in-force" [];
    /// Column.
    AdminSettingsColFrom = "admin-settings-col-from" [];
    /// Column.
    AdminSettingsColSaved = "admin-settings-col-saved" [];
    /// A layer.
    AdminSettingsFromFlag = "admin-settings-from-flag" [];
    /// A layer.
    AdminSettingsFromEnv = "admin-settings-from-env" ["variable"];
    /// A layer.
    AdminSettingsFromFile = "admin-settings-from-file" ["path"];
    /// A layer.
    AdminSettingsFromSaved = "admin-settings-from-saved" [];
    /// A layer.
    AdminSettingsFromDefault = "admin-settings-from-default" [];
    /// A saved value a higher layer overrides.
    AdminSettingsOverridden = "admin-settings-overridden" ["value", "source"];
    /// A saved value not in force yet.
    AdminSettingsPending = "admin-settings-pending" ["value"];
    /// A saved value removed, still in force until restart.
    AdminSettingsRemovedPending = "admin-settings-removed-pending" [];
    /// Hint of every saved-value field.
    AdminSettingsSavedHint = "admin-settings-saved-hint" [];
    /// The empty choice of a yes/no setting.
    AdminSettingsNotSaved = "admin-settings-not-saved" [];
    /// A yes/no value.
    AdminSettingsOn = "admin-settings-on" [];
    /// A yes/no value.
    AdminSettingsOff = "admin-settings-off" [];
    /// Button.
    AdminSettingsSubmit = "admin-settings-submit" [];
    /// Notice.
    AdminSettingsSaved = "admin-settings-saved" [];
    /// Notice.
    AdminSettingsUnchanged = "admin-settings-unchanged" [];
    /// The lead of a refused value’s message (the parser’s words follow).
    AdminSettingsBad = "admin-settings-bad" ["key"];
    /// A setting.
    AdminSettingTimeZone = "admin-setting-time-zone" [];
    /// A setting.
    AdminSettingBusinessDays = "admin-setting-business-days" [];
    /// A setting.
    AdminSettingBusinessHours = "admin-setting-business-hours" [];
    /// A setting.
    AdminSettingResponseTarget = "admin-setting-response-target" [];
    /// A setting.
    AdminSettingAutoresolveDays = "admin-setting-autoresolve-days" [];
    /// A setting.
    AdminSettingReopenDays = "admin-setting-reopen-days" [];
    /// A setting.
    AdminSettingRequeueOnReply = "admin-setting-requeue-on-reply" [];
    /// A setting.
    AdminSettingAttachmentMaxCount = "admin-setting-attachment-max-count" [];
    /// A setting.
    AdminSettingAttachmentMaxBytes = "admin-setting-attachment-max-bytes" [];
    /// A setting.
    AdminSettingAttachmentTypes = "admin-setting-attachment-types" [];
}

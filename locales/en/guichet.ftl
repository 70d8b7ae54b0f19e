# guichet — English catalogue.
# Every message here must exist in locales/fr/guichet.ftl with the same variables.

## Two-factor sign-in and sessions.

agent-nav-account = Your account
agent-account-title = Your account
agent-two-factor-title = Two-factor sign-in
agent-two-factor-is-off = Two-factor sign-in is off: your password alone signs you in.
agent-two-factor-is-on = Two-factor sign-in is on: after your password, the desk asks for a code from your authenticator app.
agent-two-factor-start = Set up two-factor sign-in
agent-two-factor-scan = Scan this QR code with your authenticator app (FreeOTP, Aegis, Google Authenticator, 1Password…).
agent-two-factor-qr-alt = QR code that adds this desk to your authenticator app
agent-two-factor-manual = Or type this key into the app by hand:
agent-two-factor-confirm-intro = Then type the code the app shows: two-factor sign-in starts only once a code is right.
agent-two-factor-confirm = Turn on two-factor sign-in
agent-two-factor-off-intro = To turn it off, type a current code from your app.
agent-two-factor-turn-off = Turn off two-factor sign-in
agent-two-factor-enabled = Two-factor sign-in is on. Your other sessions were signed out.
agent-two-factor-disabled = Two-factor sign-in is off.
agent-code-label = 6-digit code
agent-code-hint = From your authenticator app; a new one every 30 seconds.
agent-code-wrong = That code is not right, or was used already. Wait for the next one and try again.
agent-code-malformed = Type the 6 digits the app shows.
agent-sessions-title = Sessions
agent-sessions-intro = Signs you out on every browser and device where you are signed in, this one included.
agent-sessions-end = Sign out everywhere
agent-signed-out-everywhere = You were signed out everywhere.
agent-signin-code-title = Enter your code
agent-signin-code-intro = Your password is right. Open your authenticator app and type the code it shows for this desk.
agent-signin-code-restart = Start again with your password
agent-signin-code-expired = The sign-in took too long: type your password again.
admin-agents-col-two-factor = Two-factor
admin-two-factor-on = On
admin-two-factor-off = Off
admin-reset-two-factor = Reset two-factor
admin-end-sessions = End sessions
admin-two-factor-was-reset = Two-factor sign-in was turned off for that agent and their sessions were ended; they can set it up again from their account page.
admin-sessions-were-ended = Every session of that agent was ended.
admin-audit-two-factor-on = Turned two-factor sign-in on
admin-audit-two-factor-off = Turned two-factor sign-in off
admin-audit-two-factor-reset = Reset an agent’s two-factor sign-in
admin-audit-sessions-ended = Ended every session of an agent

## statistics

agent-stats-title = Statistics
agent-stats-period-label = Period
agent-stats-period = Last { $days } days
agent-stats-show = Show
agent-stats-range = From { $first } to { $last }, in the desk’s time zone.
agent-stats-csv = Download these figures (CSV)
agent-stats-no-data = No data for this period.
agent-stats-queue-title = Queue length at each day’s end
agent-stats-queue-desc = Tickets waiting for a first response at the end of each day (now, for today), per lane: one line per lane.
agent-stats-daily-title = Tickets created and answered per day
agent-stats-daily-desc = Two bars per day: tickets created (dark, left) and tickets given their first answer (light, right).
agent-stats-col-day = Day
agent-stats-col-created = Created
agent-stats-col-answered = First answered
agent-stats-response-title = First-response time
agent-stats-response-desc = Business time from a ticket’s creation to its first agent reply, for first replies in the period.
agent-stats-col-figure = Figure
agent-stats-col-value = Value
agent-stats-answered = First responses
agent-stats-median = Median
agent-stats-p90 = 90th percentile
agent-stats-within = Answered within the target ({ $hours } business hours)
agent-stats-percent = { $percent }% ({ $within } of { $answered })
agent-stats-share-chart = Share answered within the target: { $percent }%
agent-stats-refusals-title = Eligibility refusals by code
agent-stats-refusals-desc = Mail senders refused without a ticket, and incomplete requests closed by a refusal once completed.
agent-stats-col-code = Code
agent-stats-col-count = Refusals

## Eligibility refusals: say why, then what to do.

refusal-no-purchase = We could not find a purchase made with this email address. Please write to us from the address you used at checkout. Purchases made on other stores or marketplaces are not covered by our support.
refusal-product-not-purchased = This email address has no purchase of this product. Please check the product you selected, and write to us from the address you used when you bought it.
refusal-support-expired = Your support period for this product ended on { $until }. To get help again, please buy a support extension for this product from our store, then send your request again.
refusal-version-too-old = The version you are using is no longer supported. Please update to the latest version, { $latest }, and write to us again if the problem remains.
refusal-unknown-version = We do not recognise this version. The supported versions are: { $supported }. Please check the version number shown in your administration panel.

## Input errors.

invalid-version = This is not a valid version number. Please write it as numbers separated by dots, for example 3.7.28.
invalid-fields = Some fields are missing or invalid. Please correct them and send the form again.

## Generic errors.

error-internal = Something went wrong on our side. Please try again in a few minutes.


## Error pages.

error-page-not-found-title = Page not found
error-page-not-found = This page does not exist, or its link is no longer valid.
error-page-title = The request could not be handled
error-page-busy = The desk is very busy right now. Please try again in a moment.
error-page-back = Back to the support form

## Queue.

wait-hours =
    { $hours ->
        [one] Estimated wait: about { $hours } business hour.
       *[other] Estimated wait: about { $hours } business hours.
    }
wait-unknown = Estimated wait: we do not have enough data yet to estimate it.

## Acknowledgment mail.

mail-ack-subject = [#{ $number }] Request received: { $subject }
mail-ack-body =
    Hello { $name },

    We have received your request “{ $subject }”. Its number is #{ $number }.

    You can follow it and add details on this page:
    { $portal_url }

    Requests are answered in the order they arrive. Each new message you send moves your request to the end of the queue, so please put everything in one message: what you did, what happened, the exact error messages, and screenshots or logs.

    To add something, reply to this email or use the page above.

    The support team

portal-complete-title = Which product and version?
portal-complete-hint = We could not tell from your mail which product and version your request is about. Tell us here: your request joins the queue as soon as the checks pass.
portal-complete-submit = Send product and version
portal-complete-done = Thank you: your request is now in the queue.
field-not-your-product = choose one of the products you bought
mail-needs-info-subject = [#{ $number }] Which product and version? { $subject }
mail-needs-info-body =
    Hello { $name },

    We have received your request “{ $subject }” (#{ $number }), but we could not tell which product and which version it is about.

    Please tell us on this page; your request joins the queue as soon as you do:
    { $portal_url }

    You will find the version number in your store's administration panel, on the page that lists your add-ons.
mail-no-subject = (no subject)
mail-refusal-subject = We cannot open a request: { $subject }
mail-refusal-body =
    Hello,

    We received your message “{ $subject }”, but we cannot open a support request for it.

    { $reason }

    This is an automatic answer: you will not receive another one for a while.
mail-autoresolve-subject = [#{ $number }] Request resolved: { $subject }
mail-autoresolve-body =
    Hello { $name },

    We answered your request “{ $subject }” (#{ $number }) and have not heard back from you for { $days } days, so we have marked it as resolved.

    If the problem is not solved, simply reply to this email within { $reopen_days } days and the request will be reopened. After that, a reply opens a new request.

    The support team

## JSON API errors: the "message" of an error body. Short, lower case, like the codes beside them.

api-unauthorized = a valid bearer token is required
api-forbidden = this token's scope does not allow this request
api-ticket-not-found = no such ticket
api-no-such-route = no such API route
api-method-not-allowed = this route accepts { $allow } only
api-malformed-json = the body is not valid JSON: { $detail }
api-payload-too-large =
    { $limit ->
        [one] the body is larger than { $limit } byte
       *[other] the body is larger than { $limit } bytes
    }
api-invalid-fields = some fields are missing or invalid
api-unknown-product = no product with the slug "{ $slug }"
api-unknown-purchase = no purchase with the order reference "{ $order }"
api-extension-conflict = extension "{ $extension }" was already recorded with other content
api-busy = the server is busy; try again in a moment
api-internal = internal error; it has been logged

## What is wrong with one field (the values of "fields").

field-required = required
field-too-long = at most { $max } characters
field-length-range = { $min } to { $max } characters
field-months-range = { $min } to { $max } months
field-whole-number-range = a whole number from { $min } to { $max }
field-blank = must not be empty
field-not-email = not a valid email address
field-not-http-url = must be an absolute http(s) URL
field-not-lang = must be fr or en
field-one-line = must be on one line
field-control-character = contains a control character
field-not-version = not a dotted version number
field-not-ticket-number = a ticket number
field-not-in-queue = not a ticket in the queue
field-not-date = use YYYY-MM-DD or an RFC 3339 date-time such as 2025-03-14T10:30:00+01:00
field-not-tier = standard or priority
field-product-ambiguous = required: this order has several products

## Page layout.

layout-desk-name = Support desk
layout-language = Language
layout-skip = Skip to the content
layout-privacy = What we store about you

## The agents' dashboard.

agent-signin-title = Agent sign-in
agent-signin-email = Email address
agent-signin-password = Password
agent-signin-submit = Sign in
agent-signin-failed = This email and password do not match an active agent.
agent-signin-limited = Too many sign-in attempts. Try again in { $minutes } min.
agent-signin-required = Please sign in to continue.
agent-signout = Sign out
agent-signed-in-as = Signed in as { $name }
agent-nav-queue = Queue
agent-nav-label = Dashboard
agent-forbidden = This page is for administrators.
agent-queue-title = Queue
agent-queue-take-next = Take next
agent-queue-nothing-to-take = No unassigned ticket is waiting.
agent-queue-empty = No ticket in the queue matches.
agent-queue-summary = { $priority } priority, { $standard } standard
agent-queue-col-position = Position
agent-queue-col-number = Ticket
agent-queue-col-subject = Subject
agent-queue-col-product = Product
agent-queue-col-customer = Customer
agent-queue-col-age = Waiting for
agent-queue-col-target = Response target
agent-queue-col-assignee = Assignee
agent-queue-left = { $time } left
agent-queue-overdue = overdue by { $time }
agent-queue-filters = Filters
agent-queue-filter-lane = Lane
agent-queue-filter-state = State
agent-queue-filter-product = Product
agent-queue-filter-any = Any
agent-queue-filter-mine = Only mine
agent-queue-filter-apply = Apply
agent-queue-next-page = Next page
agent-queue-first-page = Back to the head of the queue
agent-lane-priority = Priority
agent-lane-standard = Standard
agent-state-queued = Queued
agent-state-assigned = Assigned
agent-unassigned = nobody
agent-duration-hm = { $hours } h { $minutes } min
agent-duration-days = { $days } d { $hours } h
agent-ticket-state = State
agent-ticket-lane = Lane
agent-ticket-position = Position in the queue
agent-ticket-customer = Customer
agent-ticket-product = Product and version
agent-ticket-order = Order
agent-ticket-site = Site
agent-ticket-platform = Platform version
agent-ticket-language = Language of the mails
agent-ticket-channel = Arrived by
agent-ticket-assignee = Assignee
agent-ticket-created = Created
agent-ticket-verdict = Eligibility at intake
agent-ticket-eligible = eligible
agent-ticket-refused = refused: { $code }
agent-ticket-version-window = Version window today
agent-ticket-version-supported = { $version } is supported ({ $window })
agent-ticket-version-too-old = { $version } is older than the supported versions ({ $window })
agent-ticket-version-unknown = { $version } is not a supported release ({ $window })
agent-ticket-purchases = The customer’s purchases
agent-ticket-purchase-line = { $product }, order { $order }: support until { $until } ({ $status })
agent-ticket-support-active = in support
agent-ticket-support-expired = expired
agent-ticket-linked = Linked tickets
agent-ticket-follows = this ticket follows it
agent-ticket-followed-by = follows this ticket
agent-ticket-thread = Conversation
agent-ticket-internal = internal note, not shown to the customer
agent-ticket-attachments = Attachments
agent-author-customer = Customer
agent-author-system = Desk
agent-reply-title = Reply to the customer
agent-reply-text = Your reply (sent by mail in the ticket’s language)
agent-reply-send = Send
agent-reply-send-resolve = Send and resolve
agent-canned-label = Canned response, in the language of the ticket
agent-canned-none = None
agent-canned-insert = Insert into the reply
agent-canned-send-now = Send it as it is
agent-canned-inserted = The answer is in the reply box: review it, then send.
agent-canned-choose = Choose a canned response first.
agent-canned-resolves = { $title } (resolves the ticket)
agent-credentials-title = Site credentials
agent-credentials-kept = The customer gave site credentials. They are kept encrypted and deleted when the ticket is resolved or closed. Showing them is written to the audit log.
agent-credentials-reveal = Show the credentials
agent-credentials-none = No site credentials were given.
agent-credentials-deleted = Site credentials were given and have been deleted.
agent-credentials-shown-once = Shown once: this page is not kept by the browser, and showing them again is logged again.
agent-credentials-back = Back to ticket #{ $number }
agent-merge-title = Merge a duplicate
agent-merge-into = Number of the ticket this one duplicates (same customer)
agent-merge-submit = Merge into that ticket
agent-merge-bad-number = Type the number of another ticket of this customer.
agent-merged = The duplicate was merged into this ticket and the customer told.
admin-nav = Admin
admin-agents-title = Agents
admin-agents-col-email = Email
admin-agents-col-name = Name
admin-agents-col-role = Role
admin-agents-col-status = Status
admin-agents-col-actions = Actions
admin-role-admin = admin
admin-role-agent = agent
admin-active = active
admin-inactive = deactivated
admin-deactivate = Deactivate
admin-new-password = New password
admin-reset-password = Set the password
admin-add-title = Add an agent
admin-add-name = Name
admin-add-email = Email address
admin-add-password = Password (at least 8 characters)
admin-add-is-admin = Administrator
admin-add-submit = Add the agent
admin-agent-added = The agent was added.
admin-agent-deactivated = The agent was deactivated: their sessions and tokens stopped working.
admin-password-set = The password was changed: the agent’s sessions ended.
admin-agent-exists = An agent with this email exists already.
admin-password-too-short = At least 8 characters.
admin-fix-fields = Please correct the fields marked below.
admin-not-yourself = You cannot deactivate yourself.
admin-audit-title = Audit log
admin-audit-col-at = When
admin-audit-col-agent = Who
admin-audit-col-action = What
admin-audit-col-ticket = Ticket
admin-audit-filter-action = Action
admin-audit-filter-agent = Agent
admin-audit-empty = Nothing recorded matches.
admin-audit-reveal-credentials = showed the site credentials
admin-nav-agents = Agents
admin-audit-privacy-export = exported a customer’s data
admin-privacy-title = Privacy requests
admin-privacy-intro = Download everything stored about one customer email: tickets, messages (internal notes included), purchases and the list of attachments. Site credentials are never exported. The download is written to the audit log, without the address.
admin-privacy-email = Customer email
admin-privacy-export = Download the export (JSON)
admin-nav-privacy = Privacy requests
admin-audit-privacy-erase = erased a customer’s data
admin-erase-title = Erase a customer’s data
admin-erase-intro = Their tickets stay as anonymous closed rows; their messages, attachments, site credentials, portal links and mails are deleted; their purchases stay for the accounts, without the address. This cannot be undone.
admin-erase-confirm = I understand this cannot be undone
admin-erase-submit = Erase
admin-erase-confirm-missing = Tick the box to confirm.
admin-erased = Erased: { $tickets } ticket(s) anonymised, { $messages } message(s) deleted, { $purchases } purchase(s) kept without the address.
agent-note-title = Internal note
agent-note-text = Note for the team (the customer never sees it)
agent-note-add = Add the note
agent-actions-title = Ticket
agent-action-assign-me = Assign to me
agent-action-unassign = Unassign
agent-action-resolve = Resolve
agent-action-close = Close
agent-action-reopen = Reopen
agent-done = Done.
agent-reply-sent = Your reply is on its way to the customer.
agent-note-added = The note was added.
agent-text-required = Write something first.
agent-not-allowed = This cannot be done in the ticket’s current state.

## The intake form.

form-title = Ask for help
form-intro = Support is for customers who bought one of our products. Please write from the email address you used at checkout.
form-one-message = Requests are answered in the order they arrive. Every new message you send moves your request to the back of the queue, so please put everything in this one message: what you did, what happened, the exact error messages, and your versions.
form-required-note = Fields marked with * are required.
form-email = Email address
form-email-hint = The address you used at checkout.
form-name = Your name
form-product = Product
form-product-choose = Choose a product
form-version = Installed version
form-version-hint = As shown in your administration panel, for example 3.7.28.
form-order-ref = Order reference (optional)
form-subject = Subject
form-description = Description of the problem
form-description-hint = The exact error messages, relevant logs, and the steps that led to the problem.
form-store-url = Store URL
form-admin-url = Administration URL
form-url-hint = A full address, for example https://shop.example.com
form-platform-version = Platform version
form-platform-version-hint = For example WordPress 6.7 and WooCommerce 9.4, or PrestaShop 8.2.
form-honeypot = Leave this field empty
form-submit = Send my request
form-errors-title = Please correct the following
form-csrf-failed = This form has expired or was sent from another page. Your answers are kept: please check them and send the form again.
form-rejected = Your request could not be sent. Please check the form and send it again.
form-refused-title = We cannot open this request
form-malformed = The form could not be read. Please send it again from the form page.
form-too-large = The form is too long to be sent. Please shorten the description and send it again.
form-credentials-legend = Access to your site (optional)
form-credentials-intro = If you want us to look at your site ourselves, you can give an administration login and FTP access. Leave these fields empty otherwise.
form-admin-login = Administration login
form-admin-password = Administration password
form-ftp-host = FTP host
form-ftp-user = FTP user
form-ftp-password = FTP password
form-credentials-consent = I agree that the support team may use these to log in to my site; they are encrypted and deleted when the request is solved or closed.
form-credentials-consent-missing = Tick this box to give us these access details, or empty the access fields.

## The portal.

portal-title = Request #{ $number }
portal-received = We have received your request #{ $number }. Thank you.
portal-state-label = Status
portal-state-needs-info = Waiting for the product and version
portal-state-queued = Waiting in the queue
portal-state-assigned = An agent is working on it
portal-state-waiting-customer = Answered: waiting for your reply
portal-state-resolved = Solved
portal-state-closed = Closed
portal-position = Position in the queue: { $position }
portal-subject = Subject
portal-link-label = Your private link
portal-link-hint = Keep this link to follow your request. Anyone who has it can read this page, so do not share it.
portal-one-message = Every new message moves your request to the back of the queue, so please put everything in one message.
portal-thread = Messages
portal-attachments = Attached files
form-attachments = Attach files (optional)
form-attachments-hint = Up to { $count } files of { $size } each: { $types }.
attachment-too-large = A file is larger than { $size }. Choose a smaller file, or compress it.
attachment-too-many = At most { $count } files can be attached.
attachment-type = A file is not accepted: its type or its content does not match its name. Accepted: { $types }.
attachments-choose-again = Files are not kept when the form comes back: please choose them again.
portal-author-customer = You
portal-author-agent = Support team
portal-author-system = Automatic message
portal-credentials-title = Access to your site
portal-credentials-kept = You gave us access details for your site. They are kept encrypted and will be deleted when this request is solved or closed.
portal-credentials-deleted = You gave us access details for your site. They have been deleted.
portal-credentials-delete = Delete my access details now
portal-credentials-deleted-notice = Your access details have been deleted.
portal-notice-label = What happened
portal-reply-title = Add a message
portal-reply-warning = Sending a message moves your request to the back of the queue. If you are waiting for an answer, a new message makes you wait longer.
portal-reply-message = Your message
portal-reply-confirm = I understand my ticket goes to the back of the queue
portal-reply-confirm-missing = Tick this box to send your message, or keep your place by not sending it.
portal-reply-submit = Send my message
portal-reply-sent = Your message was added. Your request is now at position { $position } in the queue.
portal-reply-sent-no-queue = Your message was added.
portal-solved-title = Is your issue solved?
portal-solved-hint = If the problem is gone, tell us: your request leaves the queue and nobody works on it any more.
portal-solved-button = My issue is solved
portal-solved-done = Thank you. Your request is marked as solved.
portal-solved-unchanged = Nothing was changed. The status of this request is: { $state }.
rate-limited-title = Please wait a little
rate-limited =
    { $minutes ->
        [one] Too many messages were sent in a short time. Your text is kept: please send it again in { $minutes } minute.
       *[other] Too many messages were sent in a short time. Your text is kept: please send it again in { $minutes } minutes.
    }

## The privacy page.

privacy-title = What we store about you
privacy-intro = This desk keeps only what it needs to answer your requests.
privacy-purchases = Your purchases, as our store sends them: order reference, email address, product, purchase date, support plan and support extensions. They show whether you are entitled to support.
privacy-tickets = Each request: your email address and name, the product and version, the subject, the store and administration URLs, the platform version, the order reference, the language, its status and its dates.
privacy-messages = The messages you and our team write on a request.
privacy-portal = Your private link is not stored as such: only a fingerprint of it, to recognise it.
privacy-mail = A copy of each email we send you.
privacy-credentials = The access details to your site, if you give them with a request: encrypted, readable only by the support team, and deleted when the request is solved or closed, or earlier from your private link.
privacy-attachments = The files you attach to a request or a reply: kept with the request, downloadable only from your private link and by the support team, never shown as a web page.
privacy-cookies = Two cookies, only for this site: your language, and a random value that protects the form against forged submissions.
privacy-logs = Our server logs record requests without email addresses, IP addresses or message contents.
privacy-not-kept = Anything else our store knows about you (postal address, phone number, IP address) is not kept.

# desk: agent actions

mail-agent-reply-subject = Re: [#{ $number }] { $subject }
mail-agent-reply-footer = Reply to this mail or use your page to answer us: { $portal_url }
api-invalid-transition = cannot { $action } a ticket that is { $state }
api-already-assigned = the ticket is already assigned to another agent
field-unknown-agent = no active agent has this address
api-agent-inactive = the agent of this token is not active
api-not-same-customer = both tickets must belong to the same customer
api-merge-into-itself = a ticket cannot be merged into itself
mail-merged-subject = [#{ $number }] { $subject }
mail-merged-body =
    Hello { $name },

    Your request #{ $duplicate } is about the same issue as #{ $number } “{ $subject }”, so we have put them together: all your messages are now on #{ $number }, and we will answer you there.

    You can follow it on this page:
    { $portal_url }

    To add something, reply to this email or use the page above.
merged-into = This request was merged into #{ $number }: the conversation continues there.

# search
agent-search-title = Search tickets
agent-search-label = Number, customer email, order reference or words
agent-search-submit = Search
agent-search-count = { $count ->
    [one] 1 ticket found
   *[other] { $count } tickets found
}
agent-search-none = No ticket matches “{ $query }”.
agent-search-col-ticket = Ticket
agent-search-col-state = State
agent-search-col-customer = Customer
agent-search-col-subject = Subject
agent-search-col-extract = Extract

## Admin: products, releases, purchases and the import.
admin-nav-products = Products and releases
admin-nav-purchases = Purchases
admin-nav-import = Import purchases (CSV)
admin-products-title = Products and releases
admin-products-col-slug = Slug
admin-products-col-name = Name
admin-products-col-terms = Support terms
admin-products-col-supported = Versions supported now
admin-products-terms = { $days } days free, at most { $months } months after the purchase, the latest release and { $back } below it
admin-products-supported = Supported now: { $versions }.
admin-products-any-version = No release yet: every version is accepted.
admin-products-empty = No product yet: add the first one below.
admin-products-add-title = Add a product
admin-products-slug = Slug (used in URLs, CSV files and mail)
admin-products-slug-hint = 1 to 100 lower-case letters, digits, - or _
admin-products-name = Name as customers know it
admin-products-free-days = Days of support included with a purchase
admin-products-max-months = Longest support, in months after the purchase
admin-products-max-months-hint = No extension carries support past this cap.
admin-products-releases-back = Releases supported below the latest one
admin-products-releases-back-hint = With 2, the latest release and the two below it are supported.
admin-products-add-submit = Add the product
admin-product-added = The product was added.
admin-product-exists = A product with this slug exists already.
admin-product-title = Product: { $name }
admin-releases-title = Releases, newest first
admin-releases-col-version = Version
admin-releases-col-date = Released on
admin-releases-col-status = Support
admin-release-supported = supported
admin-release-not-supported = not supported (too old)
admin-releases-empty = No release yet.
admin-release-add-title = Add a release
admin-release-version = Version
admin-release-version-hint = Numbers separated by dots, such as 3.7.28 or 1.7.8.10.
admin-release-date = Release date (optional)
admin-release-date-hint = YYYY-MM-DD
admin-release-add-submit = Add the release
admin-release-added = The release was added: the supported versions below take it into account.
admin-release-exists = Version { $version } is already a release of this product (1.2 and 1.2.0 are the same version).
admin-purchases-title = Purchases
admin-purchases-search = Customer email or order reference
admin-purchases-search-hint = Exact match, as the store sent it.
admin-purchases-found = Purchases for “{ $query }”
admin-purchases-none = No purchase has this email or order reference.
admin-purchases-col-order = Order reference
admin-purchases-col-product = Product
admin-purchases-col-email = Customer email
admin-purchases-col-tier = Tier
admin-purchases-col-bought = Purchase date
admin-purchases-col-until = Support until
admin-purchases-col-extensions = Extensions
admin-extend-title = Extend support
admin-extend-intro = An extension adds calendar months from the end of support (or from its date, after a lapse), never past the product’s cap.
admin-extend-product-hint = Needed only when the order holds several products.
admin-extend-months = Months of support bought
admin-extend-date = Date bought (optional)
admin-extend-date-hint = YYYY-MM-DD; today when left empty.
admin-extend-ref = The store’s reference of the extension (optional)
admin-extend-ref-hint = Recording the same reference twice changes nothing; without one, each submission records one more extension.
admin-extend-submit = Record the extension
admin-extended = Extension recorded: support now ends on { $until } (it ended on { $before }).
admin-extend-reached-cap = Extension recorded: support now ends on { $until } (it ended on { $before }); the cap of { $months } months after the purchase stopped it there.
admin-extend-capped = Extension recorded, but nothing changed: support already reaches the cap of { $months } months after the purchase ({ $cap }), so it still ends on { $until }.
admin-extend-already-recorded = The extension { $reference } was already recorded: nothing changed. Support ends on { $until }.
admin-extend-unknown-order = no purchase has this order reference
admin-extend-order-has = this order holds: { $products }
admin-extend-ref-conflict = this reference was recorded with other months, date or purchase
admin-purchase-add-title = Add or update a purchase
admin-purchase-choose-product = Choose a product
admin-purchase-add-submit = Save the purchase
admin-purchase-unknown-product = no product has this slug
admin-purchase-created = The purchase was added.
admin-purchase-updated = The purchase of this order and product was updated.
admin-purchase-unchanged = This purchase was already recorded as typed: nothing changed.
admin-import-title = Import purchases (CSV)
admin-import-intro = A CSV file with a header row and the columns order_ref, email, product, purchased_at and optionally tier; other columns are ignored and never stored. Each row is its own upsert: a bad row is listed with its line number and the others still load, and importing the same file again changes nothing. At most { $size } MB; use guichet purchase import for larger files.
admin-import-file = CSV file
admin-import-paste = Or paste the CSV here
admin-import-submit = Import
admin-import-done = The file was imported: the report is below.
admin-import-report = { $rows ->
    [one] 1 row
   *[other] { $rows } rows
}: { $created } added, { $updated } updated, { $unchanged } unchanged, { $rejected } rejected
admin-import-problems = Rejected lines (the other lines were imported)
admin-import-col-line = Line
admin-import-col-problem = Problem
admin-import-empty = Choose a CSV file or paste its text.
admin-import-too-large = The CSV is larger than { $size } MB: nothing was imported. Use guichet purchase import for larger files.
admin-import-not-utf8 = The CSV is not UTF-8 text (line { $line }): nothing was imported. Save it as UTF-8 and try again.
admin-import-bad-header = Nothing was imported: { $problem }

## Admin: API tokens, canned responses, settings, one navigation.

admin-nav-label = Admin pages
admin-nav-tokens = API tokens
admin-nav-canned = Canned responses
admin-nav-settings = Settings
admin-audit-col-detail = Detail
admin-audit-token-created = Created an API token
admin-audit-token-revoked = Revoked an API token
admin-audit-canned-added = Added a canned response
admin-audit-canned-edited = Changed a canned response
admin-audit-canned-deleted = Deleted a canned response
admin-audit-setting-saved = Saved a setting
admin-audit-setting-cleared = Removed a saved setting
admin-tokens-title = API tokens
admin-tokens-intro = A token lets a store, a site or a script use the JSON API (/api/v1), in the Authorization header as Bearer TOKEN. Only a hash of it is stored, so a token is shown once, when it is created. Revoking a token deletes it: requests that carry it are refused at once, and it leaves this list. The desk does not record when a token was last used.
admin-tokens-col-name = Name
admin-tokens-col-scope = What it may do
admin-tokens-col-agent = Acts as
admin-tokens-col-created = Created
admin-tokens-col-actions = Actions
admin-tokens-empty = No API token yet.
admin-tokens-revoke = Revoke
admin-tokens-revoke-label = Revoke the token { $name }
admin-tokens-agent-inactive = { $email } (deactivated: the token is refused)
admin-tokens-add-title = Create a token
admin-tokens-name = Name
admin-tokens-name-hint = To recognise the token by, such as the store or the script that uses it.
admin-tokens-scope = What it may do
admin-tokens-scope-pick = Choose…
admin-tokens-scope-intake = intake: create tickets (a contact form)
admin-tokens-scope-purchases = purchases: push purchases, extensions and releases (the store)
admin-tokens-scope-agent = agent: act as one agent (scripts of the desk)
admin-tokens-agent = Agent the token acts as
admin-tokens-agent-hint = Only for an agent token.
admin-tokens-agent-none = None
admin-tokens-add-submit = Create the token
admin-tokens-scope-required = Choose what the token may do.
admin-tokens-agent-required = Choose the active agent an agent token acts as.
admin-tokens-agent-not-allowed = Only an agent token acts as an agent: choose None.
admin-token-created-title = Your new token
admin-token-created = The token “{ $name }” was created. Copy it now: it will not be shown again.
admin-token-value = Token
admin-token-revoked = The token was revoked: requests that carry it are refused from now on.
admin-token-unknown = That token does not exist: it may have been revoked already.
admin-canned-title = Canned responses
admin-canned-intro = Ready answers that agents insert into a reply on the ticket page, which offers those written in the ticket’s language. One that resolves the ticket resolves it when it is sent.
admin-canned-lang-en = English
admin-canned-lang-fr = French
admin-canned-col-title = Title
admin-canned-col-resolves = Resolves the ticket
admin-canned-yes = yes
admin-canned-no = no
admin-canned-empty-lang = None in this language.
admin-canned-add-title = Add a canned response
admin-canned-edit-title = Change a canned response
admin-canned-lang = Language
admin-canned-lang-pick = Choose…
admin-canned-title-field = Title
admin-canned-title-hint = What agents pick it by on the ticket page.
admin-canned-body = Text of the reply
admin-canned-resolves = Sending it resolves the ticket
admin-canned-add-submit = Add the response
admin-canned-save-submit = Save the changes
admin-canned-delete-title = Delete it
admin-canned-delete-intro = Agents will no longer find it on the ticket pages. Replies already sent are kept.
admin-canned-delete = Delete this response
admin-canned-added = The canned response was added.
admin-canned-saved = The canned response was saved.
admin-canned-deleted = The canned response was deleted.
admin-canned-lang-unknown = Choose English or French.
admin-canned-title-taken = Another response in this language has this title.
admin-settings-title = Settings
admin-settings-intro = The value in force of each setting comes from the highest layer that sets it: a command-line flag, then a GUICHET_… environment variable, then guichet.toml in the data folder, then a value saved on this page, then the default. A flag, a variable or the file overrides a value saved here.
admin-settings-restart = A value saved here is stored at once but applies when guichet next starts: each process reads its settings at start-up. Restart every guichet serve process to apply it.
admin-settings-col-setting = Setting
admin-settings-col-in-force = In force
admin-settings-col-from = From
admin-settings-col-saved = Saved value
admin-settings-from-flag = command-line flag
admin-settings-from-env = environment variable { $variable }
admin-settings-from-file = file { $path }
admin-settings-from-saved = saved on this page
admin-settings-from-default = default
admin-settings-overridden = The saved value { $value } is not in force: the { $source } overrides it.
admin-settings-pending = Saved: { $value } applies at the next restart.
admin-settings-removed-pending = The saved value was removed: the layers below apply at the next restart.
admin-settings-saved-hint = Empty: no saved value.
admin-settings-not-saved = No saved value
admin-settings-on = on (true)
admin-settings-off = off (false)
admin-settings-submit = Save the settings
admin-settings-saved = The settings were saved. They apply when guichet next starts.
admin-settings-unchanged = Nothing was changed.
admin-settings-bad = Not a valid value for { $key }:
admin-setting-time-zone = Time zone of the desk (IANA name, such as Europe/Paris)
admin-setting-business-days = Business days (such as mon-fri or mon,tue,thu)
admin-setting-business-hours = Business hours of each business day (such as 09:00-18:00)
admin-setting-response-target = First-response target, in business hours
admin-setting-autoresolve-days = Days without a customer reply before a waiting ticket resolves
admin-setting-reopen-days = Days a resolved ticket can be reopened by a customer message
admin-setting-requeue-on-reply = A customer message on a waiting ticket moves it to the back of the queue
admin-setting-attachment-max-count = Files one form post may attach (0: none)
admin-setting-attachment-max-bytes = Largest attachment, in bytes
admin-setting-attachment-types = Accepted attachment extensions, separated by commas

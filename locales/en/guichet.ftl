# guichet — English catalogue.
# Every message here must exist in locales/fr/guichet.ftl with the same variables.

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

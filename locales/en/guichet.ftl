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

"""schemathesis hooks for .ci/api-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

`reaches_handler`: every generated request for a documented path and method must reach a
handler. The router's own answers (404 "no such API route", 405) mean the document names a
route, a method or a parameter place that the server does not have.
"""

import schemathesis

NO_ROUTE = "no such API route"


@schemathesis.check
def reaches_handler(ctx, response, case):
    # The unsupported_method check sends other methods on purpose; those must answer 405.
    if case.method.upper() != case.operation.method.upper():
        return None
    if response.status_code == 405:
        raise AssertionError(f"{case.method} {case.path} is documented but answers 405")
    if response.status_code == 404:
        try:
            message = response.json()["error"]["message"]
        except Exception:  # a 404 that is not the API's JSON error body is a router answer too
            message = NO_ROUTE
        if message == NO_ROUTE:
            raise AssertionError(f"{case.method} {case.path} is documented but not routed")
    return None

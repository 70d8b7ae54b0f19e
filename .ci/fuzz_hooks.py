"""schemathesis hooks for .ci/api-fuzz.sh (loaded through SCHEMATHESIS_HOOKS).

Checks that the generated requests are the ones the server routes:
- `path_parameters_match_template`: the document's path parameters are exactly the `{names}` of
  the path template. A parameter declared `in: path` that the template lacks is silently left
  out of every URL, so the request reaches the handler without it and nothing else notices.
- `reaches_handler`: a documented path and method never gets the router's own answers
  (404 "no such API route", 405): the document names a route or method the server lacks.
"""

import re

import schemathesis

NO_ROUTE = "no such API route"


@schemathesis.check
def path_parameters_match_template(ctx, response, case):
    in_template = set(re.findall(r"\{([^}]+)\}", case.operation.path))
    generated = set(case.path_parameters or {})
    if generated != in_template:
        raise AssertionError(
            f"{case.operation.path}: path parameters {sorted(generated)} "
            f"but the template names {sorted(in_template)}"
        )
    return None


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

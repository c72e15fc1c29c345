"""A bounded schemathesis run over the OpenAPI schema: no generated request, valid or not,
gets a 5xx, and every failure answers the one error shape.

Writes that recompute the derived layer (merge, split, rename: seconds each) are sent
without the token, so they stop at the 401; reviews (cheap) are sent with it and run
whole, against a copy of the store."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from tests.web.conftest import TOKEN, app_over

EXAMPLES_PER_OPERATION = 10


def operations(path: Path) -> list[schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app_over(path, token=TOKEN))
    return [result.ok() for result in schema.get_all_operations()]


def check(case: schemathesis.Case) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"} if case.path.endswith("/review") else None
    response = case.call(headers=headers)
    assert response.status_code < 500, (case.method, case.path, response.text[:300])
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_generated_request_gets_a_server_error(db_copy: Path, mode: GenerationMode) -> None:
    found = operations(db_copy)
    assert len(found) >= 10
    cases = st.one_of([op.as_strategy(generation_mode=mode) for op in found])

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION * len(found),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        check(case)

    run()

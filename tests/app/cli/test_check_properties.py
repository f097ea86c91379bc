"""``motcua check`` on any input: a result, or exit 2 with a message naming the field."""

from __future__ import annotations

import contextlib
import io
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli.main import main
from tests.app.dossier.conftest import EXAMPLES, example

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=15),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)
EXAMPLE_NAMES = sorted(path.stem for path in EXAMPLES.glob("*.json"))


def _run_check(text: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "request.json"
        file.write_text(text, encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", str(file)])
    return code, out.getvalue(), err.getvalue()


def _assert_answered(code: int, out: str, err: str) -> None:
    assert code in (0, 2)
    if code == 0:
        assert json.loads(out)["verdict"] in ("accept", "supplement", "refuse")
    else:
        assert err.startswith("motcua check: ") and "Traceback" not in err
        assert out == ""


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_any_json_value_is_answered(value: Any) -> None:
    _assert_answered(*_run_check(json.dumps(value)))


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(EXAMPLE_NAMES), seed=st.integers(), new=json_values)
def test_an_example_with_one_field_broken_is_answered(name: str, seed: int, new: Any) -> None:
    data = example(name)
    node: Any = data
    rng = random.Random(seed)
    # Walk down to a random field and replace it with anything at all.
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = rng.choice(keys)
        child = node[key]
        if isinstance(child, dict | list) and child and rng.random() < 0.6:
            node = child
            continue
        node[key] = new
        break
    _assert_answered(*_run_check(json.dumps(data, ensure_ascii=False)))


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_text_that_is_not_json_is_answered(text: str) -> None:
    code, out, err = _run_check(text)
    _assert_answered(code, out, err)

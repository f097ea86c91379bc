"""Catalogue load time and evaluations per second, each against a baseline of the same run.

- load: the full load (parse, schema, rule type checks) against parsing the same
  TOML files with tomllib alone — the ratio is what validation costs on start-up;
- evaluate: full evaluations of the doi-gtvt example against validating the same
  request model alone — the ratio is what the rules and item checks cost.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from harness import emit, median_seconds

from app.catalogue.loader import load_catalogue, shipped_catalogue_dir
from app.dossier.evaluation import evaluate
from app.dossier.request import DossierRequest

VERSION = shipped_catalogue_dir() / "qd-4225-2021"
EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "doi-gtvt.json"
BATCH = 500


def parse_only() -> None:
    for file in sorted(VERSION.glob("*.toml")):
        tomllib.loads(file.read_text(encoding="utf-8"))


def main() -> None:
    load = median_seconds(lambda: load_catalogue(VERSION), repeat=9)
    emit("catalogue load", load * 1000, "ms", median_seconds(parse_only, repeat=9) * 1000)

    catalogue = load_catalogue(VERSION)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    today = dt.date(2026, 11, 23)

    def evaluate_batch() -> None:
        for _ in range(BATCH):
            evaluate(DossierRequest.model_validate(data), catalogue, today)

    def validate_batch() -> None:
        for _ in range(BATCH):
            DossierRequest.model_validate(data)

    per_second = BATCH / median_seconds(evaluate_batch, repeat=5)
    baseline = BATCH / median_seconds(validate_batch, repeat=5)
    # Higher is better here; the ratio reads "evaluation runs at x of bare validation speed".
    emit("evaluations", per_second, "per s", baseline)


if __name__ == "__main__":
    main()

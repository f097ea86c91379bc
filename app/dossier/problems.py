"""Problems with a dossier request, each naming the field and the rule broken."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class RequestProblem:
    field: str
    rule: str

    def __str__(self) -> str:
        return f"{self.field}: {self.rule}" if self.field else self.rule


class RequestError(Exception):
    """The request cannot be evaluated; ``problems`` lists every reason."""

    def __init__(self, problems: list[RequestProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def problems_from_validation(error: ValidationError) -> list[RequestProblem]:
    """pydantic's errors as field paths the officer and the JSON author can read."""
    problems = []
    for detail in error.errors(include_url=False):
        path = ""
        for part in detail["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        message = detail["msg"]
        # A rule raised by a model validator names its own field: "number: ..."
        if detail["type"] == "value_error":
            message = message.removeprefix("Value error, ")
            head, sep, rest = message.partition(": ")
            if sep and " " not in head:
                path = f"{path}.{head}" if path else head
                message = rest
        problems.append(RequestProblem(path, message))
    return problems

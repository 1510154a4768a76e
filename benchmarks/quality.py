"""Extraction quality on annotated corpora: ingest, extract, resolve, export, then score.

    python benchmarks/quality.py                          # the dev corpus (tests/fixtures/dev)
    python benchmarks/quality.py --corpus DIR --gold GOLD.json [--verbose]

Each corpus runs through the real CLI into a fresh SQLite store in a temporary folder, and
its JSON export is scored by the evaluation scorer (`score.py`, found next to the gold file
or given with --scorer). Prints one line of scores per corpus and, with --verbose, the
scorer's lists of missed, spurious and wrong reports.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "dev"
SHARED_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def run(corpus: Path, gold: Path, scorer: Path, *, verbose: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "quality.db"
        out = Path(folder) / "events.json"
        texts = sorted(corpus.glob("*.txt"))
        started = time.perf_counter()
        cli = [sys.executable, "-m", "rashomon"]
        subprocess.run([*cli, "ingest", *map(str, texts), "--db", str(db)], check=True, capture_output=True)
        subprocess.run(
            [*cli, "export", "--format", "json", "--db", str(db), "--output", str(out)], check=True, capture_output=True
        )
        seconds = time.perf_counter() - started
        args = [sys.executable, str(scorer), str(gold), str(out), "--json"] + (["--verbose"] if verbose else [])
        result: dict[str, object] = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
    result["seconds"] = round(seconds, 1)
    return result


def summary(name: str, result: dict[str, object]) -> str:
    def f1(key: str) -> str:
        value = result[key]
        return f"{value['f1']:.3f}" if isinstance(value, dict) else "-"

    fields = result.get("fields", {})
    accuracy = " ".join(f"{k} {v['accuracy']:.3f}" for k, v in fields.items()) if isinstance(fields, dict) else ""
    coref = result["coref"]["b3_f1"] if isinstance(result.get("coref"), dict) else "-"
    return (
        f"{name}: overall {result['overall']:.3f} | detection {f1('detection')} killed {f1('killed')} "
        f"injured {f1('injured')} coref {coref} | {accuracy} | {result['seconds']} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV)
    parser.add_argument("--gold", type=Path, default=DEV / "dev.gold.json")
    parser.add_argument("--scorer", type=Path, default=SHARED_SCORER)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.scorer.exists():
        print(f"scorer not found: {args.scorer} (pass --scorer)", file=sys.stderr)
        return 2
    result = run(args.corpus, args.gold, args.scorer, verbose=args.verbose)
    print(summary(args.corpus.name, result))
    if args.verbose:
        for key in ("missed_reports", "spurious_reports", "field_errors"):
            print(key, json.dumps(result.get(key)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

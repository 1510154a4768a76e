"""Benchmark the whole job against bare spaCy: words/s and peak memory of each, in one run.

    python benchmarks/throughput.py                  # the sample corpus and 20 variants of it (about a minute)
    python benchmarks/throughput.py --variants 50    # a bigger corpus
    python benchmarks/throughput.py --corpus DIR     # your own reports (any format `rashomon ingest` reads)

Two parts, each in its own child process so that their peak RSS figures are separate:

- **pipeline**: `ingest_paths` and `process_documents` (analyse, extract, store, resolve)
  into a fresh SQLite file in a temporary folder: what `rashomon ingest` does;
- **bare spaCy**: `spacy.load(model)` and `nlp.pipe` over exactly the texts the pipeline
  stored (the pipeline part writes them out), with the same batch size as the analyse stage.

A first child only builds the extractor, so that the place index, which is built once and
cached (~/.cache/rashomon) when missing or stale, is not counted as throughput; its time is
reported. Both clocks start after `import spacy` and include loading the model. Words are
whitespace-separated tokens of the stored texts. The figure to watch is the ratio
pipeline/bare spaCy (goal: at least 0.5, i.e. everything after spaCy costs no more than
spaCy itself). Prints a table and then one JSON line for scripts.

The variants are the sample reports with their casualty figures and other small numbers
changed and their paragraphs after the first rotated, so that none is an exact duplicate;
many are near-duplicates (R002), which are stored and extracted like any other report.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "rashomon" / "data" / "sample"
SPACY_BATCH = 8  # the analyse stage's nlp.pipe batch size (rashomon.analyse.pipeline.analyse_texts)
GOAL = 0.5
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?!\d)(?![.,]\d)")
_MONTH = re.compile(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)


# corpus -----------------------------------------------------------------------------------


def sample_records() -> list[dict[str, Any]]:
    """The sample corpus as ingest records, with the titles, outlets and dates of its manifest."""
    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    records = []
    for entry in manifest["documents"]:
        path = SAMPLE_DIR / entry["file"]
        records.append(
            {
                "id": path.stem,
                "title": entry["title"],
                "source": entry["publisher"],
                "published": entry["published"],
                "language": entry["language"],
                "text": path.read_text(encoding="utf-8"),
            }
        )
    return records


def variant(record: dict[str, Any], number: int) -> dict[str, Any]:
    """A re-worded copy: small numbers moved a little, paragraphs after the first rotated."""
    rng = random.Random(f"{record['id']}:{number}")

    def nudge(match: re.Match[str]) -> str:
        value = int(match.group())
        before = match.string[max(0, match.start() - 5) : match.start()].split()
        after = match.string[match.end() : match.end() + 10].split()
        is_day = bool(before and _MONTH.fullmatch(before[-1])) or bool(after and _MONTH.fullmatch(after[0]))
        if value <= 1 or is_day:  # "one" stays singular; dates stay valid
            return match.group()
        return str(max(2, value + rng.randint(-3, 3)))

    paragraphs = [part.strip("\n") for part in _SMALL_NUMBER.sub(nudge, record["text"]).split("\n\n")]
    if len(paragraphs) > 2:
        shift = number % (len(paragraphs) - 1)
        rest = paragraphs[1:]
        paragraphs = [paragraphs[0], *rest[shift:], *rest[:shift]]
    # The last line keeps every variant distinct even when no number or order changed.
    paragraphs.append(f"(Report {number} of this series.)")
    return {**record, "id": f"{record['id']}-v{number:03d}", "text": "\n\n".join(paragraphs) + "\n"}


def write_corpus(target: Path, variants: int) -> Path:
    records = sample_records()
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    for number in range(1, variants + 1):
        lines += [json.dumps(variant(record, number), ensure_ascii=False) for record in records]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


# child processes --------------------------------------------------------------------------


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run_pipeline(corpus: Path, db: Path, texts_out: Path, model: str | None) -> dict[str, Any]:
    """Ingest and process the corpus into a fresh store; write the stored texts for the bare part."""
    import spacy  # noqa: F401  (imported before the clock starts, as in the bare part)

    from rashomon.ingest import ingest_paths
    from rashomon.pipeline import process_documents
    from rashomon.settings import Settings
    from rashomon.store import Store

    settings = Settings.from_env(db=str(db), model=model)
    with Store.open(str(db)) as store:
        started = time.perf_counter()
        ingested = ingest_paths(store, [str(corpus)], settings=settings)
        ingest_seconds = time.perf_counter() - started
        report = process_documents(store, list(ingested.ingested), settings=settings)
        total = time.perf_counter() - started
        texts = [store.document(document_id).text for document_id in ingested.ingested]
    texts_out.write_text(json.dumps(texts), encoding="utf-8")
    resolution = report.resolution
    return {
        "documents": len(ingested.ingested),
        "failed": len(ingested.failures) + len(report.failures),
        "words": sum(len(text.split()) for text in texts),
        "accounts": report.accounts,
        "events": resolution.events if resolution is not None else 0,
        "conflicts": resolution.conflicts if resolution is not None else 0,
        "ingest_seconds": round(ingest_seconds, 3),
        "analyse_seconds": report.analyse_seconds,
        "extract_seconds": report.extract_seconds,
        "resolve_seconds": resolution.seconds if resolution is not None else 0.0,
        "seconds": round(total, 3),
        "peak_rss_mb": peak_rss_mb(),
        "model": settings.model,
    }


def run_warm() -> dict[str, Any]:
    """Build the extractor once, so that a missing or stale place-index cache is built outside the clock."""
    from rashomon.extract.document import DocumentExtractor
    from rashomon.model.vocab import load_vocabulary

    started = time.perf_counter()
    DocumentExtractor(vocabulary=load_vocabulary())
    return {"seconds": round(time.perf_counter() - started, 3)}


def run_bare(texts_in: Path, model: str | None) -> dict[str, Any]:
    """spacy.load and nlp.pipe over the same texts, and nothing else."""
    import spacy

    from rashomon.settings import Settings

    name = Settings.from_env(model=model).model
    texts: list[str] = json.loads(texts_in.read_text(encoding="utf-8"))
    started = time.perf_counter()
    nlp = spacy.load(name)
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=SPACY_BATCH))
    total = time.perf_counter() - started
    return {
        "documents": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "tokens": tokens,
        "load_seconds": round(loaded - started, 3),
        "seconds": round(total, 3),
        "peak_rss_mb": peak_rss_mb(),
        "components": list(nlp.pipe_names),
    }


def child(part: str, *args: str) -> dict[str, Any]:
    """Run one part of the benchmark in a fresh interpreter and read back its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--part", part, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"the {part} part failed ({result.returncode}):\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


# report -----------------------------------------------------------------------------------


def words_per_second(part: dict[str, Any]) -> float:
    return float(part["words"]) / part["seconds"] if part["seconds"] else 0.0


def print_report(pipeline: dict[str, Any], bare: dict[str, Any], corpus: str) -> None:
    ratio = words_per_second(pipeline) / words_per_second(bare) if words_per_second(bare) else 0.0
    print(
        f"corpus: {corpus}; {pipeline['documents']} documents, {pipeline['words']:,} words; model {pipeline['model']}"
    )
    print(f"{'part':<12} {'seconds':>8} {'words/s':>9} {'peak RSS':>10}")
    for name, part in (("bare spaCy", bare), ("pipeline", pipeline)):
        print(f"{name:<12} {part['seconds']:>8.1f} {words_per_second(part):>9,.0f} {part['peak_rss_mb']:>7.0f} MB")
    print(
        f"  bare spaCy: load {bare['load_seconds']:.1f} s; pipeline: ingest {pipeline['ingest_seconds']:.1f} s, "
        f"analyse {pipeline['analyse_seconds']:.1f} s, extract {pipeline['extract_seconds']:.1f} s, "
        f"resolve {pipeline['resolve_seconds']:.1f} s"
    )
    other = pipeline["seconds"] - sum(
        pipeline[f"{step}_seconds"] for step in ("ingest", "analyse", "extract", "resolve")
    )
    print(f"  pipeline: {other:.1f} s in none of those (loading the vocabulary and place index, reading the store)")
    print(
        f"  before the clock: building the extractor took {pipeline['setup_seconds']:.1f} s "
        "(more on a first run: the place index cache is built then)"
    )
    print(
        f"  found {pipeline['accounts']} accounts, {pipeline['events']} events, {pipeline['conflicts']} conflicts; "
        f"{pipeline['failed']} failures"
    )
    verdict = "meets" if ratio >= GOAL else "below"
    print(f"ratio pipeline / bare spaCy: {ratio:.2f} ({verdict} the goal of {GOAL})")
    summary = {
        "benchmark": "throughput",
        "corpus": corpus,
        "documents": pipeline["documents"],
        "words": pipeline["words"],
        "pipeline_words_per_second": round(words_per_second(pipeline)),
        "spacy_words_per_second": round(words_per_second(bare)),
        "ratio": round(ratio, 3),
        "goal": GOAL,
        "pipeline": pipeline,
        "spacy": bare,
    }
    print(json.dumps(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a folder or file of reports to use instead of the sample corpus")
    parser.add_argument("--variants", type=int, default=20, help="variants of each sample report to add (default 20)")
    parser.add_argument("--model", help="spaCy pipeline (default: RASHOMON_MODEL or the package default)")
    parser.add_argument("--part", choices=("warm", "pipeline", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part == "pipeline":
        corpus, db, texts = (Path(p) for p in args.paths)
        print(json.dumps(run_pipeline(corpus, db, texts, args.model)))
        return
    if args.part == "warm":
        print(json.dumps(run_warm()))
        return
    if args.part == "bare":
        print(json.dumps(run_bare(Path(args.paths[0]), args.model)))
        return
    model = ["--model", args.model] if args.model else []
    with tempfile.TemporaryDirectory(prefix="rashomon-throughput-") as folder:
        tmp = Path(folder)
        if args.corpus is not None:
            corpus, label = args.corpus, str(args.corpus)
        else:
            corpus = write_corpus(tmp / "corpus.jsonl", args.variants)
            label = f"sample corpus + {args.variants} variants of each report"
        texts = tmp / "texts.json"
        warm = child("warm")
        pipeline = child("pipeline", *model, str(corpus), str(tmp / "bench.db"), str(texts))
        bare = child("bare", *model, str(texts))
    pipeline["setup_seconds"] = warm["seconds"]
    print_report(pipeline, bare, label)


if __name__ == "__main__":
    main()

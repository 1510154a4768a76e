"""Benchmark the ingest stage: documents/s, MB/s and peak memory of `rashomon ingest --no-extract`.

    python benchmarks/ingest_bench.py                 # 1,000 generated reports into a fresh store
    python benchmarks/ingest_bench.py --count 5000
    python benchmarks/ingest_bench.py --detector      # cost and accuracy of language-detector setups

The reports are synthetic (invented places, people and words) but news-shaped: a headline,
a dateline, 400-800 words in paragraphs, and vocabulary drawn per document so that no two are
near-duplicates. The CLI runs in a child process, so the figures include start-up, the
language detector and SQLite, as a user would see them; peak RSS is the child's.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "ta",
    "ven",
    "sol",
    "dar",
    "mi",
    "lu",
    "ne",
    "sha",
    "por",
    "te",
    "bal",
    "qu",
    "ris",
    "an",
    "el",
    "om",
    "zu",
    "fa",
    "gor",
    "hin",
    "lem",
    "tav",
    "ish",
    "ron",
    "ak",
    "ul",
    "bre",
    "cas",
    "din",
    "fel",
    "gan",
    "hov",
    "jer",
    "kol",
    "mur",
    "nab",
    "pel",
    "rud",
    "sam",
    "tor",
    "vel",
    "yar",
    "zen",
]
VERBS = (
    "attacked",
    "shelled",
    "raided",
    "bombed",
    "ambushed",
    "besieged",
    "stormed",
    "struck",
    "targeted",
    "hit",
)
SOURCES = (
    "a police spokesman",
    "the provincial governor",
    "hospital officials",
    "a local journalist",
    "witnesses",
    "the interior ministry",
    "a rights group",
    "an army statement",
    "the district council",
    "relief workers",
)
CONNECTIVES = (
    "Meanwhile",
    "Earlier",
    "Separately",
    "According to residents",
    "Later that day",
    "In a statement",
    "By nightfall",
    "Two days before",
    "As the toll rose",
    "Despite the curfew",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


def report(seed: int) -> str:
    """One synthetic report of 400-800 words; each seed draws its own names and vocabulary."""
    rng = random.Random(seed)
    places = [pseudo_word(rng, 2).capitalize() for _ in range(6)]
    people = [f"{pseudo_word(rng, 2).capitalize()} {pseudo_word(rng, 3).capitalize()}" for _ in range(4)]
    groups = [f"the {pseudo_word(rng, 3).capitalize()} Front" for _ in range(2)]
    nouns = [pseudo_word(rng, rng.randint(2, 3)) for _ in range(40)]
    target = rng.randint(400, 800)
    title = f"{rng.choice(groups)[4:]} fighters {rng.choice(VERBS)} {rng.choice(nouns)} near {rng.choice(places)}"
    dateline = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}"
    paragraphs: list[str] = []
    words = 0
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            sentences.append(
                f"{rng.choice(CONNECTIVES)}, {rng.choice(groups)} {rng.choice(VERBS)} the {rng.choice(nouns)} "
                f"of {rng.choice(places)}, leaving {rng.randint(1, 90)} dead and {rng.randint(0, 200)} hurt, "
                f"{rng.choice(SOURCES)} told {rng.choice(people)}. The {rng.choice(nouns)} and "
                f"{rng.randint(2, 40)} {rng.choice(nouns)} near the {rng.choice(nouns)} were "
                f"{rng.choice(['damaged', 'destroyed', 'closed', 'evacuated'])}."
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return f"{title}\n\n{dateline}\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(count):
        data = report(number).encode("utf-8")
        (folder / f"report-{number:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def run_ingest(folder: Path, db: Path) -> tuple[float, str]:
    command = [sys.executable, "-m", "rashomon", "ingest", str(folder), "--no-extract", "--db", str(db)]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"ingest failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result.stdout.strip().splitlines()[-1]


def bench_ingest(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        folder, db = Path(tmp) / "reports", Path(tmp) / "bench.db"
        size = generate(folder, count)
        words = sum(len((folder / name).read_text().split()) for name in sorted(p.name for p in folder.iterdir()))
        print(f"generated {count} reports, {size / 1e6:.2f} MB, {words / count:.0f} words on average")
        elapsed, summary = run_ingest(folder, db)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"first run:  {elapsed:.2f} s  {count / elapsed:.0f} documents/s  {size / 1e6 / elapsed:.2f} MB/s")
        print(f"            peak RSS {peak_mb:.0f} MB; {summary}")
        elapsed, summary = run_ingest(folder, db)
        print(f"re-run:     {elapsed:.2f} s  {count / elapsed:.0f} inputs/s (all duplicates); {summary}")


DETECTOR_PROBE = """
import resource, sys, time
from lingua import Language, LanguageDetectorBuilder
from rashomon.ingest.language import NEWS_LANGUAGES
mode = sys.argv[1]
samples = {samples!r}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if mode.startswith("all"):
    builder = LanguageDetectorBuilder.from_all_languages()
else:
    builder = LanguageDetectorBuilder.from_languages(*[getattr(Language, name) for name in NEWS_LANGUAGES])
if "low" in mode:
    builder = builder.with_low_accuracy_mode()
if "preload" in mode:
    builder = builder.with_preloaded_language_models()
detector = builder.build()
built = time.perf_counter()
right = sum(
    (found := detector.detect_language_of(text)) is not None and found.iso_code_639_1.name.lower() == code
    for code, text in samples.items()
)
done = time.perf_counter()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{{mode:18}} build {{built - started:5.2f}} s  first {{len(samples)}} texts {{done - built:5.2f}} s  "
      f"+{{(after - before) / 1024:4.0f}} MB  correct {{right}}/{{len(samples)}}")
"""

# One paragraph per language, written for this benchmark.
DETECTOR_SAMPLES = {
    "en": "A bomb hidden in a parked car exploded near the central bus station on Monday morning, killing at least "
    "six people and wounding many others, the provincial police chief told reporters.",
    "fr": "Une bombe cachée dans une voiture garée a explosé lundi matin près de la gare routière centrale, tuant au "
    "moins six personnes, a déclaré le chef de la police provinciale.",
    "es": "Una bomba escondida en un coche aparcado explotó el lunes por la mañana cerca de la estación central de "
    "autobuses, matando al menos a seis personas, dijo el jefe de policía.",
    "pt": "Uma bomba escondida num carro estacionado explodiu na segunda-feira de manhã perto da estação rodoviária "
    "central, matando pelo menos seis pessoas, disse o chefe da polícia.",
    "de": "Eine in einem geparkten Auto versteckte Bombe ist am Montagmorgen in der Nähe des zentralen Busbahnhofs "
    "explodiert und hat mindestens sechs Menschen getötet, sagte der Polizeichef.",
    "it": "Una bomba nascosta in un'auto parcheggiata è esplosa lunedì mattina vicino alla stazione centrale degli "
    "autobus, uccidendo almeno sei persone, ha detto il capo della polizia.",
    "ru": "Бомба, спрятанная в припаркованном автомобиле, взорвалась в понедельник утром возле центрального "
    "автовокзала, погибли по меньшей мере шесть человек, сообщил начальник полиции.",
    "uk": "Бомба, схована в припаркованому автомобілі, вибухнула в понеділок вранці біля центрального автовокзалу, "
    "загинули щонайменше шість людей, повідомив начальник поліції області.",
    "ar": "انفجرت قنبلة مخبأة في سيارة متوقفة صباح يوم الاثنين قرب محطة الحافلات المركزية، مما أسفر عن مقتل ستة "
    "أشخاص على الأقل، بحسب ما قال قائد الشرطة في المحافظة.",
    "fa": "بمبی که در یک خودروی پارک شده پنهان شده بود صبح دوشنبه در نزدیکی ایستگاه مرکزی اتوبوس منفجر شد و دست کم "
    "شش نفر را کشت، رئیس پلیس استان به خبرنگاران گفت.",
    "ur": "پیر کی صبح مرکزی بس اسٹیشن کے قریب ایک کھڑی گاڑی میں چھپایا گیا بم پھٹ گیا جس سے کم از کم چھ افراد "
    "ہلاک ہو گئے، صوبائی پولیس کے سربراہ نے صحافیوں کو بتایا۔",
    "tr": "Park halindeki bir araca gizlenen bomba pazartesi sabahı merkezi otobüs terminalinin yakınında patladı ve "
    "en az altı kişi hayatını kaybetti, il emniyet müdürü açıklama yaptı.",
    "id": "Sebuah bom yang disembunyikan di dalam mobil yang diparkir meledak pada Senin pagi di dekat terminal bus "
    "pusat, menewaskan sedikitnya enam orang, kata kepala polisi provinsi.",
    "zh": "周一上午，一枚藏在停放汽车中的炸弹在中央汽车站附近爆炸，造成至少六人死亡，多人受伤，省警察局长告诉记者。",
    "hi": "सोमवार सुबह केंद्रीय बस स्टेशन के पास एक खड़ी कार में छिपाया गया बम फट गया, जिसमें कम से कम छह लोगों की मौत "
    "हो गई, प्रांतीय पुलिस प्रमुख ने पत्रकारों को बताया।",
    "nl": "Een bom die verstopt zat in een geparkeerde auto ontplofte maandagochtend bij het centrale busstation, "
    "waarbij ten minste zes mensen om het leven kwamen, zei de politiechef.",
}


def bench_detector() -> None:
    probe = DETECTOR_PROBE.format(samples=DETECTOR_SAMPLES)
    for mode in ("all", "all-preload", "all-low", "news", "news-preload", "news-low", "news-low-preload"):
        result = subprocess.run([sys.executable, "-c", probe, mode], capture_output=True, text=True, check=False)
        print(result.stdout.strip() or result.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="how many reports to generate (default 1000)")
    parser.add_argument("--detector", action="store_true", help="compare language-detector set-ups instead")
    args = parser.parse_args()
    if args.detector:
        bench_detector()
    else:
        bench_ingest(args.count)


if __name__ == "__main__":
    main()

# The pandas side of test/data/csv-accuracy.slow.test.ts.
#   generate DIR ROWS...  writes DIR/mixed-ROWS.csv for each count, prints their paths as JSON
#   measure               reads [{"path", "options"}] as JSON on stdin, prints what
#                         pd.read_csv(path, **options) holds: memory_usage(deep=True).sum()
#                         (of the first chunk under chunksize), the rows and the dtypes
import json
import os
import sys

import numpy as np
import pandas as pd

CITIES = ["Lyon", "Oslo", "Lima", "Pune", "Kyiv", "Cork", "Bern", "Nice", "Gent", "Faro",
          "Graz", "Riga", "Bonn", "Turku", "Porto", "Delft", "Malmo", "Genoa", "Ghent", "Split"]
# Latin-1 (1 byte a character), UCS-2 (2) and UCS-4 (4) strings, as CPython stores them.
NON_ASCII = ["Zoë", "Ñandú", "Łódź", "Åsa Öberg", "東京", "Straße", "Ærø", "naïve café", "Αθήνα", "🙂 ok"]
WORDS = ["memory", "pandas", "column", "sample", "estimate", "row", "file", "data", "python", "byte"]


def generate(directory, rows):
    rng = np.random.default_rng(rows)
    price = rng.normal(100, 30, rows).round(2)
    price[rng.random(rows) < 0.1] = np.nan
    stock = rng.integers(0, 1000, rows).astype(float)
    stock[rng.random(rows) < 0.05] = np.nan  # an int column with gaps: pandas reads float64
    words = rng.integers(0, len(WORDS), (rows, 12))
    lengths = rng.integers(1, 13, rows)
    comment = [" ".join(WORDS[w] for w in words[i, : lengths[i]]) for i in range(rows)]
    flag_na = np.where(rng.random(rows) < 0.5, "True", "False").astype(object)
    flag_na[rng.random(rows) < 0.05] = ""
    days = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1500, rows), unit="D")
    frame = pd.DataFrame({
        "id": np.arange(rows),
        "count": rng.integers(-50_000, 50_000, rows),
        "price": price,
        "stock": pd.array(stock, dtype="Int64"),
        "flag": rng.random(rows) < 0.3,
        "flag_na": flag_na,
        "code": ["K%04d" % k for k in rng.integers(0, 5000, rows)],
        "comment": comment,
        "city": [CITIES[k] for k in rng.integers(0, len(CITIES), rows)],
        "day": days.strftime("%Y-%m-%d"),
        "place": [NON_ASCII[k] for k in rng.integers(0, len(NON_ASCII), rows)],
    })
    path = os.path.join(directory, "mixed-%d.csv" % rows)
    frame.to_csv(path, index=False)
    return path


def measure(path, options):
    frame = pd.read_csv(path, **options)
    if "chunksize" in options:
        reader = frame
        frame = reader.get_chunk()
        reader.close()
    return {
        "bytes": int(frame.memory_usage(deep=True).sum()),
        "rows": len(frame),
        "dtypes": {str(name): str(dtype) for name, dtype in frame.dtypes.items()},
    }


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        print(json.dumps([generate(sys.argv[2], int(rows)) for rows in sys.argv[3:]]))
    else:
        print(json.dumps([measure(case["path"], case["options"]) for case in json.load(sys.stdin)]))

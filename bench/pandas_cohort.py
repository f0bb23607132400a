#!/usr/bin/env python3
"""CSV -> monthly cohort matrix in pandas (read_csv + groupby), the pair of bench/ioCases.ts's
cohort case: the same matrix (customers measure; a customer-day of only returns is no purchase
day; cohort = month of first purchase; offsets whose month ends after the last date are left
out) and the same fingerprint (SHA-256 of `yyyy-mm,offset,customers` lines, cohorts then
offsets ascending, customers > 0). Prints {"ms", "cpuMs", "peakMB", "result"} as JSON.

Usage: python3 bench/pandas_cohort.py transactions.csv   (columns: id, date, amount)
"""
import hashlib
import json
import resource
import sys
import time

import pandas as pd

started = time.perf_counter()
cpu_started = time.process_time()
df = pd.read_csv(sys.argv[1], usecols=[0, 1, 2])
df.columns = ["id", "date", "amount"]
df["date"] = pd.to_datetime(df["date"], format="%Y-%m-%d")
as_of = df["date"].max()
# purchase days: a customer-day with a row of amount >= 0 (SPEC §2 "Returns")
days = df.groupby(["id", "date"], sort=False)["amount"].max()
days = days[days >= 0].reset_index()[["id", "date"]]
days["month"] = days["date"].dt.year * 12 + days["date"].dt.month - 1
days["cohort"] = days.groupby("id")["month"].transform("min")
days["offset"] = days["month"] - days["cohort"]
# a month is shown when it has fully elapsed at the as-of date
last_elapsed = as_of.year * 12 + as_of.month - 1 - (0 if as_of.is_month_end else 1)
days = days[days["month"] <= last_elapsed]
matrix = days.groupby(["cohort", "offset"])["id"].nunique()
lines = "".join(
    f"{c // 12}-{c % 12 + 1:02d},{k},{n}\n" for (c, k), n in matrix.items() if n > 0
)
digest = hashlib.sha256(lines.encode()).hexdigest()
ms = (time.perf_counter() - started) * 1000
cpu_ms = (time.process_time() - cpu_started) * 1000
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"ms": ms, "cpuMs": cpu_ms, "peakMB": peak, "result": f"{digest[:16]} ({len(matrix[matrix > 0])} cells)"}))

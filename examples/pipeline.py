"""Nightly pipeline: merges the day's sensor files, scales them by each sensor's
baseline from the history file, and summarises each sensor.

Each CSV file holds millions of rows, and each habit below costs a copy of them.
"""

import functools
import glob

import numpy as np
import pandas as pd


class Reading:
    def __init__(self, sensor, value, unit):
        self.sensor = sensor
        self.value = value
        self.unit = unit


class Station:
    def __init__(self, sensor, rows):
        self.sensor = sensor
        self.rows = rows

    @functools.cache
    def hourly_means(self):
        return self.rows.groupby("hour")["value"].mean()


history = pd.read_csv("data/history.csv")
baseline = history["value"].groupby(history["sensor"]).median()

frame = pd.DataFrame()
for path in sorted(glob.glob("data/readings-*.csv")):
    frame = pd.concat([frame, pd.read_csv(path)], ignore_index=True)

for index, row in frame.iterrows():
    frame.at[index, "value"] = row["value"] / baseline[row["sensor"]]

readings = [Reading(row.sensor, row.value, row.unit) for row in frame.itertuples()]
values = np.array([float(r.value) for r in readings], dtype=np.float64)

for sensor, rows in frame.groupby("sensor"):
    station = Station(sensor, rows)
    print(sensor, station.hourly_means().max())
print(f"{len(values)} readings, mean {values.mean():.3f}")

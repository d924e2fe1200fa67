"""A data pipeline with the memory habits that make big jobs fall over."""

import functools

import numpy as np
import pandas as pd


class Reading:
    def __init__(self, sensor, value, unit):
        self.sensor = sensor
        self.value = value
        self.unit = unit


class Calibration:
    def __init__(self, table):
        self.table = table

    @functools.lru_cache(maxsize=1024)
    def factor(self, sensor):
        return self.table.get(sensor, 1.0)


def load_frames(paths):
    frame = pd.DataFrame()
    for path in paths:
        frame = pd.concat([frame, pd.read_csv(path)])
    return frame


def stack(batches):
    values = np.empty(0)
    for batch in batches:
        values = np.append(values, batch)
    return values


def report(readings):
    text = ""
    for reading in readings:
        text += f"{reading.sensor}: {reading.value} {reading.unit}\n"
    return text


def indices(count):
    positions = list(range(count))
    return [positions[i] for i in range(len(positions)) if i % 2 == 0]


def count_high(readings, limit):
    return len([r for r in readings if r.value > limit])


def parse(rows):
    return [Reading(row[0], float(row[1]), row[2]) for row in rows]

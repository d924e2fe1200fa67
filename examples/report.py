"""A small report over sensor readings: the kind of script that runs out of RAM on big inputs."""

import statistics


def load(path):
    with open(path) as handle:
        return [float(line) for line in handle.readlines()]


def summarise(readings):
    total = sum([r * r for r in readings])
    peak = max([abs(r) for r in readings])
    mean = statistics.mean([r for r in readings if r > 0])
    labels = ", ".join([str(r) for r in readings[:3]])
    return total, peak, mean, labels


def buckets(readings):
    counts = {}
    for key in list(counts.keys()):
        counts[key] = 0
    for value in list(sorted(readings)):
        counts[round(value)] = counts.get(round(value), 0) + 1
    return counts


zeros = [0] * 1000
squares = [i * i for i in range(10_000)]

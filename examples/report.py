"""Summary of a day of sensor readings, one number per line of a text file.

At 100 Hz a sensor logs 8.6 million readings a day: each list this script
builds over them holds hundreds of MB, and most of those lists are not needed.
"""

import statistics
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "readings.txt"

with open(path) as handle:
    readings = [float(line) for line in handle.readlines()]

total = sum([r * r for r in readings])
peak = max([abs(r) for r in readings])
mean = statistics.mean([r for r in readings if r > 0])
above = len([r for r in readings if r > mean])
labels = ", ".join([str(r) for r in readings[:3]])

histogram = [0] * 1000
for bucket in [min(int(abs(r)), 999) for r in readings]:
    histogram[bucket] += 1

positions = list(range(1, len(readings)))
jumps = [i for i in positions if abs(readings[i] - readings[i - 1]) > peak / 2]

rounded = ""
for r in readings:
    rounded += f"{r:.3f}\n"
with open(path + ".rounded", "w") as out:
    out.write(rounded)

print(f"mean square {total / len(readings):.3f}, peak {peak:.3f}, {above} above the mean {mean:.3f}")
print(f"{len(jumps)} jumps; busiest bucket {histogram.index(max(histogram))}; first readings: {labels}")

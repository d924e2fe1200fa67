// The classes both tiers of the instance-list tests build lists of: the fast
// tier (instanceLists.test.ts) and the one measured under python3
// (instanceLists-python.slow.test.ts).
export const CLASSES = String.raw`
from dataclasses import dataclass

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class SlottedPoint:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y

@dataclass
class Pair:
    a: int
    b: float = 0.5

@dataclass(slots=True)
class SlottedPair:
    a: int
    b: float = 0.5

class Tagged:
    def __init__(self, value, label='item'):
        self.value = value
        self.label = label
        self.count = 0

class Wide:
    def __init__(self, a, b, c, d, e):
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e

# The first few dozen instances of a class take more: the figures are for a class past them.
_warm = [C(*([None] * n)) for C, n in ((Point, 2), (SlottedPoint, 2), (Pair, 1), (SlottedPair, 1), (Tagged, 1), (Wide, 5)) for _ in range(100)]
`;

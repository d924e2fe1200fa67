"""Each rule's fix as a transformation of the syntax tree: what the oracle lets a
fix change. A rule with no fix has none, so any change it made would fail."""
from . import mem101, mem102, mem103, mem104, mem105, mem106, mem107, mem110, mem111, mem205, mem401, mem403, mem405, mem406, mem407, mem409, mem413

BY_CODE = {
    "MEM101": mem101.TRANSFORMATIONS,
    "MEM102": mem102.TRANSFORMATIONS,
    "MEM103": mem103.TRANSFORMATIONS,
    "MEM104": mem104.TRANSFORMATIONS,
    "MEM105": mem105.TRANSFORMATIONS,
    "MEM106": mem106.TRANSFORMATIONS,
    "MEM107": mem107.TRANSFORMATIONS,
    "MEM110": mem110.TRANSFORMATIONS,
    "MEM111": mem111.TRANSFORMATIONS,
    "MEM205": mem205.TRANSFORMATIONS,
    "MEM401": mem401.TRANSFORMATIONS,
    "MEM403": mem403.TRANSFORMATIONS,
    "MEM405": mem405.TRANSFORMATIONS,
    "MEM406": mem406.TRANSFORMATIONS,
    "MEM407": mem407.TRANSFORMATIONS,
    "MEM409": mem409.TRANSFORMATIONS,
    "MEM413": mem413.TRANSFORMATIONS,
}


def of(codes):
    """The transformations the rules `codes` may make, in code order."""
    return tuple(t for code in sorted(set(codes)) for t in BY_CODE.get(code, ()))

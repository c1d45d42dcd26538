"""The product category a CWE belongs to, for findings from rules that name no category of ours.

Third-party semgrep rules (the community set used for comparison, a team's own extra rules) say
``category: security``; their CWE still tells which checklist family the weakness is in.
"""

from __future__ import annotations

from reviewer.findings import Category

# fmt: off
_BY_CATEGORY: dict[Category, frozenset[int]] = {
    Category.VALIDATION: frozenset({
        20, 22, 23, 36, 73, 74, 77, 78, 79, 80, 83, 88, 89, 90, 91, 93, 94, 95, 96, 113, 116, 117,
        134, 184, 470, 501, 502, 564, 601, 611, 643, 776, 827, 915, 917, 918, 943, 1236, 1333, 1336,
    }),
    Category.SECRETS: frozenset({200, 209, 210, 211, 215, 259, 312, 321, 522, 532, 538, 798}),
    Category.ACCESS_CONTROL: frozenset({
        284, 285, 287, 306, 345, 346, 347, 352, 489, 566, 639, 640, 862, 863, 942, 1004, 1275, 614,
    }),
    Category.CRYPTO: frozenset({
        295, 297, 319, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 338, 757, 759, 760, 916,
    }),
    Category.CONFIG: frozenset({16, 108, 250, 276, 377, 379, 400, 605, 668, 693, 732, 1188, 1327}),
    Category.DEPENDENCIES: frozenset({829, 1104, 1357}),
}
# fmt: on


def category_for(cwes: tuple[int, ...], default: Category = Category.VALIDATION) -> Category:
    """The first category (in the order above) that holds one of ``cwes``; else ``default``."""
    for category, members in _BY_CATEGORY.items():
        if any(c in members for c in cwes):
            return category
    return default


def parse_category(raw: object, cwes: tuple[int, ...]) -> Category:
    """A rule's own ``metadata.category`` when it is one of ours, else the CWEs' category."""
    try:
        return Category(str(raw))
    except ValueError:
        return category_for(cwes)

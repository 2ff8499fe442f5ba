#!/usr/bin/env python3
"""Sizes of the HTML pages of a built site, for bench/table.sh.

    python3 bench/pagesizes.py SITE_DIR

Prints one line of space-separated fields:

    pages total p50 p90 p99 max largest_path article_median articles

pages: number of `.html` files; total: their bytes; p50, p90, p99, max:
page sizes in bytes at those percentiles (nearest rank); largest_path: the
largest page, relative to SITE_DIR; article_median: median size of the
article pages (`articles/<slug>/index.html`, not the list's own pages under
`articles/page/`), 0 when there are none; articles: how many. Standard
library only.
"""

import math
import os
import statistics
import sys


def percentile(sorted_sizes, p):
    """Nearest-rank percentile of an ascending list (p in 0..100)."""
    if not sorted_sizes:
        return 0
    rank = max(1, math.ceil(p / 100 * len(sorted_sizes)))
    return sorted_sizes[rank - 1]


def main():
    root = sys.argv[1]
    pages = []  # (size, relative path)
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                pages.append((os.path.getsize(path), os.path.relpath(path, root)))
    sizes = sorted(s for s, _ in pages)
    largest = max(pages, default=(0, "-"))
    articles = []
    for size, rel in pages:
        parts = rel.split(os.sep)
        if len(parts) == 3 and parts[0] == "articles" and parts[2] == "index.html" and parts[1] != "page":
            articles.append(size)
    article_median = int(statistics.median(articles)) if articles else 0
    print(
        len(sizes),
        sum(sizes),
        percentile(sizes, 50),
        percentile(sizes, 90),
        percentile(sizes, 99),
        largest[0],
        largest[1].replace(" ", "%20") or "-",
        article_median,
        len(articles),
    )


if __name__ == "__main__":
    main()

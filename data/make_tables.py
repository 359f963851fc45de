"""Write the course's small everyday tables (party.csv, house_prices.csv, spam.csv) into this folder.

Run `python data/make_tables.py` from the repository root. Seeded: the same files every time, and
tests/test_datasets.py checks that the shipped files are exactly what this script writes.
"""

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent


def party_table(n=200, seed=1):
    """Evenings out. A hidden rule decides: friends pull you in, tiredness pulls hard the other way,
    distance a little; a naturally social baseline (a bias) tips close calls towards going."""
    rng = np.random.default_rng(seed)
    distance = np.round(rng.uniform(0.5, 20.0, n), 1)
    tiredness = rng.integers(0, 11, n)
    friends = rng.integers(0, 11, n)
    score = -0.15 * distance - 0.8 * tiredness + 0.9 * friends + 1.0 + rng.normal(0, 0.8, n)
    went = (score > 0).astype(int)
    header = "distance_km,tiredness,friends,went"
    return header, np.column_stack([distance, tiredness, friends, went]), ["%.1f", "%d", "%d", "%d"]


def house_table(n=200, seed=2):
    """Houses: price grows with area and bedrooms, falls with age and with distance from the centre."""
    rng = np.random.default_rng(seed)
    area = np.round(rng.uniform(40, 220, n))
    bedrooms = np.clip(np.round(area / 45 + rng.normal(0, 0.7, n)), 1, 6)
    age = rng.integers(0, 80, n)
    distance = np.round(rng.uniform(0.5, 25, n), 1)
    price = 60 + 2.1 * area + 12 * bedrooms - 0.9 * age - 4.5 * distance + rng.normal(0, 20, n)
    header = "area_m2,bedrooms,age_years,distance_km,price_thousands"
    return (header, np.column_stack([area, bedrooms, age, distance, np.round(price, 1)]),
            ["%d", "%d", "%d", "%.1f", "%.1f"])


def spam_table(n=300, seed=3):
    """Emails as word counts. Spam says 'free', 'win', 'money' and '!' a lot; work mail says 'meeting'."""
    rng = np.random.default_rng(seed)
    spam = rng.random(n) < 0.4
    rates_spam = np.array([2.0, 1.5, 1.8, 0.2, 0.3, 3.0])
    rates_work = np.array([0.3, 0.1, 0.3, 1.5, 1.2, 0.5])
    counts = rng.poisson(np.where(spam[:, None], rates_spam, rates_work))
    header = "free,win,money,meeting,report,exclamations,spam"
    return header, np.column_stack([counts, spam.astype(int)]), ["%d"] * 7


TABLES = {"party.csv": party_table, "house_prices.csv": house_table, "spam.csv": spam_table}


def table_text(make):
    """The CSV text a table generator produces (header line, then one row per example)."""
    header, rows, formats = make()
    lines = [",".join(fmt % value for fmt, value in zip(formats, row)) for row in rows]
    return "\n".join([header, *lines]) + "\n"


if __name__ == "__main__":
    for filename, make in TABLES.items():
        (HERE / filename).write_text(table_text(make))
        print("wrote", HERE / filename)

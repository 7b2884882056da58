#!/usr/bin/env python3
"""Recomputes the station's reports from its case export, with Python's standard library only,
and compares them with the reports the station wrote (docs/reports.md has the definitions).

Usage: check_reports.py DIR
DIR holds cases.csv (`station report cases`) and any of fpy-BY.csv, pareto-BY.csv and
satisfaction-BY.csv (`station report fpy|pareto|satisfaction --by BY --format csv`, BY one of
all, model, category, route, technician, week); with parts.csv (`station report parts`) also
suppliers-all.csv and supplier-returns-all.csv (`station report suppliers|supplier-returns
--format csv`: not grouped). Exits 0 and prints "N reports agree" when every report matches;
otherwise prints each difference and exits 1.
"""
import csv
import datetime
import os
import sys


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def week_of(ms):
    """The Monday (UTC) of the week a time falls in, as YYYY-MM-DD."""
    day = datetime.datetime.fromtimestamp(int(ms) / 1000, tz=datetime.timezone.utc).date()
    return (day - datetime.timedelta(days=day.weekday())).isoformat()


def group_of(case, by, when_column):
    if by == "all":
        return "all"
    if by == "week":
        return week_of(case[when_column])
    if by == "technician":
        return case["technician"]
    return case[by]


def share(part, whole):
    return "" if whole == 0 else "%.4f" % (part / whole)


def fpy(cases, by):
    groups = {}
    for case in cases:
        if case["first_qa"] not in ("passed", "failed"):
            continue
        reached, passed = groups.get(group_of(case, by, "first_qa_ms"), (0, 0))
        groups[group_of(case, by, "first_qa_ms")] = (
            reached + 1, passed + (case["first_qa"] == "passed"))
    return [[group, str(reached), str(passed), share(passed, reached)]
            for group, (reached, passed) in sorted(groups.items())]


def pareto(cases, by):
    groups = {}
    for case in cases:
        if not case["finding"]:
            continue
        counts = groups.setdefault(group_of(case, by, "diagnosed_ms"), {})
        counts[case["finding"]] = counts.get(case["finding"], 0) + 1
    rows = []
    for group in sorted(groups):
        counts = groups[group]
        total = sum(counts.values())
        running = 0
        for finding, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            running += count
            rows.append([group, finding, str(count), share(count, total), share(running, total)])
    return rows


def satisfaction(cases, by):
    groups = {}
    for case in cases:
        if not case["satisfaction_rating"]:
            continue
        rating = int(case["satisfaction_rating"])
        groups.setdefault(group_of(case, by, "rated_ms"), []).append(rating)
    return [[group, str(len(ratings)), "%.2f" % (sum(ratings) / len(ratings)),
             share(sum(1 for r in ratings if r >= 4), len(ratings)),
             share(sum(1 for r in ratings if r <= 2), len(ratings))]
            for group, ratings in sorted(groups.items())]


# Supplier-return reasons that count against the supplier (docs/reports.md, "Suppliers").
DOA, DEFECTIVE = "doa", "damaged"


def suppliers(parts, by):
    counts = {}  # (supplier, sku) -> [used, doa, defective]
    for line in parts:
        if line["kind"] == "used":
            # Whose stock it was is known only when the catalog lists exactly one supplier.
            supplier = line["supplier"] if line["supplier_count"] == "1" else "(not known)"
            counts.setdefault((supplier, line["sku"]), [0, 0, 0])[0] += int(line["qty"])
        elif line["kind"] == "returned" and line["reason"] in (DOA, DEFECTIVE):
            column = 1 if line["reason"] == DOA else 2
            counts.setdefault((line["supplier"], line["sku"]), [0, 0, 0])[column] += int(line["qty"])
    rows = []
    for (supplier, sku), (used, doa, defective) in sorted(counts.items()):
        # Parts per million, rounded to the nearest whole number, halves up.
        ppm = "" if used == 0 else str(((doa + defective) * 2000000 + used) // (2 * used))
        rows.append([supplier, sku, str(used), str(doa), str(defective), ppm])
    return rows


def utc_time(ms):
    """As the station prints a time: 2026-11-23T14:05:09.123Z."""
    moment = datetime.datetime.fromtimestamp(int(ms) // 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (int(ms) % 1000)


def supplier_returns(parts, by):
    rows = []
    batches = [line for line in parts if line["kind"] == "batch" and line["batch_state"] == "open"]
    for batch in sorted(batches, key=lambda b: (int(b["at_ms"]), b["batch"])):
        held = [line for line in parts if line["kind"] == "returned"
                and line["batch"] == batch["batch"] and line["line_state"] == "held"]
        rows.append([batch["batch"], batch["supplier"], utc_time(batch["at_ms"]), str(len(held)),
                     str(sum(int(line["qty"]) for line in held)),
                     str(sum(int(line["qty"]) * int(line["unit_value"]) for line in held))])
    return rows


def read_rows(path):
    table = read_csv(path)
    return [dict(zip(table[0], row)) for row in table[1:]]


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    folder = sys.argv[1]
    cases = read_rows(os.path.join(folder, "cases.csv"))
    parts_path = os.path.join(folder, "parts.csv")
    parts = read_rows(parts_path) if os.path.exists(parts_path) else []
    recompute = {"fpy": lambda by: fpy(cases, by), "pareto": lambda by: pareto(cases, by),
                 "satisfaction": lambda by: satisfaction(cases, by),
                 "suppliers": lambda by: suppliers(parts, by),
                 "supplier-returns": lambda by: supplier_returns(parts, by)}
    checked, differences = 0, []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".csv"):
            continue
        # The report's name may hold a dash itself (supplier-returns): the group is the last part.
        report, _, by = name[:-len(".csv")].rpartition("-")
        if report not in recompute:
            continue
        ours = read_csv(os.path.join(folder, name))[1:]
        expected = recompute[report](by)
        checked += 1
        if ours != expected:
            differences.append("%s: the station wrote %s, the cases give %s" % (name, ours, expected))
    for difference in differences:
        print(difference)
    if differences:
        return 1
    print("%d reports agree" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())

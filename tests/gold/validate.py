#!/usr/bin/env python3
"""Validate a Wikinews gold part: every fragment must occur verbatim (quotes/apostrophes folded) in its article."""
import csv, json, sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / 'tests' / 'data' / 'wikinews'
csv.field_size_limit(10**9)
def fold(s):
    return s.translate(str.maketrans({'\u2019':"'", '\u2018':"'", '`':"'", '\u201c':'"', '\u201d':'"', '\u00a0':' '}))
rows = {}
for f in ['wikinews_2019.csv', 'wikinews_2020.csv']:
    rows[f] = list(csv.DictReader(open(CORPUS / f, encoding='utf-8')))
data = json.load(open(sys.argv[1]))
bad = 0; core = 0; n = 0
for a in data['articles']:
    text = fold(rows[a['file']][a['record']]['text'])
    for s in a['statements']:
        n += 1; core += s.get('core', True)
        for key in ('speaker', 'kind', 'text'):
            if key not in s: print('missing', key, s); bad += 1
        if s['kind'] not in ('direct', 'indirect', 'mixed'): print('bad kind', s); bad += 1
        if fold(s['text']) not in text:
            print(f"NOT FOUND {a['file']}#{a['record']}: {s['text']!r}"); bad += 1
print(f"{len(data['articles'])} articles, {n} statements ({core} core), {bad} problems")
sys.exit(1 if bad else 0)

"""Writes fuzz/seeds/<target>/ from the repository's test data (our messy fixtures, Wikinews rows), the
sample fixture and hand-written cases.

Run from fuzz/: python3 make_seeds.py (the seeds are committed, so this is only for regenerating them).
"""
import csv, io, json, os, glob
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

csv.field_size_limit(10**8)
S = str(ROOT / 'tests' / 'data' / 'messy')
arts = [open(p, 'rb').read() for p in sorted(glob.glob(S + '/*.txt'))]
rows = []
for f in [ROOT / 'tests/data/wikinews/wikinews_2019.csv', ROOT / 'tests/data/wikinews/wikinews_2020.csv']:
    with open(f, newline='', encoding='utf-8') as fh:
        r = csv.reader(fh)
        next(r)
        for i, row in enumerate(r):
            if i >= 40:
                break
            rows.append(row)
short = sorted(rows, key=lambda r: len(r[3]))[:6]  # the shortest wikinews texts
fixture = open(ROOT / 'tests/fixtures/sample_expected.json', 'rb').read()


def w(target, name, data):
    os.makedirs(f'seeds/{target}', exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    open(f'seeds/{target}/{name}', 'wb').write(data)


def csv_text(rs):
    out = io.StringIO()
    wr = csv.writer(out, lineterminator='\r\n')
    wr.writerow(['url', 'date', 'title', 'text'])
    for r in rs:
        wr.writerow(r)
    return out.getvalue()


snippet = "TERVASK, April 30, 2023 (Northwind Wire) – Reyvik said: “The troops must leave.” He added that “déjà vu” is not a policy.\n"
# decode
w('decode', 'seed0.txt', arts[0])
w('decode', 'seed3.txt', arts[3])
w('decode', 'utf16le_bom', b'\xff\xfe' + snippet.encode('utf-16-le'))
w('decode', 'utf16be_nobom', snippet.encode('utf-16-be'))
w('decode', 'utf8_bom', b'\xef\xbb\xbf' + snippet.encode())
w('decode', 'win1252', b'The caf\xe9 \x96 \x93d\xe9j\xe0 vu\x94 said the minister')
w('decode', 'cp1251', 'Путин заявил: «Мы не уйдём».'.encode('cp1251'))
w('decode', 'shift_jis', '岸田首相は「撤退しない」と述べた。'.encode('shift_jis'))
w('decode', 'pdf', b'%PDF-1.7\n...')
w('decode', 'fixture.json', fixture)
# readers: the first byte picks Text, Markdown, Html, Json, JsonLines, Csv
w('readers', 'text', b'\x00' + arts[1])
w('readers', 'markdown', b'\x01' + b'# Kestrand dam\n\n*By Ines Carrow*\n\n' + arts[2][:1500])
html = '''<!doctype html><html><head><title>Dam row | Veloria Today</title>
<meta property="og:site_name" content="Veloria Today"><meta name="author" content="Ines Carrow">
<meta property="article:published_time" content="2019-06-14T09:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam row","datePublished":"2019-06-14","author":{"name":"Ines Carrow"}}</script>
<link rel="canonical" href="https://example.org/dam"></head>
<body><nav>Home | World</nav><article><h1>Farmers fear dry summers</h1><time datetime="2019-06-14">14 June 2019</time>
<p>“We will not accept this,” said the minister, <b>Lena Graves</b>.</p><p>She added that talks &amp; consultation were needed.</p></article>
<footer>© 2019</footer></body></html>'''
w('readers', 'html', b'\x02' + html.encode())
w('readers', 'json_array', b'\x03' + json.dumps([{"title": r[2], "date": r[1], "url": r[0], "text": r[3]} for r in short[:2]], ensure_ascii=False).encode())
w('readers', 'json_wrapper', b'\x03' + b'{"status": "ok", "articles": [{"title": "T", "content": "C", "source": {"id": null, "name": "Kestrand Daily"}}, {"headline": "H", "body": "B \\"q\\" ]"}]}')
w('readers', 'json_fixture', b'\x03' + fixture)
w('readers', 'jsonl', b'\x04' + ('\n'.join(json.dumps({"headline": r[2], "published": r[1], "body": r[3][:600]}, ensure_ascii=False) for r in short[:3]) + '\nnot json\n\n').encode())
w('readers', 'csv', b'\x05' + csv_text(short[:3]).encode())
def pdf(lines):
    """A one-page PDF of Helvetica text lines, as tests/formats/fixtures.rs writes them."""
    content = ''.join(f'BT /F1 {size} Tf 50 {y} Td ({text}) Tj ET\n' for text, y, size in lines).encode('latin-1')
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
               b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
               b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
               b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream']
    out, offsets = bytearray(b'%PDF-1.4\n'), []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return bytes(out)


def tar(members):
    import tarfile
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode='w', format=tarfile.GNU_FORMAT) as archive:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


w('readers', 'pdf', b'\x0b' + pdf([('Kestrand dam row', 720, 18), ('Reyvik said the troops must leave, and that the dam', 690, 10),
                                      ('would be finished next year.', 677, 10), ('Page 1 of 1', 30, 8)]))
w('readers', 'tar', b'\x0c' + tar([('articles/one.txt', arts[0][:2000]), ('articles/two.csv', csv_text(short[:2]).encode())]))
w('readers', 'tsv', b'\x05' + b'title\tdate\ttext\nA\t2020-01-02\tSome text\nB\t2020-01-03\t"quoted\ttab"\n')
# metadata and statements: the five articles and short wikinews texts
for i, a in enumerate(arts):
    w('metadata', f'seed{i}.txt', a)
    w('statements', f'seed{i}.txt', a)
for i, r in enumerate(short[:2]):
    w('metadata', f'wikinews{i}.txt', r[3])
for i, r in enumerate(short[:4]):
    w('statements', f'wikinews{i}.txt', r[3])
w('statements', 'snippet.txt', snippet)
# dates
date_seeds = ['| 22 April 2024, Monday |', 'April 30, 2023 - 21:54', 'Monday, 12 April 2021 2:36 PM',
              'Friday, January 4, 2019\u00a0', 'Published: 3 March 2022', 'Veloria Today, 3 March 2022',
              'TEHRAN, April 30, 2023 (IRNA) – Iran’s President said', '2021-04-12T10:00:00Z',
              'Tue, 1 Jul 2003 10:52:37 +0200', '20210412', '1618221600', '2021/04/12', '2021-04-12-talks.txt',
              'report_20210412.html', 'Sept. 3rd, 2019 at 5.30 p.m. (GMT+3)', 'the 1st of February 2020 on Sat.',
              '12 Apr. 2021', 'Updated 14:05 CEST, Wed 31 Dec 1899']
for i, s in enumerate(date_seeds):
    w('dates', f'd{i:02}', s)
for i, r in enumerate(short[:2]):
    w('dates', f'wikinews{i}', r[3][:400])
# query
queries = ['speaker:"Rouhani" AND topic:troops', 'date:[2020-01 TO *]', 'title:(iran OR iraq) -trump',
           'date:{2021-01-01 TO 2021-06-30]', 'withdr* +iraq NOT "armed forces"', 'topic:t OR topic:loop',
           'type:html has:statements', 'author:“Ines Carrow” outlet:Reuters', 'date:2021-04-12 (a OR (b AND -c))',
           'text:dam speaker:(Graves OR Carrow*)', 'foo:bar', '(unclosed', ':oops', '"open phrase', 'date:[2021 TO]']
for i, q in enumerate(queries):
    w('query', f'q{i:02}', q)

#!/usr/bin/env python3
"""How many of a corpus' reads with a literal path find their file: per repository folder.

    python3 scripts/precision/read-coverage.py CORPUS

A read is `pd.read_*(`, `np.load(`, `np.loadtxt(` or `np.genfromtxt(` whose first argument is
a string literal; its file is found when the path names a file from the notebook's or script's
folder or from the repository's root (the folders memhints tries). Prints folder, found,
missing, URLs (not files) and a few of the missing paths, tab-separated. A plain text scan:
a path built from variables is not counted.
"""
import json, os, re, sys
root = sys.argv[1]
READ = re.compile(r"""(?:pd|pandas|np|numpy)\.(?:read_csv|read_table|read_excel|read_json|read_parquet|load|loadtxt|genfromtxt)\(\s*[rf]?(['"])([^'"\n]+)\1""")
for folder in sorted(os.listdir(root)):
    base = os.path.join(root, folder); found = missing = 0; urls = 0; miss = []
    for d, _, files in os.walk(base):
        for f in files:
            p = os.path.join(d, f)
            if f.endswith('.py'): text = open(p, encoding='utf8', errors='replace').read()
            elif f.endswith('.ipynb'):
                try: nb = json.load(open(p, encoding='utf8'))
                except Exception: continue
                cells = nb.get('cells') or [c for w in nb.get('worksheets', []) for c in w.get('cells', [])]
                text = '\n'.join(''.join(c.get('source', c.get('input', ''))) if isinstance(c.get('source', c.get('input', '')), list) else c.get('source', c.get('input', '')) for c in cells if c.get('cell_type') == 'code')
            else: continue
            for m in READ.finditer(text):
                path = m.group(2)
                if '://' in path: urls += 1; continue
                if any(os.path.isfile(os.path.join(b, path)) for b in (d, base)): found += 1
                else: missing += 1; miss.append(path)
    print(f"{folder}\t{found}\t{missing}\t{urls}\t{', '.join(sorted(set(miss))[:6])}")

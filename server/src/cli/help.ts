// The texts of `memhints --help` and of each command's --help.

export const MAIN_HELP = `memhints: find Python code that holds more memory than it needs

Usage:
  memhints check [PATH...] [OPTIONS]   check files and directories (see memhints check --help)
  memhints measure FILE [-- ARGS]      run a script and report the memory its
                                       lines held at peak and at the end (see
                                       memhints measure --help)
  memhints rule CODE                   print a rule's documentation (Markdown)
  memhints rule --all                  list every rule: code, name and summary
  memhints --version                   print the version
  memhints --help                      print this help
`;

export const CHECK_HELP = `Usage: memhints check [PATH...] [OPTIONS]

Checks Python files and Jupyter notebooks. A directory is searched
recursively for *.py and *.ipynb files, skipping virtual environments (any
directory holding pyvenv.cfg), the usual tool and build directories (.git .hg
.svn .bzr .tox .nox .venv venv .mypy_cache .ruff_cache .pytype .eggs .direnv
.pants.d .git-rewrite .ipynb_checkpoints __pypackages__ _build buck-out dist
node_modules site-packages), paths that .gitignore files exclude, and
--exclude patterns. A file named on the command line is always checked,
whatever its name. No PATH means the current directory.

Options:
  --format FORMAT       output format (default: text)
                          text:   path:line:column: CODE message, with [*] when
                                  a fix is available, then a summary line; in a
                                  notebook path:cell N:line:column: ...
                          json:   one array of {file, line, column, endLine,
                                  endColumn, code, message, severity, scale,
                                  holds, fix}; scale is small, large or
                                  unknown; holds is null or {bytes, perItem,
                                  count, approximate, text};
                                  lines and columns are 1-based, columns count
                                  Unicode code points; fix is null or
                                  {safety, edits}; in a notebook, findings and
                                  edits add cell; a finding reported once for
                                  several lines adds related: [{line, column,
                                  endLine, endColumn, message}]
                          sarif:  a SARIF 2.1.0 log (for code scanning tools),
                                  with the rules, the results and their fixes
                          github: GitHub Actions workflow commands
                                  (::warning file=...,line=...::message), which
                                  annotate the lines of a pull request
  --statistics          print one line per rule instead of the findings:
                        count, code, [*] when some are fixable, summary; most
                        frequent first (text or json format)
  --fix                 apply safe fixes and write the files back
  --unsafe-fixes        also apply (with --fix) and count as fixable the fixes
                        that may change behaviour
  --diff                print a unified diff of the fixes instead of writing
                        them (text format only)
  --select CODES        comma-separated rule codes or prefixes to check (MEM1,MEM201)
  --ignore CODES        comma-separated rule codes or prefixes to skip
  --exclude PATTERNS    comma-separated .gitignore-style patterns of paths to
                        skip while searching directories, relative to the
                        current directory
  --ignore-noqa         report findings on lines marked # noqa too
  --report-small        also report findings of small scale (bounded by
                        literals or a known count, holding under 64 KiB), as
                        hints; by default they are left out
  --exit-zero           exit with 0 even when findings remain
  --no-progress         never show the progress line (shown on a terminal
                        when more than 200 files are checked)
  -j, --jobs N          check files in N threads (this one and N - 1 worker
                        threads) when there is enough to check (default: 1,
                        and 1 more for each CPU core the load average leaves
                        idle in whole or in part, at most 1 per core); 1
                        checks them one after another in a single thread
  --max-file-size BYTES skip (with a notice) files larger than this
                        (default: 2097152, i.e. 2 MiB)
  --memory-budget SIZE  the memory the checked programs may take, in bytes or
                        as a size such as 16GiB or 512MB: MEM404 warns on a
                        read of a data file under the current directory that
                        would take more than half of it (default: 0, the
                        memory of this machine)
  --data-sample-size SIZE
                        read at most this much of each data file to estimate
                        a read of it (default: 1MiB)
  -h, --help            print this help

Settings come from [tool.memhints] in the nearest pyproject.toml above each
file (select, ignore, severity, python-version, report-small, small-threshold,
memory-budget, data-sample-size, and exclude: .gitignore-style patterns
relative to that file). --select replaces its select, --ignore adds to its
ignore, --memory-budget and --data-sample-size replace theirs.

Paths in the output (and "file" in JSON) are relative to the current
directory, or absolute for files outside it.

Summaries ("Found ...", "Fixed ...") go to standard output with the text
format and to standard error with the others, so that standard output holds
exactly one JSON array, one SARIF log, or the workflow commands.

A file that cannot be read (missing permission, not valid UTF-8, a malformed
notebook) is reported on standard error and skipped; the other files are
still checked. Files memhints declines to parse (over --max-file-size, or
nested deeper than Python itself allows) get a notice on standard error and do
not change the exit code.

Exit codes:
  0  no findings (or --exit-zero); with --diff: nothing to fix
  1  findings remain (after --fix: those not fixed); with --diff: there are fixes
  2  a usage error, an invalid pyproject.toml, or a file or directory that
     could not be read or written (even with --exit-zero)
`;

export const RULE_HELP = `Usage: memhints rule CODE
       memhints rule --all

Prints the documentation of the rule CODE (such as MEM101) as Markdown: what it
flags, why it costs memory, an example and what to write instead, whether its
fix is safe. The same pages are in docs/rules/ of the repository.

Options:
  --all        list every rule, one per line: code, name and summary
  -h, --help   print this help
`;

export const MEASURE_HELP = `Usage: memhints measure FILE [OPTIONS] [-- ARGS...]

Runs the Python script FILE (as "python3 FILE ARGS..." would, with __name__
== "__main__") under tracemalloc, and reports what it did cost: the memory
each of its lines held when the traced memory was at its highest ("at peak"),
and what it still held when the script ended ("at end": allocated and not
freed), largest at the peak first, then largest at the end, and the overall
peak. Memory allocated in a library counts against the line of FILE that
called it, and rows under that line say where its memory at the peak went: its
largest allocation sites, each as the frames from the allocation back towards
the line. The script's standard output and error are shown after the report.

This runs the script: measure only code you trust.

Options:
  --python PATH          the Python interpreter (default: python3)
  --timeout SECONDS      stop the script after this long (default: no limit)
  --memory-limit MB      limit the address space of the whole Python process,
                         interpreter and tracer included, to MB MiB; the script
                         stops with a MemoryError beyond it (default: no limit)
  --format FORMAT        text (default): a table of file:line, size and memory
                         blocks at peak, size at end, and the line's source;
                         json: one object {file, python, outcome: {kind, ...},
                         message, peakBytes, snapshotBytes, endBytes,
                         maxRssBytes, seconds, sampling: {lines, frames,
                         snapshots, snapshotSeconds, clearedBytes,
                         largestSnapshotBlocks}, lines: [{file, line,
                         bytes, count, sites: [{frames: [{file, line, code}],
                         moreFrames, bytes, count}], allocatedBytes,
                         allocatedCount, source}], timeline: [{seconds,
                         tracedBytes, rssBytes, line}], stdout, stderr,
                         outputTruncated}; bytes and count are at peak,
                         allocatedBytes and allocatedCount at end
  --top N                show the N largest lines (default: 20; 0: all)
  --plot FILE.svg        also draw the memory over time as an SVG image: the
                         traced memory and the process's resident set, and the
                         highest sample marked with the line running then
  --frames N             frames tracemalloc keeps per allocation (default: 16):
                         memory a library allocates deeper below a line of
                         FILE is charged to no line (what an import loads is
                         charged to the import's line whatever its depth);
                         fewer cost less on code that allocates deep
  -h, --help             print this help

The figures at peak come from a tracemalloc snapshot taken at a line where
the traced memory was highest among those sampled (each line the first time it
runs in every 5 ms; a new snapshot each time the memory grows by a fifth, as
long as snapshots have cost at most a fifth of the run, and one at the end), so
they can be below the overall peak, which tracemalloc measures exactly; a line
whose memory came after that point shows 0 bytes at peak and its memory at end.
Tracing costs about what tracemalloc itself costs (often 3 to 7 times the
script's time alone), and the process grows by tracemalloc's own tables and a
snapshot (about 250 bytes for each memory block alive).

Exit codes:
  0  the script ran to its end (or called sys.exit(0))
  1  the script raised an exception, exited with another code, or hit the
     time or memory limit
  2  a usage error, FILE not found, or the interpreter could not be run
`;

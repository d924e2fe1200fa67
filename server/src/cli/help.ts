// The texts of `memhints --help`, `memhints check --help` and `memhints rule --help`.

export const MAIN_HELP = `memhints: find Python code that holds more memory than it needs

Usage:
  memhints check [PATH...] [OPTIONS]   check files and directories (see memhints check --help)
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
                                  endColumn, code, message, severity, fix};
                                  lines and columns are 1-based, columns count
                                  Unicode code points; fix is null or
                                  {safety, edits}; in a notebook, findings and
                                  edits add cell
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
  --exit-zero           exit with 0 even when findings remain
  --no-progress         never show the progress line (shown on a terminal
                        when more than 200 files are checked)
  -j, --jobs N          check files in N worker threads when there are more
                        than 50 (default: the number of CPU cores); 1 checks
                        them one after another in a single thread
  -h, --help            print this help

Settings come from [tool.memhints] in the nearest pyproject.toml above each
file (select, ignore, severity, python-version, and exclude: .gitignore-style
patterns relative to that file). --select replaces its select, --ignore adds
to its ignore.

Paths in the output (and "file" in JSON) are relative to the current
directory, or absolute for files outside it.

Summaries ("Found ...", "Fixed ...") go to standard output with the text
format and to standard error with the others, so that standard output holds
exactly one JSON array, one SARIF log, or the workflow commands.

A file that cannot be read (missing permission, not valid UTF-8) is reported
on standard error and skipped; the other files are still checked.

Exit codes:
  0  no findings (or --exit-zero); with --diff: nothing to fix
  1  findings remain (after --fix: those not fixed); with --diff: there are fixes
  2  a usage error, an invalid pyproject.toml, or a file or directory that
     could not be read or written
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

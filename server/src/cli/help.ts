// The texts of `memhints --help` and `memhints check --help`.

export const MAIN_HELP = `memhints: find Python code that holds more memory than it needs

Usage:
  memhints check [PATH...] [OPTIONS]   check files and directories (see memhints check --help)
  memhints --version                   print the version
  memhints --help                      print this help
`;

export const CHECK_HELP = `Usage: memhints check [PATH...] [OPTIONS]

Checks Python files. A directory is searched recursively for *.py files,
skipping virtual environments (any directory holding pyvenv.cfg), the usual
tool and build directories (.git .hg .svn .bzr .tox .nox .venv venv
.mypy_cache .ruff_cache .pytype .eggs .direnv .pants.d .git-rewrite
__pypackages__ _build buck-out dist node_modules site-packages), paths that
.gitignore files exclude, and --exclude patterns. A file named on the command
line is always checked, whatever its name. No PATH means the current directory.

Options:
  --format text|json    output format (default: text)
                          text: path:line:column: CODE message, with [*] when
                                a fix is available, then a summary line
                          json: one array of {file, line, column, endLine,
                                endColumn, code, message, severity, fix}; lines
                                and columns are 1-based, columns count Unicode
                                code points; fix is null or {safety, edits}
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
  --max-file-size BYTES skip (with a notice) files larger than this
                        (default: 2097152, i.e. 2 MiB)
  -h, --help            print this help

Paths in the output (and "file" in JSON) are relative to the current
directory, or absolute for files outside it.

Summaries ("Found ...", "Fixed ...") go to standard output with the text
format and to standard error with the json format, so that standard output
is exactly one JSON array.

A file that cannot be read (missing permission, not valid UTF-8) is reported
on standard error and skipped; the other files are still checked. Files
memhints declines to parse (over --max-file-size, or nested deeper than Python
itself allows) get a notice on standard error and do not change the exit code.

Exit codes:
  0  no findings (or --exit-zero); with --diff: nothing to fix
  1  findings remain (after --fix: those not fixed); with --diff: there are fixes
  2  a usage error, or a file or directory that could not be read or written
`;

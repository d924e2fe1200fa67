#!/usr/bin/env bash
# Installs the CPython builds the size model is checked against besides the
# machine's python3: Debian's python3.9 (bullseye) and python3.13 (trixie),
# each with its suite's numpy (1.19 and 2.2), the BLAS, LAPACK and Fortran
# runtime numpy links to, and its suite's pandas (1.1 and 2.2), scipy (1.6 and
# 1.15) and requests (2.25 and 2.32), for the rules' measured premises,
# unpacked from their .deb files into a cache folder
# (nothing is installed system-wide), with one wrapper per version in $PYTHONS/bin:
#   python3.9   runs directly on glibc 2.31+
#   python3.13  needs glibc 2.38+, so it runs through trixie's own loader and libc
# Debian's current suites have no 3.8, 3.10 or 3.12 (bookworm has 3.11, sid 3.14+).
# Idempotent: a version whose wrapper already runs and imports numpy, pandas,
# scipy and requests is skipped (an older cache without them is installed again). Where apt-get, dpkg-deb or
# the network is missing it says so and exits 0; the tests then skip those
# versions (or fail, under CI=true).
set -uo pipefail

PYTHONS="${MEMHINTS_PYTHONS:-${XDG_CACHE_HOME:-$HOME/.cache}/memhints-pythons}"
APT="$PYTHONS/apt"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
MIRROR="${MEMHINTS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# version  suite     packages (the 3.13 root also gets trixie's libc and C++
# runtime, kept out of the 3.9 root). Packages that several suites have are
# pinned to the version's suite: both suites' lists are loaded at once.
VERSIONS=(3.9 3.13)
declare -A SUITE=([3.9]=bullseye [3.13]=trixie)
NUMPY_PACKAGES="python3-numpy libblas3 liblapack3 libgfortran5 libquadmath0"
# pytz is python3-tz in bullseye and python3-pytz in trixie (python3-tz is only a transitional name there).
PANDAS_PACKAGES="python3-pandas python3-pandas-lib python3-dateutil python3-six"
# scipy's optimize links liblbfgsb0 in bullseye (trixie builds it in), and its
# callbacks import ctypes, whose libffi.so.7 bullseye alone has.
SCIPY_PACKAGES="python3-scipy python3-decorator"
# requests' charset detection is chardet in bullseye, charset-normalizer (compiled) in trixie.
REQUESTS_PACKAGES="python3-requests python3-urllib3 python3-idna python3-certifi python3-chardet"
declare -A PACKAGES=(
  [3.9]="python3.9-minimal libpython3.9-minimal libpython3.9-stdlib $NUMPY_PACKAGES $PANDAS_PACKAGES python3-tz python3-pkg-resources $SCIPY_PACKAGES liblbfgsb0 libffi7 $REQUESTS_PACKAGES"
  [3.13]="python3.13-minimal libpython3.13-minimal libpython3.13-stdlib $NUMPY_PACKAGES python3-numpy-dev $PANDAS_PACKAGES python3-pytz libc6 libstdc++6 libgcc-s1 $SCIPY_PACKAGES $REQUESTS_PACKAGES python3-charset-normalizer"
)
declare -A OWN_LOADER=([3.9]=no [3.13]=yes)
# Where Debian puts the libraries and the loader, per architecture.
case "$(dpkg --print-architecture 2>/dev/null)" in
  arm64) TRIPLET=aarch64-linux-gnu LOADER=ld-linux-aarch64.so.1 ;;
  *) TRIPLET=x86_64-linux-gnu LOADER=ld-linux-x86-64.so.2 ;;
esac

step() { printf '[pythons] %s\n' "$*"; }

wrapper() { printf '%s/bin/python%s' "$PYTHONS" "$1"; }

runs() { "$(wrapper "$1")" -c 'import array, sys, tracemalloc' >/dev/null 2>&1; }

hasNumpy() { "$(wrapper "$1")" -c 'import array, sys, tracemalloc, numpy' >/dev/null 2>&1; }

hasPandas() { "$(wrapper "$1")" -c 'import array, sys, tracemalloc, numpy, pandas' >/dev/null 2>&1; }

works() { "$(wrapper "$1")" -c 'import array, sys, tracemalloc, numpy, pandas, scipy.sparse, requests' >/dev/null 2>&1; }

versions() { "$(wrapper "$1")" -c 'import sys, numpy, pandas, scipy, requests; print(sys.version.split()[0], "with numpy", numpy.__version__, "pandas", pandas.__version__, "scipy", scipy.__version__, "and requests", requests.__version__)'; }

# Unpacking skips the packages' postinst, which byte-compiles them (py3compile).
# Without .pyc files every process compiles what it imports from source
# (import pandas: 1.2 s against 0.26 s on 3.13, 0.87 s against 0.22 s on 3.9),
# and under PYTHONDONTWRITEBYTECODE, or in a cache it cannot write, it stays so.
compiled() { [ -e "$PYTHONS/root-$1/.compiled" ]; }
byteCompile() {
  local root="$PYTHONS/root-$1"
  step "byte-compile python$1's standard library and its packages (tests left out)"
  "$(wrapper "$1")" -m compileall -q -x '/tests?/' "$root/usr/lib/python$1" "$root/usr/lib/python3/dist-packages" >/dev/null 2>&1
  touch "$root/.compiled"
}

# One install at a time per cache folder (test runs in parallel share it).
mkdir -p "$PYTHONS"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$PYTHONS/.lock"
  flock 9
fi

missing=()
for version in "${VERSIONS[@]}"; do
  if works "$version"; then
    step "python$version already installed ($(versions "$version"))"
    compiled "$version" || byteCompile "$version"
  else
    missing+=("$version")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

for tool in apt-get dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    step "NOTE: $tool not found (not a Debian-like system): ${missing[*]/#/python} not installed; their size checks are skipped outside CI"
    exit 0
  fi
done
if [ ! -r "$KEYRING" ]; then
  step "NOTE: $KEYRING not found: ${missing[*]/#/python} not installed; their size checks are skipped outside CI"
  exit 0
fi

mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$PYTHONS/debs" "$PYTHONS/bin"
: >"$APT/sources.list"
for version in "${missing[@]}"; do
  line="deb [signed-by=$KEYRING] $MIRROR ${SUITE[$version]} main"
  grep -qxF "$line" "$APT/sources.list" || printf '%s\n' "$line" >>"$APT/sources.list"
done
# Only these sources and this state: the machine's own apt configuration is left alone.
OPTIONS=(
  -o "Dir::Etc::SourceList=$APT/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o Debug::NoLocking=1
  -o APT::Sandbox::User=root -q
)

step "apt-get update (${missing[*]/#/python})"
if ! apt-get "${OPTIONS[@]}" update >"$APT/update.log" 2>&1; then
  step "NOTE: apt-get update failed (offline?), see $APT/update.log: ${missing[*]/#/python} not installed"
  exit 0
fi

failed=0
for version in "${missing[@]}"; do
  root="$PYTHONS/root-$version"
  debs="$PYTHONS/debs/$version"
  read -r -a packages <<<"${PACKAGES[$version]}"
  packages=("${packages[@]/%//${SUITE[$version]}}")
  step "apt-get download ${packages[*]}"
  rm -rf "$debs" "$root.new" "$root.old"
  mkdir -p "$debs" "$root.new"
  if ! (cd "$debs" && apt-get "${OPTIONS[@]}" download "${packages[@]}" >"$debs/download.log" 2>&1); then
    step "NOTE: download failed, see $debs/download.log: python$version not (re)installed"
    rm -rf "$root.new"
    failed=1
    continue
  fi
  for deb in "$debs"/*.deb; do
    step "unpack $(basename "$deb")"
    dpkg-deb -x "$deb" "$root.new"
  done
  rm -f "$debs"/*.deb
  # Debian reaches libblas.so.3 and liblapack.so.3 in their blas/ and lapack/
  # folders through update-alternatives links, which unpacking does not make:
  # the wrappers put those folders on the library path instead.
  lib="$root/usr/lib/$TRIPLET"
  if [ "${OWN_LOADER[$version]}" = yes ]; then
    cat >"$(wrapper "$version").new" <<EOF
#!/bin/sh
# Debian ${SUITE[$version]}'s python$version with numpy, through its own loader and libc (newer than the machine's).
L="$lib"
PYTHONHOME="$root/usr" exec "\$L/$LOADER" --library-path "\$L:\$L/blas:\$L/lapack:/usr/lib/$TRIPLET:/lib/$TRIPLET" "$root/usr/bin/python$version" "\$@"
EOF
  else
    cat >"$(wrapper "$version").new" <<EOF
#!/bin/sh
# Debian ${SUITE[$version]}'s python$version with numpy, unpacked from their .deb files.
L="$lib"
LD_LIBRARY_PATH="\$L:\$L/blas:\$L/lapack\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" PYTHONHOME="$root/usr" exec "$root/usr/bin/python$version" "\$@"
EOF
  fi
  chmod +x "$(wrapper "$version").new"
  # Test runs may be using the old root: swap folders and wrapper in one go.
  [ -d "$root" ] && mv "$root" "$root.old"
  mv "$root.new" "$root"
  mv "$(wrapper "$version").new" "$(wrapper "$version")"
  rm -rf "$root.old"
  if works "$version"; then
    byteCompile "$version"
    step "python$version installed: $(wrapper "$version") ($(versions "$version"))"
  elif hasPandas "$version"; then
    step "NOTE: python$version, its numpy and pandas run but scipy.sparse or requests cannot be imported (their checks are skipped):"
    "$(wrapper "$version")" -c 'import scipy.sparse, requests' 2>&1 | tail -3 | sed 's/^/[pythons]   /'
    byteCompile "$version"
    failed=1
  elif hasNumpy "$version"; then
    step "NOTE: python$version and its numpy run but pandas cannot be imported (its pandas checks are skipped):"
    "$(wrapper "$version")" -c 'import pandas' 2>&1 | tail -3 | sed 's/^/[pythons]   /'
    rm -rf "$root/usr/lib/python3/dist-packages/pandas"
    failed=1
  elif runs "$version"; then
    step "NOTE: python$version runs but cannot import numpy (its numpy cases are skipped):"
    "$(wrapper "$version")" -c 'import numpy' 2>&1 | tail -3 | sed 's/^/[pythons]   /'
    # Without the package the oracle reports numpy as missing instead of failing.
    rm -rf "$root/usr/lib/python3/dist-packages/numpy"
    failed=1
  else
    step "NOTE: python$version was unpacked but does not run:"
    "$(wrapper "$version")" -c 'import array, sys, tracemalloc' 2>&1 | sed 's/^/[pythons]   /'
    rm -f "$(wrapper "$version")"
    failed=1
  fi
done
if [ "$failed" -eq 0 ]; then
  # The package lists are only needed to install; the interpreters stay.
  rm -rf "$APT/lists" "$PYTHONS/debs"
else
  step "NOTE: some interpreters or their numpy, pandas, scipy or requests are missing; those checks are skipped outside CI"
fi
exit 0

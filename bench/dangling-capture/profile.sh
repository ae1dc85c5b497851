#!/bin/sh
# Measures refcycle-dangling-capture on a real-header TU (Boost.Asio, needs
# libboost-dev) with clang-tidy --enable-check-profile, next to the CPU time of
# the whole clang-tidy run (parsing included).
#   bench/dangling-capture/profile.sh <clang-tidy> <librefcycle_tidy.so> [runs]
set -eu
tidy=$1
plugin=$2
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  /usr/bin/time -f "run $i: whole clang-tidy run %U s user + %S s sys (%e s wall)" \
    "$tidy" --load="$plugin" --checks='-*,refcycle-dangling-capture' \
    --enable-check-profile "$here/asio_session.cpp" -- -std=c++17 2>&1 |
    grep -E 'Total Execution Time|whole clang-tidy run'
done

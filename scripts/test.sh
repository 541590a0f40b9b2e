#!/usr/bin/env bash
# Command 2: install what is missing, build, and run every test (unit, CLI, GUI under Xvfb).
source "$(dirname "$0")/common.sh"
jiayi_install_packages
jiayi_build
cd "$JIAYI_BUILD"
ctest --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"

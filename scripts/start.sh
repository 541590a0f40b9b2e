#!/usr/bin/env bash
# Command 1: install what is missing, build, create a local database with a demo township on
# first start, and open the workstation. Options go to the GUI (e.g. --lang en).
source "$(dirname "$0")/common.sh"
jiayi_install_packages
jiayi_build
DB="${JIAYI_DB:-$HOME/.local/share/jiayi/jiayi.db}"
if [ ! -f "$DB" ]; then
  echo "jiayi: creating $DB with a demo township (${JIAYI_DEMO_RESIDENTS:-20000} residents)"
  "$JIAYI_BUILD/cli/jiayi-cli" --db "$DB" init >/dev/null
  # --users: the demo's village doctors, the township hospital's doctor, a supervisor and an
  # administrator, each with the password printed below; the site is encrypted from then on.
  "$JIAYI_BUILD/cli/jiayi-cli" --db "$DB" demo --residents "${JIAYI_DEMO_RESIDENTS:-20000}" --seed 1 --users
fi
exec "$JIAYI_BUILD/gui/jiayi" --db "$DB" "$@"

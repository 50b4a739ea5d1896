# SPDX-License-Identifier: MIT
# test_setup_deps.sh - scripts/setup-deps installs only what is missing,
# and says nothing and changes nothing when everything is there, so
# `scripts/test` can run it every time. Run on a copy of the script, with
# dpkg-query, apt-get, sudo, node and npm replaced by stand-ins that
# record what they were asked: no package is really installed.
SCRIPTS=$(cd "$(dirname "$0")/../../scripts" && pwd)
. "$(dirname "$0")/lib.sh"

mkdir -p tree/scripts tree/tests/browser bin
cp "$SCRIPTS/setup-deps" tree/scripts/
printf '#!/bin/sh\nexit 0\n' >tree/tests/browser/setup
# A package is installed unless $MISSING names it.
cat >bin/dpkg-query <<'STUB'
#!/bin/sh
for last; do :; done
for pkg in $MISSING; do [ "$pkg" = "$last" ] && exit 1; done
printf 'install ok installed'
STUB
printf '#!/bin/sh\necho "apt-get $*" >>"%s/apt.log"\n' "$WORK" >bin/apt-get
printf '#!/bin/sh\nexec "$@"\n' >bin/sudo
printf '#!/bin/sh\nexit 0\n' >bin/node
cp bin/node bin/npm
chmod +x bin/* tree/scripts/setup-deps tree/tests/browser/setup
export PATH="$WORK/bin:$PATH"

export MISSING=""
for time in first second; do
	run 0 "all present ($time run)" -- sh tree/scripts/setup-deps
	[ ! -s "$OUT" ] && [ ! -s "$ERR" ] && ok || bad "all present ($time run): not silent"
done
[ ! -e apt.log ] && ok || bad "apt-get ran with everything present"

MISSING="libcmocka-dev sqlite3"
run 0 "two missing" -- sh tree/scripts/setup-deps
if [ "$(cat "$ERR")" = "setup-deps: installing libcmocka-dev sqlite3" ]; then ok
else bad "two missing: stderr does not name exactly the missing packages"; fi
grep -q "^apt-get update" apt.log && ok || bad "apt-get update not run"
if grep "^apt-get install" apt.log | grep -qE ' libcmocka-dev sqlite3$'; then ok
else bad "apt-get install is not given exactly the missing packages"; fi

finish

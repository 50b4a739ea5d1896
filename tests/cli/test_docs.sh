# SPDX-License-Identifier: MIT
# test_docs.sh - the docs cannot fall behind the CLI: every command the
# help lists, every subcommand its usage lines show and every long option
# its help names appears in docs/portal.1 (in the command's own section)
# and in docs/cli.md.
DOCS=$(cd "$(dirname "$0")/../../docs" && pwd)
. "$(dirname "$0")/lib.sh"

# The man page as plain text: font changes and escapes removed, one
# section per command, from `.SS "portal CMD"` to the next heading.
sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(..//g' \
	"$DOCS/portal.1" >"$WORK/man.txt"
man_section() {
	awk -v h=".SS \"portal $1\"" '$0 == h { on = 1; next } /^\.S[SH]/ { on = 0 } on' \
		"$WORK/man.txt"
}

# has NAME FILE PATTERN: FILE has a line matching the extended regex.
has() {
	if grep -qE -- "$3" "$2"; then ok; else bad "$1"; fi
}

run 0 "help" -- "$PORTAL" --help
commands=$(awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' "$OUT")
[ -n "$commands" ] && ok || bad "no commands in portal --help"
for opt in --db --json --version; do
	has "portal.1 lacks the global option $opt" "$WORK/man.txt" "$opt"
done

for cmd in $commands; do
	run 0 "$cmd --help" -- "$PORTAL" "$cmd" --help || continue
	man_section "$cmd" >"$WORK/section.txt"
	if [ -s "$WORK/section.txt" ]; then ok; else bad "portal.1 has no section 'portal $cmd'"; fi
	has "cli.md lacks 'portal $cmd'" "$DOCS/cli.md" "portal $cmd( |\`|$)"

	# Subcommands: the word after `portal CMD` on a usage line, when it
	# is a word and not a placeholder or an option.
	subs=$(sed -n "s/^\(usage:\)\{0,1\} *portal $cmd \([a-z][a-z-]*\).*/\2/p" "$OUT" | sort -u)
	for sub in $subs; do
		has "portal.1 lacks 'portal $cmd $sub'" "$WORK/section.txt" "portal $cmd $sub( |$)"
		has "cli.md lacks 'portal $cmd $sub'" "$DOCS/cli.md" "$cmd $sub( |\`|$)"
	done

	for opt in $(grep -oE -- '--[a-z][a-z-]*' "$OUT" | sort -u); do
		[ "$opt" = --help ] && continue
		has "portal.1 lacks $opt in 'portal $cmd'" "$WORK/section.txt" "$opt([^a-z-]|$)"
		has "cli.md lacks $opt" "$DOCS/cli.md" "$opt([^a-z-]|$)"
	done
done

finish

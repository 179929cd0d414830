#!/usr/bin/env bash
# The command line's options (app/cli_options.c): getopt_long parsing,
# --help of every command, built-in scenarios by name, the man page and
# bash completion made from the same tables, progress on a terminal
# only, and an installed faultsim run from elsewhere.
# usage: test_cli_options.sh BINDIR BUILDDIR [CMAKE]
bindir=$(cd "$1" && pwd) build=$(cd "$2" && pwd) cmake=${3:-cmake}
src=$(cd "$(dirname "$0")/../.." && pwd)
# check, one_line, summary; bin, tmp (removed on exit)
. "$(dirname "$0")/lib.sh" "$bindir"

same() {	# same NAME FILE1 FILE2
	if cmp -s "$2" "$3"; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1: $2 and $3 differ: $(diff "$2" "$3" | head -5)"
		fail=$((fail + 1))
	fi
}


# --help of every command: exit 0, the usage line, every option, an example
declare -A opts=(
	[demo]='--kconfig --seed --aggregations --help'
	[run]='--kconfig --seed --strategy --iterations --pct-depth --preemption-bound --out --design --sink --granularity --reduction --param --plant --quiet --help'
	[replay]='--log --help'
	[shrink]='-o --out --max-runs --help'
	[kunit]='--kconfig --seed --help'
	[matrix]='--out --strategy --iterations --seed --preemption-bound --designs --kconfigs --scenarios --quiet --help'
	[list]='--help'
)
for c in demo run replay shrink kunit matrix list; do
	"$bin" "$c" --help >"$tmp/help-$c.txt" 2>&1
	st=$?
	missing=
	for o in ${opts[$c]}; do
		grep -qE -- "^  (-[a-z], )?$o( |$)|^  $o," "$tmp/help-$c.txt" ||
			missing="$missing $o"
	done
	if [ $st -eq 0 ] && [ -z "$missing" ] &&
	   grep -q "^usage: faultsim $c" "$tmp/help-$c.txt" &&
	   grep -A1 '^example:' "$tmp/help-$c.txt" | grep -q "^  faultsim $c "; then
		echo "ok - $c --help"
		pass=$((pass + 1))
	else
		echo "not ok - $c --help: exit $st, missing:$missing: $(cat "$tmp/help-$c.txt")"
		fail=$((fail + 1))
	fi
	"$bin" "$c" -h >"$tmp/h-$c.txt" 2>&1
	same "$c -h is --help" "$tmp/help-$c.txt" "$tmp/h-$c.txt"
done
check help-lists-commands 0 '^  list kconfigs' -- "$bin" --help
for c in demo run replay shrink kunit matrix list; do
	check "help-lists-$c" 0 "^  $c( |$)" -- "$bin" --help
done
"$bin" help run >"$tmp/help-run2.txt" 2>&1
same help-run "$tmp/help-run.txt" "$tmp/help-run2.txt"
check help-wins 0 '^usage: faultsim run' -- "$bin" run --seed x --help
check help-other-kconfig 0 '^usage: faultsim run' -- "$bin" run --kconfig no-thp --help
check help-no-damon 0 '^usage: faultsim demo' -- "$bin" demo --kconfig no-damon --help
check kunit-binary-help 0 '^usage: faultsim kunit' -- "$bindir/faultsim-kunit-full" --help
check kunit-binary-bad 2 "kunit: unknown option '--fast'" -- "$bindir/faultsim-kunit-full" --fast

# --opt=value as --opt value
"$bin" demo --seed 7 --aggregations 2 >"$tmp/d1.txt" 2>&1
"$bin" demo --seed=7 --aggregations=2 >"$tmp/d2.txt" 2>&1
check seed-equals 0 '^# sample .* seed 7$' -- cat "$tmp/d2.txt"
same seed-equals-same-run "$tmp/d1.txt" "$tmp/d2.txt"
zap=$src/scenarios/zap-races-hint-fault.json
"$bin" run "$zap" --strategy random --iterations 5 --seed 7 --quiet >"$tmp/r1.txt" 2>&1
"$bin" run "$zap" --strategy=random --iterations=5 --seed=7 --quiet >"$tmp/r2.txt" 2>&1
check run-equals 0 '^5 schedule\(s\) under random \(seed 7\): no finding$' -- cat "$tmp/r2.txt"
same run-equals-same-run "$tmp/r1.txt" "$tmp/r2.txt"
check kunit-seed-equals 0 '^ok 1 damon' -- "$bin" kunit --seed=3 'damon.damon_test_split_at'
check seed-equals-bad 2 '^faultsim: --seed needs an unsigned 64-bit number$' -- "$bin" demo --seed=x
check seed-missing 2 '^faultsim: --seed needs an unsigned 64-bit number$' -- "$bin" run "$zap" --seed
check kconfig-equals 0 '^kconfig no-thp$' -- "$bin" --kconfig=no-thp --version
check top-kconfig 0 '^full no-damon no-numa-balancing no-thp$' -- "$bin" --kconfig no-thp list kconfigs
# getopt_long takes an unambiguous prefix of a long option
"$bin" run "$zap" --str=random --iter 5 --seed=7 --quiet >"$tmp/r3.txt" 2>&1
same run-abbreviated "$tmp/r1.txt" "$tmp/r3.txt"
check ambiguous 2 "^faultsim: run: ambiguous option '--p' \(see faultsim run --help\)$" -- "$bin" run "$zap" --p 1
check flag-value 2 '^faultsim: run: --quiet takes no value$' -- "$bin" run "$zap" --quiet=1

# unknown options: one line, exit 2, for every command and the top level
for c in demo run replay shrink kunit matrix list; do
	check "$c-unknown" 2 "^faultsim: $c: unknown option '--frobnicate' \(see faultsim $c --help\)$" -- "$bin" "$c" --frobnicate
	one_line "$c-unknown" "$bin" "$c" --frobnicate
	check "$c-unknown-equals" 2 "unknown option '--frobnicate=1'" -- "$bin" "$c" --frobnicate=1
done
check top-unknown 2 "^faultsim: unknown option '--frobnicate' \(see faultsim --help\)$" -- "$bin" --frobnicate
one_line top-unknown "$bin" --frobnicate
check short-unknown 2 "^faultsim: run: unknown option '-x'" -- "$bin" run "$zap" -x
one_line demo-operand "$bin" demo extra
one_line list-extra "$bin" list kconfigs designs

# built-in scenarios by name: the file `list scenarios` names
"$bin" list scenarios >"$tmp/list.txt"
bad=$(awk '{ n = split($2, p, "/"); if (p[n] != $1 ".json") print }' "$tmp/list.txt")
check list-names-are-files 0 '' -- test -z "$bad"
"$bin" run zap-races-hint-fault >"$tmp/n1.txt" 2>&1
st=$?
"$bin" run "$(awk '$1 == "zap-races-hint-fault" { print $2 }' "$tmp/list.txt")" >"$tmp/n2.txt" 2>&1
check run-by-name 0 '^0 finding\(s\), 0 failed expectation\(s\)$' -- sh -c "cat '$tmp/n1.txt'; exit $st"
same run-by-name-same-output "$tmp/n2.txt" "$tmp/n1.txt"
check run-family-by-name 1 '^finding routing: ' -- "$bin" run toggle-off-numa-hints --design rfc-v2
check run-name-unknown 2 "^faultsim: run: 'no-such-scenario' is no file and no built-in scenario" -- "$bin" run no-such-scenario
one_line run-name-unknown "$bin" run no-such-scenario
check run-path-not-a-name 2 'cannot|No such file' -- "$bin" run ./zap-races-hint-fault
check run-name-explore 1 "trace: $tmp/tr/" -- "$bin" run zap-races-hint-fault --strategy random --seed 7 --plant no-pte-same-recheck --quiet --out "$tmp/tr"
check run-name-replay 1 '^replayed bit for bit: conservation' -- "$bin" replay "$(trace_of "$tmp/tr/zap-races-hint-fault-plant-no-pte-same-recheck-full-*-seed7-*.trace.json")"
# a file of that name in the current directory is the file
mkdir -p "$tmp/cwd"
cp "$src/scenarios/hint-read-fault.json" "$tmp/cwd/zap-races-hint-fault"
check run-file-first 0 '^scenario hint-read-fault ' -- sh -c "cd '$tmp/cwd' && '$bin' run zap-races-hint-fault"

# the man page and the completion: made from the tables by the build
man=$build/app/faultsim.1
comp=$build/app/faultsim.bash
"$bin" --dump-options man >"$tmp/faultsim.1"
"$bin" --dump-options bash >"$tmp/faultsim.bash"
same man-generated "$man" "$tmp/faultsim.1"
same completion-generated "$comp" "$tmp/faultsim.bash"
check dump-bad 2 '^faultsim: --dump-options needs one of man, bash$' -- "$bin" --dump-options pdf
check man-th 0 '^\.TH FAULTSIM 1 ' -- cat "$man"
# one .TP per option of run, naming it
sed -n '/^\.SS run$/,/^\.S[SH] /p' "$man" >"$tmp/man-run"
n_help=$(grep -cE '^  (-[a-z], )?--' "$tmp/help-run.txt")
n_tp=$(grep -c '^\.TP$' "$tmp/man-run")
check man-run-tp 0 "^$n_help\$" -- echo "$n_tp"
missing=
for o in ${opts[run]}; do
	grep -A1 '^\.TP$' "$tmp/man-run" | grep -qF -- "$(sed 's/-/\\-/g' <<<"$o")\\fR" ||
		missing="$missing $o"
done
check man-run-options 0 '^$' -- echo "$missing"
if command -v groff >/dev/null; then
	check man-groff 0 'faultsim run' -- groff -man -Tutf8 -ww "$man"
fi
check completion-syntax 0 '' -- bash -n "$comp"
complete_words() {	# complete_words WORD... : what TAB offers after them
	bash -c 'source "$1"; shift; COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _faultsim
		printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$@"
}
check complete-option 0 '^--strategy$' -- complete_words faultsim run --str
check complete-command 0 '^matrix$' -- complete_words faultsim m
check complete-strategy 0 '^exhaustive$' -- complete_words faultsim run --strategy ex
check complete-strategy-equals 0 '^--strategy=exhaustive$' -- complete_words faultsim run --strategy=ex
check complete-kconfig 0 '^no-thp$' -- complete_words faultsim --kconfig no-t
check complete-kconfig-cmd 0 '^no-thp$' -- complete_words faultsim run --kconfig no-t
check complete-design 0 '^rfc-v2-guarded$' -- complete_words faultsim run --design rfc-v2-
check complete-plant 0 '^no-pte-same-recheck$' -- complete_words faultsim run --plant no-
check complete-designs-list 0 '^rfc-v2,tagged-pte$' -- complete_words faultsim matrix --designs rfc-v2,tag
check complete-scenario 0 '^zap-races-hint-fault$' -- complete_words faultsim run zap
check complete-family 0 '^report-storm$' -- complete_words faultsim run report
check complete-list 0 '^oracles$' -- complete_words faultsim list or
# the designs it completes are those `list designs` prints
"$bin" list designs | awk '$1 !~ /^plant:/ { print $1 }' | sort >"$tmp/designs"
complete_words faultsim run --design '' | sort >"$tmp/designs-completed"
same complete-designs-all "$tmp/designs" "$tmp/designs-completed"

# progress: on a terminal only; a redirected stderr gets no \r
mkdir -p "$tmp/fam"
cp "$src/scenarios/matrix/toggle-off-numa-hints.json" "$tmp/fam/"
"$bin" matrix --kconfigs full --designs baseline-6.12,rfc-v2 --scenarios "$tmp/fam" --iterations 2 --out "$tmp/m" >"$tmp/m.out" 2>"$tmp/m.err"
check matrix-redirected 0 '^toggle-off-numa-hints +full +pass +FAIL routing/misrouted' -- cat "$tmp/m.out"
check matrix-no-cr 0 '^0$' -- sh -c "tr -cd '\r' <'$tmp/m.err' | wc -c"
check matrix-stderr-empty 0 '^0$' -- sh -c "wc -c <'$tmp/m.err'"
if command -v script >/dev/null; then
	script -qec "'$bin' matrix --kconfigs full --designs baseline-6.12 --scenarios '$tmp/fam' --iterations 2 --out '$tmp/m2'" /dev/null >"$tmp/m2.tty" 2>&1
	check matrix-tty-counter 0 'matrix: cell 1/1' -- cat "$tmp/m2.tty"
	script -qec "'$bin' matrix --kconfigs full --designs baseline-6.12 --scenarios '$tmp/fam' --iterations 2 --out '$tmp/m3' --quiet" /dev/null >"$tmp/m3.tty" 2>&1
	check matrix-tty-quiet 1 '' -- grep -q 'matrix: cell' "$tmp/m3.tty"
fi

# installed: binaries, scenarios, man page, completion; run from elsewhere
inst=$tmp/inst
check install 0 '' -- "$cmake" --install "$build" --prefix "$inst"
for f in bin/faultsim bin/faultsim-no-thp bin/faultsim-no-damon \
	 bin/faultsim-kunit-full share/man/man1/faultsim.1 \
	 share/bash-completion/completions/faultsim \
	 share/faultsim/scenarios/zap-races-hint-fault.json \
	 share/faultsim/scenarios/matrix/report-storm.json; do
	check "installed-$f" 0 '' -- test -s "$inst/$f"
done
check not-installed-test-design 1 '' -- test -e "$inst/bin/faultsim-test-design"
same installed-completion "$comp" "$inst/share/bash-completion/completions/faultsim"
(cd / && "$inst/bin/faultsim" run zap-races-hint-fault) >"$tmp/i1.txt" 2>&1
check installed-run-by-name 0 '^0 finding\(s\)' -- cat "$tmp/i1.txt"
same installed-run-same-output "$tmp/n1.txt" "$tmp/i1.txt"
check installed-list-scenarios 0 "^zap-races-hint-fault +$inst/share/faultsim/scenarios/zap-races-hint-fault.json\$" -- sh -c "cd / && '$inst/bin/faultsim' list scenarios"
check installed-kconfig 0 '^full no-damon no-numa-balancing no-thp$' -- sh -c "cd / && '$inst/bin/faultsim' --kconfig no-thp list kconfigs"
check installed-sibling 0 '^kconfig no-thp$' -- sh -c "cd / && '$inst/bin/faultsim' --kconfig no-thp --version"
check installed-sibling-run 0 'not applicable: kconfig without CONFIG_DAMON' -- sh -c "cd / && '$inst/bin/faultsim' run toggle-on-damon-hints --design rfc-v2 --kconfig no-damon"
check installed-kunit 0 '^ok 1 damon' -- sh -c "cd / && '$inst/bin/faultsim' kunit --kconfig no-thp 'damon.damon_test_split_at'"
check installed-matrix 0 '^toggle-off-numa-hints +full +pass' -- sh -c "cd '$tmp' && '$inst/bin/faultsim' matrix --kconfigs full --designs baseline-6.12 --iterations 2 --out '$tmp/mi' --quiet"

summary

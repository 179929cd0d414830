#!/usr/bin/env bash
# faultsim's usage, version, bad options and their one-line errors,
# the demo and kunit commands.  usage: test_cli_usage.sh BINDIR
. "$(dirname "$0")/lib.sh"

check help 0 'kunit \[--kconfig K\]' -- "$bin" --help
check version 0 '^kernel 6\.12\.[0-9]+, .+, sources [0-9a-f]{12}(, manifest overlay .+)?$' -- "$bin" --version
check version-kconfig 0 '^kconfig full$' -- "$bin" --version
check sibling-version 0 '^kconfig no-thp$' -- "$1/faultsim-no-thp" --version
check no-args 2 'usage: faultsim' -- "$bin"
check unknown-command 2 "unknown command 'frobnicate'" -- "$bin" frobnicate
one_line unknown-command "$bin" frobnicate
check kconfig-missing 2 '--kconfig needs a name' -- "$bin" demo --kconfig
check kconfig-unknown 2 "unknown kconfig 'nope' \(one of: full " -- "$bin" demo --kconfig nope
one_line kconfig-unknown "$bin" demo --kconfig nope
check seed-not-number 2 '--seed needs' -- "$bin" demo --seed abc
check seed-negative 2 '--seed needs' -- "$bin" demo --seed -1
check seed-trailing 2 '--seed needs' -- "$bin" demo --seed 12x
check aggregations-zero 2 '--aggregations needs a number in 1\.\.' -- "$bin" demo --aggregations 0
check aggregations-huge 2 '--aggregations needs' -- "$bin" demo --aggregations 99999999999999999999
check demo-unknown-option 2 "demo: unknown option '--fast'" -- "$bin" demo --fast
check demo-no-damon 2 'needs CONFIG_DAMON' -- "$bin" demo --kconfig no-damon
check demo-other-kconfig 0 '^aggregation 2 ' -- "$bin" demo --kconfig no-thp --aggregations 2
check demo 0 '^aggregation 3 at 0\.300060 s' -- "$bin" demo --aggregations 3
check kunit-no-damon 0 '^ok 3 faultsim-kconfig$' -- "$bin" kunit --kconfig no-damon
check kunit-filter-none 0 '^1\.\.0$' -- "$bin" kunit 'nomatch*'
check kunit-filter-case 0 '^    1\.\.1$' -- "$bin" kunit 'damon.damon_test_split_at'
check kunit-bad-option 2 "kunit: unknown option '--fast'" -- "$bin" kunit --fast

summary

#!/usr/bin/env bash
# faultsim list: kconfigs, scenarios, designs, oracles.
# usage: test_cli_list.sh BINDIR
. "$(dirname "$0")/lib.sh"

check list-kconfigs 0 '^full no-damon no-numa-balancing no-thp$' -- "$bin" list kconfigs
check list-bad 2 'usage: faultsim list kconfigs\|scenarios\|designs\|oracles' -- "$bin" list scenarios-and-more
check list-scenarios 0 '^zap-races-hint-fault +/.*/scenarios/zap-races-hint-fault.json$' -- "$bin" list scenarios
n=$(ls "$(dirname "$0")"/../../scenarios/*.json | wc -l)
check list-scenarios-all 0 "^$n\$" -- sh -c "'$bin' list scenarios | wc -l"
check list-designs 0 '^plant:no-pte-same-recheck ' -- "$bin" list designs
check list-oracles 0 '^conservation ' -- "$bin" list oracles

summary

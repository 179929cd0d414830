#!/usr/bin/env bash
# FAULTSIM_KSRC: a bad value stops the configure step with one line that
# names the problem; an unpacked tree works like the tarball.
# usage: test_ksrc.sh SOURCE_DIR UNPACKED_TREE
set -uo pipefail
src=$1 tree=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

configure_fails() {	# NAME KSRC REGEX
	local name=$1 ksrc=$2 re=$3 out line
	out=$(cmake -S "$src" -B "$tmp/b-$name" -DFAULTSIM_KSRC="$ksrc" 2>&1)
	if [ $? -eq 0 ]; then
		echo "not ok - $name: configure succeeded"
		fail=$((fail + 1))
		return
	fi
	line=$(grep -E '^faultsim: FAULTSIM_KSRC=' <<<"$out" | head -n 1)
	if grep -qE -- "$re" <<<"$line"; then
		echo "ok - $name: $line"
		pass=$((pass + 1))
	else
		echo "not ok - $name: wanted /$re/ in: $out"
		fail=$((fail + 1))
	fi
}

configure_fails missing /nonexistent/linux 'no such file or directory'
mkdir -p "$tmp/not-a-tree"
configure_fails not-a-tree "$tmp/not-a-tree" 'not a kernel tree'
mkdir -p "$tmp/v613/mm"
printf 'VERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\n' > "$tmp/v613/Makefile"
configure_fails unsupported "$tmp/v613" 'kernel 6\.13\.0 is not supported \(supported: 6\.12\.x\)'
mkdir -p "$tmp/v612/mm"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 3\n' > "$tmp/v612/Makefile"
configure_fails missing-file "$tmp/v612" 'kernel tree lacks include/linux/damon\.h'
echo "not a tarball" > "$tmp/linux.zip"
configure_fails not-archive "$tmp/linux.zip" 'neither a directory nor a \.tar'
echo "garbage" > "$tmp/linux-6.12.tar.xz"
configure_fails bad-archive "$tmp/linux-6.12.tar.xz" 'not a readable tar archive|cannot unpack'

# An unpacked tree: configure, build the KUnit binary, run it.
if cmake -S "$src" -B "$tmp/b-tree" -DFAULTSIM_KSRC="$tree" \
	-DFAULTSIM_KCONFIGS=full >/dev/null 2>&1 &&
	cmake --build "$tmp/b-tree" --target faultsim-kunit-full -j2 \
		>/dev/null 2>&1 &&
	"$tmp/b-tree/bin/faultsim-kunit-full" |
		grep -q '^# damon-operations: pass:6 fail:0 skip:0 total:6$' &&
	"$tmp/b-tree/bin/faultsim-kunit-full" |
		grep -q '^# damon: pass:16 fail:0 skip:0 total:16$' &&
	"$tmp/b-tree/bin/faultsim-kunit-full" >/dev/null; then
	echo "ok - unpacked tree $tree builds and passes KUnit"
	pass=$((pass + 1))
else
	echo "not ok - unpacked tree $tree"
	fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

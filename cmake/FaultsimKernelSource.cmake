# Resolves FAULTSIM_KSRC (a kernel tree or a linux-*.tar.xz) to a directory
# holding the kernel files the manifests name, and reads the kernel version
# from its Makefile.  Any problem stops the configure step with one line
# that says what is wrong and what is supported.
#
# The manifest is tools/manifests/<version>.json, or the one given with
# -DFAULTSIM_MANIFEST=<file> (it replaces the built-in one); overlays
# (<tree>/.faultsim.json when the tree has one, then each file of
# -DFAULTSIM_MANIFEST_EXTRA=<file>[;<file>...]) add functions, cuts,
# exports and units to it (docs/extractor.md).
#
# Sets: FAULTSIM_KSRC_DIR, FAULTSIM_KVERSION (e.g. 6.12.117),
#       FAULTSIM_KVERSION_MM (e.g. 6.12), FAULTSIM_MANIFEST,
#       FAULTSIM_MANIFEST_EXTRAS (the overlays in use), FAULTSIM_KFILES.

set(FAULTSIM_SUPPORTED_KERNELS "6.12")

# One unwrapped line that names the problem (message(FATAL_ERROR) would
# wrap it), then stop.
function(faultsim_fail line)
	message(NOTICE "${line}")
	message(FATAL_ERROR "faultsim: configure stopped (the line above says why)")
endfunction()

function(faultsim_ksrc_fail msg)
	faultsim_fail("faultsim: FAULTSIM_KSRC=${FAULTSIM_KSRC}: ${msg}")
endfunction()

# The overlays' --extra arguments for tools/kextract.py.
function(faultsim_extra_args out)
	set(args "")
	foreach(x IN LISTS FAULTSIM_MANIFEST_EXTRAS)
		list(APPEND args --extra "${x}")
	endforeach()
	set(${out} "${args}" PARENT_SCOPE)
endfunction()

# faultsim_kextract_lines(<out> ARGS...): kextract ARGS' output lines as a
# list; a failure stops the configure step with kextract's one line.
function(faultsim_kextract_lines out)
	execute_process(COMMAND "${Python3_EXECUTABLE}"
			"${PROJECT_SOURCE_DIR}/tools/kextract.py" ${ARGN}
		RESULT_VARIABLE rc OUTPUT_VARIABLE listed ERROR_VARIABLE err)
	if(NOT rc EQUAL 0)
		string(STRIP "${err}" err)
		faultsim_fail("faultsim: ${err}")
	endif()
	string(REGEX REPLACE "\n$" "" listed "${listed}")
	string(REPLACE "\n" ";" listed "${listed}")
	set(${out} "${listed}" PARENT_SCOPE)
endfunction()

# faultsim_kernel_version(<out> <missing> <dir>): VERSION.PATCHLEVEL.SUBLEVEL
# from the tree's Makefile; or "", and the first key it lacks in <missing>
function(faultsim_kernel_version out missing dir)
	file(STRINGS "${dir}/Makefile" mk LIMIT_COUNT 12)
	set(v "")
	foreach(key VERSION PATCHLEVEL SUBLEVEL)
		set(val "")
		foreach(line IN LISTS mk)
			if(line MATCHES "^${key} = ([0-9]+)$")
				set(val "${CMAKE_MATCH_1}")
			endif()
		endforeach()
		if(val STREQUAL "")
			set(${out} "" PARENT_SCOPE)
			set(${missing} "${key}" PARENT_SCOPE)
			return()
		endif()
		list(APPEND v "${val}")
	endforeach()
	list(JOIN v "." v)
	set(${out} "${v}" PARENT_SCOPE)
endfunction()

# faultsim_files_hash(<out> <dir> <files>): the SHA-256 of @files under
# @dir, a line "<sha256> <file>" each, in order; "" if one is missing
function(faultsim_files_hash out dir files)
	set(lines "")
	foreach(f IN LISTS files)
		if(NOT EXISTS "${dir}/${f}")
			set(${out} "" PARENT_SCOPE)
			return()
		endif()
		file(SHA256 "${dir}/${f}" h)
		string(APPEND lines "${h} ${f}\n")
	endforeach()
	string(SHA256 h "${lines}")
	set(${out} "${h}" PARENT_SCOPE)
endfunction()

# Every file the manifest (the given one, or every supported built-in one)
# and the overlays need, relative to the tree's top; a bad manifest or
# overlay stops here with kextract's one line.
function(faultsim_manifest_files out)
	if(FAULTSIM_MANIFEST_USER)
		set(manifests "${FAULTSIM_MANIFEST_USER}")
	else()
		set(manifests "")
		foreach(v IN LISTS FAULTSIM_SUPPORTED_KERNELS)
			list(APPEND manifests "${PROJECT_SOURCE_DIR}/tools/manifests/${v}.json")
		endforeach()
	endif()
	faultsim_extra_args(extra)
	set(files "")
	foreach(m IN LISTS manifests)
		faultsim_kextract_lines(listed files --manifest "${m}" ${extra})
		list(APPEND files ${listed})
	endforeach()
	list(REMOVE_DUPLICATES files)
	set(${out} "${files}" PARENT_SCOPE)
endfunction()

# A user-given path: ~ is $HOME, a relative path is taken from the build
# directory (as FAULTSIM_KSRC).
function(faultsim_user_path var path)
	if(path MATCHES "^~/")
		string(REGEX REPLACE "^~" "$ENV{HOME}" path "${path}")
	endif()
	get_filename_component(path "${path}" ABSOLUTE BASE_DIR "${CMAKE_BINARY_DIR}")
	set(${var} "${path}" PARENT_SCOPE)
endfunction()

# Unpacks only the needed files of a tarball into the build tree; redone
# only when the tarball (path, size or time) or the file list changes.
# [DEST]: the directory under the build tree (default ksrc).
function(faultsim_unpack_tarball tarball files out_dir)
	set(dest "${CMAKE_BINARY_DIR}/ksrc")
	if(ARGC GREATER 3)
		set(dest "${CMAKE_BINARY_DIR}/${ARGV3}")
	endif()
	file(SIZE "${tarball}" size)
	file(TIMESTAMP "${tarball}" mtime "%s" UTC)
	string(SHA1 key "${tarball};${size};${mtime};${files}")
	set(stamp "${dest}/.faultsim-unpacked")
	if(EXISTS "${stamp}")
		file(READ "${stamp}" old_key)
		if(old_key STREQUAL key)
			set(${out_dir} "${dest}" PARENT_SCOPE)
			return()
		endif()
	endif()
	file(REMOVE_RECURSE "${dest}")
	file(MAKE_DIRECTORY "${dest}")
	# The first member names the tree's top directory (linux-6.12.5/,
	# linux-source-6.12/, ...).
	execute_process(COMMAND sh -c "tar -tf \"$1\" 2>/dev/null | head -n 1"
			sh "${tarball}"
		OUTPUT_VARIABLE first OUTPUT_STRIP_TRAILING_WHITESPACE)
	string(REGEX REPLACE "/.*" "" top "${first}")
	if(top STREQUAL "")
		faultsim_ksrc_fail("not a readable tar archive")
	endif()
	set(members "")
	foreach(f IN LISTS files)
		list(APPEND members "${top}/${f}")
	endforeach()
	message(STATUS "faultsim: unpacking needed kernel files from ${tarball}")
	execute_process(COMMAND tar -xf "${tarball}" -C "${dest}"
			--strip-components=1 ${members}
		RESULT_VARIABLE rc ERROR_VARIABLE err)
	# A missing member is reported by the file check below, after the
	# version check, so an unsupported tree is named as such.
	string(REGEX REPLACE "[^\n]*Not found in archive\n?" "" err "${err}")
	string(REGEX REPLACE "tar: Exiting with failure status[^\n]*\n?" "" err "${err}")
	if(NOT rc EQUAL 0 AND NOT err STREQUAL "")
		string(REGEX REPLACE "\n.*" "" err "${err}")
		faultsim_ksrc_fail("cannot unpack: ${err}")
	endif()
	file(WRITE "${stamp}" "${key}")
	set(${out_dir} "${dest}" PARENT_SCOPE)
endfunction()

set(FAULTSIM_KSRC "/usr/src/linux-source-6.12.tar.xz" CACHE STRING
	"Kernel source: a kernel tree or a linux-*.tar.xz")

set(FAULTSIM_MANIFEST "" CACHE FILEPATH
	"A manifest replacing tools/manifests/<version>.json (empty: the built-in one)")
set(FAULTSIM_MANIFEST_EXTRA "" CACHE STRING
	"Manifest overlays (;-separated) adding functions, cuts, exports and units")

faultsim_user_path(_ksrc "${FAULTSIM_KSRC}")
# the tree as given (directory or tarball), for tests reading all of it
set(FAULTSIM_KSRC_PATH "${_ksrc}")

set(FAULTSIM_MANIFEST_USER "")
if(NOT FAULTSIM_MANIFEST STREQUAL "")
	faultsim_user_path(FAULTSIM_MANIFEST_USER "${FAULTSIM_MANIFEST}")
	if(NOT EXISTS "${FAULTSIM_MANIFEST_USER}" OR IS_DIRECTORY "${FAULTSIM_MANIFEST_USER}")
		faultsim_fail("faultsim: FAULTSIM_MANIFEST=${FAULTSIM_MANIFEST}: no such file")
	endif()
endif()
set(FAULTSIM_MANIFEST_EXTRAS "")
if(IS_DIRECTORY "${_ksrc}" AND EXISTS "${_ksrc}/.faultsim.json")
	list(APPEND FAULTSIM_MANIFEST_EXTRAS "${_ksrc}/.faultsim.json")
endif()
foreach(_x IN LISTS FAULTSIM_MANIFEST_EXTRA)
	faultsim_user_path(_xp "${_x}")
	if(NOT EXISTS "${_xp}" OR IS_DIRECTORY "${_xp}")
		faultsim_fail("faultsim: FAULTSIM_MANIFEST_EXTRA: ${_x}: no such file")
	endif()
	list(APPEND FAULTSIM_MANIFEST_EXTRAS "${_xp}")
endforeach()
# for the tree's one-line description (cmake/FaultsimTreeInfo.cmake)
list(JOIN FAULTSIM_MANIFEST_EXTRAS ", " FAULTSIM_MANIFEST_OVERLAY)

faultsim_manifest_files(_kfiles)
if(IS_DIRECTORY "${_ksrc}")
	if(NOT EXISTS "${_ksrc}/Makefile" OR NOT IS_DIRECTORY "${_ksrc}/mm")
		faultsim_ksrc_fail("not a kernel tree (no Makefile and mm/); give a kernel source directory or a linux-*.tar.xz")
	endif()
	set(FAULTSIM_KSRC_DIR "${_ksrc}")
elseif(EXISTS "${_ksrc}")
	if(NOT _ksrc MATCHES "\\.tar(\\.xz|\\.gz|\\.bz2)?$")
		faultsim_ksrc_fail("neither a directory nor a .tar/.tar.xz/.tar.gz archive")
	endif()
	faultsim_unpack_tarball("${_ksrc}" "${_kfiles}" FAULTSIM_KSRC_DIR)
else()
	faultsim_ksrc_fail("no such file or directory (default: /usr/src/linux-source-6.12.tar.xz from Debian's linux-source-6.12; run scripts/setup.sh)")
endif()

if(NOT EXISTS "${FAULTSIM_KSRC_DIR}/Makefile")
	faultsim_ksrc_fail("no top-level Makefile; not a kernel tree")
endif()
faultsim_kernel_version(FAULTSIM_KVERSION _kmissing "${FAULTSIM_KSRC_DIR}")
if(FAULTSIM_KVERSION STREQUAL "")
	faultsim_ksrc_fail("Makefile has no ${_kmissing} line; not a kernel tree")
endif()
string(REPLACE "." ";" _kv "${FAULTSIM_KVERSION}")
list(GET _kv 0 _kmaj)
list(GET _kv 1 _kmin)
set(FAULTSIM_KVERSION_MM "${_kmaj}.${_kmin}")
if(NOT FAULTSIM_KVERSION_MM IN_LIST FAULTSIM_SUPPORTED_KERNELS)
	faultsim_ksrc_fail("kernel ${FAULTSIM_KVERSION} is not supported (supported: ${FAULTSIM_SUPPORTED_KERNELS}.x)")
endif()
foreach(f IN LISTS _kfiles)
	if(NOT EXISTS "${FAULTSIM_KSRC_DIR}/${f}")
		faultsim_ksrc_fail("kernel tree lacks ${f}")
	endif()
endforeach()
set(FAULTSIM_KFILES "${_kfiles}")
if(FAULTSIM_MANIFEST_USER)
	# the cache entry stays as given; this is the resolved path
	set(FAULTSIM_MANIFEST "${FAULTSIM_MANIFEST_USER}")
	message(STATUS "faultsim: manifest ${FAULTSIM_MANIFEST} (FAULTSIM_MANIFEST)")
else()
	set(FAULTSIM_MANIFEST "${PROJECT_SOURCE_DIR}/tools/manifests/${FAULTSIM_KVERSION_MM}.json")
endif()
message(STATUS "faultsim: kernel ${FAULTSIM_KVERSION} at ${FAULTSIM_KSRC_DIR}")

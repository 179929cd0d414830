# Resolves FAULTSIM_KSRC (a kernel tree or a linux-*.tar.xz) to a directory
# holding the kernel files the manifests name, and reads the kernel version
# from its Makefile.  Any problem stops the configure step with one line
# that says what is wrong and what is supported.
#
# Sets: FAULTSIM_KSRC_DIR, FAULTSIM_KVERSION (e.g. 6.12.117),
#       FAULTSIM_KVERSION_MM (e.g. 6.12), FAULTSIM_MANIFEST.

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

# Every file any supported manifest needs, relative to the tree's top.
function(faultsim_manifest_files out)
	set(files "")
	foreach(v IN LISTS FAULTSIM_SUPPORTED_KERNELS)
		file(READ "${PROJECT_SOURCE_DIR}/tools/manifests/${v}.json" json)
		string(JSON n LENGTH "${json}" files)
		math(EXPR last "${n} - 1")
		foreach(i RANGE ${last})
			string(JSON f GET "${json}" files ${i})
			list(APPEND files "${f}")
		endforeach()
	endforeach()
	list(REMOVE_DUPLICATES files)
	set(${out} "${files}" PARENT_SCOPE)
endfunction()

# Unpacks only the needed files of a tarball into the build tree; redone
# only when the tarball (path, size or time) or the file list changes.
function(faultsim_unpack_tarball tarball files out_dir)
	set(dest "${CMAKE_BINARY_DIR}/ksrc")
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

set(_ksrc "${FAULTSIM_KSRC}")
if(_ksrc MATCHES "^~/")
	string(REGEX REPLACE "^~" "$ENV{HOME}" _ksrc "${_ksrc}")
endif()
get_filename_component(_ksrc "${_ksrc}" ABSOLUTE BASE_DIR "${CMAKE_BINARY_DIR}")

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
file(STRINGS "${FAULTSIM_KSRC_DIR}/Makefile" _kmk LIMIT_COUNT 12)
set(_kv "")
foreach(key VERSION PATCHLEVEL SUBLEVEL)
	set(_val "")
	foreach(line IN LISTS _kmk)
		if(line MATCHES "^${key} = ([0-9]+)$")
			set(_val "${CMAKE_MATCH_1}")
		endif()
	endforeach()
	if(_val STREQUAL "")
		faultsim_ksrc_fail("Makefile has no ${key} line; not a kernel tree")
	endif()
	list(APPEND _kv "${_val}")
endforeach()
list(JOIN _kv "." FAULTSIM_KVERSION)
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
set(FAULTSIM_MANIFEST "${PROJECT_SOURCE_DIR}/tools/manifests/${FAULTSIM_KVERSION_MM}.json")
message(STATUS "faultsim: kernel ${FAULTSIM_KVERSION} at ${FAULTSIM_KSRC_DIR}")

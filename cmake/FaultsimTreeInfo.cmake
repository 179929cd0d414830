# Which kernel tree this build is made of, in one line (#12 item 8):
# faultsim --version prints it, traces record it, the matrix shows it.
#
#   6.12.117, the reference tarball /usr/src/linux-source-6.12.tar.xz,
#     sources 1a2b3c4d5e6f
#   6.12.117, tree /home/me/linux (git v6.12.117-3-gabcdef0-dirty),
#     sources 1a2b3c4d5e6f, manifest overlay /home/me/linux/.faultsim.json
#
# "sources" is the SHA-256 (first 12 hex digits) of the kernel files the
# manifests read, in the order they list them: two builds that say the
# same extracted the same code.  Those files, and a git tree's HEAD and
# index, are configure dependencies, so the line follows the tree.
#
# Needs: FAULTSIM_KSRC (as given), FAULTSIM_KSRC_DIR, FAULTSIM_KVERSION
# and the list _kfiles (cmake/FaultsimKernelSource.cmake).
# Sets: FAULTSIM_KTREE (the line), FAULTSIM_KTREE_REFERENCE (ON/OFF).

set(FAULTSIM_REFERENCE_KSRC "/usr/src/linux-source-6.12.tar.xz")

faultsim_files_hash(_srchash "${FAULTSIM_KSRC_DIR}" "${_kfiles}")
string(SUBSTRING "${_srchash}" 0 12 _srchash)
foreach(f IN LISTS _kfiles)
	set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY
		CMAKE_CONFIGURE_DEPENDS "${FAULTSIM_KSRC_DIR}/${f}")
endforeach()

get_filename_component(_given "${_ksrc}" REALPATH)
get_filename_component(_ref "${FAULTSIM_REFERENCE_KSRC}" REALPATH)
if(_given STREQUAL _ref)
	set(FAULTSIM_KTREE_REFERENCE ON)
	set(_what "the reference tarball ${FAULTSIM_REFERENCE_KSRC}")
elseif(IS_DIRECTORY "${_given}")
	set(FAULTSIM_KTREE_REFERENCE OFF)
	set(_what "tree ${_given}")
	find_package(Git QUIET)
	if(GIT_FOUND AND EXISTS "${_given}/.git")
		execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${_given}"
				describe --always --dirty --tags
			OUTPUT_VARIABLE _desc ERROR_QUIET
			OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _rc)
		if(_rc EQUAL 0 AND NOT _desc STREQUAL "")
			string(APPEND _what " (git ${_desc})")
		endif()
		foreach(g HEAD index)
			if(EXISTS "${_given}/.git/${g}")
				set_property(DIRECTORY "${PROJECT_SOURCE_DIR}"
					APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
					"${_given}/.git/${g}")
			endif()
		endforeach()
	endif()
else()
	set(FAULTSIM_KTREE_REFERENCE OFF)
	set(_what "tarball ${_given}")
endif()

set(FAULTSIM_KTREE "${FAULTSIM_KVERSION}, ${_what}, sources ${_srchash}")
if(FAULTSIM_MANIFEST_USER)
	string(APPEND FAULTSIM_KTREE ", manifest ${FAULTSIM_MANIFEST_USER}")
endif()
if(DEFINED FAULTSIM_MANIFEST_OVERLAY AND NOT FAULTSIM_MANIFEST_OVERLAY STREQUAL "")
	string(APPEND FAULTSIM_KTREE ", manifest overlay ${FAULTSIM_MANIFEST_OVERLAY}")
endif()
# one line, printable: a path may hold anything
foreach(c RANGE 1 31)
	string(ASCII ${c} _ch)
	string(REPLACE "${_ch}" "?" FAULTSIM_KTREE "${FAULTSIM_KTREE}")
endforeach()
string(ASCII 127 _ch)
string(REPLACE "${_ch}" "?" FAULTSIM_KTREE "${FAULTSIM_KTREE}")
message(STATUS "faultsim: kernel ${FAULTSIM_KTREE}")

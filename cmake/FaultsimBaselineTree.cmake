# The pristine kernel for config neutrality (#12 item 6).  Neutrality
# asks whether a design, or a patched tree, with CONFIG_DAMON off leaves
# the state the unpatched kernel leaves; built from the patched tree,
# the baseline would carry the patch too.  So when FAULTSIM_KSRC's
# sources differ from FAULTSIM_BASELINE_KSRC's (default: the reference
# tarball), the no-damon kconfig is built a second time from the
# baseline tree, with the built-in manifest and no overlay, as
# faultsim-pristine-no-damon; `faultsim matrix` runs the baseline design
# of its neutrality check there.  A tree identical to the baseline (the
# default build) builds nothing more.
#
# Needs: FAULTSIM_KSRC_DIR, FAULTSIM_KVERSION_MM, FAULTSIM_KCONFIGS,
# FAULTSIM_REFERENCE_KSRC (cmake/FaultsimTreeInfo.cmake) and the helpers
# of cmake/FaultsimKernelSource.cmake.
# Sets: FAULTSIM_BASELINE_KSRC_DIR ("" when no pristine build is needed).

set(FAULTSIM_BASELINE_KSRC "${FAULTSIM_REFERENCE_KSRC}" CACHE STRING
	"The unpatched kernel (tree or tarball) config neutrality compares with")

function(faultsim_baseline_fail msg)
	faultsim_fail("faultsim: FAULTSIM_BASELINE_KSRC=${FAULTSIM_BASELINE_KSRC}: ${msg}")
endfunction()

set(FAULTSIM_BASELINE_KSRC_DIR "")
if("no-damon" IN_LIST FAULTSIM_KCONFIGS)
	faultsim_user_path(_bsrc "${FAULTSIM_BASELINE_KSRC}")
	get_filename_component(_bsrc_real "${_bsrc}" REALPATH)
	get_filename_component(_ksrc_real "${_ksrc}" REALPATH)
	# the built-in manifest's files, without the overlays
	set(_bmanifest "${PROJECT_SOURCE_DIR}/tools/manifests/${FAULTSIM_KVERSION_MM}.json")
	faultsim_kextract_lines(_bfiles files --manifest "${_bmanifest}")
	set(FAULTSIM_BASELINE_KFILES "${_bfiles}")
	if(NOT _bsrc_real STREQUAL _ksrc_real)
		if(IS_DIRECTORY "${_bsrc}")
			set(_bdir "${_bsrc}")
		elseif(EXISTS "${_bsrc}" AND _bsrc MATCHES "\\.tar(\\.xz|\\.gz|\\.bz2)?$")
			faultsim_unpack_tarball("${_bsrc}" "${_bfiles}" _bdir
				ksrc-baseline)
		else()
			faultsim_baseline_fail("neither a kernel tree nor a .tar/.tar.xz/.tar.gz archive")
		endif()
		foreach(f IN LISTS _bfiles)
			if(NOT EXISTS "${_bdir}/${f}")
				faultsim_baseline_fail("the tree lacks ${f}")
			endif()
		endforeach()
		faultsim_kernel_version(_bv_full _bmissing "${_bdir}")
		if(_bv_full STREQUAL "")
			faultsim_baseline_fail("Makefile has no ${_bmissing} line; not a kernel tree")
		endif()
		string(REGEX REPLACE "\\.[0-9]+$" "" _bv "${_bv_full}")
		if(NOT _bv STREQUAL FAULTSIM_KVERSION_MM)
			faultsim_baseline_fail("kernel ${_bv}, but FAULTSIM_KSRC is ${FAULTSIM_KVERSION_MM}: compare trees of one version")
		endif()
		faultsim_files_hash(_bhash "${_bdir}" "${_bfiles}")
		faultsim_files_hash(_khash "${FAULTSIM_KSRC_DIR}" "${_bfiles}")
		if(NOT _bhash STREQUAL _khash)
			set(FAULTSIM_BASELINE_KSRC_DIR "${_bdir}")
			string(SUBSTRING "${_bhash}" 0 12 _bhash)
			set(FAULTSIM_KTREE_OF_pristine_no_damon
				"${_bv_full}, the pristine baseline ${_bsrc_real}, sources ${_bhash}")
			message(STATUS "faultsim: config neutrality against the pristine kernel at ${_bdir}")
		endif()
	endif()
endif()

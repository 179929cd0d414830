# Per-kconfig copies of the kernel code.  A "variant" is a kconfig name,
# optionally with KUnit merged in (name_kunit); each variant gets
#   build/kcode/<variant>/kconfig.h     (configure time, from kconfigs/)
#   build/kcode/<variant>/...           (build time, tools/kextract.py)
# and the targets kcode_<variant> (generation) and
# faultsim_kernel_flags_<variant> (INTERFACE: flags + include path).

set(FAULTSIM_KEXTRACT "${PROJECT_SOURCE_DIR}/tools/kextract.py")

# The kernel's own codegen semantics (see docs/architecture), and the
# warnings kernel code trips only because it is built in userspace.
set(FAULTSIM_KERNEL_CFLAGS
	-std=gnu11
	-fno-strict-aliasing -fno-strict-overflow
	-fno-delete-null-pointer-checks -ftrivial-auto-var-init=zero
	-fno-common -fdata-sections -Werror=implicit-function-declaration -Werror=incompatible-pointer-types
	-Wno-unused-parameter -Wno-sign-compare
	-Wno-missing-field-initializers -Wno-unused-function
	-Wno-pointer-sign -Wno-shift-negative-value -Wno-type-limits)
# clang (fuzz_run's build, tests/fuzz/run) before 16 gates the zeroing
if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND
   CMAKE_C_COMPILER_VERSION VERSION_LESS 16)
	list(APPEND FAULTSIM_KERNEL_CFLAGS
		-enable-trivial-auto-var-init-zero-knowing-it-will-be-removed-from-clang)
endif()

set(FAULTSIM_KSHIM_INCLUDE "${PROJECT_SOURCE_DIR}/kshim/include")

# The files `kextract generate` writes for the manifest and its overlays
# (kextract outputs): <out> the paths under dir, <quote> for each .c a
# "path|kernel dir" pair (its quoted includes are looked up in
# dir/<kernel dir>, then kshim/include/<kernel dir>).
function(faultsim_manifest_outputs dir out quote)
	faultsim_extra_args(extra)
	faultsim_kextract_lines(listed outputs --manifest "${FAULTSIM_MANIFEST}"
		${extra})
	set(outs "")
	set(quotes "")
	foreach(line IN LISTS listed)
		string(REPLACE "\t" ";" parts "${line}")
		list(GET parts 0 path)
		list(APPEND outs "${dir}/${path}")
		list(LENGTH parts n)
		if(n GREATER 1)
			list(GET parts 1 kdir)
			if(NOT kdir STREQUAL "")
				list(APPEND quotes "${dir}/${path}|${kdir}")
			endif()
		endif()
	endforeach()
	set(${out} "${outs}" PARENT_SCOPE)
	set(${quote} "${quotes}" PARENT_SCOPE)
endfunction()

# faultsim_kernel_variant(<variant> <kconfig> [extra fragment...])
# With _kv_pristine set by the caller: from the baseline tree, with the
# built-in manifest and no overlay (cmake/FaultsimBaselineTree.cmake).
function(faultsim_kernel_variant variant kconfig)
	if(_kv_pristine)
		set(FAULTSIM_KSRC_DIR "${FAULTSIM_BASELINE_KSRC_DIR}")
		set(FAULTSIM_MANIFEST "${PROJECT_SOURCE_DIR}/tools/manifests/${FAULTSIM_KVERSION_MM}.json")
		set(FAULTSIM_MANIFEST_EXTRAS "")
		set(FAULTSIM_KFILES "${FAULTSIM_BASELINE_KFILES}")
	endif()
	set(dir "${CMAKE_BINARY_DIR}/kcode/${variant}")
	set(extra_args "")
	set(fragments "${PROJECT_SOURCE_DIR}/kconfigs/base.config"
		"${PROJECT_SOURCE_DIR}/kconfigs/${kconfig}.config")
	foreach(x IN LISTS ARGN)
		list(APPEND extra_args --extra ${x})
		list(APPEND fragments "${PROJECT_SOURCE_DIR}/kconfigs/${x}.config")
	endforeach()
	file(MAKE_DIRECTORY "${dir}")
	execute_process(COMMAND "${Python3_EXECUTABLE}" "${FAULTSIM_KEXTRACT}"
			defs --kconfig-dir "${PROJECT_SOURCE_DIR}/kconfigs"
			--kconfig ${kconfig} ${extra_args} -o "${dir}/kconfig.h"
		RESULT_VARIABLE rc ERROR_VARIABLE err)
	if(NOT rc EQUAL 0)
		string(STRIP "${err}" err)
		faultsim_fail("faultsim: kconfig ${kconfig}: ${err}")
	endif()
	set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY
		CMAKE_CONFIGURE_DEPENDS ${fragments} "${FAULTSIM_MANIFEST}"
		${FAULTSIM_MANIFEST_EXTRAS})

	# Extract now, so that a function the tree lacks, a header kshim does
	# not provide or a shim-owned item the tree disagrees with stops the
	# configure step with kextract's one line; the build redoes it when
	# an input changes.
	faultsim_extra_args(manifest_extra)
	set(generate "${Python3_EXECUTABLE}" "${FAULTSIM_KEXTRACT}" generate
		--ksrc "${FAULTSIM_KSRC_DIR}"
		--manifest "${FAULTSIM_MANIFEST}" ${manifest_extra}
		--shim "${FAULTSIM_KSHIM_INCLUDE}"
		--defs "${dir}/kconfig.h" --out "${dir}")
	execute_process(COMMAND ${generate} RESULT_VARIABLE rc ERROR_VARIABLE err)
	if(NOT rc EQUAL 0)
		string(STRIP "${err}" err)
		faultsim_fail("faultsim: ${err}")
	endif()

	faultsim_manifest_outputs("${dir}" outs quotes)
	set(kfiles ${FAULTSIM_KFILES})
	list(TRANSFORM kfiles PREPEND "${FAULTSIM_KSRC_DIR}/")
	add_custom_command(OUTPUT ${outs}
		COMMAND ${generate}
		DEPENDS "${FAULTSIM_KEXTRACT}" "${FAULTSIM_MANIFEST}"
			${FAULTSIM_MANIFEST_EXTRAS} "${dir}/kconfig.h" ${kfiles}
		COMMENT "Extracting kernel code for ${variant}"
		VERBATIM)
	add_custom_target(kcode_${variant} DEPENDS ${outs})

	add_library(faultsim_kernel_flags_${variant} INTERFACE)
	target_compile_options(faultsim_kernel_flags_${variant} INTERFACE
		${FAULTSIM_KERNEL_CFLAGS} -include "${dir}/kconfig.h")
	# kshim first; the generated include/ holds only the kernel headers
	# used verbatim (include/linux/damon.h) and the tree-owned items
	# (include/kshim-tree/), never the kernel's include/.
	target_include_directories(faultsim_kernel_flags_${variant} INTERFACE
		"${FAULTSIM_KSHIM_INCLUDE}" "${dir}/include")
	# everything built with these flags may include a generated header
	add_dependencies(faultsim_kernel_flags_${variant} kcode_${variant})
	set(FAULTSIM_KCODE_DIR_${variant} "${dir}" PARENT_SCOPE)
	set(FAULTSIM_KCODE_OUTPUTS_${variant} "${outs}" PARENT_SCOPE)
	set(FAULTSIM_KCODE_QUOTE_${variant} "${quotes}" PARENT_SCOPE)

	file(STRINGS "${dir}/kconfig.h" has_damon REGEX "^#define CONFIG_DAMON 1$")
	if(has_damon)
		set(FAULTSIM_HAS_DAMON_${variant} ON PARENT_SCOPE)
	else()
		set(FAULTSIM_HAS_DAMON_${variant} OFF PARENT_SCOPE)
	endif()
endfunction()

set(FAULTSIM_VARIANTS "")
set(FAULTSIM_DAMON_KCONFIGS "")
foreach(k IN LISTS FAULTSIM_KCONFIGS)
	if(NOT EXISTS "${PROJECT_SOURCE_DIR}/kconfigs/${k}.config")
		faultsim_fail("faultsim: FAULTSIM_KCONFIGS: no kconfigs/${k}.config")
	endif()
	string(REPLACE "-" "_" v "${k}")
	faultsim_kernel_variant(${v} ${k})
	list(APPEND FAULTSIM_VARIANTS ${v})
	set(FAULTSIM_KCONFIG_OF_${v} ${k})
	if(FAULTSIM_HAS_DAMON_${v})
		faultsim_kernel_variant(${v}_kunit ${k} kunit)
		list(APPEND FAULTSIM_DAMON_KCONFIGS ${k})
	endif()
endforeach()
# The pristine no-damon kernel, when the tree is not the baseline's
if(FAULTSIM_BASELINE_KSRC_DIR)
	set(_kv_pristine ON)
	faultsim_kernel_variant(pristine_no_damon no-damon)
	unset(_kv_pristine)
	list(APPEND FAULTSIM_VARIANTS pristine_no_damon)
	set(FAULTSIM_KCONFIG_OF_pristine_no_damon no-damon)
	set(FAULTSIM_BINARY_OF_pristine_no_damon faultsim-pristine-no-damon)
endif()
if(NOT FAULTSIM_DEFAULT_KCONFIG IN_LIST FAULTSIM_KCONFIGS)
	faultsim_fail("faultsim: FAULTSIM_DEFAULT_KCONFIG=${FAULTSIM_DEFAULT_KCONFIG} is not in FAULTSIM_KCONFIGS")
endif()

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

# Reads the manifest once: the generated files of every unit.
function(faultsim_manifest_outputs dir out)
	file(READ "${FAULTSIM_MANIFEST}" json)
	set(outs "")
	string(JSON n LENGTH "${json}" headers)
	if(n GREATER 0)
		math(EXPR last "${n} - 1")
		foreach(i RANGE ${last})
			string(JSON h GET "${json}" headers ${i})
			list(APPEND outs "${dir}/${h}")
		endforeach()
	endif()
	string(JSON n LENGTH "${json}" units)
	math(EXPR last "${n} - 1")
	foreach(i RANGE ${last})
		string(JSON mode GET "${json}" units ${i} mode)
		string(JSON name GET "${json}" units ${i} name)
		if(mode STREQUAL "whole")
			string(JSON src GET "${json}" units ${i} source)
			list(APPEND outs "${dir}/${src}")
			string(JSON na ERROR_VARIABLE e LENGTH "${json}" units ${i} also)
			if(NOT e AND na GREATER 0)
				math(EXPR alast "${na} - 1")
				foreach(j RANGE ${alast})
					string(JSON a GET "${json}" units ${i} also ${j})
					list(APPEND outs "${dir}/${a}")
				endforeach()
			endif()
		else()
			list(APPEND outs "${dir}/${name}.c")
		endif()
	endforeach()
	set(${out} "${outs}" PARENT_SCOPE)
endfunction()

# faultsim_kernel_variant(<variant> <kconfig> [extra fragment...])
function(faultsim_kernel_variant variant kconfig)
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
		CMAKE_CONFIGURE_DEPENDS ${fragments} "${FAULTSIM_MANIFEST}")

	faultsim_manifest_outputs("${dir}" outs)
	faultsim_manifest_files(kfiles)
	list(TRANSFORM kfiles PREPEND "${FAULTSIM_KSRC_DIR}/")
	add_custom_command(OUTPUT ${outs}
		COMMAND "${Python3_EXECUTABLE}" "${FAULTSIM_KEXTRACT}" generate
			--ksrc "${FAULTSIM_KSRC_DIR}"
			--manifest "${FAULTSIM_MANIFEST}"
			--defs "${dir}/kconfig.h" --out "${dir}"
		DEPENDS "${FAULTSIM_KEXTRACT}" "${FAULTSIM_MANIFEST}"
			"${dir}/kconfig.h" ${kfiles}
		COMMENT "Extracting kernel code for ${variant}"
		VERBATIM)
	add_custom_target(kcode_${variant} DEPENDS ${outs})

	add_library(faultsim_kernel_flags_${variant} INTERFACE)
	target_compile_options(faultsim_kernel_flags_${variant} INTERFACE
		${FAULTSIM_KERNEL_CFLAGS} -include "${dir}/kconfig.h")
	# kshim first; the generated include/ holds only the kernel headers
	# used verbatim (include/linux/damon.h), never the kernel's include/.
	target_include_directories(faultsim_kernel_flags_${variant} INTERFACE
		"${PROJECT_SOURCE_DIR}/kshim/include" "${dir}/include")
	set(FAULTSIM_KCODE_DIR_${variant} "${dir}" PARENT_SCOPE)
	set(FAULTSIM_KCODE_OUTPUTS_${variant} "${outs}" PARENT_SCOPE)

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
if(NOT FAULTSIM_DEFAULT_KCONFIG IN_LIST FAULTSIM_KCONFIGS)
	faultsim_fail("faultsim: FAULTSIM_DEFAULT_KCONFIG=${FAULTSIM_DEFAULT_KCONFIG} is not in FAULTSIM_KCONFIGS")
endif()

# The loaders' libFuzzer targets (tests/fuzz/), built by clang as a
# project of their own, and a short seeded run of each in CTest (label
# fuzz).  Longer runs: build/<preset>/fuzz/fuzz_<target> CORPUS_DIR.
include(ExternalProject)
find_program(FAULTSIM_CLANG NAMES clang clang-14)
if(NOT FAULTSIM_CLANG)
	message(FATAL_ERROR "faultsim: clang is needed for the fuzz targets "
		"(scripts/setup.sh installs it)")
endif()
set(_fuzz_dir "${CMAKE_BINARY_DIR}/fuzz")
ExternalProject_Add(fuzz_targets
	SOURCE_DIR "${PROJECT_SOURCE_DIR}/tests/fuzz"
	BINARY_DIR "${_fuzz_dir}"
	CMAKE_ARGS -DCMAKE_C_COMPILER=${FAULTSIM_CLANG}
		-DFAULTSIM_SOURCE_DIR=${PROJECT_SOURCE_DIR}
	INSTALL_COMMAND ""
	BUILD_ALWAYS ON
	BUILD_BYPRODUCTS "${_fuzz_dir}/fuzz_scenario_load"
		"${_fuzz_dir}/fuzz_trace_read" "${_fuzz_dir}/fuzz_scenario_gen")

set(_smoke "${PROJECT_SOURCE_DIR}/tests/fuzz/smoke.sh")
add_test(NAME fuzz.scenario-load COMMAND ${_smoke}
	"${_fuzz_dir}/fuzz_scenario_load" 20000
	"${PROJECT_SOURCE_DIR}/scenarios"
	"${PROJECT_SOURCE_DIR}/scenarios/matrix"
	"${PROJECT_SOURCE_DIR}/tests/scenario_fixtures/good"
	"${PROJECT_SOURCE_DIR}/tests/scenario_fixtures/bad")
add_test(NAME fuzz.trace-read COMMAND ${_smoke}
	"${_fuzz_dir}/fuzz_trace_read" 20000
	"${PROJECT_SOURCE_DIR}/tests/trace_fixtures")
add_test(NAME fuzz.scenario-gen COMMAND ${_smoke}
	"${_fuzz_dir}/fuzz_scenario_gen" 5000)
set_tests_properties(fuzz.scenario-load fuzz.trace-read fuzz.scenario-gen
	PROPERTIES TIMEOUT 120 LABELS fuzz)

# fuzz_run (docs/fuzzing.md): faultsim's own tree configured again with
# clang and FAULTSIM_FUZZ_RUN=ON, the default kconfig alone, on this
# build's kernel tree (the same extracted sources), building the one
# target; the debug preset only (about 30 s of 2 cores).
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
	set(_run_dir "${CMAKE_BINARY_DIR}/fuzz-run")
	set(_run_args -DCMAKE_C_COMPILER=${FAULTSIM_CLANG}
		-DCMAKE_BUILD_TYPE=Debug -DFAULTSIM_FUZZ_RUN=ON
		-DFAULTSIM_KCONFIGS=${FAULTSIM_DEFAULT_KCONFIG}
		-DFAULTSIM_DEFAULT_KCONFIG=${FAULTSIM_DEFAULT_KCONFIG}
		-DFAULTSIM_KSRC=${FAULTSIM_KSRC_DIR}
		-DFAULTSIM_SLAB=${FAULTSIM_SLAB})
	if(FAULTSIM_MANIFEST_EXTRA)
		list(APPEND _run_args
			"-DFAULTSIM_MANIFEST_EXTRA=${FAULTSIM_MANIFEST_EXTRA}")
	endif()
	ExternalProject_Add(fuzz_run_build
		SOURCE_DIR "${PROJECT_SOURCE_DIR}"
		BINARY_DIR "${_run_dir}"
		CMAKE_ARGS ${_run_args}
		BUILD_COMMAND ${CMAKE_COMMAND} --build . --target fuzz_run
		INSTALL_COMMAND ""
		BUILD_ALWAYS ON
		BUILD_BYPRODUCTS "${_run_dir}/bin/fuzz_run")
	set(_fuzz_run "${_run_dir}/bin/fuzz_run")
	set(_corpus "${PROJECT_SOURCE_DIR}/tests/fuzz/corpus")
	# a few seconds on the seed corpus of one family
	add_test(NAME fuzz.run COMMAND ${_smoke} "${_fuzz_run}" 3000
		"${_corpus}/hint-vs-thp-split")
	set_tests_properties(fuzz.run PROPERTIES TIMEOUT 30 LABELS fuzz
		ENVIRONMENT "FAULTSIM_FUZZ_SCENARIO=${PROJECT_SOURCE_DIR}/scenarios/matrix/hint-vs-thp-split.json")
endif()

# faultsim fuzz end to end, and the kept findings of fixed bugs
if(CMAKE_BUILD_TYPE STREQUAL "Debug")
	add_test(NAME fuzz.cli COMMAND
		"${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_cli.sh"
		$<TARGET_FILE:faultsim>)
	set_tests_properties(fuzz.cli PROPERTIES TIMEOUT 60 LABELS fuzz)
	add_test(NAME fuzz.swarm COMMAND
		"${PROJECT_SOURCE_DIR}/tests/fuzz/fuzz_swarm.sh"
		$<TARGET_FILE:faultsim>
		"${PROJECT_SOURCE_DIR}/tests/cli/scenarios")
	set_tests_properties(fuzz.swarm PROPERTIES TIMEOUT 45 LABELS fuzz)
endif()
add_test(NAME fuzz.regressions COMMAND
	"${PROJECT_SOURCE_DIR}/tests/fuzz/regressions.sh"
	$<TARGET_FILE:faultsim> "${PROJECT_SOURCE_DIR}/tests/fuzz/regressions")
set_tests_properties(fuzz.regressions PROPERTIES TIMEOUT 15 LABELS fuzz)

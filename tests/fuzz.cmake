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

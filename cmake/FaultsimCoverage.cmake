# `coverage` target (FAULTSIM_COVERAGE=ON): runs the test suite, then
# gcovr writes two reports under build/<preset>/coverage/:
#   kernel/  the real kernel files (mm/damon/core.c, ...) with their own
#            line numbers, relative to the kernel tree (#line markers of
#            the extracted code point there);
#   faultsim/ the project's own code: kshim's runtime, sim, the model,
#            the DAMON glue, the designs, the oracles and the app.  kshim's headers are left out: their
#            config-dependent inline alternatives (e.g. pte_protnone()
#            stubs) have different lines per kconfig, which gcovr 5.2
#            refuses to merge.
if(NOT FAULTSIM_COVERAGE)
	return()
endif()
find_program(GCOVR gcovr REQUIRED)
set(_cov "${CMAKE_BINARY_DIR}/coverage")
string(REPLACE "." "\\." _kroot_re "${FAULTSIM_KSRC_DIR}")
# coverage-report: gcovr over the .gcda files a test run left (the CI's
# asan-coverage stage runs the suite under its test preset, with the
# sanitizers' environment, then this); coverage: a fresh run, then it
set(_gcovr_kernel "${GCOVR}" --root "${FAULTSIM_KSRC_DIR}"
	--object-directory "${CMAKE_BINARY_DIR}"
	--filter "${_kroot_re}/"
	--html-details "${_cov}/kernel/index.html"
	--txt "${_cov}/kernel.txt" --print-summary)
set(_gcovr_own "${GCOVR}" --root "${PROJECT_SOURCE_DIR}"
	--object-directory "${CMAKE_BINARY_DIR}"
	--filter "${PROJECT_SOURCE_DIR}/(kshim/src|sim|mm_model|damon_core|designs|oracles|app)/"
	--html-details "${_cov}/faultsim/index.html"
	--txt "${_cov}/faultsim.txt" --print-summary)
add_custom_target(coverage-report
	COMMAND "${CMAKE_COMMAND}" -E rm -rf "${_cov}"
	COMMAND "${CMAKE_COMMAND}" -E make_directory "${_cov}/kernel"
		"${_cov}/faultsim"
	COMMAND ${_gcovr_kernel}
	COMMAND ${_gcovr_own}
	COMMAND "${CMAKE_COMMAND}" -E echo
		"coverage: ${_cov}/kernel/index.html ${_cov}/faultsim/index.html"
	WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
	USES_TERMINAL
	VERBATIM)
add_custom_target(coverage
	COMMAND find "${CMAKE_BINARY_DIR}" -name "*.gcda" -delete
	# the exhaustive searches and the reconfigure test run in the debug
	# preset only (tests/cli/CMakeLists.txt)
	COMMAND ctest --test-dir "${CMAKE_BINARY_DIR}" -j2 --output-on-failure
		-LE "^(exhaustive|reconfigure)$"
	COMMAND "${CMAKE_COMMAND}" --build "${CMAKE_BINARY_DIR}"
		--target coverage-report
	WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
	USES_TERMINAL
	VERBATIM)

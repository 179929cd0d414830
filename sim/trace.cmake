# Trace files (sim/trace.h; docs/traces.md): the versioned JSON record
# of one run, written (trace_write.c) and read with its compatibility
# check (trace_read.c); the event-log hash (trace_hash.c), the
# ftrace-style log (trace_ftrace.c) and the SHA-256 (sha256.c).
# Included from sim/CMakeLists.txt; expects the top level to have found
# json-c as PkgConfig::JSONC.

add_library(faultsim_trace STATIC ${CMAKE_CURRENT_LIST_DIR}/trace_read.c
	${CMAKE_CURRENT_LIST_DIR}/trace_write.c
	${CMAKE_CURRENT_LIST_DIR}/trace_hash.c
	${CMAKE_CURRENT_LIST_DIR}/trace_ftrace.c
	${CMAKE_CURRENT_LIST_DIR}/sha256.c)
target_link_libraries(faultsim_trace PUBLIC PkgConfig::JSONC faultsim_sim
				    faultsim_json_strict)

# The SHA-256 hashes the whole binary for sim_binary_id() on every
# trace- or result-writing command: under ASan + gcov at -O0 that was
# 1.3 s a command, a third of the CLI tests' time.  It is our own plain
# code, not the kernel's or the model's, so it is always optimized and
# never instrumented; test_trace pins its digests.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/sha256.c PROPERTIES
	COMPILE_OPTIONS "-O2;-fno-sanitize=all;-fno-profile-arcs;-fno-test-coverage")

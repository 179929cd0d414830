# Trace files (sim/trace.c): the versioned JSON record of one run, its
# compatibility check, the event-log hash and the ftrace-style log
# (docs/traces.md).  Included from sim/CMakeLists.txt; expects the top
# level to have found json-c as PkgConfig::JSONC.

add_library(faultsim_trace STATIC ${CMAKE_CURRENT_LIST_DIR}/trace.c
	${CMAKE_CURRENT_LIST_DIR}/trace_hash.c
	${CMAKE_CURRENT_LIST_DIR}/trace_ftrace.c
	${CMAKE_CURRENT_LIST_DIR}/sha256.c)
target_link_libraries(faultsim_trace PUBLIC PkgConfig::JSONC faultsim_sim
				    faultsim_json_strict)

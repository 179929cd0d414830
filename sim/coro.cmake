# Cooperative coroutines (sim/coro.c) with their unit test and benchmark.
# Included from sim/CMakeLists.txt after enable_testing(); expects the top
# level to have found cmocka as PkgConfig::CMOCKA.
#
# The context switch is top-level asm inside coro.c, so no ASM language is
# needed. It is x86-64 SysV only.

if(NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
	message(FATAL_ERROR
		"faultsim_coro: context switch implemented for x86-64 only "
		"(CMAKE_SYSTEM_PROCESSOR=${CMAKE_SYSTEM_PROCESSOR})")
endif()

add_library(faultsim_coro STATIC
	${CMAKE_CURRENT_LIST_DIR}/coro.c
	${CMAKE_CURRENT_LIST_DIR}/coro.h)
target_link_libraries(faultsim_coro PUBLIC face_sim)

add_executable(test_coro ${PROJECT_SOURCE_DIR}/tests/unit/test_coro.c)
target_link_libraries(test_coro PRIVATE faultsim_coro PkgConfig::CMOCKA)
add_test(NAME unit.coro COMMAND test_coro)

add_executable(bench_coro ${PROJECT_SOURCE_DIR}/benchmarks/bench_coro.c)
target_link_libraries(bench_coro PRIVATE faultsim_coro)

# Scenario loader (sim/scenario.c): JSON scenario files, checked strictly
# into plain C structs (docs/scenarios.md).  Plain C11 + json-c + libc, no
# kernel headers, so any faultsim binary can link it.  Included from
# sim/CMakeLists.txt; expects the top level to have found json-c as
# PkgConfig::JSONC.

# Strict JSON parsing shared by the scenario and trace loaders.
add_library(faultsim_json_strict STATIC ${CMAKE_CURRENT_LIST_DIR}/json_strict.c)
target_include_directories(faultsim_json_strict PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(faultsim_json_strict PUBLIC PkgConfig::JSONC)

add_library(faultsim_scenario STATIC ${CMAKE_CURRENT_LIST_DIR}/scenario.c)
target_include_directories(faultsim_scenario PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(faultsim_scenario PUBLIC PkgConfig::JSONC faultsim_json_strict)

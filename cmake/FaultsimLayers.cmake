# The layers of the house (docs/architecture.md), each with an include
# face: an INTERFACE target whose only include folder holds a link to
# the layer's own source folder, so "mm_model/mm/vma.h" is found only by
# a target that links face_mm (itself, or a layer above that depends on
# it).  An include of a layer a target does not depend on is a compiler
# error: the dependencies each folder's CMakeLists.txt declares are the
# layering (tests/layering probes them).
#
#   app -> oracles -> designs -> damon_core -> mm (mm_model/mm)
#       -> hw (mm_model/hw) -> kshim -> sim (through kshim/sim.h)
#
# faultsim_face(NAME FOLDER [FILES...]): face_NAME exposes FOLDER (a
# path under the source tree) under its own path, or only the listed
# FILES of it under the folder's last name (kshim/include/kshim/sim.h
# as <kshim/sim.h>).
function(faultsim_face name folder)
	set(root "${CMAKE_BINARY_DIR}/layers/${name}")
	set(files ${ARGN})
	if(files)
		get_filename_component(leaf "${folder}" NAME)
		file(MAKE_DIRECTORY "${root}/${leaf}")
		foreach(f IN LISTS files)
			file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${folder}/${f}"
				"${root}/${leaf}/${f}" SYMBOLIC)
		endforeach()
	else()
		get_filename_component(parent "${folder}" DIRECTORY)
		file(MAKE_DIRECTORY "${root}/${parent}")
		file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${folder}"
			"${root}/${folder}" SYMBOLIC)
	endif()
	add_library(face_${name} INTERFACE)
	target_include_directories(face_${name} INTERFACE "${root}")
endfunction()

faultsim_face(sim sim)
# the engine's face to the kernel side, the only kshim headers it sees
faultsim_face(kshim_sim kshim/include/kshim sim.h clock.h)
# the injected-failure kinds by name, for the scenario loader and the CLI
faultsim_face(kshim_inject kshim/include/kshim inject.h inject_table.h)
faultsim_face(hw mm_model/hw)
faultsim_face(mm mm_model/mm)
faultsim_face(damon_core damon_core)
faultsim_face(oracles oracles)
faultsim_face(designs designs)
faultsim_face(app app)

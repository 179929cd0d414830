# The extracted kernel code of each variant (tools/kextract.py) as an
# OBJECT library, kernel_code_<variant>, so that linker-section
# registrations (initcalls, KUnit suites) are never dropped and its
# statics land in .kshim_kernel_data (cmake/kernel_data.ld matches the
# kernel_*.dir objects); and kernel_side_<variant>, everything below the
# app in one INTERFACE target: the kernel objects, the oracles, the
# designs' selection, the model and the shim.

# kernel stacks for findings and logs (sim/sched.c's shadow stacks);
# kshim's inline helpers are not kernel functions
function(faultsim_kernel_stacks target)
	if(CMAKE_C_COMPILER_ID STREQUAL "Clang")
		# no exclude list in clang: fuzz_run's stacks also name the
		# helpers, only its messages see them (docs/fuzzing.md)
		target_compile_options(${target} PRIVATE -finstrument-functions)
		return()
	endif()
	target_compile_options(${target} PRIVATE -finstrument-functions
		"-finstrument-functions-exclude-file-list=/kshim/include/,/usr/include/")
endfunction()

function(faultsim_add_kernel_code variant)
	set(srcs ${FAULTSIM_KCODE_OUTPUTS_${variant}})
	list(FILTER srcs INCLUDE REGEX "\\.c$")
	# an overlay's design is built with the designs (designs/CMakeLists.txt)
	list(FILTER srcs EXCLUDE REGEX "/tree_design\\.c$")
	if(NOT FAULTSIM_HAS_DAMON_${variant})
		# mm/damon/Makefile: obj-$(CONFIG_DAMON) := core.o
		list(FILTER srcs EXCLUDE REGEX "/mm/damon/")
	endif()
	add_library(kernel_code_${variant} OBJECT ${srcs})
	# a kernel file's quoted includes ("internal.h" in mm/memory.c): the
	# generated files of its directory, then kshim's stand-ins for them
	foreach(q IN LISTS FAULTSIM_KCODE_QUOTE_${variant})
		string(REPLACE "|" ";" q "${q}")
		list(GET q 0 file)
		list(GET q 1 kdir)
		set_property(SOURCE "${file}" APPEND PROPERTY COMPILE_OPTIONS
			-iquote "${FAULTSIM_KCODE_DIR_${variant}}/${kdir}"
			-iquote "${FAULTSIM_KSHIM_INCLUDE}/${kdir}")
	endforeach()
	add_dependencies(kernel_code_${variant} kcode_${variant})
	target_link_libraries(kernel_code_${variant} PUBLIC
		faultsim_kernel_flags_${variant})
	faultsim_kernel_stacks(kernel_code_${variant})
endfunction()

function(faultsim_add_kernel_side variant has_damon)
	add_library(kernel_side_${variant} INTERFACE)
	set(objlibs kernel_code_${variant} kernel_designs_${variant}
		oracles_${variant})
	if(has_damon)
		list(APPEND objlibs kernel_damon_core_${variant})
	endif()
	set(objs "")
	foreach(o IN LISTS objlibs)
		list(APPEND objs $<TARGET_OBJECTS:${o}>)
	endforeach()
	# an interface library's dependencies are followed in its place
	add_dependencies(kernel_side_${variant} ${objlibs})
	# objects first, then the libraries below them
	target_link_libraries(kernel_side_${variant} INTERFACE ${objs}
		face_oracles designs_${variant} mm_mm_${variant} mm_hw_${variant}
		kshim_${variant} faultsim_sim)
endfunction()

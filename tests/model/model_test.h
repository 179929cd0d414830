/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared set-up of the model tests: a fresh simulated boot and a
 * machine, as every end-to-end test starts.  Nothing here asserts (the
 * helpers return what happened; tests assert on the main context).
 */
#ifndef FAULTSIM_TESTS_MODEL_TEST_H
#define FAULTSIM_TESTS_MODEL_TEST_H

#include <stdint.h>

/*
 * sim_reset(@seed), kshim_boot() run to completion, then a machine of
 * @nr_nodes top-tier nodes of @node_pages pages each and one CPU per
 * node (cpu i on node i).  Returns 0, or -1 if any step failed.
 */
int model_boot(uint64_t seed, int nr_nodes, unsigned long node_pages);

struct mm_struct;
struct vm_area_struct;

/*
 * current, on cpu0 with no preferred node, gets a new mm (*@mmp, set
 * even when a later step fails) holding one private read-write anon VMA
 * of @nr_pages pages at @va, populated writable: the first half on node
 * 0, the rest on node 1.  Returns the VMA, or NULL if a step failed.
 */
struct vm_area_struct *model_half_remote_task(unsigned long va,
					      unsigned long nr_pages,
					      struct mm_struct **mmp);

#endif

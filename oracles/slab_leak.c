// SPDX-License-Identifier: GPL-2.0-only
/*
 * Oracle "leak": at the end of a run, after the address spaces are torn
 * down (remove_vma(), the mms' teardown) and the tasks have exited,
 * nothing the run allocated from the simulated slab (kshim/src/slab.c)
 * is still live; each object that is is a finding naming its cache (or
 * kmalloc), its size and the kernel function that allocated it.  The
 * model keeps no object past that point, so the legitimately live set
 * is empty (measured over every built-in scenario).
 */
#include <linux/kernel.h>
#include <kshim/kshim.h>
#include "oracles/oracles.h"
#include "oracles/walk.h"

static void report_leak(const struct kshim_slab_obj *o, void *arg)
{
	oracle_report(arg, "leak: %s object of %zu bytes allocated in %s "
		      "(allocation %llu) still live at the end of the run",
		      o->cache, o->size, o->site ? o->site : "(no kernel "
		      "function)", (unsigned long long)o->seq);
}

int oracle_slab_leak(uint64_t since)
{
	int n = 0;

	kshim_slab_for_each_live(since, report_leak, &n);
	return n;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/memcontrol.h (6.12): not modelled yet. */
#ifndef _LINUX_MEMCONTROL_H
#define _LINUX_MEMCONTROL_H

#include <linux/types.h>
/* the kernel's memcontrol.h reaches these through cgroup.h */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/completion.h>
#include <linux/slab.h>

struct mem_cgroup;

#endif

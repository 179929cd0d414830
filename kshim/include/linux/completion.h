/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/completion.h (6.12). */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/types.h>
#include <kshim/sim.h>

/* done == UINT_MAX after complete_all(), as in kernel/sched/completion.c */
struct completion {
	unsigned int done;
	struct sim_waitq wait;
};

#define COMPLETION_INITIALIZER(work) { .done = 0 }
#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	x->wait = (struct sim_waitq){ 0 };
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);

#endif

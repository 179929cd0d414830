/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/jump_label.h (6.12).  A static key is a
 * flag: its flip (text patching) is seen by the other CPUs at some
 * instant, before or after any branch they take on it.  Both are
 * scheduling points on the flag (read_once, write_once), so that the
 * exploration orders every branch against the flip and knows the flag
 * is shared (sim/strategy_exhaustive.c, local steps).
 */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <kshim/sim.h>

struct static_key {
	int enabled;
};
struct static_key_true {
	struct static_key key;
};
struct static_key_false {
	struct static_key key;
};

#define STATIC_KEY_TRUE_INIT { .key = { .enabled = 1 } }
#define STATIC_KEY_FALSE_INIT { .key = { .enabled = 0 } }
#define DEFINE_STATIC_KEY_TRUE(name) struct static_key_true name = STATIC_KEY_TRUE_INIT
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = STATIC_KEY_FALSE_INIT
#define DECLARE_STATIC_KEY_TRUE(name) extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name

static inline bool kshim_static_key_read(struct static_key *key)
{
	sim_point(SIM_PT_READ_ONCE, &key->enabled);
	return READ_ONCE(key->enabled) > 0;
}

static inline void kshim_static_key_write(struct static_key *key, int on)
{
	sim_point(SIM_PT_WRITE_ONCE, &key->enabled);
	WRITE_ONCE(key->enabled, on);
}

#define static_key_enabled(x) kshim_static_key_read(&(x)->key)
#define static_branch_likely(x) likely(static_key_enabled(x))
#define static_branch_unlikely(x) unlikely(static_key_enabled(x))
#define static_branch_enable(x) kshim_static_key_write(&(x)->key, 1)
#define static_branch_disable(x) kshim_static_key_write(&(x)->key, 0)

#endif

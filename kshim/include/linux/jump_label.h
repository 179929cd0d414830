/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/jump_label.h (6.12).  A static key is a
 * plain flag read without a scheduling point: patched code has no load
 * the hardware could interleave.  Flipping it is a write the simulator
 * orders like any other step of the writer.
 */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include <linux/types.h>

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

#define static_key_enabled(x) (READ_ONCE((x)->key.enabled) > 0)
#define static_branch_likely(x) likely(static_key_enabled(x))
#define static_branch_unlikely(x) unlikely(static_key_enabled(x))
#define static_branch_enable(x) WRITE_ONCE((x)->key.enabled, 1)
#define static_branch_disable(x) WRITE_ONCE((x)->key.enabled, 0)

#endif

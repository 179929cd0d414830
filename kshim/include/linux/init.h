/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/init.h (6.12).  Initcalls are collected in
 * one linker section and run by kshim_boot() in level order, as
 * do_initcalls() does; boot-time registrations (e.g. DAMON's ops sets)
 * are part of the kernel behaviour under test.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);

struct kshim_initcall {
	int level;
	initcall_t fn;
	const char *name;
};

#define __kshim_initcall(initfn, lvl)                                        \
	static const struct kshim_initcall __kshim_initcall_##initfn       \
		__used __section("kshim_initcalls") __aligned(8) = {     \
		.level = (lvl), .fn = (initfn), .name = #initfn }

#define early_initcall(fn) __kshim_initcall(fn, 0)
#define core_initcall(fn) __kshim_initcall(fn, 1)
#define postcore_initcall(fn) __kshim_initcall(fn, 2)
#define arch_initcall(fn) __kshim_initcall(fn, 3)
#define subsys_initcall(fn) __kshim_initcall(fn, 4)
#define fs_initcall(fn) __kshim_initcall(fn, 5)
#define device_initcall(fn) __kshim_initcall(fn, 6)
#define late_initcall(fn) __kshim_initcall(fn, 7)
#define module_init(fn) device_initcall(fn)
#define module_exit(fn)

#endif

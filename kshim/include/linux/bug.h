/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/asm-generic/bug.h and include/linux/mmdebug.h
 * (6.12).  A WARN is recorded as a finding and execution goes on, as in
 * the kernel; a BUG is recorded and ends the simulated thread, as an
 * oops kills the task (locks it held stay held).  Outside a simulated
 * thread a BUG aborts the process.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <kshim/sim.h>

_Noreturn void kshim_bug(const char *file, int line, const char *func,
			 const char *cond);
void kshim_warn(const char *file, int line, const char *func,
		const char *fmt, ...) __printf(4, 5);

#define BUG() kshim_bug(__FILE__, __LINE__, __func__, (void *)0)
#define BUG_ON(cond)                                                    \
	do {                                                            \
		if (unlikely(cond))                                     \
			kshim_bug(__FILE__, __LINE__, __func__, #cond); \
	} while (0)

#define WARN_ON(cond)                                                    \
	({                                                               \
		int __ret_warn_on = !!(cond);                            \
		if (unlikely(__ret_warn_on))                             \
			kshim_warn(__FILE__, __LINE__, __func__, "%s",  \
				   "WARN_ON(" #cond ")");                \
		unlikely(__ret_warn_on);                                 \
	})
#define WARN(cond, fmt...)                                              \
	({                                                              \
		int __ret_warn_on = !!(cond);                           \
		if (unlikely(__ret_warn_on))                            \
			kshim_warn(__FILE__, __LINE__, __func__, fmt);  \
		unlikely(__ret_warn_on);                                \
	})
/*
 * "Once" means once per simulated boot: the flag remembers the boot it
 * fired in, so no run inherits another's state, in kernel code and in
 * kshim's own runtime alike.
 */
extern unsigned long kshim_boot_generation;
#define __ONCE_PER_BOOT(report)                                         \
	do {                                                            \
		static unsigned long __once_gen;                        \
		if (__once_gen != kshim_boot_generation) {              \
			__once_gen = kshim_boot_generation;             \
			report;                                         \
		}                                                       \
	} while (0)
#define __WARN_ONCE_GUARD(cond, report)                                 \
	({                                                              \
		int __ret_warn_once = !!(cond);                         \
		if (unlikely(__ret_warn_once))                          \
			__ONCE_PER_BOOT(report);                        \
		unlikely(__ret_warn_once);                              \
	})
#define WARN_ON_ONCE(cond)                                              \
	__WARN_ONCE_GUARD(cond, kshim_warn(__FILE__, __LINE__, __func__, \
					   "%s", "WARN_ON_ONCE(" #cond ")"))
#define WARN_ONCE(cond, fmt...) \
	__WARN_ONCE_GUARD(cond, kshim_warn(__FILE__, __LINE__, __func__, fmt))

/* CONFIG_DEBUG_VM is off in Debian's kernel: these compile to nothing. */
#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)
#else
#define VM_BUG_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond) BUILD_BUG_ON_INVALID(cond)
#endif
/* include/linux/mmdebug.h: the page/folio-dumping forms, same rules */
#define VM_BUG_ON_PAGE(cond, page) VM_BUG_ON(cond)
#define VM_BUG_ON_FOLIO(cond, folio) VM_BUG_ON(cond)
#define VM_WARN_ON_FOLIO(cond, folio) VM_WARN_ON(cond)
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))

#endif

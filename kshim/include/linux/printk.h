/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for include/linux/printk.h (6.12).  Messages go to the
 * simulated kernel log (kshim/src/printk.c), stamped with the virtual
 * clock as dmesg does; pr_debug is compiled in, as with DYNAMIC_DEBUG,
 * but logged only at the debug level.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include <linux/compiler.h>

#define KERN_SOH "\001"
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
/* once per simulated boot, as WARN_ONCE (see linux/bug.h) */
extern unsigned long kshim_boot_generation;
#define __printk_once(printer, fmt, ...)                          \
	({                                                        \
		static unsigned long __once_gen;                  \
		if (__once_gen != kshim_boot_generation) {        \
			__once_gen = kshim_boot_generation;       \
			printer(fmt, ##__VA_ARGS__);              \
		}                                                 \
	})
#define pr_warn_once(fmt, ...) __printk_once(pr_warn, fmt, ##__VA_ARGS__)
#define pr_info_once(fmt, ...) __printk_once(pr_info, fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited pr_warn
#define pr_err_ratelimited pr_err
#define no_printk(fmt, ...)                             \
	({                                              \
		if (0)                                  \
			printk(fmt, ##__VA_ARGS__);     \
		0;                                      \
	})

#endif

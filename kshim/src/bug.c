// SPDX-License-Identifier: GPL-2.0-only
/*
 * WARN and BUG from kernel code become findings of the run, with the
 * kernel file and line (the #line markers of the extracted code point
 * there), logged as the kernel would log them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/bug.h>
#include <linux/printk.h>

_Noreturn void kshim_task_dead(void);

void kshim_warn(const char *file, int line, const char *func,
		const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_WARNING "WARNING: at %s:%d %s: %s\n", file, line, func,
	       msg);
	sim_finding(SIM_FINDING_WARN, file, line, func, "%s", msg);
}

_Noreturn void kshim_bug(const char *file, int line, const char *func,
			 const char *cond)
{
	printk(KERN_CRIT "kernel BUG at %s:%d! (%s%s%s)\n", file, line, func,
	       cond ? ": " : "", cond ? cond : "");
	sim_finding(SIM_FINDING_BUG, file, line, func, "%s",
		    cond ? cond : "BUG()");
	if (!sim_in_thread()) {
		fprintf(stderr, "faultsim: kernel BUG at %s:%d outside a "
				"simulated thread\n", file, line);
		abort();
	}
	/* the oops kills the task; what it held stays held */
	kshim_task_dead();
}

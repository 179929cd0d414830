// SPDX-License-Identifier: GPL-2.0-only
/*
 * The readable log of a replay, in the column layout of the kernel's
 * ftrace output (see sim/trace.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/sched.h"
#include "sim/trace.h"

void sim_trace_log_vevent(FILE *f, uint64_t time_ns, const char *thread,
			  int pid, int cpu, const char *fmt, va_list ap)
{
	uint64_t us = (time_ns + 500) / 1000;	/* ns2usecs() */

	fprintf(f, "%16s-%-7d [%03d] ..... %5llu.%06llu: ", thread, pid, cpu,
		(unsigned long long)(us / 1000000),
		(unsigned long long)(us % 1000000));
	vfprintf(f, fmt, ap);
	fputc('\n', f);
}

void sim_trace_log_event(FILE *f, uint64_t time_ns, const char *thread,
			 int pid, int cpu, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_trace_log_vevent(f, time_ns, thread, pid, cpu, fmt, ap);
	va_end(ap);
}

void sim_trace_log_line(FILE *f, uint64_t time_ns, const char *thread,
			const char *fmt, ...)
{
	int pid = sim_in_thread() ? sim_thread_id(sim_current()) : 0;
	int cpu = 0;
	char *end;
	long n;
	va_list ap;

	if (!strncmp(thread, "cpu", 3) && thread[3] >= '0' &&
	    thread[3] <= '9') {
		n = strtol(thread + 3, &end, 10);
		if (!*end && n <= 999)
			cpu = n;
	}
	va_start(ap, fmt);
	sim_trace_log_vevent(f, time_ns, thread, pid, cpu, fmt, ap);
	va_end(ap);
}

void sim_trace_log_header(FILE *f)
{
	/* print_func_help_header_irq() without TGID: prec 2 */
	static const char sp[] = "  ";

	fputs("# tracer: faultsim\n#\n", f);
	fprintf(f, "#                            %s  _-----=> irqs-off/BH-disabled\n", sp);
	fprintf(f, "#                            %s / _----=> need-resched\n", sp);
	fprintf(f, "#                            %s| / _---=> hardirq/softirq\n", sp);
	fprintf(f, "#                            %s|| / _--=> preempt-depth\n", sp);
	fprintf(f, "#                            %s||| / _-=> migrate-disable\n", sp);
	fprintf(f, "#                            %s|||| /     delay\n", sp);
	fprintf(f, "#           TASK-PID  %.2s CPU#  |||||  TIMESTAMP  FUNCTION\n", "     TGID   ");
	fprintf(f, "#              | |    %.2s   |   |||||     |         |\n", "       |    ");
}

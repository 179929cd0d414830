// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated kernel log: printk() lines stamped with the virtual
 * clock, as dmesg shows them ("[    1.004000] damon: ..."), kept in a
 * bounded ring and echoed to a console stream by level, as the kernel's
 * console_loglevel does.  KERN_CONT continues the previous line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/printk.h>
#include <linux/time64.h>
#include <kshim/kshim.h>
#include <kshim/sim.h>

#define LOG_LINES 256
#define LOG_LINE_BYTES 256

static char ring[LOG_LINES][LOG_LINE_BYTES];
static int ring_head;		/* next slot to write */
static int ring_count;
static int console_level = KSHIM_LOG_WARNING;
/* printk_store(): KERN_CONT continues only a record without a newline */
static bool last_open;
static int open_level;		/* level of the record being continued */
static FILE *console;

void kshim_log_set_console(int level, void *stream)
{
	console_level = level;
	console = stream;
}

void kshim_log_reset(void)
{
	ring_head = 0;
	ring_count = 0;
	last_open = false;
}

int kshim_log_lines(void)
{
	return ring_count;
}

const char *kshim_log_line(int i)
{
	if (i < 0 || i >= ring_count)
		return NULL;
	return ring[(ring_head - 1 - i + LOG_LINES) % LOG_LINES];
}

static int parse_level(const char **fmt, bool *cont)
{
	int level = 4;	/* MESSAGE_LOGLEVEL_DEFAULT */

	*cont = false;
	while ((*fmt)[0] == KERN_SOH[0] && (*fmt)[1]) {
		if ((*fmt)[1] == 'c')
			*cont = true;
		else if ((*fmt)[1] >= '0' && (*fmt)[1] <= '7')
			level = (*fmt)[1] - '0';
		*fmt += 2;
	}
	return level;
}

int vprintk(const char *fmt, va_list args)
{
	char msg[LOG_LINE_BYTES - 24];
	uint64_t ns = sim_now_ns();
	bool cont;
	int level = parse_level(&fmt, &cont);
	char *slot;
	int n;

	n = vsnprintf(msg, sizeof(msg), fmt, args);
	if (cont && ring_count && last_open) {
		level = open_level;
		slot = ring[(ring_head - 1 + LOG_LINES) % LOG_LINES];
		strncat(slot, msg, LOG_LINE_BYTES - strlen(slot) - 1);
	} else {
		slot = ring[ring_head];
		snprintf(slot, LOG_LINE_BYTES, "[%5llu.%06llu] %s",
			 (unsigned long long)(ns / NSEC_PER_SEC),
			 (unsigned long long)(ns % NSEC_PER_SEC / 1000), msg);
		open_level = level;
		ring_head = (ring_head + 1) % LOG_LINES;
		if (ring_count < LOG_LINES)
			ring_count++;
	}
	/* the ring holds lines without their newline */
	n = strlen(slot);
	last_open = !(n && slot[n - 1] == '\n');
	if (!last_open)
		slot[n - 1] = '\0';
	if (console && level <= console_level && !last_open)
		fprintf(console, "%s\n", slot);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

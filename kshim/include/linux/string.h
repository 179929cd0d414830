/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/string.h (6.12). */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>
#include <linux/types.h>

ssize_t strscpy(char *dst, const char *src, size_t count);
void *memchr_inv(const void *start, int c, size_t bytes);

#endif

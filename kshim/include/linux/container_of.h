/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/container_of.h (6.12). */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <stddef.h>

#define container_of(ptr, type, member)                           \
	({                                                        \
		void *__mptr = (void *)(ptr);                     \
		((type *)(__mptr - offsetof(type, member)));      \
	})

#endif

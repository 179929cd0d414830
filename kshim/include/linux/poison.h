/* SPDX-License-Identifier: GPL-2.0-only */
/* Mirrors include/linux/poison.h (6.12) with POISON_POINTER_DELTA 0. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

#define LIST_POISON1 ((void *)0x100)
#define LIST_POISON2 ((void *)0x122)

#endif
